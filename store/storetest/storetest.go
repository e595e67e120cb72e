// Package storetest gives tests of the store and of its users a fresh
// database on each engine: a SQLite file always, and a PostgreSQL schema of
// its own when TEST_DATABASE_URL names a server.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the schema

	"github.com/followup-coach/followup/store"
)

// Open opens dsn of engine e without the store, to look at its tables as
// they are; it is closed when t ends.
func Open(t testing.TB, e Engine, dsn string) *sql.DB {
	t.Helper()
	driver := "pgx"
	if e == SQLite {
		driver, dsn = "sqlite3", dsn+"?_busy_timeout=5000"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", e, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// EnvURL names the variable that holds the PostgreSQL server's URL.
const EnvURL = "TEST_DATABASE_URL"

// Engine is the database engine one run of a test uses.
type Engine string

// The engines every store test runs on.
const (
	SQLite   Engine = "SQLite"
	Postgres Engine = "PostgreSQL"
)

// Engines returns the engines to run on: SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set.
func Engines() []Engine {
	if os.Getenv(EnvURL) == "" || !store.HasPostgres {
		return []Engine{SQLite}
	}
	return []Engine{SQLite, Postgres}
}

// Run runs fn once per engine as subtests named after it. Without
// TEST_DATABASE_URL the PostgreSQL subtest is skipped, saying why.
func Run(t *testing.T, fn func(t *testing.T, e Engine)) {
	t.Helper()
	for _, e := range []Engine{SQLite, Postgres} {
		t.Run(string(e), func(t *testing.T) {
			if e == Postgres && os.Getenv(EnvURL) == "" {
				t.Skip(EnvURL + " not set")
			}
			if e == Postgres && !store.HasPostgres {
				t.Skip("built without -tags scaleout, so without the PostgreSQL driver")
			}
			fn(t, e)
		})
	}
}

// DSN returns the DSN of a new, empty database on e for t: a file in
// t.TempDir() for SQLite, a schema of its own for PostgreSQL (on the
// search_path of the URL returned), dropped when t ends. Schema names
// carry random bytes, so parallel runs on one server never meet. A
// PostgreSQL that does not answer fails the test: a set
// TEST_DATABASE_URL means the run must cover PostgreSQL.
func DSN(t testing.TB, e Engine) string {
	t.Helper()
	if e == SQLite {
		return filepath.Join(t.TempDir(), "followup.db")
	}
	base := os.Getenv(EnvURL)
	if base == "" {
		t.Fatalf("%s not set", EnvURL)
	}
	schema := schemaName(t.Name())
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", EnvURL, err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("PostgreSQL at %s: create schema: %v", EnvURL, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var unsafeChars = regexp.MustCompile(`[^a-z0-9_]+`)

// schemaName is a valid, unique, unquoted identifier that still shows
// which test made it.
func schemaName(test string) string {
	var b [6]byte
	rand.Read(b[:])
	name := unsafeChars.ReplaceAllString(strings.ToLower(test), "_")
	const maxName = 63 - len("t__") - 2*len(b)
	if len(name) > maxName {
		name = name[len(name)-maxName:]
	}
	return "t_" + name + "_" + hex.EncodeToString(b[:])
}
