package slacktest

import (
	"errors"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup/followuptest"
)

// chat.postMessage "generally allows posting one message per second per
// channel", with short bursts (docs.slack.dev/apis/web-api/rate-limits).
func TestPostRateLimit(t *testing.T) {
	clock := followuptest.NewClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC))
	emu := newEmulator(t, WithClock(clock.Now), WithPostBurst(2))
	api := newAPI(emu)
	ctx := testContext(t)
	tests := []struct {
		name    string
		channel string
		advance time.Duration
		want    time.Duration // Retry-After; 0 means the post goes through
	}{
		{"First", "U1", 0, 0},
		{"SecondInBurst", "U1", 0, 0},
		{"ThirdLimited", "U1", 0, time.Second},
		{"OtherChannel", "U2", 0, 0},
		{"AfterOneSecond", "U1", time.Second, 0},
		{"AgainLimited", "U1", 0, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Add(tt.advance)
			_, _, err := api.PostMessageContext(ctx, tt.channel, slack.MsgOptionText("Your follow-up is due.", false))
			var rl *slack.RateLimitedError
			switch {
			case tt.want == 0 && err != nil:
				t.Errorf("got %v, want the post to go through", err)
			case tt.want != 0 && (!errors.As(err, &rl) || rl.RetryAfter != tt.want):
				t.Errorf("got %v, want *slack.RateLimitedError with RetryAfter %v", err, tt.want)
			}
		})
	}
	if got, want := len(emu.Messages()), 4; got != want {
		t.Errorf("messages: got %d, want %d (a limited post is not recorded)", got, want)
	}
}
