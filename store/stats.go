package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
)

// The stats count in SQL, per student, so Go reads one row per student
// (and per diagnosis and wait of the second follow-ups) rather than one
// per interview. Both queries walk the covering index interviews_stats in
// their GROUP BY order. Instants and dates are fixed-width text, so
// comparing text compares time. CASE rather than booleans: PostgreSQL
// cannot sum a boolean.
const (
	statsCountsQuery = `SELECT user_id,
		SUM(CASE WHEN created_at >= ? AND created_at < ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN second_due >= ? AND second_due <= ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN stage = 'offer' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN stage = 'rejected' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END),
		SUM(CASE WHEN stage = 'no_reply' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END)
		FROM interviews WHERE team_id = ? AND updated_at >= ?
		GROUP BY user_id`
	// statsSentQuery groups the second follow-ups sent in the period by
	// student, diagnosis and business days waited (NULL when unknown).
	statsSentQuery = `SELECT user_id, diagnosis, second_waited, COUNT(*),
		SUM(CASE WHEN stage IN ('replied', 'offer', 'rejected') THEN 1 ELSE 0 END)
		FROM interviews WHERE team_id = ? AND second_sent_date >= ? AND second_sent_date <= ?
		GROUP BY user_id, diagnosis, second_waited`
)

const (
	statsDraftsQuery = `SELECT i.user_id, COUNT(*)
		FROM drafts d JOIN interviews i ON i.id = d.interview_id
		WHERE i.team_id = ? AND d.created_at >= ? AND d.created_at < ?
		GROUP BY i.user_id`
	statsOptedOutQuery = `SELECT user_id FROM students WHERE team_id = ? AND stats_opt_out = TRUE`
)

// StatsActivity returns, in one snapshot, what each student of team did in
// [from, to) (a zero from means since the beginning), leaving out those who
// opted out. Dates are compared as the UTC dates of from and to; a student
// with nothing in the period is not returned.
func (db *DB) StatsActivity(ctx context.Context, team string, from, to time.Time) ([]followup.StudentActivity, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	// The earliest day, not "": PostgreSQL's date type refuses an empty
	// string, and it sorts first as text in SQLite too.
	fromAt, toAt, fromDay := "", encodeTime(to), "0001-01-01"
	if !from.IsZero() {
		fromAt, fromDay = encodeTime(from), followup.DateOf(from.UTC()).String()
	}
	toDay := followup.DateOf(to.UTC()).String()

	left := map[string]bool{}
	err = query(ctx, tx, statsOptedOutQuery, []any{team}, func(scan func(...any) error) error {
		var user string
		if err := scan(&user); err != nil {
			return err
		}
		left[user] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: opted out: %w", err)
	}

	nd, nw := len(followup.StatsDiagnoses()), len(followup.WaitRanges())
	newActivity := func(user string) followup.StudentActivity {
		return followup.StudentActivity{Student: user, ByDiagnosis: make([]followup.Replies, nd), ByWait: make([]followup.Replies, nw)}
	}
	var acts []followup.StudentActivity
	args := []any{fromAt, toAt, fromDay, toDay, fromAt, toAt, fromAt, toAt, fromAt, toAt, team, fromAt}
	err = query(ctx, tx, statsCountsQuery, args, func(scan func(...any) error) error {
		a := newActivity("")
		if err := scan(&a.Student, &a.Logged, &a.Due, &a.Offers, &a.Rejections, &a.NoReplies); err != nil {
			return err
		}
		if !left[a.Student] {
			acts = append(acts, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: interviews: %w", err)
	}
	byStudent := make(map[string]int, len(acts))
	for i, a := range acts {
		byStudent[a.Student] = i
	}
	// find returns the student's entry, adding one for a student seen only now.
	find := func(user string) *followup.StudentActivity {
		i, ok := byStudent[user]
		if !ok {
			i = len(acts)
			acts = append(acts, newActivity(user))
			byStudent[user] = i
		}
		return &acts[i]
	}

	waits := followup.WaitRanges()
	diagIndex := map[string]int{}
	for i, d := range followup.StatsDiagnoses() {
		diagIndex[string(d)] = i
	}
	err = query(ctx, tx, statsSentQuery, []any{team, fromDay, toDay}, func(scan func(...any) error) error {
		var user, diagnosis string
		var waited sql.NullInt64
		var r followup.Replies
		if err := scan(&user, &diagnosis, &waited, &r.Sent, &r.Replied); err != nil {
			return err
		}
		if left[user] {
			return nil
		}
		a := find(user)
		a.SecondSent.Sent += r.Sent
		a.SecondSent.Replied += r.Replied
		if i, ok := diagIndex[diagnosis]; ok {
			a.ByDiagnosis[i].Sent += r.Sent
			a.ByDiagnosis[i].Replied += r.Replied
		}
		for i, w := range waits {
			if waited.Valid && w.Contains(int(waited.Int64)) {
				a.ByWait[i].Sent += r.Sent
				a.ByWait[i].Replied += r.Replied
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: second follow-ups: %w", err)
	}

	err = query(ctx, tx, statsDraftsQuery, []any{team, fromAt, toAt}, func(scan func(...any) error) error {
		var user string
		var n int
		if err := scan(&user, &n); err != nil {
			return err
		}
		if !left[user] {
			find(user).Drafts = n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stats: drafts: %w", err)
	}
	// Interviews touched in the period with nothing counted in it.
	out := acts[:0]
	for _, a := range acts {
		if a.Any() {
			out = append(out, a)
		}
	}
	return out, nil
}

// query runs q and calls row for each row with its Scan. Plain Scan rather
// than sqlx's reflection.
func query(ctx context.Context, tx *txn, q string, args []any, row func(scan func(...any) error) error) error {
	rows, err := tx.QueryContext(ctx, tx.Rebind(q), args...)
	if err != nil {
		return dbErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
