package demo

import (
	"encoding/json"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
)

// shownMessage is one message as a member sees it in a conversation.
type shownMessage struct {
	TS        string          `json:"ts"`
	Text      string          `json:"text"`
	Blocks    json.RawMessage `json:"blocks,omitempty"`
	Ephemeral bool            `json:"ephemeral,omitempty"`
	Time      string          `json:"time"` // "9:00 AM" in the viewer's zone
	Day       string          `json:"day"`  // "Monday 9 March 2026"
	at        time.Time
}

// timeline replays the emulator's record of what the bot said into the
// conversation channel as viewer sees it now: edits replace, deletions
// remove, and ephemeral messages show only to the member they were for.
func timeline(log []slacktest.Message, channel, viewer string, loc *time.Location) []shownMessage {
	out := []shownMessage{} // "[]", not null: the page shows its empty state
	find := func(ts string) int {
		for i := len(out) - 1; i >= 0; i-- {
			if out[i].TS == ts {
				return i
			}
		}
		return -1
	}
	for _, m := range log {
		if m.Channel != channel || m.Ephemeral && m.User != viewer {
			continue
		}
		switch {
		case m.Deleted:
			if i := find(m.TS); i >= 0 {
				out = append(out[:i], out[i+1:]...)
			}
		case m.Replaced:
			if i := find(m.TS); i >= 0 {
				out[i].Text, out[i].Blocks = m.Text, m.Blocks
			}
		default:
			if m.Text == "" && m.Blocks == nil {
				continue
			}
			out = append(out, shownMessage{TS: m.TS, Text: m.Text, Blocks: m.Blocks, Ephemeral: m.Ephemeral, at: m.At})
		}
	}
	for i := range out {
		at := out[i].at.In(loc)
		out[i].Time = at.Format("3:04 PM")
		out[i].Day = at.Format("Monday 2 January 2006")
	}
	return out
}
