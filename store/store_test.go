package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/followup/followuptest"
	"github.com/followup-coach/followup/store"
	"github.com/followup-coach/followup/store/storetest"
	"github.com/jmoiron/sqlx"
	_ "github.com/mattn/go-sqlite3"
)

// newClock is the store tests' clock, at a time with nanoseconds so that
// a lossy round trip through the database shows.
func newClock() *followuptest.Clock {
	return followuptest.NewClock(time.Date(2025, 3, 10, 14, 30, 0, 123456789, time.UTC))
}

// openAt opens the store at dsn with clock and closes it after the test.
func openAt(t testing.TB, dsn string, clock followup.Clock) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, clock)
	if err != nil {
		t.Fatalf("Open(%q): %v", dsn, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

// open opens a fresh store on engine e and returns it with its clock and
// its DSN, so a test can open a second handle on the same database.
func open(t testing.TB, e storetest.Engine) (*store.DB, *followuptest.Clock, string) {
	t.Helper()
	clock := newClock()
	dsn := storetest.DSN(t, e)
	return openAt(t, dsn, clock), clock, dsn
}

var (
	ada   = followup.UserID{Team: "T1", User: "U_ADA"}
	grace = followup.UserID{Team: "T1", User: "U_GRACE"}
)

func mustStudent(t testing.TB, db *store.DB, id followup.UserID) followup.Student {
	t.Helper()
	st, _, err := db.EnsureStudent(context.Background(), id, "Europe/Paris", followup.Settings{}, nil)
	if err != nil {
		t.Fatalf("EnsureStudent(%v): %v", id, err)
	}
	return st
}

func date(s string) followup.Date {
	d, err := followup.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func newInterview(owner followup.UserID, company string) followup.Interview {
	return followup.Interview{
		Student:           owner,
		Company:           company,
		Role:              "Data analyst",
		InterviewDate:     date("2025-03-03"),
		FirstFollowUpDate: date("2025-03-04"),
	}
}

func mustCreate(t testing.TB, db *store.DB, iv followup.Interview) followup.Interview {
	t.Helper()
	if err := db.CreateInterview(context.Background(), &iv); err != nil {
		t.Fatalf("CreateInterview: %v", err)
	}
	return iv
}

// rawDB opens the file directly, for checks the API does not offer.
func rawDB(t testing.TB, path string) *sqlx.DB {
	t.Helper()
	raw, err := sqlx.Open("sqlite3", path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func TestOpen(t *testing.T) {
	tests := []struct {
		name string
		dsn  func(dir string) string
		file func(dir string) string
	}{
		{"PlainPath", func(d string) string { return filepath.Join(d, "f.db") }, func(d string) string { return filepath.Join(d, "f.db") }},
		{"CreatesParentDir", func(d string) string { return filepath.Join(d, "data", "deep", "f.db") }, func(d string) string { return filepath.Join(d, "data", "deep", "f.db") }},
		{"FileURI", func(d string) string { return "file:" + filepath.Join(d, "u.db") }, func(d string) string { return filepath.Join(d, "u.db") }},
		{"FileURIWithParams", func(d string) string { return "file:" + filepath.Join(d, "sub", "p.db") + "?cache=private" }, func(d string) string { return filepath.Join(d, "sub", "p.db") }},
		{"CallerBusyTimeoutKept", func(d string) string { return filepath.Join(d, "b.db") + "?_busy_timeout=7000" }, func(d string) string { return filepath.Join(d, "b.db") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := openAt(t, tt.dsn(dir), newClock())
			if err := db.Ping(context.Background()); err != nil {
				t.Fatalf("Ping: %v", err)
			}
			if _, err := os.Stat(tt.file(dir)); err != nil {
				t.Fatalf("database file: %v", err)
			}
			raw := rawDB(t, tt.file(dir))
			var mode string
			if err := raw.Get(&mode, "PRAGMA journal_mode"); err != nil {
				t.Fatal(err)
			}
			if mode != "wal" {
				t.Errorf("journal_mode: got %q, want wal", mode)
			}
		})
	}
}

func TestOpenRejectsMemory(t *testing.T) {
	for _, dsn := range []string{"", ":memory:", "file::memory:", "file:x?mode=memory"} {
		t.Run(dsn, func(t *testing.T) {
			db, err := store.Open(context.Background(), dsn, nil)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q): got nil error, want one", dsn)
			}
		})
	}
}

// TestPragmas checks, through the store's own pools, that every connection
// got the DSN pragmas, not just the first one.
func TestPragmas(t *testing.T) {
	db, _, _ := open(t, storetest.SQLite)
	got, err := store.Pragmas(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"write.journal_mode": "wal", "write.foreign_keys": "1", "write.busy_timeout": "5000", "write.synchronous": "1", "write.query_only": "0",
		"read.journal_mode": "wal", "read.foreign_keys": "1", "read.busy_timeout": "5000", "read.synchronous": "1", "read.query_only": "1",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %q, want %q", k, got[k], w)
		}
	}
}

func TestMigrationsTwiceIsNoop(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db, clock, dsn := open(t, e)
		mustStudent(t, db, ada)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}

		raw := storetest.Open(t, e, dsn)
		count := func() int {
			var n int
			if err := raw.QueryRow("SELECT COUNT(*) FROM goose_db_version").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		if before == 0 {
			t.Fatal("goose_db_version is empty after the first Open")
		}

		db2 := openAt(t, dsn, clock)
		if got := count(); got != before {
			t.Errorf("goose_db_version rows after second Open: got %d, want %d", got, before)
		}
		if _, err := db2.Student(context.Background(), ada); err != nil {
			t.Errorf("Student after second Open: got %v, want the row kept", err)
		}
	})
}

