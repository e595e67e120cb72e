//go:build scaleout

package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store"
	"github.com/followup-coach/followup/store/storetest"
)

// TestSoak runs three instances of the real binary on one PostgreSQL
// schema against the emulator, with 300 students due at once, and kills a
// random instance with SIGKILL mid-dispatch FOLLOWUP_SOAK times,
// restarting it each time, while chat.postMessage answers 429s, 5xx and
// dropped connections after posting, and sockets drop. Every nudge must be
// delivered exactly once, within 30 s of the last kill. It runs only with
// FOLLOWUP_SOAK set (make soak; CI runs a short one).
func TestSoak(t *testing.T) {
	cycles, _ := strconv.Atoi(os.Getenv("FOLLOWUP_SOAK"))
	if cycles <= 0 {
		t.Skip("FOLLOWUP_SOAK not set (make soak)")
	}
	if os.Getenv(storetest.EnvURL) == "" {
		t.Fatalf("the soak needs PostgreSQL: set %s", storetest.EnvURL)
	}
	const students = 300
	dsn := storetest.DSN(t, storetest.Postgres)
	emu := slacktest.New()
	t.Cleanup(emu.Close)
	seedDue(t, emu, dsn, students)

	// The storm: of the next 120 calls, 30 % answer 429, 20 % 503, 5 % post
	// and drop the connection (outcome unknown), the rest succeed.
	rng := rand.New(rand.NewPCG(1, uint64(cycles)))
	for range 120 {
		switch p := rng.IntN(100); {
		case p < 30:
			emu.FailNext("chat.postMessage", slacktest.Fault{Status: 429, RetryAfter: time.Second})
		case p < 50:
			emu.FailNext("chat.postMessage", slacktest.Fault{Status: 503})
		case p < 55:
			emu.FailNext("chat.postMessage", slacktest.Fault{DropAfterHandling: true})
		default:
			emu.FailNext("chat.postMessage", slacktest.Fault{Delay: time.Millisecond})
		}
	}

	bin := binary(t)
	procs := make([]*exec.Cmd, 3)
	startOne := func(i int) {
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(),
			"SLACK_BOT_TOKEN="+slacktest.BotToken, "SLACK_APP_TOKEN="+slacktest.AppToken,
			"SLACK_API_URL="+emu.APIURL(), "DATABASE_URL="+dsn,
			"FOLLOWUP_INSTANCE=soak-"+strconv.Itoa(i), "FOLLOWUP_HTTP_ADDR=127.0.0.1:0",
			"FOLLOWUP_SCHEDULE=@every 1s",
			"FOLLOWUP_SEND_RATE=100", "LOG_LEVEL="+cmpOr(os.Getenv("SOAK_LOG_LEVEL"), "error"))
		cmd.Stderr = soakLog(t)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs[i] = cmd
	}
	for i := range procs {
		startOne(i)
	}
	t.Cleanup(func() {
		for _, p := range procs {
			_ = p.Process.Signal(syscall.SIGTERM)
			_ = p.Wait()
		}
	})

	for c := range cycles {
		time.Sleep(time.Duration(30+rng.IntN(120)) * time.Millisecond)
		i := rng.IntN(len(procs))
		_ = procs[i].Process.Kill() // SIGKILL, mid-dispatch or not
		_ = procs[i].Wait()
		if c%20 == 10 {
			emu.DropConnections()
		}
		startOne(i)
	}
	lastKill := time.Now()

	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var sent int
	deadline := lastKill.Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if err := raw.QueryRow(`SELECT COUNT(*) FROM nudges WHERE status = 'sent'`).Scan(&sent); err != nil {
			t.Fatal(err)
		}
		if sent == students {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	settled := time.Since(lastKill)

	per := map[string]int{}
	for _, m := range emu.Messages() {
		if m.Method == "chat.postMessage" && m.Metadata != nil && m.Metadata.EventType == "followup_nudge" {
			per[fmt.Sprint(m.Metadata.EventPayload["nudge_id"])]++
		}
	}
	doubled := 0
	for _, n := range per {
		if n > 1 {
			doubled++
		}
	}
	lost := students - len(per)
	t.Logf("soak: %d kills, %d students due; %d nudges recorded sent, %d delivered, %d lost, %d doubled; settled %s after the last kill",
		cycles, students, sent, len(per), lost, doubled, settled.Round(time.Millisecond))
	fmt.Printf("soak: kills=%d due=%d sent=%d delivered=%d lost=%d doubled=%d settled_after_last_kill=%s\n",
		cycles, students, sent, len(per), lost, doubled, settled.Round(time.Millisecond))
	if lost != 0 || doubled != 0 || sent != students {
		t.Errorf("got %d lost, %d doubled, %d recorded sent; want 0, 0, %d", lost, doubled, sent, students)
	}
}

// seedDue creates students (in the emulator and the store) with one
// interview each whose second follow-up is due now. The instances run on
// the wall clock (one FOLLOWUP_NOW per process would give each its own
// time, and leases compare times across instances), so the students live
// in a zone where it is now late morning on a weekday.
func seedDue(t *testing.T, emu *slacktest.Server, dsn string, students int) {
	t.Helper()
	ctx := context.Background()
	tz := ""
	for off := -12; off <= 14; off++ {
		local := time.Now().UTC().Add(time.Duration(off) * time.Hour)
		if h, wd := local.Hour(), local.Weekday(); h >= 10 && h <= 14 && wd != time.Saturday && wd != time.Sunday {
			tz = fmt.Sprintf("Etc/GMT%+d", -off) // Etc/GMT-3 is three hours ahead of UTC
			break
		}
	}
	if tz == "" {
		t.Skip("no zone has a weekday late morning right now")
	}
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for s := range students {
		u := fmt.Sprintf("U%05d", s)
		emu.AddUser(slacktest.User{ID: u, TeamID: team, Name: u, TZ: tz})
		id := followup.UserID{Team: team, User: u}
		if _, _, err := db.EnsureStudent(ctx, id, tz, followup.Settings{}, nil); err != nil {
			t.Fatal(err)
		}
		iv := followup.Interview{
			Student: id, Company: "Acme " + u, Role: "Engineer",
			InterviewDate:     followup.Date{Year: 2026, Month: 2, Day: 10},
			FirstFollowUpDate: followup.Date{Year: 2026, Month: 2, Day: 11},
			Stage:             followup.StageLogged,
			NextNudgeAt:       time.Now().Add(-time.Minute),
			NextNudgeKind:     followup.NudgeSecondFollowUp,
		}
		if err := db.CreateInterview(ctx, &iv); err != nil {
			t.Fatal(err)
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// soakLog is where the instances' logs go: SOAK_LOG names a file.
func soakLog(t *testing.T) *os.File {
	p := os.Getenv("SOAK_LOG")
	if p == "" {
		return nil
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
