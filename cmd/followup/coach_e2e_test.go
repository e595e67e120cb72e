package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/followup/followuptest"
	"github.com/followup-coach/followup/messages"
)

// click sends a block action as user and fails the test if it is not acked.
func (h *harness) click(c slacktest.Click) {
	h.t.Helper()
	if c.TeamID == "" {
		c.TeamID = team
	}
	h.last, h.lastUser = h.emu.Mark(), c.UserID
	if _, err := h.emu.ClickButton(h.ctx(), c); err != nil {
		h.t.Fatalf("click %s: %v", c.ActionID, err)
	}
}

// draftAfter waits for a second follow-up draft of interview id newer
// than after, and for the DM that shows it.
func (h *harness) draftAfter(id int64, kind followup.NudgeKind, after int64) (followup.Draft, slacktest.Message) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		d, err := h.main.DB().LatestDraft(context.Background(), id, kind)
		if err == nil && d.ID > after {
			value := messages.DraftValue(d)
			m, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
				return m.Channel == "D"+student && strings.Contains(string(m.Blocks), `"`+value+`"`)
			})
			if err != nil {
				h.t.Fatalf("no message shows draft %d: %v", d.ID, err)
			}
			return d, m
		}
		if err != nil && !errors.Is(err, followup.ErrNotFound) {
			h.t.Fatal(err)
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("no new %s draft after %d; messages: %s", kind, after, dump(h.emu.Messages()))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (h *harness) interview(id int64) followup.Interview {
	h.t.Helper()
	iv, err := h.main.DB().Interview(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return iv
}

// waitFor polls cond until it holds.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; messages: %s", what, dump(h.emu.Messages()))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCoachingFlow(t *testing.T) {
	clock := followuptest.NewClock(monday9)
	h := start(t, withClock(clock))
	// A summary every diagnosis can use, so each first draft brings it.
	h.addLibraryItem(student, followup.KindBossSummary, "Platform on-call plan", "Three steps to halve paging noise.", "https://example.com/oncall")
	iv := h.logOld(student)
	nudge := h.waitNudges(student, 1)[0]
	for _, id := range messages.DiagnoseActionIDs() {
		if !strings.Contains(string(nudge.Blocks), id) {
			t.Errorf("nudge lacks the %s button", id)
		}
	}

	var last followup.Draft
	var lastMsg slacktest.Message
	for i, d := range []followup.Diagnosis{followup.DiagnosisWhoDecides, followup.DiagnosisMissingInfo, followup.DiagnosisTooBusy, followup.DiagnosisNotSure} {
		t.Run("Diagnose/"+string(d), func(t *testing.T) {
			h.click(slacktest.Click{UserID: student, ChannelID: nudge.Channel, MessageTS: nudge.TS,
				ActionID: messages.DiagnoseActionIDs()[i], BlockID: messages.BlockNudgeDiagnose, Value: messages.DiagnoseValue(d, iv.ID)})
			draft, m := h.draftAfter(iv.ID, followup.NudgeSecondFollowUp, last.ID)
			if draft.Diagnosis != d {
				t.Errorf("draft diagnosis: got %s, want %s", draft.Diagnosis, d)
			}
			if !strings.HasSuffix(draft.Body, "Ana Lima") {
				t.Errorf("draft not signed with the student's Slack name:\n%s", draft.Body)
			}
			if r := messages.Check(draft.Body, messages.CheckOptions{Role: iv.Role, InterviewDate: iv.InterviewDate}); !r.Passed {
				t.Errorf("draft fails the Test: %+v\n%s", r.Points, draft.Body)
			}
			if !strings.Contains(string(m.Blocks), "mailto:bill@initech.example") {
				t.Errorf("draft message has no mailto link although the email is known")
			}
			last, lastMsg = draft, m
		})
	}
	t.Run("NudgeUpdatedInPlace", func(t *testing.T) {
		m, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
			return m.Method == "chat.update" && m.TS == nudge.TS
		})
		if err != nil {
			t.Fatalf("nudge not updated in place: %v", err)
		}
		if strings.Contains(string(m.Blocks), messages.ActionDiagnoseWhoDecides) {
			t.Errorf("answered nudge still has the 3-way buttons")
		}
		if got := h.interview(iv.ID).Diagnosis; got != followup.DiagnosisNotSure {
			t.Errorf("recorded diagnosis: got %s, want the last one picked", got)
		}
	})

	t.Run("ForeignClickChangesNothing", func(t *testing.T) {
		// Every action of the nudge and of the draft, clicked by another
		// user with the student's ids: each is answered politely and none
		// changes the interview, makes a draft or opens a modal.
		before := h.interview(iv.ID)
		views := len(h.emu.Views())
		clicks := []slacktest.Click{
			{ChannelID: nudge.Channel, MessageTS: nudge.TS, ActionID: messages.ActionDiagnoseTooBusy, Value: messages.DiagnoseValue(followup.DiagnosisTooBusy, iv.ID)},
			{ChannelID: nudge.Channel, MessageTS: nudge.TS, ActionID: messages.ActionSnooze, SelectedOption: messages.MenuValue(messages.MenuSnooze1D, iv.ID)},
			{ChannelID: nudge.Channel, MessageTS: nudge.TS, ActionID: messages.ActionReplied, SelectedOption: messages.MenuValue(messages.MenuOffer, iv.ID)},
			{ActionID: messages.ActionInterviewMenu, SelectedOption: messages.MenuValue(messages.MenuWithdrawn, iv.ID)},
			{ChannelID: lastMsg.Channel, MessageTS: lastMsg.TS, ActionID: messages.ActionMarkSent, Value: messages.DraftValue(last)},
			{ChannelID: lastMsg.Channel, MessageTS: lastMsg.TS, ActionID: messages.ActionCopyDraft, Value: messages.DraftValue(last)},
			{ChannelID: lastMsg.Channel, MessageTS: lastMsg.TS, ActionID: messages.ActionUseItem, SelectedOption: messages.ItemValue(0, iv.ID)},
			{ActionID: messages.ActionWriteClosing, Value: messages.IDValue(iv.ID)},
			{ActionID: messages.ActionCloseQuietly, Value: messages.IDValue(iv.ID)},
		}
		for _, c := range clicks {
			c.UserID = other
			h.click(c)
		}
		if got, err := h.emu.WaitMessages(h.ctx(), len(clicks), func(m slacktest.Message) bool {
			return m.Method == "response_url" && strings.Contains(all(m), "someone else")
		}); err != nil {
			t.Fatalf("foreign clicks answered politely: got %d, want %d: %v", len(got), len(clicks), err)
		}
		after := h.interview(iv.ID)
		if after.Stage != before.Stage || after.Diagnosis != before.Diagnosis || !after.UpdatedAt.Equal(before.UpdatedAt) ||
			!after.NextNudgeAt.Equal(before.NextNudgeAt) {
			t.Errorf("foreign click changed the interview: got %+v, want %+v", after, before)
		}
		for _, kind := range []followup.NudgeKind{followup.NudgeSecondFollowUp, followup.NudgeClosingNote} {
			d, err := h.main.DB().LatestDraft(context.Background(), iv.ID, kind)
			if err != nil && !errors.Is(err, followup.ErrNotFound) {
				t.Fatal(err)
			}
			if kind == followup.NudgeSecondFollowUp && (d.ID != last.ID || !d.UpdatedAt.Equal(last.UpdatedAt)) {
				t.Errorf("foreign click touched the drafts: got draft %d updated %s, want %d updated %s", d.ID, d.UpdatedAt, last.ID, last.UpdatedAt)
			}
			if kind == followup.NudgeClosingNote && err == nil {
				t.Errorf("foreign click made closing-note draft %d, want none", d.ID)
			}
		}
		if got := h.emu.Views()[views:]; len(got) != 0 {
			t.Errorf("foreign click opened views: got %d, want 0", len(got))
		}
	})

	t.Run("Copy", func(t *testing.T) {
		h.click(slacktest.Click{UserID: student, ChannelID: lastMsg.Channel, MessageTS: lastMsg.TS,
			ActionID: messages.ActionCopyDraft, Value: messages.DraftValue(last)})
		v, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool { return v.CallbackID == messages.CallbackCopy && !v.Closed })
		if err != nil {
			t.Fatalf("copy modal did not open: %v", err)
		}
		if !strings.Contains(string(v.View), "Initech") {
			t.Errorf("copy modal does not hold the draft")
		}
		edited := last.Body + "\n\nP.S. Happy to send the summary as a PDF."
		ack, err := h.emu.SubmitView(h.ctx(), student, v.ID, map[string]map[string]slack.BlockAction{
			messages.BlockCopySubject: {messages.ActionCopySubject: {Type: "plain_text_input", Value: "My subject"}},
			messages.BlockCopyBody:    {messages.ActionCopyBody: {Type: "plain_text_input", Value: edited}},
		})
		if err != nil || ack.ResponseAction != "" {
			t.Fatalf("submit copy: %v %+v", err, ack.Errors)
		}
		d, err := h.main.DB().LatestDraft(context.Background(), iv.ID, followup.NudgeSecondFollowUp)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != last.ID || !d.Edited || d.Body != edited || d.Subject != "My subject" {
			t.Errorf("stored draft after copy: got %+v, want the edits on draft %d", d, last.ID)
		}
		last = d
	})

	t.Run("UseLibraryItem", func(t *testing.T) {
		items, err := h.main.DB().LibraryItems(context.Background(), followup.UserID{Team: team, User: student})
		if err != nil || len(items) == 0 {
			t.Fatalf("starter items: %v %d", err, len(items))
		}
		item := items[0]
		h.click(slacktest.Click{UserID: student, ChannelID: lastMsg.Channel, MessageTS: lastMsg.TS,
			ActionID: messages.ActionUseItem, SelectedOption: messages.ItemValue(item.ID, iv.ID)})
		d, _ := h.draftAfter(iv.ID, followup.NudgeSecondFollowUp, last.ID)
		if d.LibraryItemID != item.ID {
			t.Errorf("draft library item: got %d, want %d", d.LibraryItemID, item.ID)
		}
		if _, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
			return m.Method == "chat.update" && m.TS == lastMsg.TS && strings.Contains(string(m.Blocks), messages.DraftValue(d))
		}); err != nil {
			t.Errorf("draft message not re-composed in place: %v", err)
		}
		last = d
	})

	t.Run("MarkSentSchedulesClosingNote", func(t *testing.T) {
		h.click(slacktest.Click{UserID: student, ChannelID: lastMsg.Channel, MessageTS: lastMsg.TS,
			ActionID: messages.ActionMarkSent, Value: messages.DraftValue(last)})
		h.waitFor("stage sent", func() bool { return h.interview(iv.ID).Stage == followup.StageSent })
		got := h.interview(iv.ID)
		paris, _ := time.LoadLocation("Europe/Paris")
		// 8 business days after Mon 2 Mar is Thu 12 Mar, at 9:00 in Paris.
		if want := time.Date(2026, 3, 12, 9, 0, 0, 0, paris); got.NextNudgeKind != followup.NudgeClosingNote || !got.NextNudgeAt.Equal(want) {
			t.Errorf("closing nudge: got %s at %s, want closing_note at %s", got.NextNudgeKind, got.NextNudgeAt, want)
		}
	})

	t.Run("LateItemClickAfterSentChangesNothing", func(t *testing.T) {
		// A library item picked on the draft after it was marked as sent
		// (a late or double click) must not re-open the draft.
		h.click(slacktest.Click{UserID: student, ChannelID: lastMsg.Channel, MessageTS: lastMsg.TS,
			ActionID: messages.ActionUseItem, SelectedOption: messages.ItemValue(0, iv.ID)})
		h.reply("already done")
		d, err := h.main.DB().LatestDraft(context.Background(), iv.ID, followup.NudgeSecondFollowUp)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != last.ID {
			t.Errorf("late item click made draft %d, want the sent draft %d kept", d.ID, last.ID)
		}
		if got := h.interview(iv.ID).Stage; got != followup.StageSent {
			t.Errorf("stage: got %s, want sent", got)
		}
	})

	t.Run("ClosingNoteThenNoMoreChasing", func(t *testing.T) {
		clock.Add(10 * 24 * time.Hour) // Thu 12 Mar, 10:00 in Paris
		ms := h.waitNudges(student, 2)
		closing := ms[1]
		if closing.Metadata.EventPayload["interview_id"] == nil {
			t.Fatalf("closing nudge without metadata")
		}
		h.click(slacktest.Click{UserID: student, ChannelID: closing.Channel, MessageTS: closing.TS,
			ActionID: messages.ActionWriteClosing, Value: messages.IDValue(iv.ID)})
		d, m := h.draftAfter(iv.ID, followup.NudgeClosingNote, 0)
		if messages.CountWords(d.Body) > messages.MaxDraftWords {
			t.Errorf("closing note too long: %d words", messages.CountWords(d.Body))
		}
		h.click(slacktest.Click{UserID: student, ChannelID: m.Channel, MessageTS: m.TS,
			ActionID: messages.ActionMarkSent, Value: messages.DraftValue(d)})
		h.waitFor("closed as no reply", func() bool { return h.interview(iv.ID).Stage == followup.StageNoReply })
		clock.Add(30 * 24 * time.Hour)
		h.settle(student, 2)
	})
}

