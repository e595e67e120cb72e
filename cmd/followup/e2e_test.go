package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
	"github.com/followup-coach/followup/store"
)

// The end-to-end tests start the real program (Main) against the local
// Slack emulator, with a real SQLite file, and drive it the way a student
// does: slash commands, modal submissions and clicks.

const (
	team    = "T0CAREER"
	student = "U0ANA"
	other   = "U0BEN"
)

// monday9 is a Monday morning in Paris, the start of the bot's clock.
var monday9 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type harness struct {
	t     *testing.T
	emu   *slacktest.Server
	main  *Main
	stop  context.CancelFunc
	done  chan error
	path  string
	cfg   Config
	clock followup.Clock // nil: the program's own (FOLLOWUP_NOW) clock
	logw  io.Writer      // nil: the test log
	// last is the mark taken just before the last command or click and
	// lastUser who made it: reply waits for that user's reply after it.
	last     slacktest.Mark
	lastUser string
}

type harnessOpt func(*harness)

// withClock runs the program on a clock the test moves.
func withClock(c followup.Clock) harnessOpt { return func(h *harness) { h.clock = c } }

func start(t *testing.T, opts ...harnessOpt) *harness {
	t.Helper()
	return startWith(t, nil, opts...)
}

// startWith is start with an emulator configured by emuOpts.
func startWith(t *testing.T, emuOpts []slacktest.Option, opts ...harnessOpt) *harness {
	t.Helper()
	emu := slacktest.New(emuOpts...)
	t.Cleanup(emu.Close)
	emu.AddUser(slacktest.User{ID: student, TeamID: team, Name: "ana", RealName: "Ana Lima", TZ: "Europe/Paris", TZLabel: "Central European Time", TZOffset: 3600})
	emu.AddUser(slacktest.User{ID: other, TeamID: team, Name: "ben", RealName: "Ben Okafor", TZ: "America/Los_Angeles", TZLabel: "Pacific Standard Time", TZOffset: -28800})
	h := &harness{t: t, emu: emu, path: filepath.Join(t.TempDir(), "followup.db")}
	cfg := Config{
		BotToken:    slacktest.BotToken,
		AppToken:    slacktest.AppToken,
		APIURL:      emu.APIURL(),
		DatabaseURL: h.path,
		Schedule:    defaultSchedule,
		HTTPAddr:    "127.0.0.1:0",
		Now:         monday9,
		LogLevel:    slog.LevelWarn,
	}
	h.cfg = cfg
	for _, o := range opts {
		o(h)
	}
	h.run(h.cfg)
	return h
}

