package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
	"github.com/slack-go/slack"
)

// nudgeEvent is the metadata event type that marks a nudge DM.
const nudgeEvent = "followup_nudge"

// slackSender is a tiny Sender over the real slack-go client, as the bot
// does it: metadata on the post, conversations.history to find it again.
type slackSender struct{ api *slack.Client }

func newSlackSender(emu *slacktest.Server) slackSender {
	return slackSender{slack.New(slacktest.BotToken, slack.OptionAPIURL(emu.APIURL()))}
}

func (s slackSender) Deliver(ctx context.Context, n followup.Nudge) (string, string, error) {
	ch, ts, err := s.api.PostMessageContext(ctx, n.Student.User,
		slack.MsgOptionText("Your second follow-up is due today. Want a draft?", false),
		slack.MsgOptionMetadata(slack.SlackMetadata{EventType: nudgeEvent, EventPayload: map[string]any{
			"nudge_id": strconv.FormatInt(n.ID, 10), "interview_id": strconv.FormatInt(n.InterviewID, 10),
		}}))
	return ch, ts, sendError(err)
}

// sendError is the bot's translation (bot/slackerr, which this package's
// tests cannot import: it imports scheduler) cut to the faults used here.
func sendError(err error) error {
	var rl *slack.RateLimitedError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &rl):
		return &RetryAfterError{After: rl.RetryAfter, Err: err}
	}
	return fmt.Errorf("%w: %w", ErrUnknownOutcome, err)
}

func (s slackSender) Delivered(ctx context.Context, n followup.Nudge) (string, string, bool, error) {
	ch := "D" + n.Student.User
	h, err := s.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
		ChannelID: ch, Limit: 100, IncludeAllMetadata: true,
	})
	if err != nil {
		return "", "", false, fmt.Errorf("history of %s: %w", ch, err)
	}
	for _, m := range h.Messages {
		md := m.Metadata
		if md.EventType == nudgeEvent && md.EventPayload["nudge_id"] == strconv.FormatInt(n.ID, 10) {
			return ch, m.Timestamp, true, nil
		}
	}
	return "", "", false, nil
}

func TestAgainstEmulator(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		tests := []struct {
			name  string
			fault slacktest.Fault
			want  Result
		}{
			{"RateLimitedThenOK", slacktest.Fault{Status: 429, RetryAfter: time.Second, Count: 1}, Result{Claimed: 1, Sent: 1}},
			{"PostedButConnectionDropped", slacktest.Fault{DropAfterHandling: true, Count: 1}, Result{Claimed: 1, Recovered: 1}},
			{"ServerErrorThenOK", slacktest.Fault{Status: 502, Count: 1}, Result{Claimed: 1, Sent: 1}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				emu := slacktest.New()
				t.Cleanup(emu.Close)
				emu.FailNext("chat.postMessage", tt.fault)
				clock := newClock(tuesday10)
				db := openStore(t, e, clock)
				iv := seed(t, db, "U1", "UTC", tuesday10)
				d := New(Config{Store: db, Sender: newSlackSender(emu), Clock: clock})

				if got := scan(t, d); got != tt.want {
					t.Errorf("got %+v, want %+v", got, tt.want)
				}
				clock.Add(time.Hour)
				scan(t, d)
				var posts []slacktest.Message
				for _, m := range emu.Messages() {
					if m.Method == "chat.postMessage" {
						posts = append(posts, m)
					}
				}
				if len(posts) != 1 {
					t.Fatalf("got %d messages, want exactly 1", len(posts))
				}
				if n := onlyNudge(t, db, iv.ID); n.TS != posts[0].TS || n.Channel != "DU1" {
					t.Errorf("nudge: got ts %q in %q, want %q in DU1", n.TS, n.Channel, posts[0].TS)
				}
			})
		}
	})
}
