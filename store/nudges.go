package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/jmoiron/sqlx"
)

// nudgeRow is a nudges row joined with its interview's student.
type nudgeRow struct {
	ID          int64   `db:"id"`
	InterviewID int64   `db:"interview_id"`
	Team        string  `db:"team_id"`
	User        string  `db:"user_id"`
	Kind        string  `db:"kind"`
	DueAt       instant `db:"due_at"`
	Status      string  `db:"status"`
	Attempts    int     `db:"attempts"`
	LastError   string  `db:"last_error"`
	ClaimedAt   instant `db:"claimed_at"`
	Channel     string  `db:"channel"`
	TS          string  `db:"ts"`
	SentAt      instant `db:"sent_at"`
}

func (r nudgeRow) nudge() followup.Nudge {
	return followup.Nudge{
		ID:          r.ID,
		InterviewID: r.InterviewID,
		Student:     followup.UserID{Team: r.Team, User: r.User},
		Kind:        followup.NudgeKind(r.Kind),
		DueAt:       r.DueAt.time(),
		Status:      followup.NudgeStatus(r.Status),
		Attempts:    r.Attempts,
		LastError:   r.LastError,
		ClaimedAt:   r.ClaimedAt.time(),
		Channel:     r.Channel,
		TS:          r.TS,
		SentAt:      r.SentAt.time(),
	}
}

const nudgeSelect = `SELECT n.id, n.interview_id, i.team_id, i.user_id, n.kind, n.due_at,
	n.status, n.attempts, n.last_error, n.claimed_at, n.channel, n.ts, n.sent_at
	FROM nudges n JOIN interviews i ON i.id = n.interview_id`

// Queries of the claim, named so a test can ask SQLite for their plans.
// Statuses are literals, not arguments, so the planner can use the
// indexes (and the partial index) that mention them.
const (
	claimDueQuery = `SELECT id FROM nudges
		WHERE status = 'pending' AND due_at <= ?
		ORDER BY due_at, id LIMIT ?`
	claimStaleQuery = `SELECT id FROM nudges
		WHERE status = 'claimed' AND claimed_at < ?
		ORDER BY claimed_at, id LIMIT ?`
)

// DefaultClaimLimit is how many nudges ClaimDueNudges claims when it is
// given no positive limit.
const DefaultClaimLimit = 100

// ClaimDueNudges claims, in one transaction, up to limit nudges to send
// now: pending ones due at or before now (earliest first) and, first of
// all, claimed ones whose claim is older than staleAfter. The send outcome
// of a stale claim is unknown, so those come back with Unsure set: check
// the DM history before sending again. Each claimed nudge gets
// claimed_at = now and one more attempt. Two callers, in this process or
// another, never get the same nudge. staleAfter <= 0 never reclaims;
// limit <= 0 means DefaultClaimLimit.
func (db *DB) ClaimDueNudges(ctx context.Context, now time.Time, limit int, staleAfter time.Duration) ([]followup.Nudge, error) {
	if limit <= 0 {
		limit = DefaultClaimLimit
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	nudges, err := claimDueNudges(ctx, tx, now.UTC().Round(0), limit, staleAfter)
	if err != nil {
		return nil, fmt.Errorf("claim due nudges: %w", err)
	}
	if err := commit(tx); err != nil {
		return nil, err
	}
	return nudges, nil
}

func claimDueNudges(ctx context.Context, tx *txn, now time.Time, limit int, staleAfter time.Duration) ([]followup.Nudge, error) {
	var stale []int64
	if staleAfter > 0 {
		err := tx.SelectContext(ctx, &stale, tx.Rebind(claimStaleQuery), encodeTime(now.Add(-staleAfter)), limit)
		if err != nil {
			return nil, dbErr(err)
		}
	}
	var due []int64
	if n := limit - len(stale); n > 0 {
		if err := tx.SelectContext(ctx, &due, tx.Rebind(claimDueQuery), encodeTime(now), n); err != nil {
			return nil, dbErr(err)
		}
	}
	ids := append(stale, due...)
	if len(ids) == 0 {
		return nil, nil
	}

	// Chunks keep IN lists under every database's limit on arguments.
	const chunk = 500
	byID := make(map[int64]followup.Nudge, len(ids))
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		q, args, err := sqlx.In(`UPDATE nudges SET status = 'claimed', claimed_at = ?,
			attempts = attempts + 1, updated_at = ? WHERE id IN (?)`,
			encodeTime(now), encodeTime(now), part)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(q), args...); err != nil {
			return nil, dbErr(err)
		}
		q, args, err = sqlx.In(nudgeSelect+` WHERE n.id IN (?)`, part)
		if err != nil {
			return nil, err
		}
		var rows []nudgeRow
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), args...); err != nil {
			return nil, dbErr(err)
		}
		for _, r := range rows {
			byID[r.ID] = r.nudge()
		}
	}
	nudges := make([]followup.Nudge, 0, len(ids))
	for i, id := range ids {
		n := byID[id]
		n.Unsure = i < len(stale)
		nudges = append(nudges, n)
	}
	return nudges, nil
}

