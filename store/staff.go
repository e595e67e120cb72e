package store

import (
	"context"
	"fmt"

	"github.com/followup-coach/followup/followup"
)

// staffRow is a staff_grants row.
type staffRow struct {
	Team      string  `db:"team_id"`
	User      string  `db:"user_id"`
	GrantedBy string  `db:"granted_by"`
	CreatedAt instant `db:"created_at"`
}

// GrantStaff records that g.GrantedBy made g.ID staff. It reports false,
// and changes nothing, when they already were. It sets g.CreatedAt.
func (db *DB) GrantStaff(ctx context.Context, g *followup.StaffGrant) (bool, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()

	res, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO staff_grants (team_id, user_id, granted_by, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (team_id, user_id) DO NOTHING`),
		g.ID.Team, g.ID.User, g.GrantedBy, instant(tx.now))
	if err != nil {
		return false, fmt.Errorf("grant staff: %w", dbErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("grant staff: %w", dbErr(err))
	}
	if err := commit(tx); err != nil {
		return false, err
	}
	if n > 0 {
		g.CreatedAt = tx.now
	}
	return n > 0, nil
}

// RevokeStaff removes id's grant. It reports false when there was none.
func (db *DB) RevokeStaff(ctx context.Context, id followup.UserID) (bool, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()

	res, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM staff_grants WHERE team_id = ? AND user_id = ?`), id.Team, id.User)
	if err != nil {
		return false, fmt.Errorf("revoke staff: %w", dbErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("revoke staff: %w", dbErr(err))
	}
	return n > 0, commit(tx)
}

// StaffGrants returns team's stored grants, oldest first.
func (db *DB) StaffGrants(ctx context.Context, team string) ([]followup.StaffGrant, error) {
	var rows []staffRow
	err := db.r.SelectContext(ctx, &rows, db.r.Rebind(`SELECT team_id, user_id, granted_by, created_at
		FROM staff_grants WHERE team_id = ? ORDER BY created_at, user_id`), team)
	if err != nil {
		return nil, fmt.Errorf("staff of %s: %w", team, dbErr(err))
	}
	gs := make([]followup.StaffGrant, len(rows))
	for i, r := range rows {
		gs[i] = followup.StaffGrant{ID: followup.UserID{Team: r.Team, User: r.User}, GrantedBy: r.GrantedBy, CreatedAt: r.CreatedAt.time()}
	}
	return gs, nil
}

// IsGrantedStaff reports whether id holds a stored staff grant. It reads
// the last commit, so a revoked grant stops counting at once.
func (db *DB) IsGrantedStaff(ctx context.Context, id followup.UserID) (bool, error) {
	var n int
	err := db.r.GetContext(ctx, &n, db.r.Rebind(`SELECT COUNT(*) FROM staff_grants WHERE team_id = ? AND user_id = ?`), id.Team, id.User)
	if err != nil {
		return false, fmt.Errorf("staff grant of %s/%s: %w", id.Team, id.User, dbErr(err))
	}
	return n > 0, nil
}
