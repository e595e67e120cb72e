package messages

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"
)

// Escape makes text a student typed safe to put in mrkdwn.
//
// It applies Slack's escaping of &, < and > (so "<!channel>" cannot ping
// anyone and "<http://x|y>" cannot fake a link), and swaps the mrkdwn
// formatting characters * ~ ` for look-alikes, because Slack has no escape
// for them and a stray "*" in a company name would otherwise bend the bold
// around it. "_" is left alone: it is common in names and time zones
// ("America/New_York") and only formats when it wraps a whole word.
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '*':
			b.WriteRune('\u2217') // ∗ asterisk operator
		case '~':
			b.WriteRune('\u223c') // ∼ tilde operator
		case '`':
			b.WriteRune('\u02cb') // ˋ modifier letter grave accent
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SomethingWentWrong is the reply when the bot failed and the student can
// only try again.
func SomethingWentWrong() Message {
	text := "Something went wrong on my side. Please try again in a minute."
	return Message{Text: text, Blocks: []slack.Block{section(BlockSomethingWrong, text)}}
}

// Paused confirms that nudges are paused.
func Paused() Message {
	text := "Nudges are paused. I won't DM you about follow-ups until you turn them back on with `/followup resume`. " +
		"Your interviews stay saved, and `/followup list` still works."
	return Message{
		Text:   "Nudges are paused.",
		Blocks: []slack.Block{section(BlockPausedMessage, text)},
	}
}

// Resumed confirms that nudges are back on; n is how many nudges were
// planned again.
func Resumed(n int) Message {
	var next string
	switch {
	case n <= 0:
		next = "Nothing is due right now. I'll DM you when a follow-up is."
	case n == 1:
		next = "I planned your next nudge again. You'll hear from me on the day it's due."
	default:
		next = fmt.Sprintf("I planned your next %d nudges again. You'll hear from me on the day each one is due.", n)
	}
	return Message{
		Text:   "Nudges are back on.",
		Blocks: []slack.Block{section(BlockResumedMessage, "Nudges are back on. "+next)},
	}
}

// Ephemeral wraps a short reply in a message. text is mrkdwn the caller
// wrote; anything a student typed in it must already be escaped.
func Ephemeral(text string) Message {
	return Message{Text: text, Blocks: []slack.Block{section(BlockEphemeral, text)}}
}
