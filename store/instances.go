package store

import (
	"context"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
)

// Heartbeat records that instance is alive at now, renews the lease of
// every claim it holds to now+lease, and counts the live instances (seen
// within liveWithin) and the expired claims waiting to be recovered; it
// also forgets submission keys older than a day. The dispatcher calls it
// every few seconds while it runs.
func (db *DB) Heartbeat(ctx context.Context, instance string, now time.Time, lease, liveWithin time.Duration) (followup.Beat, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return followup.Beat{}, err
	}
	defer tx.Rollback()

	now = now.UTC().Round(0)
	var b followup.Beat
	_, err = tx.ExecContext(ctx, tx.Rebind(`INSERT INTO instances (id, started_at, seen_at) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`),
		instance, encodeTime(now), encodeTime(now))
	if err != nil {
		return followup.Beat{}, fmt.Errorf("heartbeat of %s: %w", instance, dbErr(err))
	}
	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE nudges SET lease_until = ?
		WHERE status = 'claimed' AND claimed_by = ? AND lease_until >= ?`),
		encodeTime(now.Add(lease)), instance, encodeTime(now))
	if err != nil {
		return followup.Beat{}, fmt.Errorf("heartbeat of %s: renew leases: %w", instance, dbErr(err))
	}
	held, err := res.RowsAffected()
	if err != nil {
		return followup.Beat{}, fmt.Errorf("heartbeat of %s: %w", instance, err)
	}
	b.Held = int(held)
	if err := forgetSubmissions(ctx, tx, now); err != nil {
		return followup.Beat{}, err
	}
	err = tx.GetContext(ctx, &b.Live, tx.Rebind(`SELECT COUNT(*) FROM instances WHERE seen_at >= ?`),
		encodeTime(now.Add(-liveWithin)))
	if err != nil {
		return followup.Beat{}, fmt.Errorf("heartbeat of %s: count instances: %w", instance, dbErr(err))
	}
	err = tx.GetContext(ctx, &b.Expired, tx.Rebind(`SELECT COUNT(*) FROM nudges
		WHERE status = 'claimed' AND lease_until < ?`), encodeTime(now))
	if err != nil {
		return followup.Beat{}, fmt.Errorf("heartbeat of %s: count expired claims: %w", instance, dbErr(err))
	}
	return b, commit(tx)
}

// LeaveInstance ends instance's claims just before now (they come back as unsure to
// whoever claims next: a predecessor's claims on start, or the claims left
// by a stop) and, if gone is set, removes the instance from the live ones
// so that the others' share of the send rate grows at once. It returns how
// many claims it let go.
func (db *DB) LeaveInstance(ctx context.Context, instance string, now time.Time, gone bool) (int, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()

	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE nudges SET lease_until = ?, claimed_by = ''
		WHERE status = 'claimed' AND claimed_by = ?`), encodeTime(now.UTC().Add(-time.Nanosecond)), instance)
	if err != nil {
		return 0, fmt.Errorf("let go of the claims of %s: %w", instance, dbErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("let go of the claims of %s: %w", instance, err)
	}
	if gone {
		if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM instances WHERE id = ?`), instance); err != nil {
			return 0, fmt.Errorf("remove instance %s: %w", instance, dbErr(err))
		}
	}
	return int(n), commit(tx)
}

// LetGoNudge gives up a claim whose send outcome is unknown without
// putting it back: it stays claimed by nobody until at, then comes back as
// unsure, so that the next claim checks the DM's history before sending.
// A nudge that is not claimed gives ErrConflict.
func (db *DB) LetGoNudge(ctx context.Context, nudgeID int64, lastErr string, at time.Time) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE nudges SET claimed_by = '', lease_until = ?,
		last_error = ?, updated_at = ? WHERE id = ? AND status = 'claimed'`),
		encodeTime(at), lastErr, encodeTime(tx.now), nudgeID)
	if err != nil {
		return fmt.Errorf("let go of nudge %d: %w", nudgeID, dbErr(err))
	}
	if err := claimedOnly(ctx, tx, res, nudgeID); err != nil {
		return fmt.Errorf("let go of nudge %d: %w", nudgeID, err)
	}
	return commit(tx)
}