// restart stops the program and starts it again on the same database, as
// a deploy or a crash-and-restart would.
func (h *harness) restart() {
	h.t.Helper()
	h.shutdown()
	n := h.emu.Connections()
	h.run(h.cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.emu.WaitConnections(ctx, n+1); err != nil {
		h.t.Fatalf("no new connection after restart: %v", err)
	}
}

// run starts Main with cfg and waits until it is connected.
func (h *harness) run(cfg Config) {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var w io.Writer = testWriter{h.t}
	if h.logw != nil {
		w = h.logw
	}
	h.main = NewMain(cfg, w)
	h.main.Clock = h.clock
	h.stop = cancel
	h.done = make(chan error, 1)
	m := h.main
	go func() { h.done <- m.Run(ctx) }()
	h.t.Cleanup(h.shutdown)
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	select {
	case <-m.Ready():
	case err := <-h.done:
		h.t.Fatalf("main stopped before ready: %v", err)
	case <-wctx.Done():
		h.t.Fatal("main not ready in time")
	}
	if err := h.emu.WaitConnected(wctx); err != nil {
		h.t.Fatalf("bot never connected: %v", err)
	}
	// The emulator sees the socket before the bot has handled its hello.
	for !m.Connected() {
		if wctx.Err() != nil {
			h.t.Fatal("bot never reported itself connected")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// shutdown stops Main as SIGTERM would and checks it ends cleanly.
func (h *harness) shutdown() {
	if h.stop == nil {
		return
	}
	h.stop()
	h.stop = nil
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		h.t.Error("Run did not return within 10s of shutdown")
	}
	if err := h.main.Close(); err != nil {
		h.t.Errorf("Close: %v", err)
	}
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	h.t.Cleanup(cancel)
	return ctx
}

// command types "/followup <text>" as user and returns the ack.
func (h *harness) command(user, text string) slacktest.Ack {
	h.t.Helper()
	h.last, h.lastUser = h.emu.Mark(), user
	ack, err := h.emu.SlashCommand(h.ctx(), slacktest.SlashCommand{TeamID: team, UserID: user, ChannelID: "C0GENERAL", Command: "/followup", Text: text})
	if err != nil {
		h.t.Fatalf("/followup %s: %v", text, err)
	}
	return ack
}

// reply waits for the response_url reply to the last command or click, to
// the user who made it, and checks it contains want.
func (h *harness) reply(want string) slacktest.Message {
	h.t.Helper()
	m, err := h.emu.WaitMessageTo(h.ctx(), h.last, h.lastUser, func(m slacktest.Message) bool {
		return m.Method == "response_url"
	})
	if err != nil {
		h.t.Fatalf("no reply to %s after the command; messages since: %s", h.lastUser, dump(h.emu.MessagesSince(h.last)))
	}
	if !strings.Contains(all(m), want) {
		h.t.Fatalf("reply to %s: got %s, want it to contain %q", h.lastUser, all(m), want)
	}
	return m
}

// dm waits for a DM to user containing want.
func (h *harness) dm(user, want string) slacktest.Message {
	h.t.Helper()
	m, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
		return m.Method == "chat.postMessage" && m.Channel == "D"+user && strings.Contains(all(m), want)
	})
	if err != nil {
		h.t.Fatalf("no DM to %s containing %q; messages: %s", user, want, dump(h.emu.Messages()))
	}
	return m
}

// all is a message's text and blocks, for substring checks.
func all(m slacktest.Message) string { return m.Text + "\n" + string(m.Blocks) }

func dump(ms []slacktest.Message) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\n- %s %s: %.200s", m.Method, m.Channel, m.Text)
	}
	return b.String()
}

// openLog types "/followup log …" and returns the modal that opened.
func (h *harness) openLog(user, args string) slacktest.View {
	h.t.Helper()
	seen := map[string]bool{}
	for _, v := range h.emu.Views() {
		seen[v.ID] = true
	}
	h.command(user, strings.TrimSpace("log "+args))
	v, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool {
		return v.CallbackID == messages.CallbackLog && v.UserID == user && !v.Closed && !seen[v.ID]
	})
	if err != nil {
		h.t.Fatalf("log modal did not open: %v", err)
	}
	return v
}

// form is what a student types into the log modal.
type form struct {
	company, role, name, email, interview, first, decision, notes, topic string
}

func (f form) values() map[string]map[string]slack.BlockAction {
	text := func(action, v string) map[string]slack.BlockAction {
		return map[string]slack.BlockAction{action: {ActionID: action, Type: "plain_text_input", Value: v}}
	}
	date := func(action, v string) map[string]slack.BlockAction {
		return map[string]slack.BlockAction{action: {ActionID: action, Type: "datepicker", SelectedDate: v}}
	}
	return map[string]map[string]slack.BlockAction{
		messages.BlockCompany:          text(messages.ActionCompany, f.company),
		messages.BlockRole:             text(messages.ActionRole, f.role),
		messages.BlockInterviewerName:  text(messages.ActionInterviewerName, f.name),
		messages.BlockInterviewerEmail: text(messages.ActionInterviewerEmail, f.email),
		messages.BlockInterviewDate:    date(messages.ActionInterviewDate, f.interview),
		messages.BlockFirstFollowUp:    date(messages.ActionFirstFollowUp, f.first),
		messages.BlockDecisionDate:     date(messages.ActionDecisionDate, f.decision),
		messages.BlockNotes:            text(messages.ActionNotes, f.notes),
		messages.BlockTopic:            text(messages.ActionTopic, f.topic),
	}
}

func (h *harness) submit(user string, v slacktest.View, f form) slacktest.Ack {
	h.t.Helper()
	ack, err := h.emu.SubmitView(h.ctx(), user, v.ID, f.values())
	if err != nil {
		h.t.Fatalf("submit: %v", err)
	}
	return ack
}

