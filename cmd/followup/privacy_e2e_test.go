package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/export"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/followup/followuptest"
	"github.com/followup-coach/followup/messages"
	"github.com/followup-coach/followup/stats"
	"github.com/followup-coach/followup/store/storetest"
)

// mark is where the emulator's message log stands, so a wait can look
// only at what came after it.
func (h *harness) mark() int { return len(h.emu.Messages()) }

// replyAfter waits for the next response_url reply to user after mark
// that contains want.
func (h *harness) replyAfter(mark int, user, want string) slacktest.Message {
	h.t.Helper()
	seen := 0
	m, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
		seen++
		return seen > mark && m.Method == "response_url" && m.User == user && strings.Contains(all(m), want)
	})
	if err != nil {
		h.t.Fatalf("no reply to %s containing %q after mark %d; messages: %s", user, want, mark, dump(h.emu.Messages()))
	}
	return m
}

// dmAfter waits for the next DM to user after mark that contains want.
func (h *harness) dmAfter(mark int, user, want string) slacktest.Message {
	h.t.Helper()
	seen := 0
	m, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
		seen++
		return seen > mark && m.Method == "chat.postMessage" && m.Channel == "D"+user && strings.Contains(all(m), want)
	})
	if err != nil {
		h.t.Fatalf("no DM to %s containing %q after mark %d; messages: %s", user, want, mark, dump(h.emu.Messages()))
	}
	return m
}

// filesTo waits for n files shared in user's DM after the first skip.
func (h *harness) filesTo(user string, skip, n int) []slacktest.File {
	h.t.Helper()
	fs, err := h.emu.WaitFiles(h.ctx(), skip+n, func(f slacktest.File) bool { return f.Channel == "D"+user })
	if err != nil {
		h.t.Fatalf("files to %s: got %d, want %d: %v", user, len(fs), skip+n, err)
	}
	return fs[skip:]
}

// forget confirms /followup forget through its modal and waits for the
// answer in the DM.
func (h *harness) forget(user string) slacktest.Message {
	h.t.Helper()
	seen := map[string]bool{}
	for _, v := range h.emu.Views() {
		seen[v.ID] = true
	}
	mark := h.mark()
	h.command(user, "forget")
	v, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool {
		return v.CallbackID == messages.CallbackForget && v.UserID == user && !seen[v.ID]
	})
	if err != nil {
		h.t.Fatalf("forget modal did not open: %v", err)
	}
	if _, err := h.emu.SubmitView(h.ctx(), user, v.ID, nil); err != nil {
		h.t.Fatalf("submit forget: %v", err)
	}
	return h.dmAfter(mark, user, "erased")
}

func (h *harness) interviewIDs(user string) []int64 {
	var ids []int64
	for _, iv := range h.interviews(user) {
		ids = append(ids, iv.ID)
	}
	return ids
}

