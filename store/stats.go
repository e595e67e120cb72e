package store

import (
	"context"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
)

// The stats count in SQL, per student, so Go reads one row per student
// (and per kind of second follow-up) rather than one per interview.
// Instants and dates are fixed-width text, so comparing text compares
// time. CASE rather than booleans: PostgreSQL cannot sum a boolean.
// MATERIALIZED (SQLite 3.35+, PostgreSQL 12+) keeps the planner on the
// period's index range: flattened, it walks a whole team by student to
// save the GROUP BY's sort.
const statsCountsQuery = `WITH touched AS MATERIALIZED (SELECT user_id,
		CASE WHEN created_at >= ? AND created_at < ? THEN 1 ELSE 0 END AS logged,
		CASE WHEN second_due >= ? AND second_due <= ? THEN 1 ELSE 0 END AS due,
		CASE WHEN stage = 'offer' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END AS offer,
		CASE WHEN stage = 'rejected' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END AS rejected,
		CASE WHEN stage = 'no_reply' AND updated_at >= ? AND updated_at < ? THEN 1 ELSE 0 END AS no_reply
		FROM interviews WHERE team_id = ? AND updated_at >= ?)
	SELECT user_id, SUM(logged), SUM(due), SUM(offer), SUM(rejected), SUM(no_reply)
	FROM touched GROUP BY user_id`

// statsSentQuery groups the second follow-ups sent in the period by
// student, diagnosis and wait range (its index in followup.WaitRanges,
// -1 when the wait is unknown).
var statsSentQuery = func() string {
	wait := "CASE"
	for i, w := range followup.WaitRanges() {
		cond := fmt.Sprintf("second_waited >= %d", w.Min)
		if w.Max >= 0 {
			cond += fmt.Sprintf(" AND second_waited <= %d", w.Max)
		}
		wait += fmt.Sprintf(" WHEN %s THEN %d", cond, i)
	}
	wait += " ELSE -1 END"
	return `WITH sent AS MATERIALIZED (SELECT user_id, diagnosis, ` + wait + ` AS wait,
		CASE WHEN stage IN ('replied', 'offer', 'rejected') THEN 1 ELSE 0 END AS replied
		FROM interviews WHERE team_id = ? AND second_sent_date >= ? AND second_sent_date <= ?)
		SELECT user_id, diagnosis, wait, COUNT(*), SUM(replied) FROM sent
		GROUP BY user_id, diagnosis, wait`
}()

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

	fromAt, toAt, fromDay := "", encodeTime(to), ""
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

	nd, nw := len(followup.Diagnoses()), len(followup.WaitRanges())
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

	diagIndex := map[string]int{}
	for i, d := range followup.Diagnoses() {
		diagIndex[string(d)] = i
	}
	err = query(ctx, tx, statsSentQuery, []any{team, fromDay, toDay}, func(scan func(...any) error) error {
		var user, diagnosis string
		var wait int
		var r followup.Replies
		if err := scan(&user, &diagnosis, &wait, &r.Sent, &r.Replied); err != nil {
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
		if wait >= 0 && wait < nw {
			a.ByWait[wait].Sent += r.Sent
			a.ByWait[wait].Replied += r.Replied
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