func TestLibrary(t *testing.T) {
	h := start(t)
	owner := followup.UserID{Team: team, User: student}
	h.command(student, "library")
	lib, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool { return v.CallbackID == messages.CallbackLibrary })
	if err != nil {
		t.Fatalf("library modal did not open: %v", err)
	}
	items := func() []followup.LibraryItem {
		its, err := h.main.DB().LibraryItems(context.Background(), owner)
		if err != nil {
			t.Fatal(err)
		}
		return its
	}
	if n := len(items()); n != 3 {
		t.Fatalf("starter items: got %d, want 3", n)
	}
	itemForm := func(kind, title, summary, link string) map[string]map[string]slack.BlockAction {
		return map[string]map[string]slack.BlockAction{
			messages.BlockItemKind:    {messages.ActionItemKind: {Type: "static_select", SelectedOption: slack.OptionBlockObject{Value: kind}}},
			messages.BlockItemTitle:   {messages.ActionItemTitle: {Type: "plain_text_input", Value: title}},
			messages.BlockItemSummary: {messages.ActionItemSummary: {Type: "plain_text_input", Value: summary}},
			messages.BlockItemLink:    {messages.ActionItemLink: {Type: "plain_text_input", Value: link}},
		}
	}
	openForm := func(c slacktest.Click) slacktest.View {
		t.Helper()
		seen := map[string]bool{}
		for _, v := range h.emu.Views() {
			seen[v.ID] = true
		}
		c.UserID, c.ViewID = student, lib.ID
		h.click(c)
		v, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool {
			return v.CallbackID == messages.CallbackLibraryItem && !seen[v.ID]
		})
		if err != nil {
			t.Fatalf("item form did not open: %v", err)
		}
		return v
	}

	t.Run("AddWithBadInputThenFix", func(t *testing.T) {
		v := openForm(slacktest.Click{ActionID: messages.ActionLibraryAdd})
		ack, err := h.emu.SubmitView(h.ctx(), student, v.ID, itemForm(string(followup.KindQuickWin), "", "", "not a link"))
		if err != nil || ack.ResponseAction != "errors" || ack.Errors[messages.BlockItemTitle] == "" || ack.Errors[messages.BlockItemLink] == "" {
			t.Fatalf("bad item: got %v %q %v, want title and link errors", err, ack.ResponseAction, ack.Errors)
		}
		if n := len(items()); n != 3 {
			t.Errorf("items after a refused save: got %d, want 3", n)
		}
		ack, err = h.emu.SubmitView(h.ctx(), student, v.ID, itemForm(string(followup.KindQuickWin), "Cut report time by half", "I automated the weekly report.", "https://example.com/story"))
		if err != nil || ack.ResponseAction != "" {
			t.Fatalf("good item: %v %+v", err, ack.Errors)
		}
		if n := len(items()); n != 4 {
			t.Errorf("items after add: got %d, want 4", n)
		}
		if _, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool {
			return v.ID == lib.ID && v.Method == "views.update" && strings.Contains(string(v.View), "Cut report time by half")
		}); err != nil {
			t.Errorf("library list not refreshed: %v", err)
		}
	})

	t.Run("Edit", func(t *testing.T) {
		it := items()[0]
		v := openForm(slacktest.Click{ActionID: messages.ActionLibraryEdit, Value: itemID(it)})
		if _, err := h.emu.SubmitView(h.ctx(), student, v.ID, itemForm(string(it.Kind), "Renamed summary", it.Summary, "")); err != nil {
			t.Fatal(err)
		}
		got, err := h.main.DB().LibraryItem(context.Background(), owner, it.ID)
		if err != nil || got.Title != "Renamed summary" {
			t.Errorf("edited item: got %+v %v", got, err)
		}
	})

	t.Run("ForeignEditRefused", func(t *testing.T) {
		it := items()[0]
		// A forged click inside the student's library modal: clicks in
		// views carry no response_url, so the answer comes by DM.
		h.click(slacktest.Click{UserID: other, ViewID: lib.ID, ActionID: messages.ActionLibraryEdit, Value: itemID(it)})
		if _, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
			return m.Channel == "D"+other && strings.Contains(all(m), "someone else")
		}); err != nil {
			t.Errorf("foreign edit not answered: %v", err)
		}
	})

	t.Run("ForeignDeleteRefused", func(t *testing.T) {
		it := items()[0]
		refused := func(m slacktest.Message) bool {
			return m.Channel == "D"+other && strings.Contains(all(m), "someone else")
		}
		n := 0
		for _, m := range h.emu.Messages() {
			if refused(m) {
				n++
			}
		}
		h.click(slacktest.Click{UserID: other, ViewID: lib.ID, ActionID: messages.ActionLibraryDelete, Value: itemID(it)})
		if _, err := h.emu.WaitMessages(h.ctx(), n+1, refused); err != nil {
			t.Errorf("foreign delete not answered: %v", err)
		}
		if _, err := h.main.DB().LibraryItem(context.Background(), owner, it.ID); err != nil {
			t.Errorf("item after a foreign delete: got %v, want it kept", err)
		}
		for _, v := range h.emu.Views() {
			if v.CallbackID == messages.CallbackLibraryItem && v.UserID == other {
				t.Errorf("foreign click opened an item form for %s", other)
			}
		}
	})

	t.Run("Delete", func(t *testing.T) {
		it := items()[0]
		h.click(slacktest.Click{UserID: student, ViewID: lib.ID, ActionID: messages.ActionLibraryDelete, Value: itemID(it)})
		h.waitFor("item deleted", func() bool { return len(items()) == 3 })
	})
}

