package followup

import (
	"errors"
	"net/mail"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
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
	FieldTopic            Field = "topic"

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
	MaxTopicLen   = 150
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

// Validate checks an interview as the student typed it in the log modal.
// today is the student's local date: an interview "today" in Tokyo may
// still be "tomorrow" in UTC. Text is checked after trimming spaces, but the
// interview keeps it as typed. The result is empty (never nil, so callers can
// merge into it) when all is well.
func (iv Interview) Validate(today Date) FieldErrors {
	fe := FieldErrors{}
	checkText(fe, FieldCompany, iv.Company, MaxCompanyLen, "Add the company name.")
	checkText(fe, FieldRole, iv.Role, MaxRoleLen, "Add the role you interviewed for.")
	checkText(fe, FieldInterviewerName, iv.InterviewerName, MaxNameLen, "")
	checkText(fe, FieldNotes, iv.Notes, MaxNotesLen, "")
	checkText(fe, FieldTopic, iv.Topic, MaxTopicLen, "")
	if msg := checkEmail(iv.InterviewerEmail); msg != "" {
		fe[FieldInterviewerEmail] = msg
	}

	switch {
	case iv.InterviewDate.IsZero():
		fe[FieldInterviewDate] = "Pick the day of your interview."
	case iv.InterviewDate.After(today):
		fe[FieldInterviewDate] = "This date is still ahead. Log the interview once it has happened."
	}
	switch {
	case iv.FirstFollowUpDate.IsZero():
		// The second follow-up is counted from the thank-you note, so
		// without it there is nothing to plan.
		fe[FieldFirstFollowUp] = "Pick the day you sent your thank-you note."
	case iv.FirstFollowUpDate.After(today):
		fe[FieldFirstFollowUp] = "This date is still ahead. Pick the day you sent your thank-you note."
	case !iv.InterviewDate.IsZero() && iv.FirstFollowUpDate.Before(iv.InterviewDate):
		fe[FieldFirstFollowUp] = "This is before the interview. Pick the day you sent your thank-you note."
	}
	if d := iv.DecisionDate; d != nil && !d.IsZero() && !iv.InterviewDate.IsZero() && d.Before(iv.InterviewDate) {
		fe[FieldDecisionDate] = "This is before the interview. Pick the date they said they would decide, or leave it empty."
	}
	return fe
}

// checkText records an error for a required field left empty (when
// required is the message to show) or for text over max runes.
func checkText(fe FieldErrors, f Field, text string, max int, required string) {
	t := strings.TrimSpace(text)
	switch {
	case t == "" && required != "":
		fe[f] = required
	case utf8.RuneCountInString(t) > max:
		fe[f] = "Please keep this under " + strconv.Itoa(max) + " characters."
	}
}

// checkEmail returns a message when e is neither empty nor a bare address
// such as "sam@example.com". A display name ("Sam <sam@example.com>") is
// refused because drafts put the address in a mailto link as it is.
func checkEmail(e string) string {
	e = strings.TrimSpace(e)
	if e == "" {
		return ""
	}
	if utf8.RuneCountInString(e) > MaxEmailLen {
		return "Please keep this under " + strconv.Itoa(MaxEmailLen) + " characters."
	}
	a, err := mail.ParseAddress(e)
	// ParseAddress also takes "Sam <sam@x.com>" and "<sam@x.com>"; only the
	// bare addr-spec comes back unchanged. A domain without a dot ("sam@x")
	// is valid mail syntax but never a company address.
	if err != nil || a.Name != "" || a.Address != e || !strings.Contains(e[strings.LastIndex(e, "@"):], ".") {
		return "This doesn't look like an email address. Try something like name@company.com, or leave it empty."
	}
	return ""
}

// Validate checks a student's settings as chosen in the settings modal. The
// result is empty (never nil) when all is well.
func (s Settings) Validate() FieldErrors {
	fe := FieldErrors{}
	if s.WaitBusinessDays < MinWaitBusinessDays || s.WaitBusinessDays > MaxWaitBusinessDays {
		fe[FieldWaitDays] = "Pick between " + strconv.Itoa(MinWaitBusinessDays) + " and " + strconv.Itoa(MaxWaitBusinessDays) + " business days."
	}
	if s.NudgeHour < AllowedFrom || s.NudgeHour >= AllowedUntil {
		fe[FieldNudgeHour] = "Pick a time between " + strconv.Itoa(AllowedFrom) + ":00 and " + strconv.Itoa(AllowedUntil-1) + ":00."
	}
	if !ValidCalendar(s.Calendar) {
		fe[FieldCalendar] = "Pick a holiday calendar from the list."
	}
	switch s.CareerLevel {
	case LevelGetsThingsDone, LevelProjectStarter, LevelProtectsStrategy:
	default:
		fe[FieldCareerLevel] = "Pick the description that fits you best."
	}
	return fe
}
