package store

import (
	"context"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
)

// statsActivityQuery reads what the numbers need of a team's interviews
// touched since a time, leaving out students who opted out. Every change
// to an interview stamps updated_at, so an interview with anything in the
// period is among them.
const statsActivityQuery = `SELECT i.user_id, s.calendar, i.created_at, i.first_follow_up_date,
	i.second_due, i.second_sent_date, i.diagnosis, i.stage, i.updated_at
	FROM interviews i JOIN students s ON s.team_id = i.team_id AND s.user_id = i.user_id
	WHERE i.team_id = ? AND i.updated_at >= ? AND s.stats_opt_out = FALSE`

const statsDraftsQuery = `SELECT i.user_id, d.created_at
	FROM drafts d JOIN interviews i ON i.id = d.interview_id
	JOIN students s ON s.team_id = i.team_id AND s.user_id = i.user_id
	WHERE i.team_id = ? AND d.created_at >= ? AND s.stats_opt_out = FALSE`

// StatsActivity returns, in one snapshot, the interviews of team changed
// at or after since and the drafts made since then, of the students who
// count in the stats. A zero since means all time.
func (db *DB) StatsActivity(ctx context.Context, team string, since time.Time) ([]followup.Activity, []followup.DraftMade, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()

	from := ""
	if !since.IsZero() {
		from = encodeTime(since)
	}
	// Plain Scan rather than sqlx's reflection: this reads every interview
	// of a large workspace.
	rows, err := tx.QueryContext(ctx, tx.Rebind(statsActivityQuery), team, from)
	if err != nil {
		return nil, nil, fmt.Errorf("stats: interviews: %w", dbErr(err))
	}
	defer rows.Close()
	var acts []followup.Activity
	for rows.Next() {
		var (
			a                    followup.Activity
			logged, changed      instant
			diagnosis, stage     string
			first, due, sentDate followup.Date
		)
		if err := rows.Scan(&a.Student, &a.Calendar, &logged, &first, &due, &sentDate, &diagnosis, &stage, &changed); err != nil {
			return nil, nil, fmt.Errorf("stats: interviews: %w", err)
		}
		a.LoggedAt, a.ChangedAt = logged.time(), changed.time()
		a.FirstSent, a.SecondDue, a.SecondSent = first, due, sentDate
		a.Diagnosis, a.Stage = followup.Diagnosis(diagnosis), followup.Stage(stage)
		acts = append(acts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("stats: interviews: %w", err)
	}

	drows, err := tx.QueryContext(ctx, tx.Rebind(statsDraftsQuery), team, from)
	if err != nil {
		return nil, nil, fmt.Errorf("stats: drafts: %w", dbErr(err))
	}
	defer drows.Close()
	var drafts []followup.DraftMade
	for drows.Next() {
		var (
			d  followup.DraftMade
			at instant
		)
		if err := drows.Scan(&d.Student, &at); err != nil {
			return nil, nil, fmt.Errorf("stats: drafts: %w", err)
		}
		d.At = at.time()
		drafts = append(drafts, d)
	}
	if err := drows.Err(); err != nil {
		return nil, nil, fmt.Errorf("stats: drafts: %w", err)
	}
	return acts, drafts, nil
}
