package store

import (
	"context"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
)

// The community library: items the career center offers to every student
// of a team. They are library_items rows with community set; user_id is
// the staff member who published them. Who may publish is the bot's
// question (the staff role), not the store's.

// CommunityItems returns the items team's career center offers, retired
// ones left out, oldest first.
func (db *DB) CommunityItems(ctx context.Context, team string) ([]followup.LibraryItem, error) {
	items, err := db.selectLibrary(ctx, `WHERE team_id = ? AND community AND retired_at IS NULL ORDER BY id`, team)
	if err != nil {
		return nil, fmt.Errorf("community library of %s: %w", team, err)
	}
	return items, nil
}

// CommunityItem returns team's community item id, retired or not:
// ErrNotFound when team has no community item with that id.
func (db *DB) CommunityItem(ctx context.Context, team string, id int64) (followup.LibraryItem, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return followup.LibraryItem{}, err
	}
	defer tx.Rollback()
	return findCommunityItem(ctx, tx, team, id)
}

// SaveCommunityItem publishes it when it.ID is 0 (it.Student is the
// publisher, who must exist, else ErrNotFound), and otherwise updates the
// offered item it.ID of it.Student.Team: its publisher and CreatedAt stay,
// and a retired or unknown item is ErrNotFound. It sets ID, Student,
// CreatedAt and UpdatedAt. With a submission key in ctx it saves once
// (ErrDuplicate after).
func (db *DB) SaveCommunityItem(ctx context.Context, it *followup.LibraryItem) error {
	cp := *it
	cp.Community, cp.Starter, cp.RetiredAt = true, false, time.Time{}
	if err := save(ctx, db, &cp, cp.ID == 0, insertLibraryItem, updateCommunityItem); err != nil {
		return err
	}
	*it = cp
	return nil
}

func updateCommunityItem(ctx context.Context, tx *txn, it *followup.LibraryItem) error {
	old, err := findOfferedItem(ctx, tx, it.Student.Team, it.ID)
	if err != nil {
		return err
	}
	it.Student, it.CreatedAt, it.UpdatedAt = old.Student, old.CreatedAt, tx.now
	_, err = tx.NamedExecContext(ctx, `UPDATE library_items SET kind = :kind, title = :title,
		summary = :summary, link = :link, for_diagnosis = :for_diagnosis, for_level = :for_level,
		updated_at = :updated_at WHERE id = :id`, newLibraryRow(it))
	if err != nil {
		return fmt.Errorf("update community item %d: %w", it.ID, dbErr(err))
	}
	return nil
}

// RetireCommunityItem stops offering team's item id: it leaves every
// chooser, and drafts that used it keep their text. ErrNotFound when
// there is no such offered item.
func (db *DB) RetireCommunityItem(ctx context.Context, team string, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if _, err := findOfferedItem(ctx, tx, team, id); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, tx.Rebind(`UPDATE library_items SET retired_at = ?, updated_at = ? WHERE id = ?`),
		instant(tx.now), instant(tx.now), id)
	if err != nil {
		return fmt.Errorf("retire community item %d: %w", id, dbErr(err))
	}
	return commit(tx)
}

// CopyCommunityItem makes owner an editable copy, in their own library, of
// an item their team's career center offers. ErrNotFound when there is no
// such offered item in owner's team.
func (db *DB) CopyCommunityItem(ctx context.Context, owner followup.UserID, id int64) (followup.LibraryItem, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return followup.LibraryItem{}, err
	}
	defer tx.Rollback()

	src, err := findOfferedItem(ctx, tx, owner.Team, id)
	if err != nil {
		return followup.LibraryItem{}, err
	}
	cp := src.CopyFor(owner)
	if err := insertLibraryItem(ctx, tx, &cp); err != nil {
		return followup.LibraryItem{}, err
	}
	return cp, commit(tx)
}

// UsableLibraryItem returns an item owner may put in a draft: one of
// their own, or one their team's career center offers. Another student's
// item is ErrForbidden; a retired, unknown or other team's community item
// is ErrNotFound.
func (db *DB) UsableLibraryItem(ctx context.Context, owner followup.UserID, id int64) (followup.LibraryItem, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return followup.LibraryItem{}, err
	}
	defer tx.Rollback()

	it, err := findLibraryItem(ctx, tx, id)
	if err != nil {
		return followup.LibraryItem{}, err
	}
	if it.Community {
		if it.Student.Team != owner.Team || !it.RetiredAt.IsZero() {
			return followup.LibraryItem{}, fmt.Errorf("library item %d: %w", id, followup.ErrNotFound)
		}
		return it, nil
	}
	if it.Student != owner {
		return followup.LibraryItem{}, fmt.Errorf("library item %d: %w", id, followup.ErrForbidden)
	}
	return it, nil
}

// findCommunityItem is team's community item id, retired or not.
func findCommunityItem(ctx context.Context, tx *txn, team string, id int64) (followup.LibraryItem, error) {
	it, err := findLibraryItem(ctx, tx, id)
	if err != nil {
		return followup.LibraryItem{}, err
	}
	if !it.Community || it.Student.Team != team {
		return followup.LibraryItem{}, fmt.Errorf("community item %d: %w", id, followup.ErrNotFound)
	}
	return it, nil
}

// findOfferedItem is team's community item id, if it is not retired.
func findOfferedItem(ctx context.Context, tx *txn, team string, id int64) (followup.LibraryItem, error) {
	it, err := findCommunityItem(ctx, tx, team, id)
	if err == nil && !it.RetiredAt.IsZero() {
		err = fmt.Errorf("community item %d is retired: %w", id, followup.ErrNotFound)
	}
	return it, err
}
