package followup

import (
	"strings"
	"testing"
)

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func datePtr(t testing.TB, s string) *Date {
	d := mustDate(t, s)
	return &d
}

func TestInterviewValidate(t *testing.T) {
	today := mustDate(t, "2025-03-12")
	valid := func() Interview {
		return Interview{
			Company:           "Acme",
			Role:              "Data analyst",
			InterviewerName:   "Sam Lee",
			InterviewerEmail:  "sam@acme.com",
			InterviewDate:     mustDate(t, "2025-03-10"),
			FirstFollowUpDate: mustDate(t, "2025-03-11"),
		}
	}
	tests := []struct {
		name   string
		change func(*Interview)
		want   []Field // fields with an error, none when valid
	}{
		{"Valid", func(*Interview) {}, nil},
		{"ValidSameDay", func(iv *Interview) {
			iv.InterviewDate, iv.FirstFollowUpDate = today, today
		}, nil},
		{"ValidOptionalEmpty", func(iv *Interview) {
			iv.InterviewerName, iv.InterviewerEmail, iv.Notes, iv.DecisionDate = "", "", "", nil
		}, nil},
		{"ValidDecisionDateAhead", func(iv *Interview) { iv.DecisionDate = datePtr(t, "2025-04-01") }, nil},
		{"ValidDecisionDateOnInterview", func(iv *Interview) { iv.DecisionDate = datePtr(t, "2025-03-10") }, nil},
		{"ValidAtLimits", func(iv *Interview) {
			iv.Company = strings.Repeat("é", MaxCompanyLen) // runes, not bytes
			iv.Role = strings.Repeat("r", MaxRoleLen)
			iv.InterviewerName = strings.Repeat("n", MaxNameLen)
			iv.Notes = strings.Repeat("ü", MaxNotesLen)
		}, nil},
		{"ValidSpacesAroundLimit", func(iv *Interview) { iv.Company = "  " + strings.Repeat("c", MaxCompanyLen) + "  " }, nil},
		{"EmptyCompany", func(iv *Interview) { iv.Company = "" }, []Field{FieldCompany}},
		{"BlankCompany", func(iv *Interview) { iv.Company = " \t\n" }, []Field{FieldCompany}},
		{"BlankRole", func(iv *Interview) { iv.Role = "   " }, []Field{FieldRole}},
		{"CompanyTooLong", func(iv *Interview) { iv.Company = strings.Repeat("c", MaxCompanyLen+1) }, []Field{FieldCompany}},
		{"RoleTooLong", func(iv *Interview) { iv.Role = strings.Repeat("r", MaxRoleLen+1) }, []Field{FieldRole}},
		{"NameTooLong", func(iv *Interview) { iv.InterviewerName = strings.Repeat("n", MaxNameLen+1) }, []Field{FieldInterviewerName}},
		{"NotesTooLong", func(iv *Interview) { iv.Notes = strings.Repeat("x", MaxNotesLen+1) }, []Field{FieldNotes}},
		{"EmailTooLong", func(iv *Interview) {
			iv.InterviewerEmail = strings.Repeat("a", 64) + "@" + strings.Repeat("b", MaxEmailLen) + ".com"
		}, []Field{FieldInterviewerEmail}},
		{"EmailNoAt", func(iv *Interview) { iv.InterviewerEmail = "sam.acme.com" }, []Field{FieldInterviewerEmail}},
		{"EmailDisplayName", func(iv *Interview) { iv.InterviewerEmail = "Sam Lee <sam@acme.com>" }, []Field{FieldInterviewerEmail}},
		{"EmailAngleBrackets", func(iv *Interview) { iv.InterviewerEmail = "<sam@acme.com>" }, []Field{FieldInterviewerEmail}},
		{"EmailTwoAddresses", func(iv *Interview) { iv.InterviewerEmail = "sam@acme.com, jo@acme.com" }, []Field{FieldInterviewerEmail}},
		{"EmailNoDomainDot", func(iv *Interview) { iv.InterviewerEmail = "sam@acme" }, []Field{FieldInterviewerEmail}},
		{"EmailSpaces", func(iv *Interview) { iv.InterviewerEmail = "sam lee@acme.com" }, []Field{FieldInterviewerEmail}},
		{"EmailTrimmed", func(iv *Interview) { iv.InterviewerEmail = " sam@acme.com " }, nil},
		{"EmailPlus", func(iv *Interview) { iv.InterviewerEmail = "sam+jobs@mail.acme.co.uk" }, nil},
		{"NoInterviewDate", func(iv *Interview) { iv.InterviewDate = Date{} }, []Field{FieldInterviewDate}},
		{"InterviewInFuture", func(iv *Interview) {
			iv.InterviewDate = mustDate(t, "2025-03-13")
			iv.FirstFollowUpDate = mustDate(t, "2025-03-13")
		}, []Field{FieldInterviewDate, FieldFirstFollowUp}},
		{"NoFirstFollowUp", func(iv *Interview) { iv.FirstFollowUpDate = Date{} }, []Field{FieldFirstFollowUp}},
		{"FirstFollowUpBeforeInterview", func(iv *Interview) { iv.FirstFollowUpDate = mustDate(t, "2025-03-09") }, []Field{FieldFirstFollowUp}},
		{"FirstFollowUpInFuture", func(iv *Interview) { iv.FirstFollowUpDate = mustDate(t, "2025-03-13") }, []Field{FieldFirstFollowUp}},
		{"DecisionDateBeforeInterview", func(iv *Interview) { iv.DecisionDate = datePtr(t, "2025-03-09") }, []Field{FieldDecisionDate}},
		{"ManyAtOnce", func(iv *Interview) {
			iv.Company, iv.Role, iv.InterviewerEmail = "", "", "nope"
		}, []Field{FieldCompany, FieldRole, FieldInterviewerEmail}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv := valid()
			tt.change(&iv)
			got := iv.Validate(today)
			if got == nil {
				t.Fatal("got nil FieldErrors, want a map callers can merge into")
			}
			checkFields(t, got, tt.want)
		})
	}
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Settings)
		want   []Field
	}{
		{"Defaults", func(*Settings) {}, nil},
		{"WaitMin", func(s *Settings) { s.WaitBusinessDays = MinWaitBusinessDays }, nil},
		{"WaitMax", func(s *Settings) { s.WaitBusinessDays = MaxWaitBusinessDays }, nil},
		{"WaitTooShort", func(s *Settings) { s.WaitBusinessDays = 6 }, []Field{FieldWaitDays}},
		{"WaitTooLong", func(s *Settings) { s.WaitBusinessDays = 11 }, []Field{FieldWaitDays}},
		{"WaitZero", func(s *Settings) { s.WaitBusinessDays = 0 }, []Field{FieldWaitDays}},
		{"HourEarliest", func(s *Settings) { s.NudgeHour = 7 }, nil},
		{"HourLatest", func(s *Settings) { s.NudgeHour = 19 }, nil},
		{"HourTooEarly", func(s *Settings) { s.NudgeHour = 6 }, []Field{FieldNudgeHour}},
		{"HourTooLate", func(s *Settings) { s.NudgeHour = 20 }, []Field{FieldNudgeHour}},
		{"CalendarUS", func(s *Settings) { s.Calendar = "us" }, nil},
		{"CalendarUnknown", func(s *Settings) { s.Calendar = "xx" }, []Field{FieldCalendar}},
		{"LevelProjectStarter", func(s *Settings) { s.CareerLevel = LevelProjectStarter }, nil},
		{"LevelProtectsStrategy", func(s *Settings) { s.CareerLevel = LevelProtectsStrategy }, nil},
		{"LevelUnknown", func(s *Settings) { s.CareerLevel = "ceo" }, []Field{FieldCareerLevel}},
		{"LevelEmpty", func(s *Settings) { s.CareerLevel = "" }, []Field{FieldCareerLevel}},
		{"PausedIsFine", func(s *Settings) { s.Paused = true }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.change(&s)
			got := s.Validate()
			if got == nil {
				t.Fatal("got nil FieldErrors, want a map callers can merge into")
			}
			checkFields(t, got, tt.want)
		})
	}
}

// checkFields compares the fields with errors, and checks the messages
// speak like the bot: short, no blame.
func checkFields(t *testing.T, got FieldErrors, want []Field) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d errors %v, want fields %v", len(got), got, want)
	}
	for _, f := range want {
		if _, ok := got[f]; !ok {
			t.Errorf("got no error for %s, want one (all: %v)", f, got)
		}
	}
	for f, msg := range got {
		if msg == "" || len(msg) > 150 {
			t.Errorf("%s: got message %q, want a short sentence", f, msg)
		}
		if strings.Contains(strings.ToLower(msg), "you haven't") || strings.Contains(msg, "invalid") {
			t.Errorf("%s: got message %q, want no blame and no jargon", f, msg)
		}
	}
	if (len(want) == 0) != (got.Err() == nil) {
		t.Errorf("got Err() = %v, want nil exactly when there are no errors", got.Err())
	}
}