func TestExportRoundTrip(t *testing.T) {
	h := start(t)
	iv := h.logOld(student)
	h.waitNudges(student, 1)
	h.submit(student, h.openLog(student, ""), form{company: "=HYPERLINK(\"http://evil\")", role: "+Analyst", name: "@dana",
		email: "dana@acme.example", interview: "2026-02-24", first: "2026-02-25"})
	h.dm(student, "HYPERLINK")
	h.submit(other, h.openLog(other, ""), form{company: "Hooli", role: "PM", interview: "2026-02-24", first: "2026-02-25"})
	h.dm(other, "Hooli")

	mark := h.mark()
	h.command(student, "export")
	h.replyAfter(mark, student, "I sent your export")
	files := h.filesTo(student, 0, 2)
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Content
	}
	raw := rawFile(t, h.path)

	t.Run("CSV", func(t *testing.T) {
		data := byName[messages.ExportCSVName]
		if bytes.Contains(data, []byte("Hooli")) {
			t.Fatal("Ana's export holds Ben's interview")
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("parse CSV: %v", err)
		}
		if got := strings.Join(rows[0], ","); got != strings.Join(export.CSVHeader, ",") {
			t.Fatalf("header: got %s", got)
		}
		stages := map[string]int{}
		nudges := map[string]int{}
		for _, r := range rows[1:] {
			for _, cell := range r {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("cell %q would run as a formula in a spreadsheet", cell)
				}
			}
			id := r[0]
			n, _ := strconv.ParseInt(id, 10, 64)
			stored := h.interview(n)
			if export.Unsafe(r[1]) != stored.Company || export.Unsafe(r[2]) != stored.Role || r[5] != stored.InterviewDate.String() {
				t.Errorf("row %v does not match the stored interview %+v", r, stored)
			}
			switch r[7] {
			case export.EventStage:
				stages[id]++
			case export.EventNudge:
				nudges[id]++
			}
		}
		for _, id := range h.interviewIDs(student) {
			key := strconv.FormatInt(id, 10)
			var want int
			if err := raw.QueryRow(`SELECT COUNT(*) FROM stage_changes WHERE interview_id = ?`, id).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if stages[key] != want || want == 0 {
				t.Errorf("interview %d: %d stage rows, the store has %d", id, stages[key], want)
			}
		}
		if nudges[strconv.FormatInt(iv.ID, 10)] != 1 {
			t.Errorf("nudges sent for %s: got %v, want 1", iv.Company, nudges)
		}
		// Times are ISO 8601 in Ana's zone (Paris, +01:00 in March).
		for _, r := range rows[1:] {
			if r[7] == export.EventStage && !strings.HasSuffix(r[8], "+01:00") {
				t.Errorf("stage time %q is not in Paris time", r[8])
			}
		}
	})
	t.Run("JSON", func(t *testing.T) {
		var doc export.Document
		if err := json.Unmarshal(byName[messages.ExportJSONName], &doc); err != nil {
			t.Fatalf("parse JSON: %v", err)
		}
		stored := h.interviews(student)
		if len(doc.Interviews) != len(stored) {
			t.Fatalf("interviews: got %d, want %d", len(doc.Interviews), len(stored))
		}
		for i, got := range doc.Interviews {
			want := stored[i]
			if got.ID != want.ID || got.Company != want.Company || got.Role != want.Role ||
				got.InterviewerEmail != want.InterviewerEmail || got.Stage != string(want.Stage) ||
				got.SecondDue != want.SecondDue.String() {
				t.Errorf("interview %d: got %+v, want %+v", i, got, want)
			}
		}
		if doc.TimeZone != "Europe/Paris" || len(doc.Library) == 0 {
			t.Errorf("got zone %q and %d library items, want Europe/Paris and the starters", doc.TimeZone, len(doc.Library))
		}
	})
	t.Run("NothingYet", func(t *testing.T) {
		mark := h.mark()
		h.command("U0NEW", "export")
		h.replyAfter(mark, "U0NEW", "I don't keep anything about you yet")
	})
}