func (h *harness) interviews(user string) []followup.Interview {
	h.t.Helper()
	ivs, err := h.main.DB().ListInterviews(context.Background(), followup.UserID{Team: team, User: user}, 100)
	if err != nil {
		h.t.Fatalf("list interviews: %v", err)
	}
	return ivs
}

// testWriter sends the program's log lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

var _ io.Writer = testWriter{}

func TestHelp(t *testing.T) {
	h := start(t)
	for _, text := range []string{"help", "", "  HELP  "} {
		t.Run(fmt.Sprintf("%q", text), func(t *testing.T) {
			h.command(student, text)
			m := h.reply("/followup log")
			if strings.Contains(all(m), messages.BlockUnknownCommand) {
				t.Errorf("help %q: got the unknown-command reply: %s", text, all(m))
			}
		})
	}
}

func TestUnknownSubcommandGetsHelp(t *testing.T) {
	h := start(t)
	h.command(student, "frobnicate <!channel>")
	m := h.reply("frobnicate")
	if !strings.Contains(all(m), "/followup log") {
		t.Errorf("unknown subcommand reply has no help: %s", all(m))
	}
	if strings.Contains(all(m), "<!channel>") {
		t.Errorf("reply echoes <!channel> unescaped: %s", all(m))
	}
}

func TestLogInterview(t *testing.T) {
	h := start(t)
	v := h.openLog(student, "Acme Robotics | Data Engineer")
	if !strings.Contains(string(v.View), "Acme Robotics") || !strings.Contains(string(v.View), "Data Engineer") {
		t.Fatalf("modal not pre-filled: %s", v.View)
	}
	ack := h.submit(student, v, form{
		company: "Acme Robotics", role: "Data Engineer", name: "Dana Reyes", email: "dana@acme.example",
		interview: "2026-02-24", first: "2026-02-25", notes: "Asked about <pipelines> & Airflow",
	})
	if ack.ResponseAction != "" {
		t.Fatalf("ack: got response_action %q errors %v, want a plain ack", ack.ResponseAction, ack.Errors)
	}
	// 8 business days after Wed 25 Feb 2026 is Mon 9 Mar; at 9:00 Paris.
	m := h.dm(student, "Acme Robotics")
	if !strings.Contains(all(m), "Mon 9 Mar") && !strings.Contains(all(m), "Monday 9 March") && !strings.Contains(all(m), "Mon, 9 Mar") {
		t.Errorf("confirmation does not name the due day (Mon 9 Mar): %s", all(m))
	}
	ivs := h.interviews(student)
	if len(ivs) != 1 {
		t.Fatalf("stored interviews: got %d, want 1", len(ivs))
	}
	iv := ivs[0]
	if iv.Notes != "Asked about <pipelines> & Airflow" {
		t.Errorf("notes: got %q, want them kept as typed", iv.Notes)
	}
	if got, want := iv.SecondDue.String(), "2026-03-09"; got != want {
		t.Errorf("second due: got %s, want %s", got, want)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	if want := time.Date(2026, 3, 9, 9, 0, 0, 0, paris); !iv.NextNudgeAt.Equal(want) {
		t.Errorf("next nudge: got %s, want %s", iv.NextNudgeAt, want)
	}
	if iv.Stage != followup.StageLogged {
		t.Errorf("stage: got %s, want logged", iv.Stage)
	}

	t.Run("DecisionDateLater", func(t *testing.T) {
		v := h.openLog(student, "")
		h.submit(student, v, form{company: "Globex", role: "Analyst", interview: "2026-02-27", first: "2026-02-27", decision: "2026-03-13"})
		h.dm(student, "Globex")
		ivs := h.interviews(student)
		var g followup.Interview
		for _, iv := range ivs {
			if iv.Company == "Globex" {
				g = iv
			}
		}
		// 8 business days after Fri 27 Feb is Wed 11 Mar; decision Fri 13 Mar + 2 is Tue 17 Mar.
		if got, want := g.SecondDue.String(), "2026-03-17"; got != want {
			t.Errorf("second due with decision date: got %s, want %s", got, want)
		}
	})
}

func TestLogBadInputKeepsDatabaseUnchanged(t *testing.T) {
	h := start(t)
	good := form{company: "Acme", role: "Engineer", interview: "2026-02-24", first: "2026-02-25"}
	long := strings.Repeat("x", followup.MaxCompanyLen+1)
	cases := []struct {
		name  string
		edit  func(*form)
		block string
	}{
		{"EmptyCompany", func(f *form) { f.company = "   " }, messages.BlockCompany},
		{"EmptyRole", func(f *form) { f.role = "" }, messages.BlockRole},
		{"InterviewInFuture", func(f *form) { f.interview = "2026-03-20"; f.first = "2026-03-20" }, messages.BlockInterviewDate},
		{"FirstFollowUpBeforeInterview", func(f *form) { f.first = "2026-02-20" }, messages.BlockFirstFollowUp},
		{"DecisionBeforeInterview", func(f *form) { f.decision = "2026-02-01" }, messages.BlockDecisionDate},
		{"EmailNotAnAddress", func(f *form) { f.email = "dana at acme" }, messages.BlockInterviewerEmail},
		{"CompanyTooLong", func(f *form) { f.company = long }, messages.BlockCompany},
		{"NotesTooLong", func(f *form) { f.notes = strings.Repeat("n", followup.MaxNotesLen+1) }, messages.BlockNotes},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := good
			c.edit(&f)
			v := h.openLog(student, "")
			ack := h.submit(student, v, f)
			if ack.ResponseAction != "errors" {
				t.Fatalf("response_action: got %q, want errors", ack.ResponseAction)
			}
			if ack.Errors[c.block] == "" {
				t.Errorf("errors: got %v, want one on block %q", ack.Errors, c.block)
			}
			if n := len(h.interviews(student)); n != 0 {
				t.Errorf("stored interviews: got %d, want 0", n)
			}
		})
	}
}

