package slackerr

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/followup-coach/followup/scheduler"
	"github.com/slack-go/slack"
)

func TestSend(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		want  error // errors.Is target; nil for RetryAfter
		after time.Duration
	}{
		{"RateLimited", &slack.RateLimitedError{RetryAfter: 7 * time.Second}, nil, 7 * time.Second},
		{"SlackSaidNo", slack.SlackErrorResponse{Err: "channel_not_found"}, scheduler.ErrRejected, 0},
		{"BadRequest", slack.StatusCodeError{Code: 400}, scheduler.ErrRejected, 0},
		{"ServerError", slack.StatusCodeError{Code: 503}, scheduler.ErrUnknownOutcome, 0},
		{"Timeout", fmt.Errorf("post: %w", context.DeadlineExceeded), scheduler.ErrUnknownOutcome, 0},
		{"Wrapped429", fmt.Errorf("dm: %w", &slack.RateLimitedError{RetryAfter: time.Second}), nil, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Send(tt.err)
			// SlackErrorResponse is not comparable, so errors.Is cannot find it.
			if !strings.Contains(got.Error(), tt.err.Error()) {
				t.Errorf("got %v, want the Slack error %q kept", got, tt.err)
			}
			if tt.want == nil {
				var ra *scheduler.RetryAfterError
				if !errors.As(got, &ra) || ra.After != tt.after {
					t.Errorf("got %v, want RetryAfterError after %s", got, tt.after)
				}
				return
			}
			if !errors.Is(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if Send(nil) != nil {
		t.Errorf("Send(nil): got an error, want nil")
	}
}