// MarkNudgeSent records that a claimed nudge went out as message ts in
// channel at at (the transaction's time if zero). A nudge that is not
// claimed (cancelled meanwhile, or already sent) gives ErrConflict.
func (db *DB) MarkNudgeSent(ctx context.Context, nudgeID int64, channel, ts string, at time.Time) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if at.IsZero() {
		at = tx.now
	}
	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE nudges SET status = 'sent', channel = ?,
		ts = ?, sent_at = ?, updated_at = ? WHERE id = ? AND status = 'claimed'`),
		channel, ts, encodeTime(at), encodeTime(tx.now), nudgeID)
	if err != nil {
		return fmt.Errorf("mark nudge %d sent: %w", nudgeID, dbErr(err))
	}
	if err := claimedOnly(ctx, tx, res, nudgeID); err != nil {
		return fmt.Errorf("mark nudge %d sent: %w", nudgeID, err)
	}
	return commit(tx)
}

// ReleaseNudge puts a claimed nudge whose send failed back to pending, due
// again at retryAt, with lastErr for the record: a failed nudge stays due,
// it is never dropped. A nudge that is not claimed gives ErrConflict.
func (db *DB) ReleaseNudge(ctx context.Context, nudgeID int64, lastErr string, retryAt time.Time) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if retryAt.IsZero() {
		retryAt = tx.now
	}
	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE nudges SET status = 'pending', last_error = ?,
		due_at = ?, claimed_at = NULL, updated_at = ? WHERE id = ? AND status = 'claimed'`),
		lastErr, encodeTime(retryAt), encodeTime(tx.now), nudgeID)
	if err != nil {
		return fmt.Errorf("release nudge %d: %w", nudgeID, dbErr(err))
	}
	if err := claimedOnly(ctx, tx, res, nudgeID); err != nil {
		return fmt.Errorf("release nudge %d: %w", nudgeID, err)
	}
	return commit(tx)
}

// claimedOnly explains an UPDATE ... WHERE status = 'claimed' that touched
// nothing: ErrNotFound if the nudge is missing, ErrConflict if it is in
// another state.
func claimedOnly(ctx context.Context, tx *txn, res sql.Result, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 1 {
		return nil
	}
	nu, err := findNudge(ctx, tx, id)
	if err != nil {
		return err
	}
	return fmt.Errorf("nudge is %s, not claimed: %w", nu.Status, followup.ErrConflict)
}

// Nudge returns the nudge with id, or ErrNotFound.
func (db *DB) Nudge(ctx context.Context, id int64) (followup.Nudge, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return followup.Nudge{}, err
	}
	defer tx.Rollback()
	return findNudge(ctx, tx, id)
}

// NudgesFor returns every nudge of an interview, cancelled ones included,
// oldest first.
func (db *DB) NudgesFor(ctx context.Context, interviewID int64) ([]followup.Nudge, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	var rows []nudgeRow
	err = tx.SelectContext(ctx, &rows, tx.Rebind(nudgeSelect+` WHERE n.interview_id = ? ORDER BY n.id`), interviewID)
	if err != nil {
		return nil, fmt.Errorf("nudges of interview %d: %w", interviewID, dbErr(err))
	}
	nudges := make([]followup.Nudge, len(rows))
	for i, r := range rows {
		nudges[i] = r.nudge()
	}
	return nudges, nil
}

// PendingNudgeCount returns how many nudges wait to be claimed, due or not.
func (db *DB) PendingNudgeCount(ctx context.Context) (int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()

	var n int
	if err := tx.GetContext(ctx, &n, `SELECT COUNT(*) FROM nudges WHERE status = 'pending'`); err != nil {
		return 0, fmt.Errorf("count pending nudges: %w", dbErr(err))
	}
	return n, nil
}

func findNudge(ctx context.Context, tx *txn, id int64) (followup.Nudge, error) {
	var r nudgeRow
	if err := tx.GetContext(ctx, &r, tx.Rebind(nudgeSelect+` WHERE n.id = ?`), id); err != nil {
		return followup.Nudge{}, fmt.Errorf("nudge %d: %w", id, dbErr(err))
	}
	return r.nudge(), nil
}
