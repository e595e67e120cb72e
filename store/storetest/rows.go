// Package storetest helps tests look at the database the way a privacy
// review would: every table in the schema, every row, whatever the store's
// code knows about them.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Tables lists the tables of the schema (SQLite's, or PostgreSQL's
// current one), leaving out the engine's own and the migration tool's.
func Tables(ctx context.Context, db *sql.DB) ([]string, error) {
	q := `SELECT name FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version' ORDER BY name`
	if !strings.Contains(fmt.Sprintf("%T", db.Driver()), "sqlite") {
		q = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
			AND table_name <> 'goose_db_version' ORDER BY table_name`
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// RowsOf counts, in every table of the schema, the rows that belong to a
// student: rows with any cell equal to their user id, and rows whose
// interview_id (or, in interviews, id) is one of interviewIDs. Tables
// without such a row are missing from the map.
func RowsOf(ctx context.Context, db *sql.DB, user string, interviewIDs []int64) (map[string]int, error) {
	tables, err := Tables(ctx, db)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(interviewIDs))
	for i, id := range interviewIDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	out := map[string]int{}
	for _, t := range tables {
		n, err := rowsOf(ctx, db, t, user, ids)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			out[t] = n
		}
	}
	return out, nil
}

func rowsOf(ctx context.Context, db *sql.DB, table, user string, interviewIDs []string) (int, error) {
	rows, err := db.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(table, `"`, `""`)+`"`)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	cells := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range cells {
		ptrs[i] = &cells[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, fmt.Errorf("read %s: %w", table, err)
		}
		for i, c := range cells {
			interviewCol := cols[i] == "interview_id" || (table == "interviews" && cols[i] == "id")
			if c.String == user || (interviewCol && slices.Contains(interviewIDs, c.String)) {
				n++
				break
			}
		}
	}
	return n, rows.Err()
}
