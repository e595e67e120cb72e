package messages

import (
	"net/mail"
	"net/url"
	"strings"
)

// MaxMailtoLen is the longest mailto link offered as a button. Slack allows
// 3000 characters in a button url, but many mail clients cut links at about
// 2000, and a cut link would lose the end of the email: the question.
const MaxMailtoLen = 2000

// MailtoURL builds a mailto link that opens the draft in the student's mail
// app. ok is false when the address is not a plain email address or the link
// would be longer than MaxMailtoLen.
func MailtoURL(email, subject, body string) (link string, ok bool) {
	email = strings.TrimSpace(email)
	a, err := mail.ParseAddress(email)
	// Only a bare address: a display name or stray characters in the
	// address part could add headers or recipients to the link.
	if err != nil || a.Name != "" || a.Address != email || strings.ContainsAny(email, "?&#%/\\ \"'<>") {
		return "", false
	}
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n") // RFC 6068 line breaks
	link = "mailto:" + email + "?subject=" + mailtoEscape(subject) + "&body=" + mailtoEscape(body)
	if len(link) > MaxMailtoLen {
		return "", false
	}
	return link, true
}

// mailtoEscape percent-encodes for a mailto query. Mail clients read "+" as a
// plus sign, not a space, so spaces become %20.
func mailtoEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
