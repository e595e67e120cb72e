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
// schema against the emulator, with 300 students due at once. For a storm
// of SOAK_STORM (default 60s) Slack answers 30 % of calls 429, 20 % 503
// and drops 5 % of posts after posting them; over that stretch
// FOLLOWUP_SOAK times an instance that holds claims right now (a random
// one when none does) is killed with SIGKILL and restarted, and every 20th
// kill also drops the Socket Mode sockets. Every nudge must be delivered
// exactly once, within 30 s of the last fault (the last kill or the
// storm's end, whichever is later). It runs only with FOLLOWUP_SOAK set
// (make soak; CI runs a short one).
func TestSoak(t *testing.T) {
	cycles, _ := strconv.Atoi(os.Getenv("FOLLOWUP_SOAK"))
	if cycles <= 0 {
		t.Skip("FOLLOWUP_SOAK not set (make soak)")
	}
	stormFor, err := time.ParseDuration(cmpOr(os.Getenv("SOAK_STORM"), "60s"))
	if err != nil || stormFor <= 0 {
		t.Fatalf("SOAK_STORM: got %q, want a duration such as 60s", os.Getenv("SOAK_STORM"))
	}
	// The send rate, shared by the live instances: slow enough that
	// dispatch is still going on through the kills, fast enough that the
	// backlog left when the storm ends goes out in seconds.
	sendRate := cmpOr(os.Getenv("SOAK_RATE"), "20")
	const (
		students  = 300
		instances = 3
		limit     = 30 * time.Second
	)
	dsn, emu, raw := soakSetup(t, students)

	bin := binary(t)
	procs := make([]*exec.Cmd, instances)
	started := make([]time.Time, instances)
	startOne := func(i int) {
		started[i] = time.Now()
		procs[i] = startInstance(t, bin, emu, dsn, instanceName(i), sendRate)
	}
	stopAll := func() { stopInstances(procs) }
	t.Cleanup(stopAll)

	// The storm: a stretch of time, however many calls come. The history
	// and DM-open calls fail too, so recovering an unknown outcome has to
	// wait for Slack to answer again.
	rng := rand.New(rand.NewPCG(1, uint64(cycles)))
	stormEnd := time.Now().Add(stormFor)
	emu.FailRate("chat.postMessage", slacktest.FaultMix{RateLimited: 30, ServerError: 20, Dropped: 5, Seed: rng.Uint64()}, stormEnd)
	emu.FailRate("conversations.history", slacktest.FaultMix{RateLimited: 30, ServerError: 20, Seed: rng.Uint64()}, stormEnd)
	emu.FailRate("conversations.open", slacktest.FaultMix{RateLimited: 30, ServerError: 20, Seed: rng.Uint64()}, stormEnd)
	for i := range procs {
		startOne(i)
	}

	// The kills, spread over the storm, each at an instance caught
	// dispatching (holding claims) when there is one.
	gap := max(stormFor/time.Duration(cycles), 2*time.Millisecond)
	midDispatch := 0
	var lastKill time.Time
	for c := range cycles {
		time.Sleep(gap/2 + time.Duration(rng.Int64N(int64(gap)))) // gap on average
		i, holding := pickVictim(t, raw, rng, started)
		if holding {
			midDispatch++
		}
		_ = procs[i].Process.Kill() // SIGKILL
		lastKill = time.Now()
		_ = procs[i].Wait()
		if c%20 == 10 {
			emu.DropConnections()
		}
		startOne(i)
	}
	sentAtLastKill := countSent(t, raw)
	lastFault := lastKill
	if stormEnd.After(lastFault) {
		lastFault = stormEnd
	}
	t.Logf("last kill %s, storm end %s (UTC, to read the logs by)", lastKill.UTC().Format("15:04:05.000"), stormEnd.UTC().Format("15:04:05.000"))

	// Settled: every nudge recorded sent. Wait past the limit, to report
	// how late it was.
	var sent int
	for deadline := lastFault.Add(2 * limit); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if sent = countSent(t, raw); sent == students {
			break
		}
	}
	settled := time.Since(lastFault)
	// Every instance stops before the count, so a late second DM would be in it.
	stopAll()

	delivered, doubled, lastDM := countNudgeDMs(emu)
	lost := students - delivered
	storm := emu.Storm("chat.postMessage")
	line := fmt.Sprintf("soak: kills=%d kills_mid_dispatch=%d storm=%s posts_in_storm=%d 429=%d 5xx=%d dropped=%d "+
		"due=%d sent_before_last_kill=%d sent=%d delivered=%d lost=%d doubled=%d "+
		"last_dm_after_last_fault=%s settled_after_last_fault=%s",
		cycles, midDispatch, stormFor, storm.Calls, storm.RateLimited, storm.ServerError, storm.Dropped,
		students, sentAtLastKill, sent, delivered, lost, doubled,
		lastDM.Sub(lastFault).Round(time.Millisecond), settled.Round(time.Millisecond))
	t.Log(line)
	fmt.Println(line)
	if lost != 0 || doubled != 0 || sent != students {
		t.Errorf("got %d lost, %d doubled, %d recorded sent; want 0, 0, %d", lost, doubled, sent, students)
	}
	if settled > limit {
		t.Errorf("settled %s after the last fault, want within %s", settled.Round(time.Millisecond), limit)
	}
}

