package messages

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
)

// Fuzz targets for everything a person types or Slack sends back: action
// values and private_metadata (ids only), the command text of "log", and
// the state of every modal. Each holds a parser to its promise: no panic,
// and what it accepts is what its encoder makes.

// FuzzValues feeds any string to every value and metadata parser.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"", "0", "1", "42", "-1", "01", "9223372036854775807", "9223372036854775808",
		"snooze_1d:7", "replied:0", "who_decides:3", "not_sure:x", "5:7", "0:7", ":7", "5:", "a:b:c", " 7", "7 ", "\xff", "999", "1000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if id, err := ParseIDValue(v); err == nil {
			if id <= 0 || IDValue(id) != v {
				t.Errorf("ParseIDValue(%q) = %d, which IDValue writes as %q", v, id, IDValue(id))
			}
		}
		if choice, id, err := ParseMenuValue(v); err == nil {
			if id <= 0 || MenuValue(choice, id) != v {
				t.Errorf("ParseMenuValue(%q) = %q %d, not what MenuValue makes", v, choice, id)
			}
		}
		if d, id, err := ParseDiagnoseValue(v); err == nil {
			if id <= 0 || DiagnoseValue(d, id) != v {
				t.Errorf("ParseDiagnoseValue(%q) = %q %d, not what DiagnoseValue makes", v, d, id)
			}
		}
		if draftID, ivID, err := ParseDraftValue(v); err == nil {
			if draftID <= 0 || ivID <= 0 || DraftValue(followup.Draft{ID: draftID, InterviewID: ivID}) != v {
				t.Errorf("ParseDraftValue(%q) = %d %d, not what DraftValue makes", v, draftID, ivID)
			}
		}
		if itemID, ivID, err := ParseItemValue(v); err == nil {
			if itemID < 0 || ivID <= 0 || !strings.HasSuffix(v, ":"+IDValue(ivID)) {
				t.Errorf("ParseItemValue(%q) = %d %d", v, itemID, ivID)
			}
		}
		if page, err := ParsePageValue(v); err == nil {
			if page < 0 || PageValue(page) != v {
				t.Errorf("ParsePageValue(%q) = %d, which PageValue writes as %q", v, page, PageValue(page))
			}
		}
	})
}

// FuzzLogArgs holds ParseLogArgs to trimmed parts of what was typed.
func FuzzLogArgs(f *testing.F) {
	for _, s := range []string{"", "Acme", "Acme | Data", "|", " a | b | c ", "\t|\n", "Acme &amp; Co | <@U1>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		company, role := ParseLogArgs(text)
		if company != strings.TrimSpace(company) || role != strings.TrimSpace(role) {
			t.Errorf("ParseLogArgs(%q) = %q, %q: not trimmed", text, company, role)
		}
		if !strings.Contains(text, company) || !strings.Contains(text, role) {
			t.Errorf("ParseLogArgs(%q) = %q, %q: not parts of the text", text, company, role)
		}
	})
}

// FuzzModalState feeds any view_submission state (as Slack's JSON) to
// every modal parser. Accepted input must pass the parser's own limits,
// so nothing out of bounds reaches the store.
func FuzzModalState(f *testing.F) {
	seed := func(v map[string]map[string]slack.BlockAction) {
		b, _ := json.Marshal(v)
		f.Add(b)
	}
	sel := func(action, v string) map[string]slack.BlockAction {
		return map[string]slack.BlockAction{action: {SelectedOption: slack.OptionBlockObject{Value: v}}}
	}
	text := func(action, v string) map[string]slack.BlockAction {
		return map[string]slack.BlockAction{action: {Value: v}}
	}
	seed(map[string]map[string]slack.BlockAction{
		BlockItemKind: sel(ActionItemKind, "quick_win"), BlockItemTitle: text(ActionItemTitle, "T"),
		BlockItemLink: text(ActionItemLink, "https://ex.com"), BlockItemDiagnosis: sel(ActionItemDiagnosis, "too_busy"),
		BlockItemLevel: sel(ActionItemLevel, AnyValue),
	})
	seed(map[string]map[string]slack.BlockAction{
		BlockCompany: text(ActionCompany, "Acme"), BlockRole: text(ActionRole, "Eng"),
		BlockInterviewDate: {ActionInterviewDate: {SelectedDate: "2026-02-30"}},
	})
	seed(map[string]map[string]slack.BlockAction{
		BlockNudgeHour: sel(ActionNudgeHour, "25"), BlockWaitDays: sel(ActionWaitDays, "8"), BlockCareerLevel: {ActionCareerLevel: {SelectedOption: slack.OptionBlockObject{Value: "ceo"}}},
	})
	seed(map[string]map[string]slack.BlockAction{BlockCopySubject: text(ActionCopySubject, "Hi"), BlockCopyBody: text(ActionCopyBody, "\xff")})
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"item_title":{"item_title_input":{"value":null}}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var values map[string]map[string]slack.BlockAction
		if json.Unmarshal(raw, &values) != nil {
			return
		}
		if it, errs := ParseCommunityItem(values); len(errs) == 0 {
			checkItem(t, it)
		}
		if it, errs := ParseLibraryItem(values); len(errs) == 0 {
			checkItem(t, it)
			if it.ForDiagnosis != "" || it.ForLevel != "" || it.Community {
				t.Errorf("ParseLibraryItem set community fields: %+v", it)
			}
		}
		_, _ = ParseLog(values)
		if s, errs := ParseSettings(values); len(errs) == 0 {
			if len(s.Validate()) != 0 {
				t.Errorf("ParseSettings accepted settings the domain refuses: %+v", s)
			}
		}
		if subject, body, errs := ParseCopy(values); len(errs) == 0 {
			if subject == "" || body == "" || utf8.RuneCountInString(subject) > MaxSubjectLen || utf8.RuneCountInString(body) > MaxBodyLen {
				t.Errorf("ParseCopy accepted %q / %d characters", subject, utf8.RuneCountInString(body))
			}
		}
		_, _ = ParseCheck(values)
	})
}

// checkItem holds an accepted item to the limits the modal promises.
func checkItem(t *testing.T, it followup.LibraryItem) {
	t.Helper()
	if it.Title == "" || utf8.RuneCountInString(it.Title) > MaxItemTitleLen || utf8.RuneCountInString(it.Summary) > MaxItemSummaryLen {
		t.Errorf("accepted an item out of bounds: %+v", it)
	}
	if it.Link != "" && !webLink(it.Link) {
		t.Errorf("accepted a link that is not http(s): %q", it.Link)
	}
	if it.ForDiagnosis != "" && !knownDiagnosis(it.ForDiagnosis) || it.ForLevel != "" && !knownLevel(it.ForLevel) {
		t.Errorf("accepted an unknown fit: %+v", it)
	}
}
