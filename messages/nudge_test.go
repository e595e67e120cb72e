package messages

import (
	"fmt"
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

func coachInterview(t *testing.T) followup.Interview {
	return followup.Interview{
		ID: 42, Company: "Acme <Health> & *Co*", Role: "Data_Analyst",
		InterviewerName: "Dana Lee", InterviewerEmail: "dana@acme.example",
		InterviewDate:     date(t, "2026-03-03"),
		FirstFollowUpDate: date(t, "2026-03-04"), ThankYouLogged: true,
		Topic: "moving weekly reports to a live dashboard",
	}
}

func coachItems() []followup.LibraryItem {
	items := StarterItems()
	for i := range items {
		items[i].ID = int64(i + 1)
	}
	return append(items, followup.LibraryItem{ID: 9, Kind: followup.KindLink, Title: "Portfolio: churn dashboard", Summary: "Live demo.", Link: "https://ex.com/demo"})
}

func composedDraft(iv followup.Interview, kind followup.NudgeKind, d followup.Diagnosis, item *followup.LibraryItem) (followup.Draft, CheckResult) {
	in := DraftInput{Interview: iv, Diagnosis: d, Item: item, StudentName: "Sam"}
	subject, body := ComposeSecondFollowUp(in)
	if kind == followup.NudgeClosingNote {
		subject, body = ComposeClosingNote(in)
	}
	dr := followup.Draft{ID: 7, InterviewID: iv.ID, Kind: kind, Diagnosis: d, Subject: subject, Body: body}
	if item != nil {
		dr.LibraryItemID = item.ID
	}
	return dr, Check(body, CheckOptions{Role: iv.Role, InterviewDate: iv.InterviewDate})
}

// actionIDs collects every action_id in a payload, as Slack sees it.
func actionIDs(v any) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["action_id"].(string); ok {
				out = append(out, id)
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// checkCoachMessage adds the rules of this file set to checkMessage: action
// ids unique in the whole message, and no raw text of the student in mrkdwn.
func checkCoachMessage(t *testing.T, name string, m Message) {
	t.Helper()
	checkMessage(t, name, m)
	seen := map[string]bool{}
	for _, id := range actionIDs(asJSON(t, m)) {
		if seen[id] {
			t.Errorf("%s: action_id %q used twice, want unique in the message", name, id)
		}
		seen[id] = true
	}
}

func TestNudgeMessages(t *testing.T) {
	iv := coachInterview(t)
	noDate := iv
	noDate.InterviewDate = followup.Date{}
	noDate.Company = ""
	noThanks := iv
	noThanks.ThankYouLogged = false
	early := iv
	early.Stage, early.SecondDue = followup.StageLogged, date(t, "2026-03-16")
	tests := []struct {
		name string
		m    Message
	}{
		{"nudge", Nudge(iv, 8)},
		{"nudge_no_date_no_company", Nudge(noDate, 1)},
		{"nudge_answered", NudgeAnswered(iv, followup.DiagnosisTooBusy, 8)},
		{"nudge_no_thank_you", Nudge(noThanks, 8)},
		{"nudge_early", NudgeEarly(early)},
		{"nudge_early_answered", NudgeAnswered(early, followup.DiagnosisMissingInfo, 3)},
		{"closing_nudge", ClosingNudge(iv, 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkCoachMessage(t, tt.name, tt.m) })
	}
}

func TestNudgeContent(t *testing.T) {
	iv := coachInterview(t)
	m := Nudge(iv, 8)
	js := fmt.Sprint(asJSON(t, m))
	for _, want := range []string{"Acme &lt;Health&gt; &amp; ∗Co∗", Escape("Data_Analyst"), "Tue 3 Mar", "8 business days", "Who decides", "Missing info", "Too busy", "Not sure",
		DiagnoseValue(followup.DiagnosisWhoDecides, 42), MenuValue(MenuSnooze1D, 42), MenuValue(MenuSnoozeNextWeek, 42), MenuValue(MenuOffer, 42), ActionOpenList} {
		if !strings.Contains(js, want) {
			t.Errorf("got nudge without %q, want it", want)
		}
	}
	if strings.Contains(strings.ToLower(js), "just checking in") {
		t.Errorf("got the banned phrase in the nudge")
	}
	answered := fmt.Sprint(asJSON(t, NudgeAnswered(iv, followup.DiagnosisMissingInfo, 8)))
	if ids := actionIDs(asJSON(t, NudgeAnswered(iv, followup.DiagnosisMissingInfo, 8))); len(ids) != 0 {
		t.Errorf("answered nudge: got action ids %v, want none", ids)
	}
	if !strings.Contains(answered, "You picked *Missing info*") {
		t.Errorf("answered nudge: got no choice shown")
	}
}

func TestDraftMessages(t *testing.T) {
	iv := coachInterview(t)
	items := coachItems()
	second, check := composedDraft(iv, followup.NudgeSecondFollowUp, followup.DiagnosisWhoDecides, nil)
	withItem, checkItem := composedDraft(iv, followup.NudgeSecondFollowUp, followup.DiagnosisMissingInfo, &items[3])
	noEmail := iv
	noEmail.InterviewerEmail = ""
	closing, _ := composedDraft(iv, followup.NudgeClosingNote, followup.DiagnosisNone, nil)
	failing := second
	failing.Body = "Hi Dana,\n\nJust checking in. What are the next steps?\n\nSam"
	failing.Edited = true
	tooLong := second
	tooLong.Body = strings.Repeat("A long line of text that keeps going. ", 60)

	tests := []struct {
		name string
		m    Message
	}{
		{"draft_message", DraftMessage(DraftView{Interview: iv, Draft: second, Items: items, Check: check})},
		{"draft_message_with_item", DraftMessage(DraftView{Interview: iv, Draft: withItem, Items: items, Check: checkItem})},
		{"draft_message_no_email_no_items", DraftMessage(DraftView{Interview: noEmail, Draft: second, Items: nil, Check: check})},
		{"draft_message_failing_check", DraftMessage(DraftView{Interview: iv, Draft: failing, Items: items, Check: Check(failing.Body, CheckOptions{})})},
		{"draft_message_too_long_for_mailto", DraftMessage(DraftView{Interview: iv, Draft: tooLong, Items: items, Check: Check(tooLong.Body, CheckOptions{})})},
		{"draft_message_closing", DraftMessage(DraftView{Interview: iv, Draft: closing, Items: items, Check: CheckResult{}})},
		{"draft_message_picked_project_starter", DraftMessage(DraftView{Interview: iv, Draft: withItem, Items: items, Check: checkItem,
			Level: followup.LevelProjectStarter, Picked: &items[3]})},
		{"draft_message_slot_protects_strategy", DraftMessage(DraftView{Interview: iv, Draft: second, Items: items, Check: check,
			Level: followup.LevelProtectsStrategy})},
		{"draft_sent", DraftSentMessage(iv, second, date(t, "2026-03-27"))},
		{"draft_sent_closing", DraftSentMessage(iv, closing, followup.Date{})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkCoachMessage(t, tt.name, tt.m) })
	}
}

func TestDraftMessageActions(t *testing.T) {
	iv := coachInterview(t)
	second, check := composedDraft(iv, followup.NudgeSecondFollowUp, followup.DiagnosisTooBusy, nil)
	closing, _ := composedDraft(iv, followup.NudgeClosingNote, "", nil)
	noEmail := iv
	noEmail.InterviewerEmail = ""
	tests := []struct {
		name string
		m    Message
		want []string
	}{
		{"Second", DraftMessage(DraftView{Interview: iv, Draft: second, Items: coachItems(), Check: check}), []string{ActionCopyDraft, ActionUseItem, ActionOpenEmail, ActionMarkSent}},
		{"SecondNoEmailNoItems", DraftMessage(DraftView{Interview: noEmail, Draft: second, Items: nil, Check: check}), []string{ActionCopyDraft, ActionOpenLibrary, ActionMarkSent}},
		{"Closing", DraftMessage(DraftView{Interview: iv, Draft: closing, Items: coachItems(), Check: CheckResult{}}), []string{ActionCopyDraft, ActionOpenEmail, ActionMarkSent}},
		{"ClosingNoEmail", DraftMessage(DraftView{Interview: noEmail, Draft: closing, Items: coachItems(), Check: CheckResult{}}), []string{ActionCopyDraft, ActionMarkSent}},
		{"Sent", DraftSentMessage(iv, second, followup.Date{}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := actionIDs(asJSON(t, tt.m))
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got actions %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDraftMessageItemMenuCap keeps the item menu within Slack's 100 options.
func TestDraftMessageItemMenuCap(t *testing.T) {
	iv := coachInterview(t)
	var items []followup.LibraryItem
	for i := 1; i <= 150; i++ {
		items = append(items, followup.LibraryItem{ID: int64(i), Kind: followup.KindQuickWin, Title: strings.Repeat("long title ", 10)})
	}
	d, check := composedDraft(iv, followup.NudgeSecondFollowUp, followup.DiagnosisNotSure, &items[4])
	m := DraftMessage(DraftView{Interview: iv, Draft: d, Items: items, Check: check})
	if err := ValidateMessage(m); err != nil {
		t.Fatalf("ValidateMessage: got %v, want nil", err)
	}
	sel := findSelect(m, ActionUseItem)
	if sel == nil {
		t.Fatal("got no item menu, want one")
	}
	if n := len(sel.Options); n != 100 {
		t.Errorf("options: got %d, want 100", n)
	}
	if sel.InitialOption == nil || sel.InitialOption.Value != ItemValue(5, 42) {
		t.Errorf("initial option: got %+v, want item 5", sel.InitialOption)
	}
}

func findSelect(m Message, actionID string) *slack.SelectBlockElement {
	for _, b := range m.Blocks {
		a, ok := b.(*slack.ActionBlock)
		if !ok {
			continue
		}
		for _, e := range a.Elements.ElementSet {
			if s, ok := e.(*slack.SelectBlockElement); ok && s.ActionID == actionID {
				return s
			}
		}
	}
	return nil
}

func TestCopyModal(t *testing.T) {
	iv := coachInterview(t)
	d, _ := composedDraft(iv, followup.NudgeSecondFollowUp, followup.DiagnosisWhoDecides, nil)
	v := CopyModal(d)
	checkView(t, "copy_modal", v)
	if v.PrivateMetadata != "7" {
		t.Errorf("private_metadata: got %q, want %q", v.PrivateMetadata, "7")
	}
	long := d
	long.Body = strings.Repeat("x", 5000)
	if err := ValidateView(CopyModal(long)); err != nil {
		t.Errorf("long body: got %v, want it cut to fit", err)
	}
}

func values(kv map[[2]string]slack.BlockAction) map[string]map[string]slack.BlockAction {
	out := map[string]map[string]slack.BlockAction{}
	for k, v := range kv {
		if out[k[0]] == nil {
			out[k[0]] = map[string]slack.BlockAction{}
		}
		out[k[0]][k[1]] = v
	}
	return out
}

func TestParseCopy(t *testing.T) {
	tests := []struct {
		name, subject, body   string
		wantSubject, wantBody string
		wantErrs              []followup.Field
	}{
		{"Typed", "  Role: a quick question ", "\nHi *Dana* & co,\n\nIs it yes?\n", "Role: a quick question", "Hi *Dana* & co,\n\nIs it yes?", nil},
		{"Empty", "", " ", "", "", []followup.Field{FieldSubject, FieldBody}},
		{"TooLong", strings.Repeat("s", MaxSubjectLen+1), strings.Repeat("b", MaxBodyLen+1), strings.Repeat("s", MaxSubjectLen+1), strings.Repeat("b", MaxBodyLen+1), []followup.Field{FieldSubject, FieldBody}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, b, errs := ParseCopy(values(map[[2]string]slack.BlockAction{
				{BlockCopySubject, ActionCopySubject}: {Value: tt.subject},
				{BlockCopyBody, ActionCopyBody}:       {Value: tt.body},
			}))
			if s != tt.wantSubject || b != tt.wantBody {
				t.Errorf("got %q, %q; want %q, %q", s, b, tt.wantSubject, tt.wantBody)
			}
			if len(errs) != len(tt.wantErrs) {
				t.Errorf("errors: got %v, want on %v", errs, tt.wantErrs)
			}
			for _, f := range tt.wantErrs {
				if errs[f] == "" {
					t.Errorf("errors: got none on %s, want one", f)
				}
			}
			for block := range CopyErrors(errs) {
				if block != BlockCopySubject && block != BlockCopyBody {
					t.Errorf("CopyErrors: got block %q, want one of the modal's", block)
				}
			}
		})
	}
}
