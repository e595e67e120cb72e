package slacktest

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

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

// A response_url takes five posts within thirty minutes
// (docs.slack.dev/interactivity/handling-user-interaction).
func TestResponseURLExpires(t *testing.T) {
	clock := &fakeClock{now: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)}
	emu := newEmulator(t, WithClock(clock.Now))
	bot := startBot(t, emu, nil)
	ctx := testContext(t)
	if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "list"}); err != nil {
		t.Fatalf("SlashCommand: %v", err)
	}
	url := bot.next(t).Data.(slack.SlashCommand).ResponseURL
	post := func() (int, string) {
		t.Helper()
		resp, err := http.Post(url, "application/json", strings.NewReader(`{"text":"Here you are."}`))
		if err != nil {
			t.Fatalf("post: %v", err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.TrimSpace(string(b))
	}
	tests := []struct {
		name       string
		advance    time.Duration
		wantStatus int
		wantBody   string
	}{
		{"Fresh", 0, http.StatusOK, okBody},
		{"After29Minutes", 29 * time.Minute, http.StatusOK, okBody},
		{"After31Minutes", 2 * time.Minute, http.StatusNotFound, "expired_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Advance(tt.advance)
			if status, body := post(); status != tt.wantStatus || body != tt.wantBody {
				t.Errorf("got %d %q, want %d %q", status, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
}
