package messages

import (
	"fmt"
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

func TestStageLabel(t *testing.T) {
	for _, tc := range []struct {
		stage followup.Stage
		want  string
	}{
		{followup.StageLogged, "Waiting for the right moment"},
		{followup.StageDue, "Second follow-up due"},
		{followup.StageNudged, "Second follow-up due"},
		{followup.StageDrafted, "Draft ready"},
		{followup.StageSent, "Second follow-up sent"},
		{followup.StageClosingDue, "Closing note due"},
		{followup.StageSnoozed, "Snoozed"},
		{followup.StageReplied, "Moving forward"},
		{followup.StageOffer, "Offer received"},
		{followup.StageRejected, "Closed: not selected"},
		{followup.StageWithdrawn, "Closed: you withdrew"},
		{followup.StageNoReply, "Closed: no reply"},
		{"something_new", "In progress"},
	} {
		t.Run(string(tc.stage), func(t *testing.T) {
			if got := StageLabel(tc.stage); got != tc.want {
				t.Errorf("StageLabel(%q) = %q, want %q", tc.stage, got, tc.want)
			}
		})
	}
}

func TestInterviewList(t *testing.T) {
	loc := newYork(t)
	today := date(t, "2026-01-14")
	several := []followup.Interview{
		{ID: 5, Company: "Northwind", Role: "Analyst", Stage: followup.StageLogged,
			InterviewDate: date(t, "2026-01-12"), SecondDue: date(t, "2026-01-22"),
			NextNudgeAt: date(t, "2026-01-22").In(loc, 9, 0), NextNudgeKind: followup.NudgeSecondFollowUp},
		{ID: 4, Company: "Acme Robotics", Role: "Data Engineer", Stage: followup.StageDue,
			InterviewDate: date(t, "2026-01-02"), SecondDue: date(t, "2026-01-14")},
		{ID: 3, Company: "Globex", Role: "Product Designer", Stage: followup.StageSnoozed,
			InterviewDate: date(t, "2025-12-29"), SecondDue: date(t, "2026-01-12"),
			SnoozedUntil: date(t, "2026-01-15").In(loc, 9, 0)},
		{ID: 2, Company: "Initech", Role: "QA Lead", Stage: followup.StageSent,
			InterviewDate: date(t, "2025-12-10"), SecondDue: date(t, "2025-12-22"),
			NextNudgeAt: date(t, "2026-01-20").In(loc, 9, 0), NextNudgeKind: followup.NudgeClosingNote},
		{ID: 6, Company: "Hooli", Role: "Support Engineer", Stage: followup.StageDrafted,
			InterviewDate: date(t, "2025-12-18"), SecondDue: date(t, "2026-01-09")},
		{ID: 7, Company: "Stark & Sons", Role: "Ops Analyst", Stage: followup.StageClosingDue,
			InterviewDate: date(t, "2025-11-28"), SecondDue: date(t, "2025-12-10"),
			NextNudgeAt: date(t, "2026-01-14").In(loc, 9, 0), NextNudgeKind: followup.NudgeClosingNote},
		{ID: 8, Company: "Vandelay", Role: "Buyer", Stage: followup.StageNoReply,
			InterviewDate: date(t, "2025-10-01"), SecondDue: date(t, "2025-10-14")},
		{ID: 1, Company: "Umbrella", Role: "Analyst", Stage: followup.StageOffer,
			InterviewDate: date(t, "2025-11-20"), SecondDue: date(t, "2025-12-02")},
	}
	t.Run("Empty", func(t *testing.T) {
		checkMessage(t, "list_empty", InterviewList(nil, loc, today))
	})
	t.Run("Several", func(t *testing.T) {
		m := InterviewList(several, loc, today)
		checkMessage(t, "list_several", m)
		for _, b := range m.Blocks {
			s, ok := b.(*slack.SectionBlock)
			if !ok || !strings.HasPrefix(s.BlockID, listRowBlockIDPrefix) {
				continue
			}
			hasMenu := s.Accessory != nil && s.Accessory.SelectElement != nil
			wantMenu := s.BlockID != listRowBlockID(1) && s.BlockID != listRowBlockID(8) // closed ones
			if hasMenu != wantMenu {
				t.Errorf("row %s has menu %v, want %v", s.BlockID, hasMenu, wantMenu)
			}
		}
	})
	t.Run("OverCap", func(t *testing.T) {
		var many []followup.Interview
		for i := 60; i > 0; i-- {
			many = append(many, followup.Interview{
				ID: int64(i), Company: fmt.Sprintf("Company %d", i), Role: "Analyst", Stage: followup.StageLogged,
				InterviewDate: date(t, "2026-01-05"), SecondDue: date(t, "2026-01-15"),
			})
		}
		m := InterviewList(many, loc, today)
		checkMessage(t, "list_over_cap", m)
		if got := len(m.Blocks); got != maxMessageBlocks {
			t.Errorf("blocks = %d, want %d", got, maxMessageBlocks)
		}
		all := strings.Join(mrkdwnTexts(asJSON(t, m.Blocks)), "\n")
		if want := "13 older interviews are not shown."; !strings.Contains(all, want) {
			t.Errorf("list does not say %q", want)
		}
	})
}

func TestMenuValue(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		choice      string
		id          int64
		wantErr     bool
	}{
		{"Snooze", MenuValue(MenuSnooze1D, 42), MenuSnooze1D, 42, false},
		{"NextWeek", "snooze_next_week:7", MenuSnoozeNextWeek, 7, false},
		{"Offer", MenuValue(MenuOffer, 9007199254740993), MenuOffer, 9007199254740993, false},
		{"NoColon", "replied", "", 0, true},
		{"UnknownChoice", "delete:1", "", 0, true},
		{"NotANumber", "replied:abc", "", 0, true},
		{"Zero", "replied:0", "", 0, true},
		{"Negative", "replied:-3", "", 0, true},
		{"Empty", "", "", 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			choice, id, err := ParseMenuValue(tc.value)
			if (err != nil) != tc.wantErr {
				t.Fatalf("ParseMenuValue(%q) error = %v, want error %v", tc.value, err, tc.wantErr)
			}
			if choice != tc.choice || id != tc.id {
				t.Errorf("ParseMenuValue(%q) = %q, %d, want %q, %d", tc.value, choice, id, tc.choice, tc.id)
			}
		})
	}
}
