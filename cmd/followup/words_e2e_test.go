package main

import (
	"context"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// The coach's words, end to end: what the student logged and keeps in their
// library decides what the first draft says.

// addLibraryItem adds an item through /followup library and its form, as
// the student would, and returns it as stored.
func (h *harness) addLibraryItem(user string, kind followup.LibraryKind, title, summary, link string) followup.LibraryItem {
	h.t.Helper()
	seen := map[string]bool{}
	for _, v := range h.emu.Views() {
		seen[v.ID] = true
	}
	h.command(user, "library")
	lib, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool {
		return v.CallbackID == messages.CallbackLibrary && v.UserID == user && !seen[v.ID]
	})
	if err != nil {
		h.t.Fatalf("library modal did not open: %v", err)
	}
	h.click(slacktest.Click{UserID: user, ViewID: lib.ID, ActionID: messages.ActionLibraryAdd})
	form, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool {
		return v.CallbackID == messages.CallbackLibraryItem && v.UserID == user && !seen[v.ID]
	})
	if err != nil {
		h.t.Fatalf("item form did not open: %v", err)
	}
	ack, err := h.emu.SubmitView(h.ctx(), user, form.ID, map[string]map[string]slack.BlockAction{
		messages.BlockItemKind:    {messages.ActionItemKind: {Type: "static_select", SelectedOption: slack.OptionBlockObject{Value: string(kind)}}},
		messages.BlockItemTitle:   {messages.ActionItemTitle: {Type: "plain_text_input", Value: title}},
		messages.BlockItemSummary: {messages.ActionItemSummary: {Type: "plain_text_input", Value: summary}},
		messages.BlockItemLink:    {messages.ActionItemLink: {Type: "plain_text_input", Value: link}},
	})
	if err != nil || ack.ResponseAction == "errors" {
		h.t.Fatalf("submit item: %v %+v", err, ack.Errors)
	}
	items, err := h.main.DB().LibraryItems(context.Background(), followup.UserID{Team: team, User: user})
	if err != nil {
		h.t.Fatal(err)
	}
	for _, it := range items {
		if it.Title == title {
			return it
		}
	}
	h.t.Fatalf("item %q not stored", title)
	return followup.LibraryItem{}
}

// diagnose clicks one answer of the 3-way check on a nudge and returns the
// draft it makes.
func (h *harness) diagnose(nudge slacktest.Message, id int64, d followup.Diagnosis, after int64) (followup.Draft, slacktest.Message) {
	h.t.Helper()
	actionID := map[followup.Diagnosis]string{
		followup.DiagnosisWhoDecides: messages.ActionDiagnoseWhoDecides, followup.DiagnosisMissingInfo: messages.ActionDiagnoseMissingInfo,
		followup.DiagnosisTooBusy: messages.ActionDiagnoseTooBusy, followup.DiagnosisNotSure: messages.ActionDiagnoseNotSure,
	}[d]
	h.click(slacktest.Click{UserID: student, ChannelID: nudge.Channel, MessageTS: nudge.TS,
		ActionID: actionID, BlockID: messages.BlockNudgeDiagnose, Value: messages.DiagnoseValue(d, id)})
	return h.draftAfter(id, followup.NudgeSecondFollowUp, after)
}

