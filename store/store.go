// Package store keeps Follow-up Coach's state in SQLite (embedded, one
// process) or PostgreSQL (several instances): students, interviews, the
// nudges planned for them, library items and drafts.
//
// It knows SQL and nothing of Slack. Every public method is one
// transaction, and one transaction stamps one time from the clock.
//
// On PostgreSQL reads and writes share one pool. On SQLite the database
// has two pools over the same file. Writes go through a pool
// of exactly one connection whose transactions begin IMMEDIATE: SQLite has
// one writer at a time anyway, and queueing writers in Go (on the pool)
// rather than in SQLite (on busy_timeout) is fair and never times out while
// the process makes progress. Reads go through a pool of several read-only
// connections: in WAL mode a reader sees the last commit and never waits
// for the writer, so a slow write does not stall the bot's lookups.
// Other processes on the same file are kept in step by BEGIN IMMEDIATE and
// busy_timeout.
//
// The reads on the slash-command path (Student, ListInterviews) are single
// statements, prepared once: SQLite runs a lone SELECT in its own implicit
// transaction, the same snapshot a BEGIN would give, without the two extra
// round trips and the goroutine database/sql starts for each Tx.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/jmoiron/sqlx"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// DB is the store. It is safe for concurrent use.
type DB struct {
	w     *sqlx.DB // SQLite: one connection, BEGIN IMMEDIATE
	r     *sqlx.DB // SQLite: read-only connections; PostgreSQL: w itself
	d     dialect
	reads readStmts
	clock followup.Clock
}

// readStmts are the hot reads, prepared on the read pool. database/sql
// prepares a statement on each connection the first time it runs there and
// keeps it, so SQLite parses and plans each query once per connection
// instead of once per command.
type readStmts struct {
	student    *sqlx.Stmt
	interviews *sqlx.Stmt // takes a LIMIT
}

// prepare prepares the hot reads on the read pool.
func (db *DB) prepare(ctx context.Context) error {
	var err error
	if db.reads.student, err = db.r.PreparexContext(ctx, db.r.Rebind(studentQuery)); err != nil {
		return fmt.Errorf("prepare student query: %w", err)
	}
	if db.reads.interviews, err = db.r.PreparexContext(ctx, db.r.Rebind(interviewsQuery+` LIMIT ?`)); err != nil {
		return fmt.Errorf("prepare interviews query: %w", err)
	}
	return nil
}

// Open opens the database at dsn and applies pending migrations. A
// "postgres://" or "postgresql://" URL is PostgreSQL (through pgx); anything
// else is a SQLite file path such as "data/followup.db" or a "file:" URI,
// whose parent directory is created, with the pragmas the store relies on
// and a check that WAL is really on. A nil clock means the wall clock.
func Open(ctx context.Context, dsn string, clock followup.Clock) (*DB, error) {
	if clock == nil {
		clock = followup.ClockFunc(time.Now)
	}
	db := &DB{clock: clock, d: sqlite}
	var err error
	if isPostgres(dsn) {
		db.d = postgres
		db.w, err = openPostgres(ctx, dsn)
		db.r = db.w
	} else {
		db.w, db.r, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", redact(dsn), err)
	}
	if err := db.prepare(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %q: %w", redact(dsn), err)
	}
	return db, nil
}

// Engine names the database engine: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.d.name }

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	for _, st := range []*sqlx.Stmt{db.reads.student, db.reads.interviews} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	if db.r != nil && db.r != db.w {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// Ping checks that both pools can reach the database.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.w.PingContext(ctx); err != nil {
		return fmt.Errorf("ping store: %w", err)
	}
	if err := db.r.PingContext(ctx); err != nil {
		return fmt.Errorf("ping store: %w", err)
	}
	return nil
}

// txn is a transaction with the one time it stamps on what it writes.
type txn struct {
	*sqlx.Tx
	now time.Time
}

// beginWrite starts a write transaction (IMMEDIATE on SQLite's write
// connection). With a submission key in ctx (followup.WithSubmission) it
// records the key first, so a write Slack delivers twice happens once:
// the second gets ErrDuplicate.
func (db *DB) beginWrite(ctx context.Context) (*txn, error) {
	tx, err := db.w.BeginTxx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin write: %w", err)
	}
	t := &txn{Tx: tx, now: db.now()}
	if err := once(ctx, t); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return t, nil
}

// save writes *v in one transaction, with insert when isNew and update
// otherwise, and sets *v to what was stored only once it is committed.
func save[T any](ctx context.Context, db *DB, v *T, isNew bool, insert, update func(context.Context, *txn, *T) error) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cp := *v
	write := update
	if isNew {
		write = insert
	}
	if err := write(ctx, tx, &cp); err != nil {
		return err
	}
	if err := commit(tx); err != nil {
		return err
	}
	*v = cp
	return nil
}

// beginRead starts a read-only transaction, a consistent snapshot.
func (db *DB) beginRead(ctx context.Context) (*txn, error) {
	tx, err := db.r.BeginTxx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	return &txn{Tx: tx, now: db.now()}, nil
}

// now is the clock's time in UTC without the monotonic reading, so a value
// the store hands back equals the one it reads back later.
func (db *DB) now() time.Time { return db.clock.Now().UTC().Round(0) }

// commit commits tx and names the failure.
func commit(tx *txn) error {
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", dbErr(err))
	}
	return nil
}

// time returns t as a time.Time.
func (t instant) time() time.Time { return time.Time(t) }

// isNotFound reports whether err means a row is missing.
func isNotFound(err error) bool { return errors.Is(err, followup.ErrNotFound) }

// mustAffect turns an UPDATE or DELETE that touched no row into ErrNotFound.
func mustAffect(res sql.Result, format string, args ...any) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf(format+": %w", append(args, err)...)
	}
	if n == 0 {
		return fmt.Errorf(format+": %w", append(args, followup.ErrNotFound)...)
	}
	return nil
}

// scanID reads the single id a RETURNING id statement produced and closes rows.
func scanID(rows *sqlx.Rows) (int64, error) {
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return 0, err
		}
		return 0, sql.ErrNoRows
	}
	var id int64
	if err := rows.Scan(&id); err != nil {
		return 0, err
	}
	return id, rows.Close()
}
