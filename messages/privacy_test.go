package messages

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/stats"
)

func TestPrivacyMessages(t *testing.T) {
	h := Holdings{Interviews: 3, StageChanges: 9, NudgesPlanned: 1, NudgesSent: 2, Drafts: 1, LibraryItems: 4}
	checkView(t, "forget_modal", ForgetModal(h))
	checkMessage(t, "forgotten", Forgotten(followup.Erased{"interviews": 3, "stage_changes": 9, "nudges": 3, "drafts": 1, "library_items": 4, "students": 1, "staff_grants": 1}))
	checkMessage(t, "forgotten_nothing", Forgotten(followup.Erased{}))
	checkMessage(t, "export_sent", ExportSent(3))
	checkMessage(t, "export_nothing", ExportNothing())
	checkMessage(t, "stats_bad_period", StatsBadPeriod("<!channel> forever"))
}

func TestForgottenNamesEveryCount(t *testing.T) {
	m := Forgotten(followup.Erased{"interviews": 2, "nudges": 1, "new_table": 5})
	text := string(must(m.Blocks[0].(*slack.SectionBlock).Text.Text))
	for _, want := range []string{"2 interviews", "1 nudge", "5 other records"} {
		if !strings.Contains(text, want) {
			t.Errorf("got %q, want it to say %q", text, want)
		}
	}
}

func must(s string) string { return s }

// statsSample is a report with some cells hidden.
func statsSample() stats.Report {
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var acts []followup.StudentActivity
	for i := range 40 {
		r := followup.Replies{Sent: 1, Replied: btoi(i%3 == 0)}
		a := followup.StudentActivity{Student: fmt.Sprint(i), Logged: 1, Due: 1, SecondSent: r,
			ByDiagnosis: make([]followup.Replies, len(followup.StatsDiagnoses())), ByWait: make([]followup.Replies, len(followup.WaitRanges()))}
		a.ByDiagnosis[0], a.ByWait[2] = r, r // who decides, 8–9 days
		if i%3 == 0 {
			a.Offers = 1
		} else {
			a.NoReplies = 1
		}
		acts = append(acts, a)
	}
	p := stats.Period{From: start, To: start.AddDate(0, 0, 30), Name: "30d"}
	return stats.Suppress(stats.Aggregate(p, acts), stats.MinStudents)
}

func TestStatsMessage(t *testing.T) {
	m := Stats(statsSample())
	checkMessage(t, "stats", m)
	if !strings.Contains(all(m), stats.Hidden) {
		t.Error("the sample hides cells; the message should say so")
	}
}

func all(m Message) string {
	var b strings.Builder
	for _, bl := range m.Blocks {
		if s, ok := bl.(*slack.SectionBlock); ok && s.Text != nil {
			b.WriteString(s.Text.Text + "\n")
		}
	}
	return b.String()
}

func TestCommunityFigure(t *testing.T) {
	for _, tc := range []struct {
		f    stats.Figure
		want string
	}{
		{stats.Figure{Wait: "8–9", Percent: 27, Sent: 40}, "In this community, second follow-ups sent on day 8–9 got a reply 27 % of the time."},
		{stats.Figure{Wait: "under 7", Percent: 10, Sent: 30}, "In this community, second follow-ups sent before day 7 got a reply 10 % of the time."},
		{stats.Figure{Wait: "over 10", Percent: 5, Sent: 31}, "In this community, second follow-ups sent after day 10 got a reply 5 % of the time."},
	} {
		t.Run(tc.f.Wait, func(t *testing.T) {
			if got := CommunityFigure(tc.f); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if n := len([]rune(waitFigure(tc.f))); n > 75 {
				t.Errorf("settings line is %d characters, over Slack's 75", n)
			}
		})
	}
	m := Ephemeral("hello")
	if got := WithCommunityFigure(m, nil); len(got.Blocks) != 1 {
		t.Errorf("nil figure: got %d blocks, want the message unchanged", len(got.Blocks))
	}
	checkMessage(t, "with_community_figure", WithCommunityFigure(m, &stats.Figure{Wait: "8–9", Percent: 27, Sent: 40}))
	if len(m.Blocks) != 1 {
		t.Error("WithCommunityFigure changed its argument")
	}
}

func TestSettingsModalShowsWaitAdvice(t *testing.T) {
	st := followup.Student{Settings: followup.DefaultSettings()}
	v := SettingsModal(st, testCalendars(), WaitAdvice{8: {Wait: "8–9", Percent: 27, Sent: 40}})
	checkView(t, "settings_modal_advice", v)
	sel := inputElement(t, v, BlockWaitDays).(*slack.SelectBlockElement)
	for _, o := range sel.Options {
		has := o.Description != nil
		if has != (o.Value == "8") {
			t.Errorf("wait %s: description %v; only 8 has 30+ second follow-ups behind it", o.Value, o.Description)
		}
	}
}

func TestParseSettingsStatsChoice(t *testing.T) {
	base := settingsValues("8", "9", "US", "project_starter", false)
	for _, tc := range []struct {
		name string
		box  []slack.OptionBlockObject
		set  bool
		want bool // HideFromStats
	}{
		{"Ticked", []slack.OptionBlockObject{{Value: StatsCountedValue}}, true, false},
		{"Unticked", nil, true, true},
		{"OldModalWithoutTheBox", nil, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			values := map[string]map[string]slack.BlockAction{}
			for k, v := range base {
				values[k] = v
			}
			if tc.set {
				values[BlockStatsOptOut] = map[string]slack.BlockAction{ActionStatsOptOut: {SelectedOptions: tc.box}}
			}
			s, errs := ParseSettings(values)
			if len(errs) != 0 || s.HideFromStats != tc.want {
				t.Errorf("got HideFromStats %v (errors %v), want %v", s.HideFromStats, errs, tc.want)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
