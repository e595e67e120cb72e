package store

// The seam between the engines. Everything that differs between SQLite and
// PostgreSQL lives in dialect_sqlite.go or dialect_postgres.go and in one
// migrations folder each; the rest of the package is plain SQL with ?
// placeholders that sqlx rebinds for the engine.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"
)

// dialect is what the store needs to know about an engine.
type dialect struct {
	name       string        // "sqlite" or "postgres", for messages
	driver     string        // database/sql driver name (sqlx binds by it)
	goose      goose.Dialect // how goose records migrations
	migrations string        // folder of migrationFiles
	// skipLocked ends the SELECT that picks nudges to claim: several
	// instances claiming at once each skip the rows another one holds.
	skipLocked string
}

// isPostgres reports whether dsn names a PostgreSQL database; anything
// else is a SQLite file.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// redact hides a password in dsn so it can go into an error or a log.
func redact(dsn string) string {
	if !isPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	return u.Redacted()
}

// migrate applies the dialect's embedded migrations that are not yet
// recorded, each in its own transaction.
func migrate(ctx context.Context, w *sqlx.DB, d dialect) error {
	fsys, err := fs.Sub(migrationFiles, d.migrations)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(d.goose, w.DB, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// dbErr translates a driver error into the domain's errors, keeping the
// original in the chain: a missing row or parent row is ErrNotFound, a
// duplicate or a broken rule is ErrConflict, on either engine.
func dbErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", followup.ErrNotFound, err)
	}
	if e, ok := sqliteErr(err); ok {
		return e
	}
	if e, ok := postgresErr(err); ok {
		return e
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