func TestList(t *testing.T) {
	h := start(t)
	t.Run("Empty", func(t *testing.T) {
		h.command(student, "list")
		m := h.reply(messages.ActionOpenLog)
		if strings.Contains(all(m), "Acme") {
			t.Errorf("empty list mentions an interview: %s", all(m))
		}
	})
	for _, f := range []form{
		{company: "Older Co", role: "Analyst", interview: "2026-02-10", first: "2026-02-10"},
		{company: "Newer Co", role: "Engineer", interview: "2026-02-26", first: "2026-02-26"},
	} {
		h.submit(student, h.openLog(student, ""), f)
		h.dm(student, f.company)
	}
	t.Run("NewestFirst", func(t *testing.T) {
		h.command(student, "list")
		m := h.reply("Newer Co")
		s := all(m)
		if i, j := strings.Index(s, "Newer Co"), strings.Index(s, "Older Co"); j < 0 || i > j {
			t.Errorf("list order: want Newer Co before Older Co: %s", s)
		}
	})
	t.Run("OnlyYourOwn", func(t *testing.T) {
		h.command(other, "list")
		m := h.reply(messages.ActionOpenLog)
		if s := all(m); strings.Contains(s, "Newer Co") || strings.Contains(s, "Older Co") {
			t.Errorf("%s's list shows %s's interviews: %s", other, student, s)
		}
	})
}

func TestReconnects(t *testing.T) {
	h := start(t)
	h.emu.SendDisconnect("refresh_requested")
	waitConnections(t, h.emu, 2)
	h.command(student, "help")
	h.reply("/followup log")

	h.emu.DropConnections()
	waitConnections(t, h.emu, 3)
	h.command(student, "help")
	if _, err := h.emu.WaitMessages(h.ctx(), 2, func(m slacktest.Message) bool {
		return m.Method == "response_url" && strings.Contains(all(m), "/followup log")
	}); err != nil {
		t.Fatalf("no reply after a dropped socket: %v", err)
	}
}

