package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/stats"
	"github.com/followup-coach/followup/store"
)

// The stats fixture: statsStudents students (a fifth on the US holiday
// calendar, one in twenty opted out) with statsInterviews interviews, all
// touched within the last year; two thirds had their second follow-up sent,
// with every diagnosis and outcome; half have a draft.
const (
	statsStudents   = 10_000
	statsInterviews = 100_000
)

var statsNow = time.Date(2030, 6, 1, 9, 0, 0, 0, time.UTC)

func statsFixture(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "stats.db")
	if p := os.Getenv("STATS_FIXTURE_OUT"); p != "" {
		path = p
	}
	db, err := store.Open(context.Background(), path, nil) // the schema, by the real migrations
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	raw, err := sqlx.Open("sqlite3", path+"?_journal_mode=WAL&_synchronous=OFF&_foreign_keys=off")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	t0 := statsNow.Format("2006-01-02 15:04:05")
	stamp := func(mod string) string {
		return `strftime('%Y-%m-%dT%H:%M:%S', '` + t0 + `', ` + mod + `) || '.000000000Z'`
	}
	day := func(mod string) string { return `date('` + t0 + `', ` + mod + `)` }
	steps := []string{
		fmt.Sprintf(`INSERT INTO students (team_id, user_id, tz, wait_business_days, nudge_hour,
			calendar, career_level, paused, stats_opt_out, created_at, updated_at)
			WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
			SELECT 'TSTATS', 'U' || i, 'Europe/Paris', 8, 9, CASE WHEN i %% 5 = 0 THEN 'us' ELSE '' END,
				'gets_things_done', FALSE, i %% 20 = 7, %s, %s FROM n`,
			statsStudents-1, stamp("'-400 days'"), stamp("'-400 days'")),
		fmt.Sprintf(`INSERT INTO interviews (id, team_id, user_id, company, role, interview_date,
			first_follow_up_date, stage, diagnosis, second_due, second_sent_date, second_waited, created_at, updated_at)
			WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
			SELECT i, 'TSTATS', 'U' || (i %% %d), 'Company ' || i, 'Analyst',
				%s, %s,
				CASE i %% 6 WHEN 0 THEN 'logged' WHEN 1 THEN 'replied' WHEN 2 THEN 'offer'
					WHEN 3 THEN 'rejected' WHEN 4 THEN 'no_reply' ELSE 'sent' END,
				CASE (i / 7) %% 5 WHEN 0 THEN '' WHEN 1 THEN 'who_decides' WHEN 2 THEN 'missing_info'
					WHEN 3 THEN 'too_busy' ELSE 'not_sure' END,
				%s,
				CASE WHEN i %% 3 = 0 THEN NULL ELSE %s END,
				CASE WHEN i %% 3 = 0 THEN NULL ELSE 4 + (i / 3) %% 9 END,
				%s, %s FROM n`,
			statsInterviews, statsStudents,
			day("'-' || (i % 350 + 20) || ' days'"), day("'-' || (i % 350 + 19) || ' days'"),
			day("'-' || (i % 350 + 8) || ' days'"), day("'-' || (i % 350 + 19 - 6 - i % 8) || ' days'"),
			stamp("'-' || (i % 350 + 20) || ' days'"), stamp("'-' || (i % 340) || ' days'")),
		fmt.Sprintf(`INSERT INTO drafts (interview_id, kind, diagnosis, subject, body, created_at, updated_at)
			SELECT id, 'second_follow_up', diagnosis, 'Subject', 'Body', %s, %s FROM interviews WHERE id %% 2 = 0`,
			stamp("'-' || (id % 340) || ' days'"), stamp("'-' || (id % 340) || ' days'")),
	}
	for i, q := range steps {
		if _, err := raw.Exec(q); err != nil {
			b.Fatalf("fixture step %d: %v", i, err)
		}
	}
	if _, err := raw.Exec("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkStats reads and counts the numbers of 10,000 students and
// 100,000 interviews as /followup stats does: the store's read, the
// aggregation with business days on each student's calendar, and the
// suppression. Goal: under 200 ms. Figures go to the README.
func BenchmarkStats(b *testing.B) {
	path := statsFixture(b)
	ctx := context.Background()
	db, err := store.Open(ctx, path, followup.ClockFunc(func() time.Time { return statsNow }))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, name := range []string{"30d", "365d"} {
		b.Run(name, func(b *testing.B) {
			p := stats.Period{From: statsNow.AddDate(0, 0, -30), To: statsNow, Name: name}
			if name == "365d" {
				p.From = statsNow.AddDate(-1, 0, 0)
			}
			b.ReportAllocs()
			var n int
			for b.Loop() {
				acts, err := db.StatsActivity(ctx, "TSTATS", p.From, p.To)
				if err != nil {
					b.Fatal(err)
				}
				r := stats.Suppress(stats.Aggregate(p, acts), stats.MinStudents)
				n = r.Table("funnel").Cells[0].Count
			}
			b.ReportMetric(float64(n), "students")
		})
	}
}
