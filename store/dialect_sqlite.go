package store

// Everything that is SQLite rather than SQL lives in this file: the driver,
// the DSN and its pragmas, the two pools and how constraint errors read.
// dialect_postgres.go is its twin; dialect.go is what both share.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/followup-coach/followup/followup"
	"github.com/jmoiron/sqlx"
	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"
)

// sqlite is the embedded engine for one process: two pools over one file.
var sqlite = dialect{
	name:       "sqlite",
	driver:     "sqlite3",
	goose:      goose.DialectSQLite3,
	migrations: "migrations/sqlite",
	// SQLite has one writer at a time: a claim transaction already holds
	// every row it reads, so there is nothing to skip.
	skipLocked: "",
}

// Pragmas go in the DSN because go-sqlite3 applies them to every connection
// it opens; a one-off PRAGMA statement reaches only one pooled connection.
var commonParams = [][2]string{
	{"_journal_mode", "WAL"},
	{"_busy_timeout", "5000"},
	{"_foreign_keys", "on"},
	{"_synchronous", "NORMAL"},
}

// writeParams make every write transaction BEGIN IMMEDIATE: a transaction
// that reads and then writes takes the write lock up front, so a second
// writer waits (busy_timeout) instead of failing with "database is locked"
// when it tries to upgrade its read lock.
var writeParams = [][2]string{{"_txlock", "immediate"}}

// readParams make the read pool refuse writes, so a write sent to the wrong
// pool fails loudly instead of racing the writer.
var readParams = [][2]string{{"_txlock", "deferred"}, {"_query_only", "on"}}

// dsns returns the DSNs of the write and the read pool for dsn, a file path
// or a "file:" URI, and creates the file's parent directory.
func dsns(dsn string) (write, read string, err error) {
	if dsn == "" {
		return "", "", errors.New("empty database path")
	}
	base, query, _ := strings.Cut(dsn, "?")
	path := strings.TrimPrefix(base, "file:")
	if path == "" || path == ":memory:" || strings.Contains(query, "mode=memory") {
		// Two pools over one in-memory database would be two databases.
		return "", "", fmt.Errorf("database %q: need a file, in-memory databases are not supported", dsn)
	}
	if strings.HasPrefix(base, "file:") {
		// A URI path may be percent-encoded.
		if p, err := url.PathUnescape(path); err == nil {
			path = p
		}
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", "", fmt.Errorf("create database directory: %w", err)
		}
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return "", "", fmt.Errorf("database %q: parse parameters: %w", dsn, err)
	}
	build := func(extra [][2]string) string {
		q := query
		for _, kv := range append(append([][2]string{}, commonParams...), extra...) {
			if values.Has(kv[0]) {
				continue // the caller's choice wins
			}
			if q != "" {
				q += "&"
			}
			q += kv[0] + "=" + kv[1]
		}
		return base + "?" + q
	}
	return build(writeParams), build(readParams), nil
}

// checkPragmas verifies on one connection of db that the DSN pragmas took
// effect: a database on a file system without shared memory, or a DSN that
// overrides ours, silently falls back to another journal mode.
func checkPragmas(db *sql.DB) error {
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("read journal_mode: %w", err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal_mode is %q, want wal", mode)
	}
	var fk int
	if err := db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil {
		return fmt.Errorf("read foreign_keys: %w", err)
	}
	if fk != 1 {
		return fmt.Errorf("foreign_keys is %d, want 1", fk)
	}
	return nil
}

// sqliteErr translates a go-sqlite3 constraint error into the domain's
// errors; ok is false for any other error.
func sqliteErr(err error) (_ error, ok bool) {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err, false
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintForeignKey:
		return fmt.Errorf("%w: %w", followup.ErrNotFound, err), true
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey,
		sqlite3.ErrConstraintCheck, sqlite3.ErrConstraintNotNull:
		return fmt.Errorf("%w: %w", followup.ErrConflict, err), true
	}
	return err, false
}

// openSQLite opens the write pool (one connection, BEGIN IMMEDIATE) and the
// read pool (read-only connections) over the file at dsn, and migrates.
func openSQLite(ctx context.Context, dsn string) (w, r *sqlx.DB, err error) {
	wdsn, rdsn, err := dsns(dsn)
	if err != nil {
		return nil, nil, err
	}
	if w, err = sqlx.Open(sqlite.driver, wdsn); err != nil {
		return nil, nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	// The writer comes first: it creates the file and switches it to WAL,
	// which read-only connections cannot do.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, nil, err
	}
	if err := checkPragmas(w.DB); err != nil {
		w.Close()
		return nil, nil, err
	}
	if err := migrate(ctx, w, sqlite); err != nil {
		w.Close()
		return nil, nil, err
	}
	if r, err = sqlx.Open(sqlite.driver, rdsn); err != nil {
		w.Close()
		return nil, nil, err
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxLifetime(0)
	if err := checkPragmas(r.DB); err != nil {
		r.Close()
		w.Close()
		return nil, nil, fmt.Errorf("read pool: %w", err)
	}
	return w, r, nil
}
