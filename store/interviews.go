package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/jmoiron/sqlx"
)

// interviewRow is an interviews row. Optional dates are NULL when zero.
type interviewRow struct {
	ID                int64         `db:"id"`
	Team              string        `db:"team_id"`
	User              string        `db:"user_id"`
	Company           string        `db:"company"`
	Role              string        `db:"role"`
	InterviewerName   string        `db:"interviewer_name"`
	InterviewerEmail  string        `db:"interviewer_email"`
	Notes             string        `db:"notes"`
	Topic             string        `db:"topic"`
	ThankYouLogged    bool          `db:"thank_you_logged"`
	InterviewDate     followup.Date `db:"interview_date"`
	FirstFollowUpDate followup.Date `db:"first_follow_up_date"`
	DecisionDate      followup.Date `db:"decision_date"`
	Stage             string        `db:"stage"`
	StageBeforeSnooze string        `db:"stage_before_snooze"`
	SnoozedUntil      instant       `db:"snoozed_until"`
	Diagnosis         string        `db:"diagnosis"`
	SecondDue         followup.Date `db:"second_due"`
	SecondSentDate    followup.Date `db:"second_sent_date"`
	SecondWaited      sql.NullInt64 `db:"second_waited"`
	NextNudgeAt       instant       `db:"next_nudge_at"`
	NextNudgeKind     string        `db:"next_nudge_kind"`
	CreatedAt         instant       `db:"created_at"`
	UpdatedAt         instant       `db:"updated_at"`
}

func newInterviewRow(iv *followup.Interview) interviewRow {
	return interviewRow{
		ID:                iv.ID,
		Team:              iv.Student.Team,
		User:              iv.Student.User,
		Company:           iv.Company,
		Role:              iv.Role,
		InterviewerName:   iv.InterviewerName,
		InterviewerEmail:  iv.InterviewerEmail,
		Notes:             iv.Notes,
		Topic:             iv.Topic,
		ThankYouLogged:    iv.ThankYouLogged,
		InterviewDate:     iv.InterviewDate,
		FirstFollowUpDate: iv.FirstFollowUpDate,
		DecisionDate:      derefDate(iv.DecisionDate),
		Stage:             string(iv.Stage),
		StageBeforeSnooze: string(iv.StageBeforeSnooze),
		SnoozedUntil:      instant(iv.SnoozedUntil),
		Diagnosis:         string(iv.Diagnosis),
		SecondDue:         iv.SecondDue,
		SecondSentDate:    derefDate(iv.SecondSentDate),
		SecondWaited:      sql.NullInt64{Int64: int64(iv.SecondWaited), Valid: iv.SecondSentDate != nil},
		NextNudgeAt:       instant(iv.NextNudgeAt),
		NextNudgeKind:     string(iv.NextNudgeKind),
		CreatedAt:         instant(iv.CreatedAt),
		UpdatedAt:         instant(iv.UpdatedAt),
	}
}

func (r interviewRow) interview() followup.Interview {
	return followup.Interview{
		ID:                r.ID,
		Student:           followup.UserID{Team: r.Team, User: r.User},
		Company:           r.Company,
		Role:              r.Role,
		InterviewerName:   r.InterviewerName,
		InterviewerEmail:  r.InterviewerEmail,
		Notes:             r.Notes,
		Topic:             r.Topic,
		ThankYouLogged:    r.ThankYouLogged,
		InterviewDate:     r.InterviewDate,
		FirstFollowUpDate: r.FirstFollowUpDate,
		DecisionDate:      datePtr(r.DecisionDate),
		Stage:             followup.Stage(r.Stage),
		StageBeforeSnooze: followup.Stage(r.StageBeforeSnooze),
		SnoozedUntil:      r.SnoozedUntil.time(),
		Diagnosis:         followup.Diagnosis(r.Diagnosis),
		SecondDue:         r.SecondDue,
		SecondSentDate:    datePtr(r.SecondSentDate),
		SecondWaited:      int(r.SecondWaited.Int64),
		NextNudgeAt:       r.NextNudgeAt.time(),
		NextNudgeKind:     followup.NudgeKind(r.NextNudgeKind),
		CreatedAt:         r.CreatedAt.time(),
		UpdatedAt:         r.UpdatedAt.time(),
	}
}

func derefDate(d *followup.Date) followup.Date {
	if d == nil {
		return followup.Date{}
	}
	return *d
}

func datePtr(d followup.Date) *followup.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

const interviewColumns = `id, team_id, user_id, company, role, interviewer_name,
	interviewer_email, notes, topic, thank_you_logged, interview_date, first_follow_up_date, decision_date,
	stage, stage_before_snooze, snoozed_until, diagnosis, second_due, second_sent_date, second_waited,
	next_nudge_at, next_nudge_kind, created_at, updated_at`

