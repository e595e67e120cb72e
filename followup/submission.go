package followup

import "context"

// submissionKey is the context key of a submission's idempotency key.
type submissionKey struct{}

// WithSubmission returns ctx carrying key, which names one submission of a
// student (a modal's view id): a store write made with it is made once,
// however many times Slack delivers the submission, and a repeat gives
// ErrDuplicate.
func WithSubmission(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, submissionKey{}, key)
}

// Submission returns the key WithSubmission put in ctx, or "".
func Submission(ctx context.Context) string {
	k, _ := ctx.Value(submissionKey{}).(string)
	return k
}
