package store

import (
	"context"
	"fmt"

	"github.com/followup-coach/followup/followup"
)

// studentRow is a students row.
type studentRow struct {
	Team             string  `db:"team_id"`
	User             string  `db:"user_id"`
	TZ               string  `db:"tz"`
	WaitBusinessDays int     `db:"wait_business_days"`
	NudgeHour        int     `db:"nudge_hour"`
	Calendar         string  `db:"calendar"`
	CareerLevel      string  `db:"career_level"`
	Paused           bool    `db:"paused"`
	StatsOptOut      bool    `db:"stats_opt_out"`
	CreatedAt        instant `db:"created_at"`
	UpdatedAt        instant `db:"updated_at"`
}

func newStudentRow(s *followup.Student) studentRow {
	return studentRow{
		Team:             s.ID.Team,
		User:             s.ID.User,
		TZ:               s.TZ,
		WaitBusinessDays: s.Settings.WaitBusinessDays,
		NudgeHour:        s.Settings.NudgeHour,
		Calendar:         s.Settings.Calendar,
		CareerLevel:      string(s.Settings.CareerLevel),
		Paused:           s.Settings.Paused,
		StatsOptOut:      s.Settings.HideFromStats,
		CreatedAt:        instant(s.CreatedAt),
		UpdatedAt:        instant(s.UpdatedAt),
	}
}

func (r studentRow) student() followup.Student {
	return followup.Student{
		ID: followup.UserID{Team: r.Team, User: r.User},
		TZ: r.TZ,
		Settings: followup.Settings{
			WaitBusinessDays: r.WaitBusinessDays,
			NudgeHour:        r.NudgeHour,
			Calendar:         r.Calendar,
			CareerLevel:      followup.CareerLevel(r.CareerLevel),
			Paused:           r.Paused,
			HideFromStats:    r.StatsOptOut,
		},
		CreatedAt: r.CreatedAt.time(),
		UpdatedAt: r.UpdatedAt.time(),
	}
}

const studentColumns = `team_id, user_id, tz, wait_business_days, nudge_hour, calendar,
	career_level, paused, stats_opt_out, created_at, updated_at`

// EnsureStudent returns the student with id, creating them if they are new
// (created is then true) with tz, settings and the starter library items,
// all in one transaction, so a student never exists half set up. A zero
// settings means followup.DefaultSettings. An existing student keeps their
// settings; their time zone becomes tz when tz is non-empty and differs.
// starters is not modified.
func (db *DB) EnsureStudent(ctx context.Context, id followup.UserID, tz string, settings followup.Settings, starters []followup.LibraryItem) (st followup.Student, created bool, err error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return followup.Student{}, false, err
	}
	defer tx.Rollback()

	st, err = findStudent(ctx, tx, id)
	switch {
	case err == nil:
		if tz != "" && tz != st.TZ {
			st.TZ = tz
			if err := updateStudent(ctx, tx, &st); err != nil {
				return followup.Student{}, false, err
			}
		}
	case isNotFound(err):
		if settings == (followup.Settings{}) {
			settings = followup.DefaultSettings()
		}
		st = followup.Student{ID: id, TZ: tz, Settings: settings}
		if err := insertStudent(ctx, tx, &st); err != nil {
			return followup.Student{}, false, err
		}
		for _, it := range starters {
			it.ID, it.Student, it.Starter = 0, id, true
			if err := insertLibraryItem(ctx, tx, &it); err != nil {
				return followup.Student{}, false, fmt.Errorf("starter %q: %w", it.Title, err)
			}
		}
		created = true
	default:
		return followup.Student{}, false, err
	}
	if err := commit(tx); err != nil {
		return followup.Student{}, false, err
	}
	return st, created, nil
}

// Student returns the student with id, or ErrNotFound.
func (db *DB) Student(ctx context.Context, id followup.UserID) (followup.Student, error) {
	// One statement: no BEGIN needed for a consistent read (see DB).
	var r studentRow
	if err := db.reads.student.GetContext(ctx, &r, id.Team, id.User); err != nil {
		return followup.Student{}, fmt.Errorf("student %s/%s: %w", id.Team, id.User, dbErr(err))
	}
	return r.student(), nil
}