// TestForgetLeavesNoRow lists the tables from the schema: a table added
// later that forget misses fails here.
func TestForgetLeavesNoRow(t *testing.T) {
	h := start(t)
	h.logOld(student)
	h.waitNudges(student, 1)
	h.submit(student, h.openLog(student, ""), form{company: "Globex", role: "Analyst", interview: "2026-02-24", first: "2026-02-25"})
	h.dm(student, "Globex")
	h.submit(other, h.openLog(other, ""), form{company: "Hooli", role: "PM", interview: "2026-02-24", first: "2026-02-25"})
	h.dm(other, "Hooli")
	ids, otherIDs := h.interviewIDs(student), h.interviewIDs(other)
	raw := rawFile(t, h.path)

	before, err := storetest.RowsOf(h.ctx(), raw, student, ids)
	if err != nil {
		t.Fatal(err)
	}
	if home := h.openHome(student); !strings.Contains(string(home.View), "Globex") {
		t.Fatalf("Home before forget does not show the interviews: %s", home.View)
	}
	mark := h.emu.Mark()
	m := h.forget(student)
	for _, want := range []string{"2 interviews", "library items"} {
		if !strings.Contains(all(m), want) {
			t.Errorf("forget answer does not say %q: %s", want, all(m))
		}
	}
	// The Home is published again, empty, and opening it stores nothing.
	if home := h.nextHome(mark, student); strings.Contains(string(home.View), "Globex") || strings.Contains(string(home.View), "Initech") {
		t.Errorf("Home after forget still shows the interviews: %s", home.View)
	}
	h.openHome(student)
	after, err := storetest.RowsOf(h.ctx(), raw, student, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) == 0 || len(after) != 0 {
		t.Errorf("rows of %s: before %v, after forget %v; want none after", student, before, after)
	}
	others, err := storetest.RowsOf(h.ctx(), raw, other, otherIDs)
	if err != nil || others["interviews"] != 1 || others["students"] != 1 {
		t.Errorf("Ben's rows: got %v, %v; want them kept", others, err)
	}

	t.Run("DeactivatedUser", func(t *testing.T) {
		ev := map[string]any{"type": "user_change", "user": map[string]any{"id": other, "team_id": team, "deleted": true}}
		if _, err := h.emu.SendEvent(h.ctx(), team, ev); err != nil {
			t.Fatal(err)
		}
		h.waitFor("Ben erased", func() bool {
			rows, err := storetest.RowsOf(context.Background(), raw, other, otherIDs)
			return err == nil && len(rows) == 0
		})
	})
}

// claimOne starts the program on a test clock with the scan out of the way,
// logs Ana's overdue interview and claims its nudge as the dispatcher would.
func claimOne(t *testing.T) (*harness, *followuptest.Clock, followup.Nudge) {
	t.Helper()
	clock := followuptest.NewClock(monday9)
	h := start(t, withClock(clock), func(h *harness) { h.cfg.Schedule = "@every 1h" })
	h.logOld(student)
	claimed, err := h.main.DB().ClaimDueNudges(h.ctx(), "test", clock.Now(), 10, 0)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: got %d, %v; want the one due nudge", len(claimed), err)
	}
	return h, clock, claimed[0]
}

// TestForgetDuringClaimedNudge plays the dispatcher: the nudge is claimed,
// the student is forgotten before it is posted, and nothing is sent.
func TestForgetDuringClaimedNudge(t *testing.T) {
	h, clock, claimed := claimOne(t)
	h.forget(student)

	_, _, err := h.main.Bot().Deliver(h.ctx(), claimed)
	if !errors.Is(err, followup.ErrNotFound) {
		t.Errorf("Deliver after forget: got %v, want ErrNotFound", err)
	}
	clock.Add(10 * 60 * 1e9) // past the stale-claim age: the scan would look again
	h.settle(student, 0)
}

