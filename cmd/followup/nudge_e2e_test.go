package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot"
	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/followup/followuptest"
)

// oldInterview was 3 weeks before monday9: its thank-you went out 15
// business days ago, so the second follow-up is overdue.
var oldInterview = form{company: "Initech", role: "Platform Engineer", name: "Bill Lumbergh", email: "bill@initech.example",
	interview: "2026-02-06", first: "2026-02-09"}

// logOld logs oldInterview through the modal and returns it as stored.
func (h *harness) logOld(user string) followup.Interview {
	h.t.Helper()
	h.submit(user, h.openLog(user, ""), oldInterview)
	h.dm(user, oldInterview.company)
	for _, iv := range h.interviews(user) {
		if iv.Company == oldInterview.company {
			return iv
		}
	}
	h.t.Fatal("interview not stored")
	return followup.Interview{}
}

// nudgeDMs are the nudge messages posted to a user (not updates).
func (h *harness) nudgeDMs(user string) []slacktest.Message {
	var out []slacktest.Message
	for _, m := range h.emu.Messages() {
		if m.Method == "chat.postMessage" && m.Channel == "D"+user && m.Metadata != nil && m.Metadata.EventType == bot.NudgeEventType {
			out = append(out, m)
		}
	}
	return out
}

func (h *harness) scan() {
	h.t.Helper()
	if _, err := h.main.Scan(h.ctx()); err != nil {
		h.t.Fatalf("scan: %v", err)
	}
}

// waitNudges waits until user has n nudge DMs, scanning meanwhile.
func (h *harness) waitNudges(user string, n int) []slacktest.Message {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := h.nudgeDMs(user)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("nudge DMs: got %d, want %d; messages: %s", len(got), n, dump(h.emu.Messages()))
		}
		h.scan()
		time.Sleep(50 * time.Millisecond)
	}
}

// settle scans a few more times and checks no further nudge appears.
func (h *harness) settle(user string, want int) {
	h.t.Helper()
	for range 3 {
		h.scan()
	}
	if got := len(h.nudgeDMs(user)); got != want {
		h.t.Fatalf("nudge DMs after more scans: got %d, want %d; messages: %s", got, want, dump(h.emu.Messages()))
	}
}

func TestOverdueInterviewGetsExactlyOneNudge(t *testing.T) {
	h := start(t)
	iv := h.logOld(student)
	if iv.NextNudgeKind != followup.NudgeSecondFollowUp || iv.NextNudgeAt.After(monday9.Add(time.Minute)) {
		t.Fatalf("plan: got %s at %s, want a second follow-up nudge now", iv.NextNudgeKind, iv.NextNudgeAt)
	}
	ms := h.waitNudges(student, 1)
	if s := all(ms[0]); !strings.Contains(s, "Initech") || !strings.Contains(s, "Platform Engineer") {
		t.Errorf("nudge does not name company and role: %s", s)
	}
	if got := ms[0].Metadata.EventPayload["interview_id"]; got != "1" && got != float64(1) {
		t.Errorf("nudge metadata interview_id: got %v, want 1", got)
	}
	h.settle(student, 1)
	if got := h.interviews(student)[0].Stage; got != followup.StageNudged {
		t.Errorf("stage after nudge: got %s, want nudged", got)
	}

	t.Run("RestartSendsNoSecond", func(t *testing.T) {
		h.restart()
		h.settle(student, 1)
	})
}

func TestRateLimitedThenSuccessSendsOne(t *testing.T) {
	h := start(t)
	h.logOld(student)
	h.emu.FailNext("chat.postMessage", slacktest.Fault{Status: 429, RetryAfter: time.Second, Count: 1})
	h.waitNudges(student, 1)
	h.settle(student, 1)
	if n := h.emu.Calls("chat.postMessage"); n < 3 { // confirmation, the 429, the nudge
		t.Errorf("chat.postMessage calls: got %d, want the 429 to have been tried", n)
	}
}

func TestCrashBetweenSendAndRecordSendsOne(t *testing.T) {
	clock := followuptest.NewClock(monday9)
	h := start(t, withClock(clock))
	h.logOld(student)
	// The DM is posted, but the answer never comes back: to the bot, the
	// outcome is unknown, as after a crash between send and record.
	h.emu.FailNext("chat.postMessage", slacktest.Fault{DropAfterHandling: true})
	h.scan()
	if got := len(h.nudgeDMs(student)); got != 1 {
		t.Fatalf("nudge DMs after the dropped answer: got %d, want 1 (the post went through)", got)
	}
	// Restart, then let the claim go stale: the next scan must find the
	// DM by its metadata instead of sending it again.
	h.restart()
	clock.Add(5 * time.Minute)
	h.settle(student, 1)
	ns, err := h.main.DB().NudgesFor(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	var sent int
	for _, n := range ns {
		if n.Status == followup.NudgeSent && n.TS != "" {
			sent++
		}
	}
	if sent != 1 {
		t.Errorf("nudges recorded as sent with a ts: got %d, want 1 (%+v)", sent, ns)
	}
}

func TestPausedStudentGetsNoNudge(t *testing.T) {
	h := start(t)
	h.logOld(student)
	h.command(student, "pause")
	h.reply("Nudges are paused")
	h.settle(student, 0)
	if iv := h.interviews(student)[0]; !iv.NextNudgeAt.IsZero() {
		t.Errorf("paused interview still plans a nudge at %s", iv.NextNudgeAt)
	}
	h.command(student, "resume")
	h.reply("Nudges are back on")
	h.waitNudges(student, 1)
}
