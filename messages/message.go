// Package messages holds the words Follow-up Coach says and the Block Kit
// payloads that carry them.
//
// It is pure: no I/O, no clock reads (today and time zones are passed in) and
// no state. Everything a student typed goes through Escape before it lands in
// mrkdwn, and every payload is checked against Slack's limits in tests (see
// ValidateMessage and ValidateView).
package messages

import (
	"github.com/slack-go/slack"
)

// Message is a chat message: blocks plus the plain fallback Slack shows in
// notifications and screen readers.
type Message struct {
	// Text is the notification fallback. It is always set.
	Text string `json:"text"`
	// Blocks is the Block Kit layout.
	Blocks []slack.Block `json:"blocks"`
}

// dateLayout is how dates read in messages: "Thu 15 Jan".
const dateLayout = "Mon 2 Jan"

// clockLayout is how times of day read in messages: "9:00 AM".
const clockLayout = "3:04 PM"

// mrkdwn returns a mrkdwn text object. The caller escapes what students typed.
func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

// plain returns a plain_text object; plain text needs no escaping.
func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

// section returns a section block of mrkdwn text.
func section(blockID, text string) *slack.SectionBlock {
	return slack.NewSectionBlock(mrkdwn(text), nil, nil, slack.SectionBlockOptionBlockID(blockID))
}

// header returns a header block.
func header(blockID, text string) *slack.HeaderBlock {
	return slack.NewHeaderBlock(plain(text), slack.HeaderBlockOptionBlockID(blockID))
}

// note returns a context block with one line of small mrkdwn text.
func note(blockID, text string) *slack.ContextBlock {
	return slack.NewContextBlock(blockID, mrkdwn(text))
}

// button returns a button element.
func button(actionID, value, text string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value, plain(text))
}

// option returns an option with a plain text label and an optional description.
func option(value, text, description string) *slack.OptionBlockObject {
	var desc *slack.TextBlockObject
	if description != "" {
		desc = plain(description)
	}
	return slack.NewOptionBlockObject(value, plain(text), desc)
}
