package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Pragmas reads the pragmas the store relies on from several connections of
// each pool at once (so they are distinct connections) and returns them as
// "pool.pragma" → value; it fails if connections of one pool disagree.
func Pragmas(ctx context.Context, db *DB) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range []struct {
		name string
		db   *sqlx.DB
		n    int
	}{{"write", db.w, 1}, {"read", db.r, 3}} {
		var conns []*sql.Conn
		for range p.n {
			c, err := p.db.Conn(ctx)
			if err != nil {
				return nil, err
			}
			defer c.Close()
			conns = append(conns, c)
		}
		for i, c := range conns {
			for _, name := range []string{"journal_mode", "foreign_keys", "busy_timeout", "synchronous", "query_only"} {
				var v string
				if err := c.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
					return nil, fmt.Errorf("%s conn %d: %s: %w", p.name, i, name, err)
				}
				key := p.name + "." + name
				if prev, ok := out[key]; ok && prev != v {
					return nil, fmt.Errorf("%s: conn %d has %q, an earlier one %q", key, i, v, prev)
				}
				out[key] = v
			}
		}
	}
	return out, nil
}

// ExecOnReadPool runs a statement on the read pool.
func ExecOnReadPool(ctx context.Context, db *DB, q string) error {
	_, err := db.r.ExecContext(ctx, q)
	return err
}

// ClaimQueryPlans returns SQLite's plan for the claim queries, one line per
// step, keyed "due" and "stale".
func ClaimQueryPlans(ctx context.Context, db *DB) (map[string]string, error) {
	out := map[string]string{}
	for name, q := range map[string]string{"due": claimDueSelect, "stale": claimExpiredSelect} {
		rows, err := db.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, "2025-01-01T00:00:00.000000000Z", 10)
		if err != nil {
			return nil, err
		}
		var lines []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				rows.Close()
				return nil, err
			}
			lines = append(lines, detail)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		out[name] = strings.Join(lines, "\n")
	}
	return out, nil
}
