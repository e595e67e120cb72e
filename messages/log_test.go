package messages

import (
	"reflect"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

func TestParseLogArgs(t *testing.T) {
	for _, tc := range []struct {
		name, text, company, role string
	}{
		{"Empty", "", "", ""},
		{"CompanyOnly", "Acme Robotics", "Acme Robotics", ""},
		{"Both", "Acme Robotics | Data Engineer", "Acme Robotics", "Data Engineer"},
		{"NoSpaces", "Acme|Data Engineer", "Acme", "Data Engineer"},
		{"RoleOnly", " | Data Engineer ", "", "Data Engineer"},
		{"InnerSpacesKept", "  Acme   Robotics  |  Data  Engineer ", "Acme   Robotics", "Data  Engineer"},
		{"SecondBarInRole", "Acme | R|D lead", "Acme", "R|D lead"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			company, role := ParseLogArgs(tc.text)
			if company != tc.company || role != tc.role {
				t.Errorf("ParseLogArgs(%q) = %q, %q, want %q, %q", tc.text, company, role, tc.company, tc.role)
			}
		})
	}
}

func TestLogModal(t *testing.T) {
	today := date(t, "2026-01-05")
	t.Run("Empty", func(t *testing.T) {
		checkView(t, "log_modal_empty", LogModal(LogPrefill{Today: today}))
	})
	t.Run("Prefilled", func(t *testing.T) {
		company, role := ParseLogArgs("Acme Robotics | Data Engineer")
		checkView(t, "log_modal_prefilled", LogModal(LogPrefill{Company: company, Role: role, Today: today}))
	})
}

// logValues builds the state of a submitted log modal.
func logValues(company, role, name, email, interview, first, decision, notes string) map[string]map[string]slack.BlockAction {
	return map[string]map[string]slack.BlockAction{
		BlockCompany:          {ActionCompany: {Value: company}},
		BlockRole:             {ActionRole: {Value: role}},
		BlockInterviewerName:  {ActionInterviewerName: {Value: name}},
		BlockInterviewerEmail: {ActionInterviewerEmail: {Value: email}},
		BlockInterviewDate:    {ActionInterviewDate: {SelectedDate: interview}},
		BlockFirstFollowUp:    {ActionFirstFollowUp: {SelectedDate: first}},
		BlockDecisionDate:     {ActionDecisionDate: {SelectedDate: decision}},
		BlockNotes:            {ActionNotes: {Value: notes}},
	}
}

func TestParseLog(t *testing.T) {
	for _, tc := range []struct {
		name     string
		values   map[string]map[string]slack.BlockAction
		want     followup.Interview
		wantErrs followup.FieldErrors
	}{
		{
			name:   "Full",
			values: logValues(" Acme  Robotics ", "Data Engineer", "Sam Lee", "sam@acme.example", "2026-01-05", "2026-01-06", "2026-01-20", "Asked about\n  pipelines "),
			want: followup.Interview{
				Company: "Acme  Robotics", Role: "Data Engineer", InterviewerName: "Sam Lee",
				InterviewerEmail: "sam@acme.example", Notes: "Asked about\n  pipelines",
				InterviewDate: date(t, "2026-01-05"), FirstFollowUpDate: date(t, "2026-01-06"),
				DecisionDate: datePtr(t, "2026-01-20"), ThankYouLogged: true,
			},
			wantErrs: followup.FieldErrors{},
		},
		{
			name:   "OptionalMissing",
			values: logValues("Acme", "Data Engineer", "", "", "2026-01-05", "", "", ""),
			want: followup.Interview{
				Company: "Acme", Role: "Data Engineer",
				InterviewDate: date(t, "2026-01-05"), FirstFollowUpDate: date(t, "2026-01-05"),
			},
			wantErrs: followup.FieldErrors{},
		},
		{
			name: "OptionalBlocksAbsent",
			values: map[string]map[string]slack.BlockAction{
				BlockCompany:       {ActionCompany: {Value: "Acme"}},
				BlockRole:          {ActionRole: {Value: "Analyst"}},
				BlockInterviewDate: {ActionInterviewDate: {SelectedDate: "2026-01-05"}},
			},
			want: followup.Interview{
				Company: "Acme", Role: "Analyst",
				InterviewDate: date(t, "2026-01-05"), FirstFollowUpDate: date(t, "2026-01-05"),
			},
			wantErrs: followup.FieldErrors{},
		},
		{
			name: "Topic",
			values: map[string]map[string]slack.BlockAction{
				BlockCompany:       {ActionCompany: {Value: "Acme"}},
				BlockRole:          {ActionRole: {Value: "Analyst"}},
				BlockInterviewDate: {ActionInterviewDate: {SelectedDate: "2026-01-05"}},
				BlockFirstFollowUp: {ActionFirstFollowUp: {SelectedDate: "2026-01-05"}},
				BlockTopic:         {ActionTopic: {Value: " the move to real-time dashboards "}},
			},
			want: followup.Interview{
				Company: "Acme", Role: "Analyst", Topic: "the move to real-time dashboards",
				InterviewDate: date(t, "2026-01-05"), FirstFollowUpDate: date(t, "2026-01-05"), ThankYouLogged: true,
			},
			wantErrs: followup.FieldErrors{},
		},
		{
			name:   "BadDates",
			values: logValues("Acme", "Analyst", "", "", "2026-13-40", "yesterday", "2026-02-30", ""),
			want:   followup.Interview{Company: "Acme", Role: "Analyst"},
			wantErrs: followup.FieldErrors{
				followup.FieldInterviewDate: "That date doesn't look right. Please pick it from the calendar.",
				followup.FieldFirstFollowUp: "That date doesn't look right. Please pick it from the calendar.",
				followup.FieldDecisionDate:  "That date doesn't look right. Please pick it from the calendar.",
			},
		},
		{
			name:   "NoInterviewDate",
			values: logValues("Acme", "Analyst", "", "", "", "2026-01-06", "", ""),
			want:   followup.Interview{Company: "Acme", Role: "Analyst", FirstFollowUpDate: date(t, "2026-01-06"), ThankYouLogged: true},
			wantErrs: followup.FieldErrors{
				followup.FieldInterviewDate: "Pick the day of the interview.",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := ParseLog(tc.values)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseLog interview = %+v, want %+v", got, tc.want)
			}
			if !reflect.DeepEqual(errs, tc.wantErrs) {
				t.Errorf("ParseLog errors = %v, want %v", errs, tc.wantErrs)
			}
		})
	}
}

func TestLogErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		errs followup.FieldErrors
		want map[string]string
	}{
		{"None", nil, nil},
		{"OnBlocks", followup.FieldErrors{followup.FieldRole: "Add the role.", followup.FieldDecisionDate: "Pick a later date."},
			map[string]string{BlockRole: "Add the role.", BlockDecisionDate: "Pick a later date."}},
		{"UnknownFieldGoesFirst", followup.FieldErrors{followup.FieldNudgeHour: "Odd hour.", followup.FieldCompany: "Add the company."},
			map[string]string{BlockCompany: "Add the company. Odd hour."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := LogErrors(tc.errs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("LogErrors(%v) = %v, want %v", tc.errs, got, tc.want)
			}
		})
	}
}

func TestLogConfirmation(t *testing.T) {
	loc := newYork(t)
	base := followup.Interview{
		ID: 7, Company: "Acme Robotics", Role: "Data Engineer", Stage: followup.StageLogged,
		InterviewDate: date(t, "2026-01-05"), FirstFollowUpDate: date(t, "2026-01-05"), ThankYouLogged: true,
		// Mon 5 Jan + 8 business days.
		SecondDue:     date(t, "2026-01-15"),
		NextNudgeAt:   date(t, "2026-01-15").In(loc, 9, 0),
		NextNudgeKind: followup.NudgeSecondFollowUp,
	}

	withDecision := base
	withDecision.DecisionDate = datePtr(t, "2026-01-22") // Thu, later than the wait
	withDecision.SecondDue = date(t, "2026-01-23")
	withDecision.NextNudgeAt = date(t, "2026-01-23").In(loc, 14, 0)

	earlyDecision := base
	earlyDecision.DecisionDate = datePtr(t, "2026-01-09") // before the wait ends

	noNudge := base
	noNudge.NextNudgeAt = time.Time{}

	noThanks := base
	noThanks.ThankYouLogged = false

	for _, tc := range []struct {
		name string
		iv   followup.Interview
	}{
		{"log_confirmation", base},
		{"log_confirmation_decision_date", withDecision},
		{"log_confirmation_early_decision_date", earlyDecision},
		{"log_confirmation_no_nudge", noNudge},
		{"log_confirmation_no_thank_you", noThanks},
	} {
		t.Run(tc.name, func(t *testing.T) { checkMessage(t, tc.name, LogConfirmation(tc.iv, loc, 8)) })
	}
}

func TestDecisionRuleApplied(t *testing.T) {
	first := date(t, "2026-01-05") // Monday
	for _, tc := range []struct {
		name     string
		decision string
		due      string
		want     bool
	}{
		{"NoDecisionDate", "", "2026-01-15", false},
		{"DecisionBeforeWait", "2026-01-09", "2026-01-15", false},
		{"DecisionLater", "2026-01-22", "2026-01-23", true},
		{"DecisionLaterTwoDays", "2026-01-22", "2026-01-26", true},
		{"DecisionOnDueDate", "2026-01-15", "2026-01-15", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			iv := followup.Interview{FirstFollowUpDate: first, SecondDue: date(t, tc.due)}
			if tc.decision != "" {
				iv.DecisionDate = datePtr(t, tc.decision)
			}
			if got := decisionRuleApplied(iv, 8); got != tc.want {
				t.Errorf("decisionRuleApplied(decision %s, due %s) = %v, want %v", tc.decision, tc.due, got, tc.want)
			}
		})
	}
}