func waitConnections(t *testing.T, emu *slacktest.Server, n int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for emu.Connections() < n {
		if time.Now().After(deadline) {
			t.Fatalf("connections: got %d, want %d", emu.Connections(), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := emu.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestUnknownEnvelopesAreAckedAndIgnored(t *testing.T) {
	h := start(t)
	if _, err := h.emu.Push(h.ctx(), "future_envelope_type", map[string]any{"hello": "world"}); err != nil {
		t.Errorf("unknown envelope type not acked: %v", err)
	}
	if _, err := h.emu.ClickButton(h.ctx(), slacktest.Click{TeamID: team, UserID: student, ChannelID: "D" + student, ActionID: "no_such_action", Value: "x"}); err != nil {
		t.Errorf("unknown action not acked: %v", err)
	}
	h.command(student, "help")
	h.reply("/followup log")
}

func TestHealth(t *testing.T) {
	h := start(t)
	get := func(path string) (int, map[string]any) {
		resp, err := http.Get("http://" + h.main.HTTPAddr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: got %d, want 200", code)
	}
	if code, body := get("/readyz"); code != http.StatusOK {
		t.Errorf("/readyz: got %d %v, want 200", code, body)
	}
	if err := healthcheck(h.main.HTTPAddr()); err != nil {
		t.Errorf("healthcheck: %v", err)
	}
}

func TestHomeTab(t *testing.T) {
	h := start(t, func(h *harness) { h.cfg.DefaultCalendar = "fr" })
	h.submit(student, h.openLog(student, ""), form{company: "Acme", role: "Engineer", interview: "2026-02-24", first: "2026-02-25"})
	h.dm(student, "Acme")
	if _, err := h.emu.SendEvent(h.ctx(), team, map[string]any{"type": "app_home_opened", "user": student, "tab": "home", "channel": "D" + student}); err != nil {
		t.Fatal(err)
	}
	h.waitFor("home published", func() bool {
		home, ok := h.emu.Home(student)
		return ok && strings.Contains(string(home), "Acme")
	})
	st, err := h.main.DB().Student(context.Background(), followup.UserID{Team: team, User: student})
	if err != nil || st.Settings.Calendar != "fr" {
		t.Errorf("new student's calendar: got %q (%v), want the workspace default fr", st.Settings.Calendar, err)
	}
}

func TestNotReadyWithoutSlack(t *testing.T) {
	h := start(t)
	h.emu.Close()
	h.waitFor("/readyz 503", func() bool {
		resp, err := http.Get("http://" + h.main.HTTPAddr() + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusServiceUnavailable
	})
	if resp, err := http.Get("http://" + h.main.HTTPAddr() + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz without Slack: got %v %v, want 200 (the process is alive)", resp, err)
	}
}

// TestRedeliveredSubmissionSavedOnce has Slack deliver a log submission
// twice (its ack was late): one interview, and the
// second delivery is acked like the first.
func TestRedeliveredSubmissionSavedOnce(t *testing.T) {
	h := start(t)
	v := h.openLog(student, "")
	h.submit(student, v, form{company: "Acme", role: "Engineer", interview: "2026-02-24", first: "2026-02-25"})
	h.dm(student, "Acme")
	ack, err := h.emu.RedeliverSubmission(h.ctx())
	if err != nil {
		t.Fatalf("redelivery not acked: %v", err)
	}
	if len(ack.Payload) > 0 && string(ack.Payload) != "null" {
		t.Errorf("redelivery ack: got %s, want a plain ack (the modal is already closed)", ack.Payload)
	}
	if ivs := h.interviews(student); len(ivs) != 1 {
		t.Errorf("interviews after a redelivered submission: got %d, want 1", len(ivs))
	}
}

// TestStopDuringStartUp stops the program before it has opened its
// database (a SIGTERM right after exec): the migrations still finish, Run
// returns no error, and the next start finds the schema whole.
func TestStopDuringStartUp(t *testing.T) {
	emu := slacktest.New()
	t.Cleanup(emu.Close)
	path := filepath.Join(t.TempDir(), "followup.db")
	cfg := Config{BotToken: slacktest.BotToken, AppToken: slacktest.AppToken, APIURL: emu.APIURL(),
		DatabaseURL: path, Schedule: defaultSchedule, HTTPAddr: "127.0.0.1:0", Now: monday9, LogLevel: slog.LevelWarn}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m := NewMain(cfg, testWriter{t})
	if err := m.Run(ctx); err != nil {
		t.Errorf("Run stopped during start-up: got %v, want nil", err)
	}
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if emu.Connections() != 0 {
		t.Errorf("connected to Slack after the stop: %d connections, want 0", emu.Connections())
	}
	db, err := store.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatalf("next start: %v", err)
	}
	defer db.Close()
	if _, _, err := db.EnsureStudent(context.Background(), followup.UserID{Team: team, User: student}, "UTC", followup.Settings{}, nil); err != nil {
		t.Errorf("schema after the stopped start: %v", err)
	}
}
