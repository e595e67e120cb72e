package store

import "github.com/pressly/goose/v3"

// postgres is the engine for several instances on one database.
var postgres = dialect{
	name:       "postgres",
	driver:     "pgx",
	goose:      goose.DialectPostgres,
	migrations: "migrations/postgres",
	// Rows another instance is claiming are skipped, not waited for, so
	// concurrent scans never block each other nor take the same nudge.
	skipLocked: " FOR UPDATE SKIP LOCKED",
}
