package scheduler

import (
	"errors"
	"fmt"
	"time"
)

// The Sender's errors, in the scheduler's words: what each one means for
// the nudge is all the dispatcher needs to know of Slack.
var (
	// ErrRejected means Slack answered and refused the post: nothing was
	// posted, and trying again at once would not help.
	ErrRejected = errors.New("send rejected")
	// ErrUnknownOutcome means the post may or may not have landed (a 5xx,
	// a timeout, a dropped connection): the DM history decides before
	// anything is sent again. An error of no known kind means the same.
	ErrUnknownOutcome = errors.New("send outcome unknown")
)

// RetryAfterError means Slack asked to wait (rate limited): nothing was
// posted, and the send may go again after After.
type RetryAfterError struct {
	After time.Duration
	Err   error // the Slack error, for the log
}

// Error implements error.
func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("send rate limited, retry after %s: %v", e.After, e.Err)
}

// Unwrap gives the Slack error.
func (e *RetryAfterError) Unwrap() error { return e.Err }
