package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/followup-coach/followup/store"
	"github.com/jmoiron/sqlx"
)

// Fixture shape: benchInterviews interviews of benchStudents students, each
// with one nudge. benchDue nudges are pending and due at benchT0, a fifth
// of the rest pending in the next 30 days, the others sent in the past.
const (
	benchFixtureVersion = "1"
	benchStudents       = 1_000
	benchInterviews     = 1_000_000
	benchDue            = 10_000
)

var benchT0 = time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)

// benchFixture returns the path of the cached fixture, building it on the
// first run. The cache key is the fixture version and a hash of the
// migrations, so a schema change builds a new one.
func benchFixture(b *testing.B) string {
	b.Helper()
	files, err := filepath.Glob("migrations/sqlite/*.sql")
	if err != nil || len(files) == 0 {
		b.Fatalf("migrations: %v (%d files)", err, len(files))
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		h.Write(data)
	}
	key := benchFixtureVersion + "-" + hex.EncodeToString(h.Sum(nil))[:12]
	path := filepath.Join(os.TempDir(), "followup-store-bench-"+key+".db")
	if _, err := os.Stat(path); err == nil {
		return path
	}

	b.Logf("building fixture %s (once)", path)
	tmp := fmt.Sprintf("%s.building-%d", path, os.Getpid())
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
	}()
	ctx := context.Background()
	db, err := store.Open(ctx, tmp, nil) // the schema, by the real migrations
	if err != nil {
		b.Fatal(err)
	}
	db.Close()

	raw, err := sqlx.Open("sqlite3", tmp+"?_journal_mode=WAL&_synchronous=OFF&_foreign_keys=off")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	tx, err := raw.Beginx()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	t0 := benchT0.Format("2006-01-02 15:04:05")
	// stamp is SQL for benchT0 moved by the SQL modifier mod, in the store's time format.
	stamp := func(mod string) string {
		return `strftime('%Y-%m-%dT%H:%M:%S', '` + t0 + `', ` + mod + `) || '.000000000Z'`
	}
	steps := []string{
		fmt.Sprintf(`INSERT INTO students (team_id, user_id, tz, wait_business_days, nudge_hour,
			calendar, career_level, paused, created_at, updated_at)
			WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
			SELECT 'TBENCH', 'U' || i, 'Europe/Paris', 8, 9, '', 'gets_things_done', FALSE,
				%s, %s FROM n`,
			benchStudents-1, stamp("'-400 days'"), stamp("'-400 days'")),
		fmt.Sprintf(`INSERT INTO interviews (id, team_id, user_id, company, role, interview_date,
			first_follow_up_date, stage, second_due, next_nudge_at, next_nudge_kind, created_at, updated_at)
			WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
			SELECT i, 'TBENCH', 'U' || (i %% %d), 'Company ' || i, 'Analyst',
				date('%s', '-' || (i %% 365) || ' days'), date('%s', '-' || (i %% 365) || ' days'),
				'logged', NULL, NULL, '', %s, %s FROM n`,
			benchInterviews, benchStudents, t0, t0, stamp("'-400 days'"), stamp("'-400 days'")),
		fmt.Sprintf(`INSERT INTO nudges (interview_id, kind, planned_at, due_at, status, attempts,
			sent_at, created_at, updated_at)
			SELECT id, 'second_follow_up', due, due, status, CASE status WHEN 'sent' THEN 1 ELSE 0 END,
				CASE status WHEN 'sent' THEN due END, due, due
			FROM (SELECT id,
				CASE WHEN id <= %[1]d THEN 'pending'
				     WHEN id %% 5 = 0 THEN 'pending'
				     ELSE 'sent' END AS status,
				CASE WHEN id <= %[1]d THEN %[2]s
				     WHEN id %% 5 = 0 THEN %[3]s
				     ELSE %[4]s END AS due
			FROM interviews)`,
			benchDue,
			stamp("'+0 days'"),
			stamp("printf('+%d days', id % 30 + 1)"),
			stamp("printf('-%d days', id % 300 + 1)")),
		`UPDATE interviews SET next_nudge_at = (SELECT planned_at FROM nudges WHERE interview_id = interviews.id),
			next_nudge_kind = 'second_follow_up'`,
	}
	for i, q := range steps {
		if _, err := tx.Exec(q); err != nil {
			b.Fatalf("fixture step %d: %v", i, err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := raw.Exec("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	raw.Close()
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkClaimDueNudges measures the dispatcher's claim over a million
// stored interviews. Figures go to the README, never into assertions.
func BenchmarkClaimDueNudges(b *testing.B) {
	path := benchFixture(b)
	ctx := context.Background()
	db, err := store.Open(ctx, path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	raw, err := sqlx.Open("sqlite3", path+"?_busy_timeout=5000")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	// unclaim puts back what a run claimed, so runs do not eat the fixture.
	unclaim := func() {
		_, err := raw.Exec(unclaimSQL)
		if err != nil {
			b.Fatal(err)
		}
	}
	runClaimBench(b, db, unclaim)
}

// unclaimSQL puts back what a benchmark run claimed.
const unclaimSQL = `UPDATE nudges SET status = 'pending', claimed_at = NULL, claimed_by = '',
	lease_until = NULL, attempts = 0 WHERE status = 'claimed'`

// runClaimBench runs the claim cases over a fixture of either engine.
func runClaimBench(b *testing.B, db *store.DB, unclaim func()) {
	ctx := context.Background()
	unclaim()
	tests := []struct {
		name  string
		now   time.Time
		limit int
		want  int
	}{
		{"NoneDue", benchT0.Add(-time.Hour), 100, 0},
		{"10000Due/Limit100", benchT0, 100, 100},
		{"10000Due/Limit10000", benchT0, 10_000, 10_000},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ns, err := db.ClaimDueNudges(ctx, "i1", tt.now, tt.limit, 15*time.Minute)
				if err != nil {
					b.Fatal(err)
				}
				if len(ns) != tt.want {
					b.Fatalf("claimed: got %d, want %d", len(ns), tt.want)
				}
				if tt.want > 0 {
					b.StopTimer()
					unclaim()
					b.StartTimer()
				}
			}
		})
	}
}
