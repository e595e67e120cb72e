package store

import (
	"context"
	"fmt"

	"github.com/followup-coach/followup/followup"
	"github.com/jmoiron/sqlx"
)

// libraryRow is a library_items row.
type libraryRow struct {
	ID        int64   `db:"id"`
	Team      string  `db:"team_id"`
	User      string  `db:"user_id"`
	Kind      string  `db:"kind"`
	Title     string  `db:"title"`
	Summary   string  `db:"summary"`
	Link      string  `db:"link"`
	Starter   bool    `db:"starter"`
	Community bool    `db:"community"`
	Diagnosis string  `db:"for_diagnosis"`
	Level     string  `db:"for_level"`
	RetiredAt instant `db:"retired_at"`
	CreatedAt instant `db:"created_at"`
	UpdatedAt instant `db:"updated_at"`
}

func newLibraryRow(it *followup.LibraryItem) libraryRow {
	return libraryRow{
		ID:        it.ID,
		Team:      it.Student.Team,
		User:      it.Student.User,
		Kind:      string(it.Kind),
		Title:     it.Title,
		Summary:   it.Summary,
		Link:      it.Link,
		Starter:   it.Starter,
		Community: it.Community,
		Diagnosis: string(it.ForDiagnosis),
		Level:     string(it.ForLevel),
		RetiredAt: instant(it.RetiredAt),
		CreatedAt: instant(it.CreatedAt),
		UpdatedAt: instant(it.UpdatedAt),
	}
}

func (r libraryRow) item() followup.LibraryItem {
	return followup.LibraryItem{
		ID:           r.ID,
		Student:      followup.UserID{Team: r.Team, User: r.User},
		Kind:         followup.LibraryKind(r.Kind),
		Title:        r.Title,
		Summary:      r.Summary,
		Link:         r.Link,
		Starter:      r.Starter,
		Community:    r.Community,
		ForDiagnosis: followup.Diagnosis(r.Diagnosis),
		ForLevel:     followup.CareerLevel(r.Level),
		RetiredAt:    r.RetiredAt.time(),
		CreatedAt:    r.CreatedAt.time(),
		UpdatedAt:    r.UpdatedAt.time(),
	}
}

const libraryColumns = `id, team_id, user_id, kind, title, summary, link, starter, community,
	for_diagnosis, for_level, retired_at, created_at, updated_at`

// LibraryItems returns owner's own library, oldest first (starters lead);
// the community items a staff member published are not part of it.
func (db *DB) LibraryItems(ctx context.Context, owner followup.UserID) ([]followup.LibraryItem, error) {
	items, err := db.selectLibrary(ctx, `WHERE team_id = ? AND user_id = ? AND NOT community ORDER BY id`, owner.Team, owner.User)
	if err != nil {
		return nil, fmt.Errorf("library of %s/%s: %w", owner.Team, owner.User, err)
	}
	return items, nil
}

// selectLibrary reads the library items that where (a WHERE and ORDER BY
// clause) picks, in one read transaction.
func (db *DB) selectLibrary(ctx context.Context, where string, args ...any) ([]followup.LibraryItem, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	var rows []libraryRow
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT `+libraryColumns+` FROM library_items `+where), args...); err != nil {
		return nil, dbErr(err)
	}
	items := make([]followup.LibraryItem, len(rows))
	for i, r := range rows {
		items[i] = r.item()
	}
	return items, nil
}

// LibraryItem returns owner's item id: ErrNotFound if it does not exist,
// ErrForbidden if it is another student's.
func (db *DB) LibraryItem(ctx context.Context, owner followup.UserID, id int64) (followup.LibraryItem, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return followup.LibraryItem{}, err
	}
	defer tx.Rollback()
	return findOwnLibraryItem(ctx, tx, owner, id)
}

// SaveLibraryItem inserts it if it.ID is 0 (it.Student must exist, else
// ErrNotFound) and otherwise updates the stored item, which must be
// it.Student's (else ErrForbidden). It sets ID, CreatedAt and UpdatedAt.
// With a submission key in ctx it saves once (ErrDuplicate after).
func (db *DB) SaveLibraryItem(ctx context.Context, it *followup.LibraryItem) error {
	return save(ctx, db, it, it.ID == 0, insertLibraryItem, updateLibraryItem)
}

// DeleteLibraryItem deletes owner's item id: ErrNotFound if it does not
// exist, ErrForbidden if it is another student's. Drafts that used it keep
// their text and lose the link to it.
func (db *DB) DeleteLibraryItem(ctx context.Context, owner followup.UserID, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if _, err := findOwnLibraryItem(ctx, tx, owner, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM library_items WHERE id = ?`), id); err != nil {
		return fmt.Errorf("delete library item %d: %w", id, dbErr(err))
	}
	return commit(tx)
}

func findLibraryItem(ctx context.Context, tx *txn, id int64) (followup.LibraryItem, error) {
	var r libraryRow
	err := tx.GetContext(ctx, &r, tx.Rebind(`SELECT `+libraryColumns+` FROM library_items WHERE id = ?`), id)
	if err != nil {
		return followup.LibraryItem{}, fmt.Errorf("library item %d: %w", id, dbErr(err))
	}
	return r.item(), nil
}

func findOwnLibraryItem(ctx context.Context, tx *txn, owner followup.UserID, id int64) (followup.LibraryItem, error) {
	it, err := findLibraryItem(ctx, tx, id)
	if err != nil {
		return followup.LibraryItem{}, err
	}
	// A community item is the career center's, even to who published it:
	// it changes only through the staff actions.
	if it.Student != owner || it.Community {
		return followup.LibraryItem{}, fmt.Errorf("library item %d: %w", id, followup.ErrForbidden)
	}
	return it, nil
}

func insertLibraryItem(ctx context.Context, tx *txn, it *followup.LibraryItem) error {
	it.CreatedAt, it.UpdatedAt = tx.now, tx.now
	rows, err := sqlx.NamedQueryContext(ctx, tx, `INSERT INTO library_items (team_id, user_id,
		kind, title, summary, link, starter, community, for_diagnosis, for_level,
		retired_at, created_at, updated_at)
		VALUES (:team_id, :user_id, :kind, :title, :summary, :link, :starter,
		:community, :for_diagnosis, :for_level, :retired_at, :created_at, :updated_at) RETURNING id`, newLibraryRow(it))
	if err != nil {
		return fmt.Errorf("insert library item: %w", dbErr(err))
	}
	if it.ID, err = scanID(rows); err != nil {
		return fmt.Errorf("insert library item: %w", dbErr(err))
	}
	return nil
}

func updateLibraryItem(ctx context.Context, tx *txn, it *followup.LibraryItem) error {
	old, err := findOwnLibraryItem(ctx, tx, it.Student, it.ID)
	if err != nil {
		return err
	}
	it.CreatedAt, it.UpdatedAt = old.CreatedAt, tx.now
	_, err = tx.NamedExecContext(ctx, `UPDATE library_items SET kind = :kind, title = :title,
		summary = :summary, link = :link, starter = :starter, updated_at = :updated_at
		WHERE id = :id`, newLibraryRow(it))
	if err != nil {
		return fmt.Errorf("update library item %d: %w", it.ID, dbErr(err))
	}
	return nil
}
