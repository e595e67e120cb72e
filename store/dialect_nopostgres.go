//go:build !scaleout

package store

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"
)

// HasPostgres reports whether this build speaks PostgreSQL.
const HasPostgres = false

// errNoPostgres says how to get a binary that speaks PostgreSQL.
var errNoPostgres = errors.New("this build has no PostgreSQL driver: build with -tags scaleout (make build-scaleout) to use a postgres:// DATABASE_URL")

// openPostgres refuses: see dialect_postgres.go for why PostgreSQL is a
// build tag.
func openPostgres(context.Context, string) (*sqlx.DB, error) { return nil, errNoPostgres }

// postgresErr never matches without the driver.
func postgresErr(err error) (error, bool) { return err, false }
