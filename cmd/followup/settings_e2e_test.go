package main

import (
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

func settingsForm(hour, wait, calendar, level string) map[string]map[string]slack.BlockAction {
	sel := func(action, v string) map[string]slack.BlockAction {
		return map[string]slack.BlockAction{action: {ActionID: action, Type: "static_select", SelectedOption: slack.OptionBlockObject{Value: v}}}
	}
	return map[string]map[string]slack.BlockAction{
		messages.BlockNudgeHour:   sel(messages.ActionNudgeHour, hour),
		messages.BlockWaitDays:    sel(messages.ActionWaitDays, wait),
		messages.BlockCalendar:    sel(messages.ActionCalendar, calendar),
		messages.BlockCareerLevel: {messages.ActionCareerLevel: {ActionID: messages.ActionCareerLevel, Type: "radio_buttons", SelectedOption: slack.OptionBlockObject{Value: level}}},
		messages.BlockPaused:      {messages.ActionPaused: {ActionID: messages.ActionPaused, Type: "checkboxes"}},
	}
}

func (h *harness) openSettings(user string) slacktest.View {
	h.t.Helper()
	seen := map[string]bool{}
	for _, v := range h.emu.Views() {
		seen[v.ID] = true
	}
	h.command(user, "settings")
	v, err := h.emu.WaitView(h.ctx(), func(v slacktest.View) bool {
		return v.CallbackID == messages.CallbackSettings && v.UserID == user && !seen[v.ID]
	})
	if err != nil {
		h.t.Fatalf("settings modal did not open: %v", err)
	}
	return v
}

func TestSettingsReplanPendingNudges(t *testing.T) {
	h := start(t)
	h.submit(student, h.openLog(student, ""), form{company: "Acme", role: "Engineer", interview: "2026-02-24", first: "2026-02-25"})
	h.dm(student, "Acme")
	paris, _ := time.LoadLocation("Europe/Paris")

	v := h.openSettings(student)
	if !strings.Contains(string(v.View), "Europe/Paris") {
		t.Errorf("settings modal does not show Slack's time zone")
	}
	t.Run("BadInputKeepsSettings", func(t *testing.T) {
		ack, err := h.emu.SubmitView(h.ctx(), student, v.ID, settingsForm("9", "12", "none", string(followup.LevelProjectStarter)))
		if err != nil || ack.ResponseAction != "errors" || ack.Errors[messages.BlockWaitDays] == "" {
			t.Fatalf("wait 12: got %v %q %v, want an error on %s", err, ack.ResponseAction, ack.Errors, messages.BlockWaitDays)
		}
		st, _ := h.main.DB().Student(h.ctx(), followup.UserID{Team: team, User: student})
		if st.Settings.WaitBusinessDays != followup.DefaultWaitBusinessDays {
			t.Errorf("settings changed by a refused submit: %+v", st.Settings)
		}
	})
	t.Run("TenDaysAtEight", func(t *testing.T) {
		ack, err := h.emu.SubmitView(h.ctx(), student, v.ID, settingsForm("8", "10", "fr", string(followup.LevelProtectsStrategy)))
		if err != nil || ack.ResponseAction != "" {
			t.Fatalf("submit: %v %+v", err, ack.Errors)
		}
		h.dm(student, "saved")
		// 10 business days after Wed 25 Feb, no French holiday in between: Wed 11 Mar, at 8:00.
		want := time.Date(2026, 3, 11, 8, 0, 0, 0, paris)
		h.waitFor("re-planned nudge", func() bool { return h.interviews(student)[0].NextNudgeAt.Equal(want) })
	})
}

func TestTimeZoneChangeReplans(t *testing.T) {
	h := start(t)
	h.submit(student, h.openLog(student, ""), form{company: "Acme", role: "Engineer", interview: "2026-02-24", first: "2026-02-25"})
	h.dm(student, "Acme")
	h.emu.SetUserTZ(student, "America/New_York", -18000)
	ev := map[string]any{
		"type": "user_change",
		"user": map[string]any{"id": student, "team_id": team, "tz": "America/New_York", "tz_label": "Eastern Standard Time", "tz_offset": -18000},
	}
	if _, err := h.emu.SendEvent(h.ctx(), team, ev); err != nil {
		t.Fatal(err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	want := time.Date(2026, 3, 9, 9, 0, 0, 0, ny)
	h.waitFor("nudge re-planned in the new zone", func() bool { return h.interviews(student)[0].NextNudgeAt.Equal(want) })
}

func TestSnoozeFromList(t *testing.T) {
	h := start(t)
	iv := h.logOld(student)
	h.command(student, "list")
	list := h.reply("Initech")
	h.click(slacktest.Click{UserID: student, ActionID: messages.ActionInterviewMenu, SelectedOption: messages.MenuValue(messages.MenuSnoozeNextWeek, iv.ID)})
	h.waitFor("snoozed", func() bool { return h.interview(iv.ID).Stage == followup.StageSnoozed })
	paris, _ := time.LoadLocation("Europe/Paris")
	// Next week from Mon 2 Mar is Mon 9 Mar at 9:00.
	if got, want := h.interview(iv.ID).NextNudgeAt, time.Date(2026, 3, 9, 9, 0, 0, 0, paris); !got.Equal(want) {
		t.Errorf("snoozed nudge: got %s, want %s", got, want)
	}
	h.settle(student, 0)
	if !strings.Contains(all(list), messages.ActionInterviewMenu) {
		t.Errorf("list row has no menu")
	}

	t.Run("TheyReplied", func(t *testing.T) {
		h.click(slacktest.Click{UserID: student, ActionID: messages.ActionInterviewMenu, SelectedOption: messages.MenuValue(messages.MenuOffer, iv.ID)})
		h.waitFor("offer", func() bool { return h.interview(iv.ID).Stage == followup.StageOffer })
		if !h.interview(iv.ID).NextNudgeAt.IsZero() {
			t.Errorf("closed interview still plans a nudge")
		}
	})
	t.Run("StaleChoiceIsPolite", func(t *testing.T) {
		h.click(slacktest.Click{UserID: student, ActionID: messages.ActionInterviewMenu, SelectedOption: messages.MenuValue(messages.MenuSnooze1D, iv.ID)})
		if _, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
			return m.Method == "response_url" && strings.Contains(all(m), "already done")
		}); err != nil {
			t.Errorf("stale choice not answered: %v", err)
		}
		if got := h.interview(iv.ID).Stage; got != followup.StageOffer {
			t.Errorf("stale choice changed the stage to %s", got)
		}
	})
}

func TestSnoozeFromNudge(t *testing.T) {
	h := start(t)
	iv := h.logOld(student)
	n := h.waitNudges(student, 1)[0]
	h.click(slacktest.Click{UserID: student, ChannelID: n.Channel, MessageTS: n.TS, ActionID: messages.ActionSnooze, SelectedOption: messages.MenuValue(messages.MenuSnooze1D, iv.ID)})
	h.waitFor("snoozed", func() bool { return h.interview(iv.ID).Stage == followup.StageSnoozed })
	if _, err := h.emu.WaitMessage(h.ctx(), func(m slacktest.Message) bool {
		return m.Method == "chat.update" && m.TS == n.TS && strings.Contains(all(m), "Snoozed")
	}); err != nil {
		t.Errorf("nudge not replaced after snooze: %v", err)
	}
}
