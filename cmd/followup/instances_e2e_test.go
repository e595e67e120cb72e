package main

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/followup/followuptest"
	"github.com/followup-coach/followup/messages"
	"github.com/followup-coach/followup/store/storetest"
)

// withDatabase runs the program on dsn instead of a fresh SQLite file.
func withDatabase(dsn string) harnessOpt { return func(h *harness) { h.cfg.DatabaseURL = dsn } }

// withInstance names the program's instance.
func withInstance(name string) harnessOpt { return func(h *harness) { h.cfg.Instance = name } }

// withLog sends the program's log, at Info and above, to w.
func withLog(w io.Writer) harnessOpt {
	return func(h *harness) { h.logw, h.cfg.LogLevel = w, slog.LevelInfo }
}

// second starts another instance of the program on the harness's database
// and clock, as a second process behind the same Slack app, and waits
// until it holds its own Socket Mode connection (the emulator's newest,
// so envelopes go to it first).
func (h *harness) second(name string) *Main {
	h.t.Helper()
	cfg := h.cfg
	cfg.Instance, cfg.LogLevel = name, slog.LevelWarn
	n := h.emu.Connections()
	m := NewMain(cfg, testWriter{h.t})
	m.Clock = h.clock
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	h.t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			h.t.Errorf("instance %s did not stop", name)
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	select {
	case <-m.Ready():
	case err := <-done:
		h.t.Fatalf("instance %s stopped before ready: %v", name, err)
	case <-wctx.Done():
		h.t.Fatalf("instance %s not ready in time", name)
	}
	if err := h.emu.WaitConnections(wctx, n+1); err != nil {
		h.t.Fatalf("instance %s never connected: %v", name, err)
	}
	for !m.Connected() {
		if wctx.Err() != nil {
			h.t.Fatalf("instance %s never reported itself connected", name)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return m
}

// logTap keeps an instance's log lines so a test can wait for one that
// says what the instance did with an envelope it acked.
type logTap struct {
	mu    sync.Mutex
	lines []string
}

func (l *logTap) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.lines = append(l.lines, strings.Split(strings.TrimRight(string(p), "\n"), "\n")...)
	l.mu.Unlock()
	return len(p), nil
}

// mark is how many lines the log holds now.
func (l *logTap) mark() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.lines)
}

