package messages

import (
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
)

func TestCommonMessages(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    Message
	}{
		{"something_went_wrong", SomethingWentWrong()},
		{"paused", Paused()},
		{"resumed_none", Resumed(0)},
		{"resumed_one", Resumed(1)},
		{"resumed_many", Resumed(3)},
		{"ephemeral", Ephemeral("Snoozed until tomorrow.")},
	} {
		t.Run(tc.name, func(t *testing.T) { checkMessage(t, tc.name, tc.m) })
	}
}

func TestEscape(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"Plain", "Acme Robotics", "Acme Robotics"},
		{"Ampersand", "AT&T", "AT&amp;T"},
		{"Angles", "a<b>c", "a&lt;b&gt;c"},
		{"Channel", "<!channel>", "&lt;!channel&gt;"},
		{"Link", "<http://evil|Acme>", "&lt;http://evil|Acme&gt;"},
		{"Bold", "*Acme*", "\u2217Acme\u2217"},
		{"Underscore", "America/New_York", "America/New_York"},
		{"Strike", "~x~", "\u223cx\u223c"},
		{"Code", "`x`", "\u02cbx\u02cb"},
		{"AlreadyEscaped", "&amp;", "&amp;amp;"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Escape(tc.in); got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestUserTextEscaped puts hostile text everywhere a student can type and
// checks that none of it reaches mrkdwn raw.
func TestUserTextEscaped(t *testing.T) {
	const evil = "<!channel> *R&D* <b> `x`"
	loc := newYork(t)
	today := date(t, "2026-01-05")
	iv := followup.Interview{
		ID: 1, Company: evil, Role: evil, Stage: followup.StageLogged,
		InterviewDate: today, FirstFollowUpDate: today, SecondDue: date(t, "2026-01-15"),
		NextNudgeAt: date(t, "2026-01-15").In(loc, 9, 0),
	}
	for _, tc := range []struct {
		name string
		m    Message
	}{
		{"UnknownCommand", UnknownCommand(evil)},
		{"LogConfirmation", LogConfirmation(iv, loc, 8)},
		{"InterviewList", InterviewList([]followup.Interview{iv}, loc, today)},
		{"SettingsSaved", SettingsSaved(followup.Settings{WaitBusinessDays: 8, NudgeHour: 9, Calendar: evil}, evil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Contains(tc.m.Text, "<!channel>") || strings.Contains(tc.m.Text, "R&D") {
				t.Errorf("Text = %q, want user text escaped", tc.m.Text)
			}
			for _, s := range mrkdwnTexts(asJSON(t, tc.m.Blocks)) {
				for _, raw := range []string{"<!channel>", "<b>", "R&D", "*R", "`x`"} {
					if strings.Contains(s, raw) {
						t.Errorf("mrkdwn %q contains %q, want it escaped", s, raw)
					}
				}
			}
		})
	}
}

// mrkdwnTexts finds the text of every mrkdwn object in decoded JSON.
func mrkdwnTexts(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		if x["type"] == "mrkdwn" {
			if s, ok := x["text"].(string); ok {
				out = append(out, s)
			}
		}
		for _, e := range x {
			out = append(out, mrkdwnTexts(e)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, mrkdwnTexts(e)...)
		}
	}
	return out
}
