package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/followup-coach/followup/followup"
	"github.com/jmoiron/sqlx"
)

// draftRow is a drafts row; a draft without a library item has NULL there.
type draftRow struct {
	ID            int64         `db:"id"`
	InterviewID   int64         `db:"interview_id"`
	Kind          string        `db:"kind"`
	Diagnosis     string        `db:"diagnosis"`
	LibraryItemID sql.NullInt64 `db:"library_item_id"`
	Subject       string        `db:"subject"`
	Body          string        `db:"body"`
	Edited        bool          `db:"edited"`
	CreatedAt     instant       `db:"created_at"`
	UpdatedAt     instant       `db:"updated_at"`
}

func newDraftRow(d *followup.Draft) draftRow {
	return draftRow{
		ID:            d.ID,
		InterviewID:   d.InterviewID,
		Kind:          string(d.Kind),
		Diagnosis:     string(d.Diagnosis),
		LibraryItemID: sql.NullInt64{Int64: d.LibraryItemID, Valid: d.LibraryItemID != 0},
		Subject:       d.Subject,
		Body:          d.Body,
		Edited:        d.Edited,
		CreatedAt:     instant(d.CreatedAt),
		UpdatedAt:     instant(d.UpdatedAt),
	}
}

func (r draftRow) draft() followup.Draft {
	return followup.Draft{
		ID:            r.ID,
		InterviewID:   r.InterviewID,
		Kind:          followup.NudgeKind(r.Kind),
		Diagnosis:     followup.Diagnosis(r.Diagnosis),
		LibraryItemID: r.LibraryItemID.Int64,
		Subject:       r.Subject,
		Body:          r.Body,
		Edited:        r.Edited,
		CreatedAt:     r.CreatedAt.time(),
		UpdatedAt:     r.UpdatedAt.time(),
	}
}

const draftColumns = `id, interview_id, kind, diagnosis, library_item_id, subject, body,
	edited, created_at, updated_at`

// SaveDraft inserts d if d.ID is 0 and otherwise updates it (ErrNotFound if
// missing). Its interview and library item, if any, must exist (else
// ErrNotFound). It sets ID, CreatedAt and UpdatedAt. With a submission key in
// ctx it saves once (ErrDuplicate after).
func (db *DB) SaveDraft(ctx context.Context, d *followup.Draft) error {
	return save(ctx, db, d, d.ID == 0, insertDraft, updateDraft)
}

// LatestDraft returns the newest draft of kind for an interview, or
// ErrNotFound.
func (db *DB) LatestDraft(ctx context.Context, interviewID int64, kind followup.NudgeKind) (followup.Draft, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return followup.Draft{}, err
	}
	defer tx.Rollback()

	var r draftRow
	err = tx.GetContext(ctx, &r, tx.Rebind(`SELECT `+draftColumns+` FROM drafts
		WHERE interview_id = ? AND kind = ? ORDER BY id DESC LIMIT 1`), interviewID, string(kind))
	if err != nil {
		return followup.Draft{}, fmt.Errorf("latest %s draft of interview %d: %w", kind, interviewID, dbErr(err))
	}
	return r.draft(), nil
}

// Draft returns one draft, checking that its interview is owner's:
// ErrNotFound if missing, ErrForbidden if it is another student's.
func (db *DB) Draft(ctx context.Context, owner followup.UserID, id int64) (followup.Draft, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return followup.Draft{}, err
	}
	defer tx.Rollback()

	var r struct {
		draftRow
		TeamID string `db:"team_id"`
		UserID string `db:"user_id"`
	}
	err = tx.GetContext(ctx, &r, tx.Rebind(`SELECT d.id, d.interview_id, d.kind, d.diagnosis,
		d.library_item_id, d.subject, d.body, d.edited, d.created_at, d.updated_at,
		i.team_id, i.user_id
		FROM drafts d JOIN interviews i ON i.id = d.interview_id WHERE d.id = ?`), id)
	if err != nil {
		return followup.Draft{}, fmt.Errorf("draft %d: %w", id, dbErr(err))
	}
	if r.TeamID != owner.Team || r.UserID != owner.User {
		return followup.Draft{}, fmt.Errorf("draft %d: %w", id, followup.ErrForbidden)
	}
	return r.draftRow.draft(), nil
}

func insertDraft(ctx context.Context, tx *txn, d *followup.Draft) error {
	d.CreatedAt, d.UpdatedAt = tx.now, tx.now
	rows, err := sqlx.NamedQueryContext(ctx, tx, `INSERT INTO drafts (interview_id, kind,
		diagnosis, library_item_id, subject, body, edited, created_at, updated_at)
		VALUES (:interview_id, :kind, :diagnosis, :library_item_id, :subject, :body,
		:edited, :created_at, :updated_at) RETURNING id`, newDraftRow(d))
	if err != nil {
		return fmt.Errorf("insert draft: %w", dbErr(err))
	}
	if d.ID, err = scanID(rows); err != nil {
		return fmt.Errorf("insert draft: %w", dbErr(err))
	}
	return nil
}

func updateDraft(ctx context.Context, tx *txn, d *followup.Draft) error {
	var created instant
	err := tx.GetContext(ctx, &created, tx.Rebind(`SELECT created_at FROM drafts WHERE id = ?`), d.ID)
	if err != nil {
		return fmt.Errorf("draft %d: %w", d.ID, dbErr(err))
	}
	d.CreatedAt, d.UpdatedAt = created.time(), tx.now
	_, err = tx.NamedExecContext(ctx, `UPDATE drafts SET interview_id = :interview_id,
		kind = :kind, diagnosis = :diagnosis, library_item_id = :library_item_id,
		subject = :subject, body = :body, edited = :edited, updated_at = :updated_at
		WHERE id = :id`, newDraftRow(d))
	if err != nil {
		return fmt.Errorf("update draft %d: %w", d.ID, dbErr(err))
	}
	return nil
}
