package store

import (
	"context"
	"fmt"

	"github.com/followup-coach/followup/followup"
)

// Where clauses that pick one student's rows; each takes team and user.
const (
	byStudent   = `team_id = ? AND user_id = ?`
	byInterview = `interview_id IN (SELECT id FROM interviews WHERE team_id = ? AND user_id = ?)`
)

// eraseSteps are every table that holds a student's rows, children before
// parents, with how to find that student's rows in it. A new table that
// holds a student's rows is one more line here; TestForgetLeavesNoRow
// reads the schema and fails until it is.
//
// A staff member's community items are their rows too and go with them;
// drafts that used one keep their text (library_item_id becomes NULL).
var eraseSteps = []struct{ table, where string }{
	{"stage_changes", byInterview},
	{"nudges", byInterview},
	{"drafts", byInterview},
	{"library_items", byStudent},
	{"interviews", byStudent},
	{"staff_grants", byStudent},
	{"students", byStudent},
}

// eraseMentions are columns of other people's rows that name the student;
// the erase blanks them (a grant they gave stays, without their name).
var eraseMentions = []struct{ table, column string }{
	{"staff_grants", "granted_by"},
}

// EraseStudent deletes every row of the student with id, in one
// transaction: interviews and their history, nudges (so nothing due or
// claimed is ever sent), drafts, library items (community items they
// published too), staff role and settings, and blanks their name where
// they granted someone the staff role. It returns
// how many rows it deleted from each table that had any; a student the
// store does not know gives an empty Erased and no error, so erasing twice
// is harmless.
func (db *DB) EraseStudent(ctx context.Context, id followup.UserID) (followup.Erased, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	erased := followup.Erased{}
	for _, st := range eraseSteps {
		res, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM `+st.table+` WHERE `+st.where), id.Team, id.User)
		if err != nil {
			return nil, fmt.Errorf("erase %s/%s from %s: %w", id.Team, id.User, st.table, dbErr(err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("erase %s/%s from %s: %w", id.Team, id.User, st.table, err)
		}
		if n > 0 {
			erased[st.table] = n
		}
	}
	for _, m := range eraseMentions {
		_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE `+m.table+` SET `+m.column+` = ''
			WHERE team_id = ? AND `+m.column+` = ?`), id.Team, id.User)
		if err != nil {
			return nil, fmt.Errorf("erase %s/%s from %s.%s: %w", id.Team, id.User, m.table, m.column, dbErr(err))
		}
	}
	if err := commit(tx); err != nil {
		return nil, err
	}
	return erased, nil
}

// ExportStudent returns everything the store holds about the student with
// id, read in one snapshot: settings, interviews (newest first) with their
// stage changes, sent nudges and drafts, and library items. ErrNotFound if
// the store does not know the student.
func (db *DB) ExportStudent(ctx context.Context, id followup.UserID) (followup.Record, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return followup.Record{}, err
	}
	defer tx.Rollback()

	var rec followup.Record
	if rec.Student, err = findStudent(ctx, tx, id); err != nil {
		return followup.Record{}, err
	}
	ivs, err := findInterviews(ctx, tx, id, 0)
	if err != nil {
		return followup.Record{}, err
	}
	byID := make(map[int64]*followup.InterviewRecord, len(ivs))
	rec.Interviews = make([]followup.InterviewRecord, len(ivs))
	for i, iv := range ivs {
		rec.Interviews[i].Interview = iv
		byID[iv.ID] = &rec.Interviews[i]
	}

	var stages []struct {
		InterviewID int64   `db:"interview_id"`
		Stage       string  `db:"stage"`
		At          instant `db:"changed_at"`
	}
	err = tx.SelectContext(ctx, &stages, tx.Rebind(`SELECT interview_id, stage, changed_at
		FROM stage_changes WHERE `+byInterview+` ORDER BY interview_id, changed_at`), id.Team, id.User)
	if err != nil {
		return followup.Record{}, fmt.Errorf("export stages: %w", dbErr(err))
	}
	for _, s := range stages {
		if r := byID[s.InterviewID]; r != nil {
			r.Stages = append(r.Stages, followup.StageChange{Stage: followup.Stage(s.Stage), At: s.At.time()})
		}
	}

	var nudges []nudgeRow
	err = tx.SelectContext(ctx, &nudges, tx.Rebind(nudgeSelect+` WHERE i.team_id = ? AND i.user_id = ?
		AND n.status = 'sent' AND n.ts <> '' ORDER BY n.id`), id.Team, id.User)
	if err != nil {
		return followup.Record{}, fmt.Errorf("export nudges: %w", dbErr(err))
	}
	for _, n := range nudges {
		if r := byID[n.InterviewID]; r != nil {
			r.Nudges = append(r.Nudges, n.nudge())
		}
	}

	var drafts []draftRow
	err = tx.SelectContext(ctx, &drafts, tx.Rebind(`SELECT `+draftColumns+` FROM drafts
		WHERE `+byInterview+` ORDER BY id`), id.Team, id.User)
	if err != nil {
		return followup.Record{}, fmt.Errorf("export drafts: %w", dbErr(err))
	}
	for _, d := range drafts {
		if r := byID[d.InterviewID]; r != nil {
			r.Drafts = append(r.Drafts, d.draft())
		}
	}

	var items []libraryRow
	err = tx.SelectContext(ctx, &items, tx.Rebind(`SELECT `+libraryColumns+` FROM library_items
		WHERE `+byStudent+` ORDER BY id`), id.Team, id.User)
	if err != nil {
		return followup.Record{}, fmt.Errorf("export library: %w", dbErr(err))
	}
	for _, it := range items {
		rec.Library = append(rec.Library, it.item())
	}
	return rec, nil
}