// TestFirstDraftUsesTheLibraryItemThatFits: a student whose library holds
// a work sample gets it in the first Missing info draft, with no slot, and
// the coaching says which item was used. The starters alone would leave a
// slot.
func TestFirstDraftUsesTheLibraryItemThatFits(t *testing.T) {
	h := start(t)
	sample := h.addLibraryItem(student, followup.KindWorkSample, "Pipeline cost review",
		"Two changes that cut nightly compute by 30%.", "https://example.com/review")
	h.addLibraryItem(student, followup.KindCompanyNews, "Initech opens a Berlin office", "", "https://example.com/news")
	iv := h.logOld(student)
	nudge := h.waitNudges(student, 1)[0]

	draft, m := h.diagnose(nudge, iv.ID, followup.DiagnosisMissingInfo, 0)
	if draft.LibraryItemID != sample.ID {
		t.Errorf("first draft's item: got %d, want the work sample %d", draft.LibraryItemID, sample.ID)
	}
	for _, want := range []string{"Pipeline cost review", "https://example.com/review"} {
		if !strings.Contains(draft.Body, want) {
			t.Errorf("first draft lacks %q:\n%s", want, draft.Body)
		}
	}
	if strings.Contains(draft.Body, "[attach:") || strings.Contains(draft.Body, "[paste:") {
		t.Errorf("first draft has an item slot although the library has an item that fits:\n%s", draft.Body)
	}
	if strings.Contains(draft.Body, "Berlin") {
		t.Errorf("first draft used the news item for Missing info:\n%s", draft.Body)
	}
	if !strings.Contains(all(m), "I used *Pipeline cost review* from your library") {
		t.Errorf("coaching does not say which item was used: %s", all(m))
	}
	if p := pointOf(messages.Check(draft.Body, messages.CheckOptions{}), messages.PointValue); !p.OK {
		t.Errorf("value point: got %s, want OK", p.Feedback)
	}
}

// TestDraftWithoutItemSaysWhatIsMissing: with only the starter templates,
// the draft leaves a slot, the coaching says plainly what is missing, and
// the Test does not claim the value point.
func TestDraftWithoutItemSaysWhatIsMissing(t *testing.T) {
	h := start(t)
	iv := h.logOld(student)
	nudge := h.waitNudges(student, 1)[0]
	draft, m := h.diagnose(nudge, iv.ID, followup.DiagnosisWhoDecides, 0)
	if draft.LibraryItemID != 0 || !strings.Contains(draft.Body, "[attach:") {
		t.Fatalf("got item %d and body without a slot, want a slot:\n%s", draft.LibraryItemID, draft.Body)
	}
	s := all(m)
	if !strings.Contains(s, "Before you send:") || !strings.Contains(s, "asks without giving anything") {
		t.Errorf("coaching does not say what is missing: %s", s)
	}
	if strings.Contains(s, "*It passes the Test.*") || strings.Contains(s, "You bring something useful") {
		t.Errorf("the draft with an empty slot is told it brings something useful: %s", s)
	}
}

// TestNoThankYouNoteNoSentenceAboutOne: a student who cleared the thank-you
// date gets no word about a thank-you note, in the confirmation, the nudge
// or any draft.
func TestNoThankYouNoteNoSentenceAboutOne(t *testing.T) {
	h := start(t)
	f := oldInterview
	f.first = ""
	f.topic = "their move to event-driven billing"
	h.submit(student, h.openLog(student, ""), f)
	confirm := h.dm(student, f.company)
	if strings.Contains(strings.ToLower(all(confirm)), "after your thank-you note") {
		t.Errorf("confirmation claims a thank-you note: %s", all(confirm))
	}
	iv := h.interviews(student)[0]
	if iv.ThankYouLogged {
		t.Fatalf("stored ThankYouLogged: got true, want false")
	}
	nudge := h.waitNudges(student, 1)[0]
	if strings.Contains(all(nudge), "thank-you") {
		t.Errorf("nudge mentions a thank-you note: %s", all(nudge))
	}
	var last int64
	for _, d := range []followup.Diagnosis{followup.DiagnosisWhoDecides, followup.DiagnosisTooBusy} {
		draft, _ := h.diagnose(nudge, iv.ID, d, last)
		last = draft.ID
		if strings.Contains(strings.ToLower(draft.Body), "thank-you note") {
			t.Errorf("%s draft mentions a thank-you note that was not logged:\n%s", d, draft.Body)
		}
		if !strings.Contains(draft.Body, f.topic) {
			t.Errorf("%s draft lacks the topic the student logged:\n%s", d, draft.Body)
		}
	}
}

