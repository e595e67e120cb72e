package slacktest

import (
	"errors"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup/followuptest"
)

// A storm is a stretch of time, not a number of calls: while it lasts,
// calls fail in about the shares asked for, the dropped ones are posted
// all the same, and once it is over every call succeeds.
func TestFailRate(t *testing.T) {
	clock := followuptest.NewClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC))
	emu := newEmulator(t, WithClock(clock.Now), WithPostBurst(10000))
	api := newAPI(emu)
	ctx := testContext(t)
	emu.FailRate("chat.postMessage", FaultMix{RateLimited: 30, RetryAfter: 2 * time.Second, ServerError: 20, Dropped: 5, Seed: 7},
		clock.Now().Add(time.Minute))

	const calls = 1000
	var got StormCount
	for range calls {
		_, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("Your follow-up is due.", false))
		var rl *slack.RateLimitedError
		var sc slack.StatusCodeError
		switch {
		case err == nil:
		case errors.As(err, &rl):
			if rl.RetryAfter != 2*time.Second {
				t.Fatalf("429: got Retry-After %s, want 2s", rl.RetryAfter)
			}
			got.RateLimited++
		case errors.As(err, &sc) && sc.Code == 503:
			got.ServerError++
		default:
			got.Dropped++ // no answer: the connection was cut
		}
	}
	got.Calls = calls
	if emu.Storm("chat.postMessage") != got {
		t.Errorf("Storm: got %+v, the client saw %+v", emu.Storm("chat.postMessage"), got)
	}
	// Shares within a few points of the mix (the draws are seeded).
	for _, c := range []struct {
		name      string
		n, lo, hi int
	}{
		{"429", got.RateLimited, 260, 340},
		{"503", got.ServerError, 160, 240},
		{"dropped", got.Dropped, 25, 80},
	} {
		if c.n < c.lo || c.n > c.hi {
			t.Errorf("%s: got %d of %d calls, want %d–%d", c.name, c.n, calls, c.lo, c.hi)
		}
	}
	posted := calls - got.RateLimited - got.ServerError
	if n := len(emu.Messages()); n != posted {
		t.Errorf("messages: got %d, want %d (successes and dropped ones)", n, posted)
	}

	clock.Add(time.Minute) // the storm is over
	for i := range 50 {
		if _, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("Your follow-up is due.", false)); err != nil {
			t.Fatalf("post %d after the storm: got %v, want success", i, err)
		}
	}
	if c := emu.Storm("chat.postMessage"); c.Calls != calls {
		t.Errorf("calls seen by the storm after its end: got %d, want %d", c.Calls, calls)
	}
}
