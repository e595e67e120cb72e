//go:build scaleout

package store

// Everything that is PostgreSQL rather than SQL lives in this file: the
// driver (pgx v5 through database/sql, so sqlx and goose work unchanged),
// the pool and how constraint errors read. dialect_sqlite.go is its twin.
//
// It builds only with -tags scaleout: pgx costs the single-process bot
// about 5 MiB of resident memory it would never use, and the budget is
// 20 MiB. dialect_nopostgres.go answers in its place.

import (
	"context"
	"errors"
	"fmt"

	"github.com/followup-coach/followup/followup"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/jmoiron/sqlx"
)

// HasPostgres reports whether this build speaks PostgreSQL.
const HasPostgres = true

// postgresPoolSize is the most connections one instance opens: enough for
// the bot's handlers and the dispatcher's workers, few enough that three
// instances stay far below max_connections (100 by default).
const postgresPoolSize = 12

// openPostgres opens one pool for reads and writes (PostgreSQL has no
// single-writer rule to work around) and migrates. The schema is the
// first one on the search_path, which a DSN may set
// (?search_path=coach).
func openPostgres(ctx context.Context, dsn string) (*sqlx.DB, error) {
	db, err := sqlx.Open(postgres.driver, dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(postgresPoolSize)
	db.SetMaxIdleConns(postgresPoolSize / 2)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := migrate(ctx, db, postgres); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// postgresErr translates a PostgreSQL constraint error (SQLSTATE class 23)
// into the domain's errors; ok is false for any other error.
func postgresErr(err error) (_ error, ok bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err, false
	}
	switch pe.Code {
	case "23503": // foreign_key_violation
		return fmt.Errorf("%w: %w", followup.ErrNotFound, err), true
	case "23505", "23514", "23502": // unique, check, not null
		return fmt.Errorf("%w: %w", followup.ErrConflict, err), true
	}
	return err, false
}