// seen says whether a line after mark contains every part.
func (l *logTap) seen(mark int, parts ...string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines[mark:] {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(line, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// TestRetriedEnvelopesHandledOnceAcrossInstances runs two instances on one
// database (the emulator sends each envelope to the newest connection). Slack delivers each write again (its ack was late) to the
// other instance: a logged interview, a library item, a diagnosis and a
// mark-as-sent each happen once, and the copy gets no answer of its own.
func TestRetriedEnvelopesHandledOnceAcrossInstances(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		var tap logTap
		h := start(t, withClock(followuptest.NewClock(monday9)), withDatabase(storetest.DSN(t, e)),
			withInstance("coach-1"), withLog(&tap))
		h.second("coach-2") // the newest connection: first deliveries go there, copies to coach-1
		me := followup.UserID{Team: team, User: student}

		iv := h.logOld(student)
		if _, err := h.emu.RedeliverSubmission(h.ctx()); err != nil {
			t.Fatalf("log submission delivered again: %v", err)
		}
		if ivs := h.interviews(student); len(ivs) != 1 {
			t.Errorf("interviews after the log submission came twice: got %d, want 1", len(ivs))
		}

		h.addLibraryItem(student, followup.KindBossSummary, "On-call plan", "Three steps to halve paging noise.", "https://example.com/oncall")
		items := func() int {
			its, err := h.main.DB().LibraryItems(context.Background(), me)
			if err != nil {
				t.Fatal(err)
			}
			return len(its)
		}
		n := items()
		if _, err := h.emu.RedeliverSubmission(h.ctx()); err != nil {
			t.Fatalf("library item delivered again: %v", err)
		}
		if got := items(); got != n {
			t.Errorf("library items after the submission came twice: got %d, want %d", got, n)
		}

		// again delivers the last click to coach-1 and waits until it has
		// dealt with it; nothing may reach the student after mark.
		again := func(where string) {
			t.Helper()
			mark, logMark := h.emu.Mark(), tap.mark()
			if _, err := h.emu.RedeliverClick(h.ctx()); err != nil {
				t.Fatalf("%s click delivered again: %v", where, err)
			}
			// Done when coach-1 says it dropped the copy, or when the copy
			// made it answer (then give it a moment to say all it would).
			h.waitFor("coach-1 to deal with the copy", func() bool {
				return tap.seen(logMark, "delivered again", `"where":"`+where+`"`) || len(h.emu.MessagesSince(mark)) > 0
			})
			time.Sleep(100 * time.Millisecond)
			if got := h.emu.MessagesSince(mark); len(got) != 0 {
				t.Errorf("%s click delivered again: got %d messages, want none: %s", where, len(got), dump(got))
			}
		}

		nudge := h.waitNudges(student, 1)[0]
		h.click(slacktest.Click{UserID: student, ChannelID: nudge.Channel, MessageTS: nudge.TS,
			ActionID: messages.ActionDiagnoseTooBusy, BlockID: messages.BlockNudgeDiagnose,
			Value: messages.DiagnoseValue(followup.DiagnosisTooBusy, iv.ID)})
		draft, msg := h.draftAfter(iv.ID, followup.NudgeSecondFollowUp, 0)
		before := h.interview(iv.ID)
		again("diagnose")
		if d, err := h.main.DB().LatestDraft(context.Background(), iv.ID, followup.NudgeSecondFollowUp); err != nil || d.ID != draft.ID {
			t.Errorf("latest draft after the diagnosis came twice: got %d (%v), want %d", d.ID, err, draft.ID)
		}
		if after := h.interview(iv.ID); !after.UpdatedAt.Equal(before.UpdatedAt) {
			t.Errorf("interview changed by the copy of the diagnosis: updated %s, want %s", after.UpdatedAt, before.UpdatedAt)
		}

		h.click(slacktest.Click{UserID: student, ChannelID: msg.Channel, MessageTS: msg.TS,
			ActionID: messages.ActionMarkSent, Value: messages.DraftValue(draft)})
		// The first delivery is done once it has updated the draft in place
		// (after its write), so nothing of it can come after again's mark.
		h.waitFor("the draft updated as sent", func() bool {
			return slices.ContainsFunc(h.emu.MessagesSince(h.last), func(m slacktest.Message) bool {
				return m.Method == "chat.update" && m.TS == msg.TS
			})
		})
		before = h.interview(iv.ID)
		again("mark sent")
		if after := h.interview(iv.ID); !after.UpdatedAt.Equal(before.UpdatedAt) || after.Stage != followup.StageSent {
			t.Errorf("interview changed by the copy of mark-as-sent: got %s updated %s, want %s updated %s",
				after.Stage, after.UpdatedAt, before.Stage, before.UpdatedAt)
		}
	})
}

// TestStudentFlowAcrossInstances runs two instances behind one Slack app
// that spreads envelopes over their connections, as Slack does: a student
// logs an interview, gets one nudge though both instances scan, picks a
// diagnosis and marks the draft sent, each step handled by whichever
// instance Slack picked.
func TestStudentFlowAcrossInstances(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		h := startWith(t, []slacktest.Option{slacktest.WithSpread()}, withClock(followuptest.NewClock(monday9)),
			withDatabase(storetest.DSN(t, e)), withInstance("coach-1"))
		coach2 := h.second("coach-2")

		iv := h.logOld(student) // the command to one instance, the form to the other
		nudge := h.waitNudges(student, 1)[0]
		for range 3 {
			for _, m := range []*Main{h.main, coach2} {
				if _, err := m.Scan(h.ctx()); err != nil {
					t.Fatalf("scan: %v", err)
				}
			}
		}
		if got := len(h.nudgeDMs(student)); got != 1 {
			t.Fatalf("nudge DMs after both instances scanned: got %d, want 1", got)
		}

		h.click(slacktest.Click{UserID: student, ChannelID: nudge.Channel, MessageTS: nudge.TS,
			ActionID: messages.ActionDiagnoseWhoDecides, BlockID: messages.BlockNudgeDiagnose,
			Value: messages.DiagnoseValue(followup.DiagnosisWhoDecides, iv.ID)})
		draft, msg := h.draftAfter(iv.ID, followup.NudgeSecondFollowUp, 0)
		h.click(slacktest.Click{UserID: student, ChannelID: msg.Channel, MessageTS: msg.TS,
			ActionID: messages.ActionMarkSent, Value: messages.DraftValue(draft)})
		h.waitFor("the second follow-up marked sent", func() bool { return h.interview(iv.ID).Stage == followup.StageSent })

		env := h.emu.Envelopes()
		if len(env) != 2 || env[0] == 0 || env[1] == 0 {
			t.Errorf("envelopes per instance: got %v, want both instances to have handled some", env)
		}
	})
}