func TestStats(t *testing.T) {
	const staff = "U0STAFF"
	h := start(t, func(h *harness) { h.cfg.Staff = []string{staff} })
	h.emu.AddUser(slacktest.User{ID: staff, TeamID: team, Name: "sam", TZ: "Europe/Paris"})
	ctx := context.Background()
	db := h.main.DB()
	// Ana and eleven more students each log an interview this month.
	students := []string{student}
	for i := range 11 {
		students = append(students, fmt.Sprintf("U0S%02d", i))
	}
	for _, u := range students {
		id := followup.UserID{Team: team, User: u}
		if _, _, err := db.EnsureStudent(ctx, id, "Europe/Paris", followup.Settings{}, nil); err != nil {
			t.Fatal(err)
		}
		iv := followup.Interview{Student: id, Company: "Acme", Role: "Analyst",
			InterviewDate: date(t, "2026-02-23"), FirstFollowUpDate: date(t, "2026-02-24")}
		if err := db.CreateInterview(ctx, &iv); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("StudentRefused", func(t *testing.T) {
		mark := h.mark()
		h.command(student, "stats")
		h.replyAfter(mark, student, "for career-center staff")
		if fs := h.emu.Files(); len(fs) != 0 {
			t.Errorf("a student got %d files", len(fs))
		}
	})
	t.Run("Staff", func(t *testing.T) {
		mark := h.mark()
		h.command(staff, "stats 30d")
		m := h.replyAfter(mark, staff, "Career center numbers")
		if !strings.Contains(all(m), "Students active: 12") || !strings.Contains(all(m), "Drafts made: "+stats.Hidden) {
			t.Errorf("numbers: got %s", all(m))
		}
		files := h.filesTo(staff, 0, 2)
		checkStatsFiles(t, files, "12")
	})
	t.Run("OptOutTakesEffectAtOnce", func(t *testing.T) {
		v := h.openSettings(student)
		form := settingsForm("9", "8", messages.CalendarNone, "gets_things_done")
		form[messages.BlockStatsOptOut] = map[string]slack.BlockAction{messages.ActionStatsOptOut: {ActionID: messages.ActionStatsOptOut, Type: "checkboxes"}}
		if _, err := h.emu.SubmitView(h.ctx(), student, v.ID, form); err != nil {
			t.Fatal(err)
		}
		h.waitFor("opt-out saved", func() bool {
			st, err := db.Student(ctx, followup.UserID{Team: team, User: student})
			return err == nil && st.Settings.HideFromStats
		})
		mark := h.mark()
		h.command(staff, "stats")
		m := h.replyAfter(mark, staff, "Career center numbers")
		if !strings.Contains(all(m), "Students active: 11") {
			t.Errorf("Ana opted out, so 11 students count; got %s", all(m))
		}
	})
	t.Run("NumbersButton", func(t *testing.T) {
		mark := h.mark()
		h.click(slacktest.Click{UserID: student, ActionID: messages.ActionOpenStats})
		h.replyAfter(mark, student, "for career-center staff")
		files := len(h.emu.Files())
		h.click(slacktest.Click{UserID: staff, ActionID: messages.ActionOpenStats})
		h.replyAfter(mark, staff, "Career center numbers")
		h.filesTo(staff, files, 2)
	})
	t.Run("BadPeriod", func(t *testing.T) {
		mark := h.mark()
		h.command(staff, "stats forever")
		h.replyAfter(mark, staff, "I don't know the period")
	})
}

// checkStatsFiles checks the chart decodes and the CSV parses, is
// suppressed like the message and names no student.
func checkStatsFiles(t *testing.T, files []slacktest.File, active string) {
	t.Helper()
	for _, f := range files {
		switch f.Name {
		case messages.StatsPNGName:
			if _, err := png.Decode(bytes.NewReader(f.Content)); err != nil {
				t.Errorf("chart: %v", err)
			}
		case messages.StatsCSVName:
			rows, err := csv.NewReader(bytes.NewReader(f.Content)).ReadAll()
			if err != nil {
				t.Fatalf("stats CSV: %v", err)
			}
			for _, r := range rows[1:] {
				if r[3] == "Students active" && r[4] != active {
					t.Errorf("CSV students active: got %s, want %s", r[4], active)
				}
				if r[3] == "Drafts made" && r[4] != stats.Hidden {
					t.Errorf("CSV drafts made: got %s, want it hidden", r[4])
				}
				if strings.Contains(strings.Join(r, ","), "U0") {
					t.Errorf("CSV row names a user: %v", r)
				}
			}
		default:
			t.Errorf("unexpected file %s", f.Name)
		}
	}
}

func date(t *testing.T, s string) followup.Date {
	t.Helper()
	d, err := followup.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// rawFile opens the database file directly, for checks that must not go
// through the code under test.
func rawFile(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=5000&mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestForgetWaitsForNudgeOnItsWay: a nudge already being posted when the
// student confirms forget goes out first, and the erase follows it; the
// student never gets a nudge after hearing they were forgotten.
func TestForgetWaitsForNudgeOnItsWay(t *testing.T) {
	h, _, claimed := claimOne(t)
	posts := h.emu.Calls("chat.postMessage")
	h.emu.FailNext("chat.postMessage", slacktest.Fault{Delay: 400 * time.Millisecond})
	delivered := make(chan error, 1)
	go func() {
		_, _, err := h.main.Bot().Deliver(context.Background(), claimed)
		delivered <- err
	}()
	h.waitFor("the nudge on its way", func() bool { return h.emu.Calls("chat.postMessage") > posts })
	h.forget(student)
	if err := <-delivered; err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	nudgeAt, erasedAt := -1, -1
	for i, m := range h.emu.Messages() {
		switch {
		case m.Method != "chat.postMessage" || m.Channel != "D"+student:
		case m.Metadata != nil:
			nudgeAt = i
		case strings.Contains(all(m), "erased"):
			erasedAt = i
		}
	}
	if nudgeAt < 0 || erasedAt < nudgeAt {
		t.Errorf("the nudge (message %d) came after the forget answer (message %d)", nudgeAt, erasedAt)
	}
}

// seedSent gives n new students one second follow-up each, sent on
// 2026-02-20 after waited business days; every fourth got a reply.
func (h *harness) seedSent(prefix string, n, waited int) {
	h.t.Helper()
	ctx := context.Background()
	db := h.main.DB()
	sent := date(h.t, "2026-02-20")
	for i := range n {
		id := followup.UserID{Team: team, User: fmt.Sprintf("%s%02d", prefix, i)}
		if _, _, err := db.EnsureStudent(ctx, id, "Europe/Paris", followup.Settings{}, nil); err != nil {
			h.t.Fatal(err)
		}
		iv := followup.Interview{Student: id, Company: "Acme", Role: "Analyst",
			InterviewDate: date(h.t, "2026-01-20"), FirstFollowUpDate: date(h.t, "2026-01-21")}
		if err := db.CreateInterview(ctx, &iv); err != nil {
			h.t.Fatal(err)
		}
		_, err := db.UpdateInterview(ctx, id, iv.ID, func(iv *followup.Interview) error {
			iv.SecondSentDate, iv.SecondWaited, iv.Stage = &sent, waited, followup.StageSent
			if i%4 == 0 {
				iv.Stage = followup.StageReplied
			}
			return nil
		})
		if err != nil {
			h.t.Fatal(err)
		}
	}
}

// TestCommunityFigure: with 30 or more second follow-ups behind a wait,
// the nudge and the settings quote the community's reply rate; below 30
// they say nothing about rates.
func TestCommunityFigure(t *testing.T) {
	t.Run("ThirtyOrMore", func(t *testing.T) {
		h := start(t)
		h.seedSent("U0LATE", 32, 15) // Ana's nudge comes 15 business days after her thank-you
		h.seedSent("U0ONTIME", 40, 8)
		h.logOld(student)
		n := h.waitNudges(student, 1)[0]
		// 8 of 32 replied.
		if want := "In this community, second follow-ups sent after day 10 got a reply 25 % of the time."; !strings.Contains(all(n), want) {
			t.Errorf("nudge does not quote %q: %s", want, all(n))
		}
		v := h.openSettings(student)
		if want := "Here, 25 % of second follow-ups sent on day 8–9 got a reply"; !strings.Contains(string(v.View), want) {
			t.Errorf("settings do not show %q", want)
		}
	})
	t.Run("BelowThirty", func(t *testing.T) {
		h := start(t)
		h.seedSent("U0LATE", 29, 15)
		h.logOld(student)
		n := h.waitNudges(student, 1)[0]
		if strings.Contains(all(n), "In this community") || strings.Contains(all(n), "%") {
			t.Errorf("with 29 second follow-ups the nudge talks about rates: %s", all(n))
		}
		if v := h.openSettings(student); strings.Contains(string(v.View), "got a reply") {
			t.Error("with no wait reaching 30 the settings talk about rates")
		}
	})
}