// studentQuery finds one student by team and user.
const studentQuery = `SELECT ` + studentColumns + ` FROM students
	WHERE team_id = ? AND user_id = ?`

func findStudent(ctx context.Context, tx *txn, id followup.UserID) (followup.Student, error) {
	var r studentRow
	err := tx.GetContext(ctx, &r, tx.Rebind(studentQuery), id.Team, id.User)
	if err != nil {
		return followup.Student{}, fmt.Errorf("student %s/%s: %w", id.Team, id.User, dbErr(err))
	}
	return r.student(), nil
}

func insertStudent(ctx context.Context, tx *txn, st *followup.Student) error {
	st.CreatedAt, st.UpdatedAt = tx.now, tx.now
	_, err := tx.NamedExecContext(ctx, `INSERT INTO students (`+studentColumns+`)
		VALUES (:team_id, :user_id, :tz, :wait_business_days, :nudge_hour, :calendar,
			:career_level, :paused, :stats_opt_out, :created_at, :updated_at)`, newStudentRow(st))
	if err != nil {
		return fmt.Errorf("insert student %s/%s: %w", st.ID.Team, st.ID.User, dbErr(err))
	}
	return nil
}

func updateStudent(ctx context.Context, tx *txn, st *followup.Student) error {
	st.UpdatedAt = tx.now
	res, err := tx.NamedExecContext(ctx, `UPDATE students SET tz = :tz,
		wait_business_days = :wait_business_days, nudge_hour = :nudge_hour,
		calendar = :calendar, career_level = :career_level, paused = :paused,
		stats_opt_out = :stats_opt_out, updated_at = :updated_at
		WHERE team_id = :team_id AND user_id = :user_id`, newStudentRow(st))
	if err != nil {
		return fmt.Errorf("update student %s/%s: %w", st.ID.Team, st.ID.User, dbErr(err))
	}
	return mustAffect(res, "student %s/%s", st.ID.Team, st.ID.User)
}

// UpdateStudent changes a student with fn in one transaction: fn sees the
// stored row and may change TZ and Settings (ID and CreatedAt are kept); an
// error from fn aborts the update and is returned wrapped. When plan is not
// nil, the same transaction then re-plans each of the student's open
// interviews with it (their nudges kept in step), so a settings, pause or
// time-zone change never leaves a nudge planned under the old settings. It
// returns the student and how many interviews were re-planned.
func (db *DB) UpdateStudent(ctx context.Context, id followup.UserID, fn func(*followup.Student) error, plan func(followup.Student, *followup.Interview)) (followup.Student, int, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return followup.Student{}, 0, err
	}
	defer tx.Rollback()

	st, err := findStudent(ctx, tx, id)
	if err != nil {
		return followup.Student{}, 0, err
	}
	orig := st
	if err := fn(&st); err != nil {
		return followup.Student{}, 0, fmt.Errorf("update student %s/%s: %w", id.Team, id.User, err)
	}
	st.ID, st.CreatedAt = orig.ID, orig.CreatedAt
	if err := updateStudent(ctx, tx, &st); err != nil {
		return followup.Student{}, 0, err
	}
	if plan == nil {
		return st, 0, commit(tx)
	}
	ivs, err := findInterviews(ctx, tx, id, 0)
	if err != nil {
		return followup.Student{}, 0, err
	}
	n := 0
	for _, iv := range ivs {
		if !iv.Open() {
			continue
		}
		plan(st, &iv)
		if err := updateInterview(ctx, tx, &iv); err != nil {
			return followup.Student{}, 0, err
		}
		if err := syncNudge(ctx, tx, &iv); err != nil {
			return followup.Student{}, 0, err
		}
		n++
	}
	if err := commit(tx); err != nil {
		return followup.Student{}, 0, err
	}
	return st, n, nil
}
