package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
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
	ClaimedBy   string  `db:"claimed_by"`
	LeaseUntil  instant `db:"lease_until"`
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
		ClaimedBy:   r.ClaimedBy,
		LeaseUntil:  r.LeaseUntil.time(),
		Channel:     r.Channel,
		TS:          r.TS,
		SentAt:      r.SentAt.time(),
	}
}

const nudgeSelect = `SELECT n.id, n.interview_id, i.team_id, i.user_id, n.kind, n.due_at,
	n.status, n.attempts, n.last_error, n.claimed_at, n.claimed_by, n.lease_until, n.channel, n.ts, n.sent_at
	FROM nudges n JOIN interviews i ON i.id = n.interview_id`

// The two picks of a claim, named so a test can ask the engine for their
// plans. Statuses are literals, not arguments, so the planner can use the
// indexes (and the partial indexes) that mention them.
const (
	claimDueSelect = `SELECT id FROM nudges
		WHERE status = 'pending' AND due_at <= ?
		ORDER BY due_at, id LIMIT ?`
	claimExpiredSelect = `SELECT id FROM nudges
		WHERE status = 'claimed' AND lease_until < ?
		ORDER BY lease_until, id LIMIT ?`
)

// claimUpdate claims the rows a pick chose. The pick is a MATERIALIZED CTE,
// not a subquery inside IN (...): PostgreSQL may run a LIMIT ... FOR
// UPDATE subquery of IN more than once and lock more rows than it returns
// (bug #15715); a CTE runs once.
const claimUpdate = `WITH picked AS MATERIALIZED (%s%s)
	UPDATE nudges SET status = 'claimed', claimed_by = ?, claimed_at = ?, lease_until = ?,
		attempts = attempts + 1, updated_at = ?
	WHERE id IN (SELECT id FROM picked)
	RETURNING id`

// DefaultClaimLimit is how many nudges ClaimDueNudges claims when it is
// given no positive limit.
const DefaultClaimLimit = 100

// ClaimDueNudges claims for holder (an instance), in one transaction, up
// to limit nudges to send now: first the claims whose lease ran out before
// now (their holder died or gave them up), then pending nudges due at or
// before now, earliest first. An expired claim's send outcome is unknown,
// so those come back with Unsure set: check the DM history before sending
// again. Each claimed nudge gets claimed_at = now, a lease until now+lease
// and one more attempt. Two callers, in this process or another, on either
// engine, never get the same nudge. lease <= 0 means DefaultLease; limit
// <= 0 means DefaultClaimLimit.
func (db *DB) ClaimDueNudges(ctx context.Context, holder string, now time.Time, limit int, lease time.Duration) ([]followup.Nudge, error) {
	if limit <= 0 {
		limit = DefaultClaimLimit
	}
	if lease <= 0 {
		lease = DefaultLease
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	c := claim{d: db.d, holder: holder, now: now.UTC().Round(0), lease: lease}
	nudges, err := c.run(ctx, tx, limit)
	if err != nil {
		return nil, fmt.Errorf("claim due nudges: %w", err)
	}
	if err := commit(tx); err != nil {
		return nil, err
	}
	return nudges, nil
}

// DefaultLease is how long a claim holds without renewal when the caller
// names no lease.
const DefaultLease = 15 * time.Second

// claim is one ClaimDueNudges call.
type claim struct {
	d      dialect
	holder string
	now    time.Time
	lease  time.Duration
}

// pick claims up to limit rows chosen by sel and returns their ids.
func (c claim) pick(ctx context.Context, tx *txn, sel string, limit int) ([]int64, error) {
	q := tx.Rebind(fmt.Sprintf(claimUpdate, sel, c.d.skipLocked))
	var ids []int64
	err := tx.SelectContext(ctx, &ids, q, encodeTime(c.now), limit,
		c.holder, encodeTime(c.now), encodeTime(c.now.Add(c.lease)), encodeTime(tx.now))
	return ids, dbErr(err)
}

func (c claim) run(ctx context.Context, tx *txn, limit int) ([]followup.Nudge, error) {
	expired, err := c.pick(ctx, tx, claimExpiredSelect, limit)
	if err != nil {
		return nil, err
	}
	var due []int64
	if n := limit - len(expired); n > 0 {
		if due, err = c.pick(ctx, tx, claimDueSelect, n); err != nil {
			return nil, err
		}
	}
	ids := append(expired, due...)
	if len(ids) == 0 {
		return nil, nil
	}
	unsure := make(map[int64]bool, len(expired))
	for _, id := range expired {
		unsure[id] = true
	}

	// Chunks keep IN lists under every database's limit on arguments.
	const chunk = 500
	nudges := make([]followup.Nudge, 0, len(ids))
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		q, args, err := sqlx.In(nudgeSelect+` WHERE n.id IN (?)`, part)
		if err != nil {
			return nil, err
		}
		var rows []nudgeRow
		if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), args...); err != nil {
			return nil, dbErr(err)
		}
		for _, r := range rows {
			n := r.nudge()
			n.Unsure = unsure[n.ID]
			nudges = append(nudges, n)
		}
	}
	// Unsure ones first, then earliest due: RETURNING promises no order.
	slices.SortFunc(nudges, func(a, b followup.Nudge) int {
		if a.Unsure != b.Unsure {
			if a.Unsure {
				return -1
			}
			return 1
		}
		return cmp.Or(a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID, b.ID))
	})
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
		ts = ?, sent_at = ?, claimed_by = '', lease_until = NULL, updated_at = ?
		WHERE id = ? AND status = 'claimed'`),
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
		due_at = ?, claimed_at = NULL, claimed_by = '', lease_until = NULL, updated_at = ?
		WHERE id = ? AND status = 'claimed'`),
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
