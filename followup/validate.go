package followup

import (
	"errors"
	"sort"
	"strings"
)

// Field names an input a student fills in, so errors can be shown next to it.
type Field string

// Fields of the log modal and the settings modal.
const (
	FieldCompany          Field = "company"
	FieldRole             Field = "role"
	FieldInterviewerName  Field = "interviewer_name"
	FieldInterviewerEmail Field = "interviewer_email"
	FieldInterviewDate    Field = "interview_date"
	FieldFirstFollowUp    Field = "first_follow_up"
	FieldDecisionDate     Field = "decision_date"
	FieldNotes            Field = "notes"

	FieldWaitDays    Field = "wait_days"
	FieldNudgeHour   Field = "nudge_hour"
	FieldCalendar    Field = "calendar"
	FieldCareerLevel Field = "career_level"
)

// Length limits, in runes, of what a student types.
const (
	MaxCompanyLen = 100
	MaxRoleLen    = 100
	MaxNameLen    = 100
	MaxEmailLen   = 254
	MaxNotesLen   = 2000
)

// FieldErrors maps a field to a short, friendly message about it.
type FieldErrors map[Field]string

// Err returns nil when there are no errors, so callers can write
// `if err := errs.Err(); err != nil`.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	keys := make([]string, 0, len(fe))
	for f := range fe {
		keys = append(keys, string(f)+": "+fe[f])
	}
	sort.Strings(keys)
	return errors.New("invalid input: " + strings.Join(keys, "; "))
}

// Calendar is a public-holiday calendar a student can choose.
type Calendar struct {
	Code string // "" for none
	Name string
}