func itemID(it followup.LibraryItem) string { return messages.IDValue(it.ID) }

func TestCheckCommand(t *testing.T) {
	h := start(t)
	cases := []struct {
		name, text string
		pass       bool
	}{
		{"JustCheckingIn", "Hi Dana, just checking in. Any update on the role?", false},
		{"Good", "Hi Dana,\n\nThanks again for the Data Engineer interview on 24 February. I'm still keen on the role.\n\n" +
			"I put together a one-page summary of how I'd approach the pipeline migration, attached, in case it helps you with your team.\n\n" +
			"If the timing has moved, that's fine too. Would it help if I sent it to your manager as well, or should I wait until next month?", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, v := range h.emu.Views() {
				seen[v.ID] = true
			}
			h.command(student, "check")
			v, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool { return v.CallbackID == messages.CallbackCheck && !seen[v.ID] })
			if err != nil {
				t.Fatalf("check modal did not open: %v", err)
			}
			ack, err := h.emu.SubmitView(h.ctx(), student, v.ID, map[string]map[string]slack.BlockAction{
				messages.BlockCheckText: {messages.ActionCheckText: {Type: "plain_text_input", Value: c.text}},
			})
			if err != nil || ack.ResponseAction != "update" {
				t.Fatalf("submit: %v %q", err, ack.ResponseAction)
			}
			want := messages.CheckResultView(messages.Check(c.text, messages.CheckOptions{}))
			if !strings.Contains(string(ack.View), want.Title.Text) {
				t.Errorf("result view: got %s, want title %q", ack.View, want.Title.Text)
			}
			if got := messages.Check(c.text, messages.CheckOptions{}).Passed; got != c.pass {
				t.Errorf("passed: got %v, want %v", got, c.pass)
			}
		})
	}
}
