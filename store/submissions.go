package store

import (
	"context"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
)

// submissionTTL is how long a submission's key is kept: Slack delivers an
// unacked envelope again within minutes, never a day later.
const submissionTTL = 24 * time.Hour

// once records ctx's submission key (followup.WithSubmission) in tx: the
// first transaction to record it goes on, any later one, on any instance,
// gets ErrDuplicate and rolls back. The key commits with the write it
// guards, so a write that fails leaves the key free for the retry.
func once(ctx context.Context, tx *txn) error {
	key := followup.Submission(ctx)
	if key == "" {
		return nil
	}
	res, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO submissions (key, seen_at) VALUES (?, ?)
		ON CONFLICT (key) DO NOTHING`), key, encodeTime(tx.now))
	if err != nil {
		return fmt.Errorf("submission %s: %w", key, dbErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("submission %s: %w", key, err)
	}
	if n == 0 {
		return fmt.Errorf("submission %s: %w", key, followup.ErrDuplicate)
	}
	return nil
}

// forgetSubmissions drops the keys older than submissionTTL.
func forgetSubmissions(ctx context.Context, tx *txn, now time.Time) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM submissions WHERE seen_at < ?`),
		encodeTime(now.Add(-submissionTTL)))
	if err != nil {
		return fmt.Errorf("forget old submissions: %w", dbErr(err))
	}
	return nil
}
