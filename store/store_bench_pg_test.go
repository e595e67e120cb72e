package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/followup-coach/followup/store"
	"github.com/followup-coach/followup/store/storetest"
)

// BenchmarkClaimDueNudgesPostgres is BenchmarkClaimDueNudges on PostgreSQL
// (TEST_DATABASE_URL): the same fixture shape, built once with
// generate_series in the schema followup_bench_<version>, kept for later
// runs (drop it by hand to rebuild).
func BenchmarkClaimDueNudgesPostgres(b *testing.B) {
	base := os.Getenv(storetest.EnvURL)
	if base == "" {
		b.Skip(storetest.EnvURL + " not set")
	}
	schema := "followup_bench_" + benchFixtureVersion + "_00005"
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&exists); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	dsn := u.String()
	if !exists {
		b.Logf("building fixture schema %s (once)", schema)
		buildPostgresFixture(b, admin, schema, dsn)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	runClaimBench(b, db, func() {
		if _, err := raw.Exec(unclaimSQL); err != nil {
			b.Fatal(err)
		}
	})
}

func buildPostgresFixture(b *testing.B, admin *sql.DB, schema, dsn string) {
	b.Helper()
	tmp := schema + "_building"
	if _, err := admin.Exec(`DROP SCHEMA IF EXISTS ` + tmp + ` CASCADE; CREATE SCHEMA ` + tmp); err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse(dsn)
	q := u.Query()
	q.Set("search_path", tmp)
	u.RawQuery = q.Encode()
	db, err := store.Open(context.Background(), u.String(), nil) // the schema, by the real migrations
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	t0 := benchT0.Format("2006-01-02 15:04:05")
	// stamp is SQL for benchT0 moved by interval, in the store's time format.
	stamp := func(interval string) string {
		return `to_char(timestamp '` + t0 + `' + ` + interval + `, 'YYYY-MM-DD"T"HH24:MI:SS') || '.000000000Z'`
	}
	steps := []string{
		fmt.Sprintf(`INSERT INTO %[1]s.students (team_id, user_id, tz, wait_business_days, nudge_hour,
			calendar, career_level, paused, created_at, updated_at)
			SELECT 'TBENCH', 'U' || i, 'Europe/Paris', 8, 9, '', 'gets_things_done', FALSE, %[2]s, %[2]s
			FROM generate_series(0, %[3]d) i`, tmp, stamp("interval '-400 days'"), benchStudents-1),
		fmt.Sprintf(`INSERT INTO %[1]s.interviews (id, team_id, user_id, company, role, interview_date,
			first_follow_up_date, stage, next_nudge_at, next_nudge_kind, created_at, updated_at)
			SELECT i, 'TBENCH', 'U' || (i %% %[2]d), 'Company ' || i, 'Analyst',
				date '%[3]s' - (i %% 365), date '%[3]s' - (i %% 365), 'logged',
				CASE WHEN i <= %[4]d THEN %[5]s WHEN i %% 5 = 0 THEN %[6]s ELSE %[7]s END,
				'second_follow_up', %[8]s, %[8]s
			FROM generate_series(1, %[9]d) i`,
			tmp, benchStudents, benchT0.Format("2006-01-02"), benchDue,
			stamp("interval '0 days'"), stamp("make_interval(days => i % 30 + 1)"), stamp("make_interval(days => -(i % 300 + 1))"),
			stamp("interval '-400 days'"), benchInterviews),
		fmt.Sprintf(`INSERT INTO %[1]s.nudges (interview_id, kind, planned_at, due_at, status, attempts,
			sent_at, created_at, updated_at)
			SELECT id, 'second_follow_up', next_nudge_at, next_nudge_at,
				CASE WHEN id <= %[2]d OR id %% 5 = 0 THEN 'pending' ELSE 'sent' END,
				CASE WHEN id <= %[2]d OR id %% 5 = 0 THEN 0 ELSE 1 END,
				CASE WHEN id <= %[2]d OR id %% 5 = 0 THEN NULL ELSE next_nudge_at END,
				next_nudge_at, next_nudge_at
			FROM %[1]s.interviews`, tmp, benchDue),
		`SELECT setval(pg_get_serial_sequence('` + tmp + `.interviews', 'id'), (SELECT max(id) FROM ` + tmp + `.interviews))`,
		`ANALYZE ` + tmp + `.nudges`,
		`ANALYZE ` + tmp + `.interviews`,
		`ALTER SCHEMA ` + tmp + ` RENAME TO ` + schema,
	}
	for i, q := range steps {
		if _, err := admin.Exec(q); err != nil {
			b.Fatalf("fixture step %d: %v", i, err)
		}
	}
}
