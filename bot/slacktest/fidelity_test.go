package slacktest

import (
	"testing"

	"github.com/slack-go/slack"
)

// Tests of behaviour where the emulator follows Slack rather than what is
// convenient; each names the Slack page it follows.

// chat.update: "For direct messages, ensure that this value is a DM ID
// (starts with D) instead of a User ID" (docs.slack.dev/reference/methods/chat.update).
func TestChatUpdateNeedsDMID(t *testing.T) {
	emu := newEmulator(t)
	api := newAPI(emu)
	ctx := testContext(t)
	ch, ts, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("Your follow-up is due.", false))
	if err != nil {
		t.Fatalf("PostMessage: %v", err)
	}
	tests := []struct {
		name, channel, want string
	}{
		{"UserID", "U1", "channel_not_found"},
		{"DMID", ch, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := api.UpdateMessageContext(ctx, tt.channel, ts, slack.MsgOptionText("Sent.", false))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("chat.update to %s: got %q, want %q", tt.channel, got, tt.want)
			}
		})
	}
}