// CreateInterview stores a new interview for iv.Student, who must exist
// (else ErrNotFound), and plans its next nudge. With a submission key in
// ctx it does so once (ErrDuplicate after). It sets iv.ID, CreatedAt
// and UpdatedAt; a zero Stage becomes StageLogged. Text is kept exactly as
// typed.
func (db *DB) CreateInterview(ctx context.Context, iv *followup.Interview) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	cp := *iv
	if err := insertInterview(ctx, tx, &cp); err != nil {
		return err
	}
	if err := recordStage(ctx, tx, cp.ID, cp.Stage); err != nil {
		return err
	}
	if err := syncNudge(ctx, tx, &cp); err != nil {
		return err
	}
	if err := commit(tx); err != nil {
		return err
	}
	*iv = cp
	return nil
}

// Interview returns the interview with id, or ErrNotFound.
func (db *DB) Interview(ctx context.Context, id int64) (followup.Interview, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return followup.Interview{}, err
	}
	defer tx.Rollback()
	return findInterview(ctx, tx, id)
}

// ListInterviews returns up to limit of owner's interviews, newest
// interview date first (then newest logged first). limit <= 0 means all.
func (db *DB) ListInterviews(ctx context.Context, owner followup.UserID, limit int) ([]followup.Interview, error) {
	if limit > 0 {
		// One statement: no BEGIN needed for a consistent read (see DB).
		var rows []interviewRow
		if err := db.reads.interviews.SelectContext(ctx, &rows, owner.Team, owner.User, limit); err != nil {
			return nil, fmt.Errorf("interviews of %s/%s: %w", owner.Team, owner.User, dbErr(err))
		}
		return interviews(rows), nil
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findInterviews(ctx, tx, owner, limit)
}

// UpdateInterview changes interview id with fn in one transaction and
// re-plans its nudge if NextNudgeAt or NextNudgeKind changed. It returns
// ErrNotFound if the interview is missing and ErrForbidden if it is not
// owner's. An error from fn aborts the update and is returned wrapped. fn
// cannot change ID, Student or CreatedAt. With a submission key in ctx (a
// click Slack may deliver twice) it updates once (ErrDuplicate after).
func (db *DB) UpdateInterview(ctx context.Context, owner followup.UserID, id int64, fn func(*followup.Interview) error) (followup.Interview, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return followup.Interview{}, err
	}
	defer tx.Rollback()

	iv, err := findInterview(ctx, tx, id)
	if err != nil {
		return followup.Interview{}, err
	}
	if iv.Student != owner {
		return followup.Interview{}, fmt.Errorf("interview %d: %w", id, followup.ErrForbidden)
	}
	orig := iv
	if err := fn(&iv); err != nil {
		return followup.Interview{}, fmt.Errorf("update interview %d: %w", id, err)
	}
	iv.ID, iv.Student, iv.CreatedAt = orig.ID, orig.Student, orig.CreatedAt
	if err := updateInterview(ctx, tx, &iv); err != nil {
		return followup.Interview{}, err
	}
	if iv.Stage != orig.Stage {
		if err := recordStage(ctx, tx, iv.ID, iv.Stage); err != nil {
			return followup.Interview{}, err
		}
	}
	if err := syncNudge(ctx, tx, &iv); err != nil {
		return followup.Interview{}, err
	}
	if err := commit(tx); err != nil {
		return followup.Interview{}, err
	}
	return iv, nil
}

func findInterview(ctx context.Context, tx *txn, id int64) (followup.Interview, error) {
	var r interviewRow
	err := tx.GetContext(ctx, &r, tx.Rebind(`SELECT `+interviewColumns+` FROM interviews WHERE id = ?`), id)
	if err != nil {
		return followup.Interview{}, fmt.Errorf("interview %d: %w", id, dbErr(err))
	}
	return r.interview(), nil
}

// interviewsQuery lists a student's interviews, newest first.
const interviewsQuery = `SELECT ` + interviewColumns + ` FROM interviews
	WHERE team_id = ? AND user_id = ?
	ORDER BY interview_date DESC NULLS LAST, id DESC`

func findInterviews(ctx context.Context, tx *txn, owner followup.UserID, limit int) ([]followup.Interview, error) {
	q := interviewsQuery
	args := []any{owner.Team, owner.User}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	var rows []interviewRow
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), args...); err != nil {
		return nil, fmt.Errorf("interviews of %s/%s: %w", owner.Team, owner.User, dbErr(err))
	}
	return interviews(rows), nil
}

func interviews(rows []interviewRow) []followup.Interview {
	ivs := make([]followup.Interview, len(rows))
	for i, r := range rows {
		ivs[i] = r.interview()
	}
	return ivs
}