// soakSetup gives a soak its PostgreSQL schema, with students due now,
// the emulator that knows them, and a raw handle to watch the nudges by.
func soakSetup(t *testing.T, students int) (string, *slacktest.Server, *sql.DB) {
	t.Helper()
	if os.Getenv(storetest.EnvURL) == "" {
		t.Fatalf("the soak needs PostgreSQL: set %s", storetest.EnvURL)
	}
	dsn := storetest.DSN(t, storetest.Postgres)
	emu := slacktest.New()
	t.Cleanup(emu.Close)
	seedDue(t, emu, dsn, students)
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return dsn, emu, raw
}

// countSent counts the nudges recorded sent.
func countSent(t *testing.T, raw *sql.DB) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM nudges WHERE status = 'sent'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func instanceName(i int) string { return "soak-" + strconv.Itoa(i) }

// startInstance starts the binary as instance name on dsn against emu,
// scanning every second and sending at most rate nudges a second (shared).
func startInstance(t *testing.T, bin string, emu *slacktest.Server, dsn, name, rate string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(),
		"SLACK_BOT_TOKEN="+slacktest.BotToken, "SLACK_APP_TOKEN="+slacktest.AppToken,
		"SLACK_API_URL="+emu.APIURL(), "DATABASE_URL="+dsn,
		"FOLLOWUP_INSTANCE="+name, "FOLLOWUP_HTTP_ADDR=127.0.0.1:0",
		"FOLLOWUP_SCHEDULE=@every 1s",
		"FOLLOWUP_SEND_RATE="+rate, "LOG_LEVEL="+cmpOr(os.Getenv("SOAK_LOG_LEVEL"), "error"))
	cmd.Stderr = soakLog(t, name)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// stopInstances stops the running ones with SIGTERM and waits for them.
func stopInstances(procs []*exec.Cmd) {
	for i, p := range procs {
		if p != nil {
			_ = p.Process.Signal(syscall.SIGTERM)
			_ = p.Wait()
			procs[i] = nil
		}
	}
}

// countNudgeDMs counts the nudge DMs the emulator got, by their metadata:
// how many nudges were delivered, how many more than once, and when the
// last DM came.
func countNudgeDMs(emu *slacktest.Server) (delivered, doubled int, last time.Time) {
	per := map[string]int{}
	for _, m := range emu.Messages() {
		if m.Method == "chat.postMessage" && m.Metadata != nil && m.Metadata.EventType == "followup_nudge" {
			per[fmt.Sprint(m.Metadata.EventPayload["nudge_id"])]++
			if m.At.After(last) {
				last = m.At
			}
		}
	}
	for _, n := range per {
		if n > 1 {
			doubled++
		}
	}
	return len(per), doubled, last
}

