// Package slackerr translates slack-go's errors of a chat.postMessage into
// the scheduler's Sender contract, so the scheduler knows nothing of
// slack-go.
package slackerr

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/followup-coach/followup/scheduler"
	"github.com/slack-go/slack"
)

// Send classifies err from a post: a 429 becomes *scheduler.RetryAfterError;
// an error Slack answered with (an "ok": false, or a 4xx) wraps
// scheduler.ErrRejected, as nothing was posted; anything else (5xx,
// network, timeout) wraps scheduler.ErrUnknownOutcome. nil stays nil.
func Send(err error) error {
	if err == nil {
		return nil
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &scheduler.RetryAfterError{After: rl.RetryAfter, Err: err}
	}
	var resp slack.SlackErrorResponse
	if errors.As(err, &resp) {
		return fmt.Errorf("%w: %w", scheduler.ErrRejected, err)
	}
	var status slack.StatusCodeError
	if errors.As(err, &status) && status.Code >= 400 && status.Code < 500 && status.Code != http.StatusTooManyRequests {
		return fmt.Errorf("%w: %w", scheduler.ErrRejected, err)
	}
	return fmt.Errorf("%w: %w", scheduler.ErrUnknownOutcome, err)
}