func insertInterview(ctx context.Context, tx *txn, iv *followup.Interview) error {
	if iv.Stage == "" {
		iv.Stage = followup.StageLogged
	}
	iv.CreatedAt, iv.UpdatedAt = tx.now, tx.now
	// RETURNING works in SQLite and PostgreSQL alike; LastInsertId does not.
	rows, err := sqlx.NamedQueryContext(ctx, tx, `INSERT INTO interviews (team_id, user_id, company, role,
		interviewer_name, interviewer_email, notes, topic, thank_you_logged, interview_date, first_follow_up_date,
		decision_date, stage, stage_before_snooze, snoozed_until, diagnosis, second_due,
		second_sent_date, second_waited, next_nudge_at, next_nudge_kind, created_at, updated_at)
		VALUES (:team_id, :user_id, :company, :role, :interviewer_name, :interviewer_email,
		:notes, :topic, :thank_you_logged, :interview_date, :first_follow_up_date, :decision_date, :stage,
		:stage_before_snooze, :snoozed_until, :diagnosis, :second_due, :second_sent_date, :second_waited,
		:next_nudge_at, :next_nudge_kind, :created_at, :updated_at)
		RETURNING id`, newInterviewRow(iv))
	if err != nil {
		return fmt.Errorf("insert interview: %w", dbErr(err))
	}
	id, err := scanID(rows)
	if err != nil {
		return fmt.Errorf("insert interview: %w", dbErr(err))
	}
	iv.ID = id
	return nil
}

func updateInterview(ctx context.Context, tx *txn, iv *followup.Interview) error {
	iv.UpdatedAt = tx.now
	res, err := tx.NamedExecContext(ctx, `UPDATE interviews SET company = :company,
		role = :role, interviewer_name = :interviewer_name,
		interviewer_email = :interviewer_email, notes = :notes,
		topic = :topic, thank_you_logged = :thank_you_logged,
		interview_date = :interview_date, first_follow_up_date = :first_follow_up_date,
		decision_date = :decision_date, stage = :stage,
		stage_before_snooze = :stage_before_snooze, snoozed_until = :snoozed_until,
		diagnosis = :diagnosis, second_due = :second_due,
		second_sent_date = :second_sent_date, second_waited = :second_waited, next_nudge_at = :next_nudge_at,
		next_nudge_kind = :next_nudge_kind, updated_at = :updated_at
		WHERE id = :id`, newInterviewRow(iv))
	if err != nil {
		return fmt.Errorf("update interview %d: %w", iv.ID, dbErr(err))
	}
	return mustAffect(res, "update interview %d", iv.ID)
}

// syncNudge keeps the nudges of iv in step with its plan (NextNudgeAt,
// NextNudgeKind). The plan is compared with the newest nudge that was not
// cancelled, whatever its status: a plan already sent is not sent again
// just because the caller left NextNudgeAt as it was, and a retry that
// moved due_at does not count as a change of plan.
func syncNudge(ctx context.Context, tx *txn, iv *followup.Interview) error {
	want := !iv.NextNudgeAt.IsZero()
	if want && iv.NextNudgeKind == "" {
		return fmt.Errorf("interview %d: next nudge at %s has no kind: %w",
			iv.ID, iv.NextNudgeAt.UTC().Format(time.RFC3339), followup.ErrConflict)
	}
	var cur []struct {
		Kind      string  `db:"kind"`
		PlannedAt instant `db:"planned_at"`
	}
	err := tx.SelectContext(ctx, &cur, tx.Rebind(`SELECT kind, planned_at FROM nudges
		WHERE interview_id = ? AND status <> 'cancelled'
		ORDER BY id DESC LIMIT 1`), iv.ID)
	if err != nil {
		return fmt.Errorf("nudge of interview %d: %w", iv.ID, dbErr(err))
	}
	has := len(cur) == 1
	if !want && !has {
		return nil
	}
	if want && has && cur[0].Kind == string(iv.NextNudgeKind) && cur[0].PlannedAt.time().Equal(iv.NextNudgeAt) {
		return nil
	}
	// A claimed nudge may be on its way; cancelling it makes MarkNudgeSent
	// fail with ErrConflict, which tells the dispatcher the plan moved.
	_, err = tx.ExecContext(ctx, tx.Rebind(`UPDATE nudges SET status = 'cancelled', updated_at = ?
		WHERE interview_id = ? AND status IN ('pending', 'claimed')`), encodeTime(tx.now), iv.ID)
	if err != nil {
		return fmt.Errorf("cancel nudges of interview %d: %w", iv.ID, dbErr(err))
	}
	if !want {
		return nil
	}
	at := encodeTime(iv.NextNudgeAt)
	_, err = tx.ExecContext(ctx, tx.Rebind(`INSERT INTO nudges (interview_id, kind, planned_at,
		due_at, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)`),
		iv.ID, string(iv.NextNudgeKind), at, at, encodeTime(tx.now), encodeTime(tx.now))
	if err != nil {
		return fmt.Errorf("plan nudge of interview %d: %w", iv.ID, dbErr(err))
	}
	return nil
}

// recordStage adds to the interview's history that it entered stage now.
func recordStage(ctx context.Context, tx *txn, interviewID int64, stage followup.Stage) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO stage_changes (interview_id, stage, changed_at)
		VALUES (?, ?, ?)`), interviewID, string(stage), encodeTime(tx.now))
	if err != nil {
		return fmt.Errorf("record stage of interview %d: %w", interviewID, dbErr(err))
	}
	return nil
}