// TestSoakDeadInstance kills one of three instances while it holds claims
// and never restarts it: its claims must come back to the others when its
// lease runs out (15 s), and every nudge must go out exactly once. It
// runs with the soak (make soak).
func TestSoakDeadInstance(t *testing.T) {
	if os.Getenv("FOLLOWUP_SOAK") == "" {
		t.Skip("FOLLOWUP_SOAK not set (make soak)")
	}
	const (
		students = 300
		rate     = "20"
		// The lease (15 s), a heartbeat and a scan to notice, and what is
		// left to send at 20/s.
		limit = 30 * time.Second
	)
	dsn, emu, raw := soakSetup(t, students)

	bin := binary(t)
	procs := make([]*exec.Cmd, 3)
	started := make([]time.Time, len(procs))
	for i := range procs {
		started[i] = time.Now()
		procs[i] = startInstance(t, bin, emu, dsn, instanceName(i), rate)
	}
	t.Cleanup(func() { stopInstances(procs) })

	// Wait until someone is dispatching, then kill a holder for good.
	held := func(name string) int {
		var n int
		if err := raw.QueryRow(`SELECT COUNT(*) FROM nudges WHERE status = 'claimed' AND claimed_by = $1`, name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	rng := rand.New(rand.NewPCG(2, 2))
	var victim int
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		i, holding := pickVictim(t, raw, rng, started)
		if holding && held(instanceName(i)) > 0 {
			victim = i
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no instance held claims within 20 s")
		}
	}
	dead := instanceName(victim)
	_ = procs[victim].Process.Kill()
	killed := time.Now()
	_ = procs[victim].Wait()
	procs[victim] = nil
	orphaned := held(dead)

	// Recovered: no claim of the dead instance is left; settled: all sent.
	var recovered time.Duration
	var sent int
	for deadline := killed.Add(2 * limit); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if recovered == 0 && held(dead) == 0 {
			recovered = time.Since(killed)
		}
		if sent = countSent(t, raw); recovered != 0 && sent == students {
			break
		}
	}
	settled := time.Since(killed)
	stopInstances(procs)

	delivered, doubled, lastDM := countNudgeDMs(emu)
	lost := students - delivered
	line := fmt.Sprintf("soak, dead instance: due=%d orphaned_claims=%d recovered_after=%s sent=%d delivered=%d lost=%d doubled=%d last_dm_after_kill=%s",
		students, orphaned, recovered.Round(time.Millisecond), sent, delivered, lost, doubled, lastDM.Sub(killed).Round(time.Millisecond))
	t.Log(line)
	fmt.Println(line)
	if lost != 0 || doubled != 0 || sent != students {
		t.Errorf("got %d lost, %d doubled, %d recorded sent; want 0, 0, %d", lost, doubled, sent, students)
	}
	if orphaned == 0 {
		t.Errorf("the killed instance held no claims: the test proved nothing")
	}
	if recovered == 0 || settled > limit {
		t.Errorf("claims recovered after %s, all sent %s after the kill; want both within %s", recovered, settled.Round(time.Millisecond), limit)
	}
}

// pickVictim chooses the instance to kill: one whose current process
// holds claims it made itself (it is mid-dispatch) when any does, else
// any. Claims its killed predecessor left do not count. holding says
// which.
func pickVictim(t *testing.T, raw *sql.DB, rng *rand.Rand, started []time.Time) (i int, holding bool) {
	t.Helper()
	rows, err := raw.Query(`SELECT claimed_by, MAX(claimed_at) FROM nudges
		WHERE status = 'claimed' AND claimed_by <> '' GROUP BY claimed_by`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var holders []int
	for rows.Next() {
		var name, at string
		if err := rows.Scan(&name, &at); err != nil {
			t.Fatal(err)
		}
		claimed, err := time.Parse(time.RFC3339Nano, at)
		if err != nil {
			t.Fatalf("claimed_at %q: %v", at, err)
		}
		for j := range started {
			if name == instanceName(j) && !claimed.Before(started[j]) {
				holders = append(holders, j)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(holders) > 0 {
		return holders[rng.IntN(len(holders))], true
	}
	return rng.IntN(len(started)), false
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

// soakLog is where an instance's log goes: SOAK_LOG names a file, and
// each instance appends to its own, the file name plus "." and its name.
func soakLog(t *testing.T, instance string) *os.File {
	p := os.Getenv("SOAK_LOG")
	if p == "" {
		return nil
	}
	f, err := os.OpenFile(p+"."+instance, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}