func TestForeignKeysOn(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db, _, _ := open(t, e)
		iv := newInterview(grace, "Nobody Inc") // grace was never created
		err := db.CreateInterview(context.Background(), &iv)
		if !errors.Is(err, followup.ErrNotFound) {
			t.Fatalf("CreateInterview for unknown student: got %v, want ErrNotFound", err)
		}
		it := followup.LibraryItem{Student: grace, Kind: followup.KindLink, Title: "x"}
		if err := db.SaveLibraryItem(context.Background(), &it); !errors.Is(err, followup.ErrNotFound) {
			t.Fatalf("SaveLibraryItem for unknown student: got %v, want ErrNotFound", err)
		}
		d := followup.Draft{InterviewID: 999, Kind: followup.NudgeSecondFollowUp}
		if err := db.SaveDraft(context.Background(), &d); !errors.Is(err, followup.ErrNotFound) {
			t.Fatalf("SaveDraft for unknown interview: got %v, want ErrNotFound", err)
		}
	})
}

// TestConcurrentWriters has 20 goroutines, split over two handles on the
// same file as two processes would be, create and update interviews.
func TestConcurrentWriters(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		const (
			workers = 20
			each    = 10
		)
		db1, clock, path := open(t, e)
		db2 := openAt(t, path, clock)
		dbs := []*store.DB{db1, db2}
		students := []followup.UserID{ada, grace}
		for _, s := range students {
			mustStudent(t, db1, s)
		}

		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, workers*each*2)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db := dbs[w%2]
				owner := students[w%2]
				for i := range each {
					iv := newInterview(owner, "Acme")
					iv.NextNudgeAt = clock.Now().Add(time.Duration(w*each+i) * time.Minute)
					iv.NextNudgeKind = followup.NudgeSecondFollowUp
					if err := db.CreateInterview(ctx, &iv); err != nil {
						errs <- err
						continue
					}
					_, err := db.UpdateInterview(ctx, owner, iv.ID, func(iv *followup.Interview) error {
						iv.Notes = "updated"
						iv.NextNudgeAt = iv.NextNudgeAt.Add(time.Hour)
						return nil
					})
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent write: %v", err)
		}

		total := 0
		for _, s := range students {
			ivs, err := db1.ListInterviews(ctx, s, 0)
			if err != nil {
				t.Fatal(err)
			}
			total += len(ivs)
			for _, iv := range ivs {
				if iv.Notes != "updated" {
					t.Errorf("interview %d notes: got %q, want %q", iv.ID, iv.Notes, "updated")
				}
				ns, err := db1.NudgesFor(ctx, iv.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(ns) != 2 || ns[0].Status != followup.NudgeCancelled || ns[1].Status != followup.NudgePending {
					t.Errorf("interview %d nudges: got %+v, want one cancelled then one pending", iv.ID, ns)
				}
			}
		}
		if total != workers*each {
			t.Errorf("interviews stored: got %d, want %d", total, workers*each)
		}
		n, err := db2.PendingNudgeCount(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != workers*each {
			t.Errorf("pending nudges: got %d, want %d", n, workers*each)
		}
	})
}

func TestReadPoolIsReadOnly(t *testing.T) {
	db, _, _ := open(t, storetest.SQLite)
	err := store.ExecOnReadPool(context.Background(), db, "CREATE TABLE nope (x INTEGER)")
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Fatalf("write on the read pool: got %v, want a readonly error", err)
	}
}