// TestDraftNowBeforeTheDueDate: a student with a reason to write early
// gets the 3-way check and a draft from the log confirmation and from the
// list, told once why writing early usually waits; the reminder stays
// planned. Another student's click on the same button changes nothing.
func TestDraftNowBeforeTheDueDate(t *testing.T) {
	h := start(t)
	f := form{company: "Globex", role: "Data Engineer", name: "Hank Scorpio", interview: "2026-02-27", first: "2026-03-02",
		topic: "the warehouse migration"}
	h.submit(student, h.openLog(student, ""), f)
	confirm := h.dm(student, f.company)
	iv := h.interviews(student)[0]
	if !monday9.Before(iv.NextNudgeAt) {
		t.Fatalf("setup: got the nudge planned at %s, want it after now", iv.NextNudgeAt)
	}
	if !strings.Contains(string(confirm.Blocks), messages.ActionDraftNow) {
		t.Fatalf("log confirmation has no Draft it now button: %s", confirm.Blocks)
	}
	earlyDMs := func(user string) int {
		n := 0
		for _, m := range h.emu.Messages() {
			if m.Method == "chat.postMessage" && m.Channel == "D"+user && strings.Contains(m.Text, "Drafting early") {
				n++
			}
		}
		return n
	}

	t.Run("ForeignClick", func(t *testing.T) {
		h.click(slacktest.Click{UserID: other, ChannelID: confirm.Channel, MessageTS: confirm.TS,
			ActionID: messages.ActionDraftNow, Value: messages.IDValue(iv.ID)})
		h.reply("someone else")
		if earlyDMs(other) != 0 || earlyDMs(student) != 0 {
			t.Errorf("foreign click posted the early check: got %d to other, %d to student", earlyDMs(other), earlyDMs(student))
		}
	})

	t.Run("FromConfirmation", func(t *testing.T) {
		h.click(slacktest.Click{UserID: student, ChannelID: confirm.Channel, MessageTS: confirm.TS,
			ActionID: messages.ActionDraftNow, Value: messages.IDValue(iv.ID)})
		early := h.dmSinceClick(student, "Drafting early")
		if !strings.Contains(all(early), "another offer or a deadline") {
			t.Errorf("early check does not say why writing early usually waits: %s", all(early))
		}
		draft, _ := h.diagnose(early, iv.ID, followup.DiagnosisTooBusy, 0)
		if !strings.Contains(draft.Body, "the warehouse migration") {
			t.Errorf("early draft lacks the topic:\n%s", draft.Body)
		}
		got := h.interview(iv.ID)
		if got.Stage != followup.StageLogged || !got.NextNudgeAt.Equal(iv.NextNudgeAt) || got.Diagnosis != followup.DiagnosisTooBusy {
			t.Errorf("after an early draft: got stage %s, nudge %s, diagnosis %s; want logged, %s, too_busy",
				got.Stage, got.NextNudgeAt, got.Diagnosis, iv.NextNudgeAt)
		}
	})

	t.Run("FromList", func(t *testing.T) {
		before := earlyDMs(student)
		h.click(slacktest.Click{UserID: student, ActionID: messages.ActionInterviewMenu,
			SelectedOption: messages.MenuValue(messages.MenuDraftNow, iv.ID)})
		h.waitFor("a second early check", func() bool { return earlyDMs(student) == before+1 })
	})
}

// dmSinceClick waits for a DM to user, posted after the last click, that
// contains want: an older message cannot stand in for it.
func (h *harness) dmSinceClick(user, want string) slacktest.Message {
	h.t.Helper()
	m, err := h.emu.WaitMessageTo(h.ctx(), h.last, user, func(m slacktest.Message) bool {
		return m.Method == "chat.postMessage" && m.Channel == "D"+user && strings.Contains(all(m), want)
	})
	if err != nil {
		h.t.Fatalf("no DM to %s containing %q after the click; messages since: %s", user, want, dump(h.emu.MessagesSince(h.last)))
	}
	return m
}

func pointOf(r messages.CheckResult, name string) messages.CheckPoint {
	for _, p := range r.Points {
		if p.Name == name {
			return p
		}
	}
	return messages.CheckPoint{}
}
