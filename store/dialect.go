package store

// Everything that is SQLite rather than SQL lives in this file: the driver,
// the DSN and its pragmas, the goose dialect, how constraint errors read and
// how instants are written. PostgreSQL support means a second version of
// this file (and of migrations/), not edits all over the package.

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"
)

const (
	driverName   = "sqlite3"
	gooseDialect = goose.DialectSQLite3
)

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

// dbErr translates a driver error into the domain's errors, keeping the
// original in the chain: a missing parent row is ErrNotFound, a duplicate
// or a broken rule is ErrConflict.
func dbErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", followup.ErrNotFound, err)
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintForeignKey:
		return fmt.Errorf("%w: %w", followup.ErrNotFound, err)
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey,
		sqlite3.ErrConstraintCheck, sqlite3.ErrConstraintNotNull:
		return fmt.Errorf("%w: %w", followup.ErrConflict, err)
	}
	return err
}

// timeLayout is fixed-width so that text order is time order (RFC3339Nano
// drops trailing zeros and would sort "05.5Z" before "05Z").
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// instant stores a time.Time as fixed-width UTC text; the zero time is NULL.
type instant time.Time

// Value implements driver.Valuer.
func (t instant) Value() (driver.Value, error) {
	if time.Time(t).IsZero() {
		return nil, nil
	}
	return encodeTime(time.Time(t)), nil
}

// Scan implements sql.Scanner.
func (t *instant) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*t = instant{}
		return nil
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	case time.Time:
		*t = instant(v.UTC())
		return nil
	}
	return fmt.Errorf("scan instant: unsupported type %T", src)
}

func (t *instant) parse(s string) error {
	if s == "" {
		*t = instant{}
		return nil
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("scan instant %q: %w", s, err)
	}
	*t = instant(v.UTC())
	return nil
}

// encodeTime writes t the way instant does, for query arguments.
func encodeTime(t time.Time) string { return t.UTC().Format(timeLayout) }
