package messages

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

// LogPrefill is what the log modal starts with, taken from the text after
// "/followup log".
type LogPrefill struct {
	Company string
	Role    string
	// Today is the student's local date, the first value of both date pickers.
	Today followup.Date
}

// ParseLogArgs reads "Acme Robotics | Data Engineer", the text after "log".
// Either half may be missing; ends are trimmed, the middle is kept.
func ParseLogArgs(text string) (company, role string) {
	company, role, _ = strings.Cut(text, "|")
	return strings.TrimSpace(company), strings.TrimSpace(role)
}

// LogModal is the form for logging an interview.
func LogModal(p LogPrefill) slack.ModalViewRequest {
	company := textInput(ActionCompany, "e.g. Acme Robotics", followup.MaxCompanyLen, false)
	// Slack refuses a modal whose initial value is longer than its
	// max_length, so an over-long "/followup log …" is cut to fit.
	company.InitialValue = truncate(p.Company, followup.MaxCompanyLen)
	role := textInput(ActionRole, "e.g. Data Engineer", followup.MaxRoleLen, false)
	role.InitialValue = truncate(p.Role, followup.MaxRoleLen)

	email := slack.NewEmailTextInputBlockElement(plain("name@company.com"), ActionInterviewerEmail)

	interviewDate := datePicker(ActionInterviewDate, p.Today)
	firstFollowUp := datePicker(ActionFirstFollowUp, p.Today)
	decisionDate := datePicker(ActionDecisionDate, followup.Date{})

	blocks := []slack.Block{
		section(BlockLogIntro, "Tell me about the interview. I'll work out when your second follow-up is due and DM you that day."),
		input(BlockCompany, "Company", "", company, false),
		input(BlockRole, "Role", "", role, false),
		input(BlockInterviewerName, "Interviewer's name", "", textInput(ActionInterviewerName, "e.g. Sam Lee", followup.MaxNameLen, false), true),
		input(BlockInterviewerEmail, "Interviewer's email", "", email, true),
		input(BlockInterviewDate, "Interview date", "", interviewDate, false),
		input(BlockFirstFollowUp, "Thank-you note sent on", "The day you sent your first follow-up. If you clear it, I use the interview date.", firstFollowUp, true),
		input(BlockDecisionDate, "Decision date", "If they said when they'd decide, add it. I'll wait until a day or two after.", decisionDate, true),
		input(BlockTopic, "One thing you talked about", "Goes into your email as “our talk about …”, e.g. “moving the team to real-time dashboards”.", textInput(ActionTopic, "e.g. the move to real-time dashboards", followup.MaxTopicLen, false), true),
		input(BlockNotes, "Private notes", "Anything that helps you write later: what they cared about, what you promised.", textInput(ActionNotes, "What stood out?", followup.MaxNotesLen, true), true),
	}
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plain("Log an interview"),
		Submit:     plain("Save"),
		Close:      plain("Cancel"),
		CallbackID: CallbackLog,
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// textInput returns a plain text input capped at max characters.
func textInput(actionID, placeholder string, max int, multiline bool) *slack.PlainTextInputBlockElement {
	e := slack.NewPlainTextInputBlockElement(plain(placeholder), actionID)
	e.MaxLength = max
	e.Multiline = multiline
	return e
}

// datePicker returns a date picker starting at initial, or empty if zero.
func datePicker(actionID string, initial followup.Date) *slack.DatePickerBlockElement {
	e := slack.NewDatePickerBlockElement(actionID)
	e.Placeholder = plain("Pick a date")
	e.InitialDate = initial.String()
	return e
}

// input returns an input block.
func input(blockID, label, hint string, element slack.BlockElement, optional bool) *slack.InputBlock {
	var h *slack.TextBlockObject
	if hint != "" {
		h = plain(hint)
	}
	b := slack.NewInputBlock(blockID, plain(label), h, element)
	b.Optional = optional
	return b
}

// ParseLog reads a submitted log modal. Text is trimmed at the ends and kept
// as typed inside; a missing thank-you date becomes the interview date. It
// reports only what it cannot read (dates); the bot runs the domain
// validation on the result and merges the two.
func ParseLog(values map[string]map[string]slack.BlockAction) (followup.Interview, followup.FieldErrors) {
	errs := followup.FieldErrors{}
	text := func(block, action string) string {
		return strings.TrimSpace(values[block][action].Value)
	}
	iv := followup.Interview{
		Company:          text(BlockCompany, ActionCompany),
		Role:             text(BlockRole, ActionRole),
		InterviewerName:  text(BlockInterviewerName, ActionInterviewerName),
		InterviewerEmail: text(BlockInterviewerEmail, ActionInterviewerEmail),
		Notes:            text(BlockNotes, ActionNotes),
		Topic:            text(BlockTopic, ActionTopic),
	}

	interview, ok := readDate(values, followup.FieldInterviewDate, ActionInterviewDate, errs)
	if ok && interview.IsZero() {
		errs[followup.FieldInterviewDate] = "Pick the day of the interview."
	}
	iv.InterviewDate = interview

	first, ok := readDate(values, followup.FieldFirstFollowUp, ActionFirstFollowUp, errs)
	iv.ThankYouLogged = !first.IsZero()
	if ok && first.IsZero() {
		first = interview
	}
	iv.FirstFollowUpDate = first

	decision, ok := readDate(values, followup.FieldDecisionDate, ActionDecisionDate, errs)
	if ok && !decision.IsZero() {
		iv.DecisionDate = &decision
	}
	return iv, errs
}

// readDate reads a date picker. ok is false when the value was there but
// unreadable; the error is then recorded in errs.
func readDate(values map[string]map[string]slack.BlockAction, f followup.Field, action string, errs followup.FieldErrors) (d followup.Date, ok bool) {
	s := strings.TrimSpace(values[string(f)][action].SelectedDate)
	if s == "" {
		return followup.Date{}, true
	}
	d, err := followup.ParseDate(s)
	if err != nil {
		errs[f] = "That date doesn't look right. Please pick it from the calendar."
		return followup.Date{}, false
	}
	return d, true
}

// logFields are the fields shown in the log modal, in order.
func logFields() []followup.Field {
	return []followup.Field{
		followup.FieldCompany, followup.FieldRole, followup.FieldInterviewerName,
		followup.FieldInterviewerEmail, followup.FieldInterviewDate, followup.FieldFirstFollowUp,
		followup.FieldDecisionDate, followup.FieldTopic, followup.FieldNotes,
	}
}

// LogErrors turns field errors into the block_id → message map of a
// response_action "errors". Slack rejects errors on blocks the view does not
// have, so a message for a field the modal does not show is added to the
// company input rather than lost.
func LogErrors(errs followup.FieldErrors) map[string]string {
	return fieldErrors(errs, logFields())
}

// fieldErrors maps errors onto the blocks of fields; errors of other fields
// go on the first one.
func fieldErrors(errs followup.FieldErrors, fields []followup.Field) map[string]string {
	if len(errs) == 0 {
		return nil
	}
	shown := make(map[followup.Field]bool, len(fields))
	for _, f := range fields {
		shown[f] = true
	}
	out := make(map[string]string, len(errs))
	var extra []string
	for f, msg := range errs {
		if shown[f] {
			out[string(f)] = msg
			continue
		}
		extra = append(extra, msg)
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		first := string(fields[0])
		out[first] = strings.TrimSpace(strings.Join(append([]string{out[first]}, extra...), " "))
	}
	return out
}

// LogConfirmation is the DM after an interview is saved: when the second
// follow-up is due and when the bot will say so. businessDays is the wait
// the student chose.
func LogConfirmation(iv followup.Interview, loc *time.Location, businessDays int) Message {
	if loc == nil {
		loc = time.UTC
	}
	title := fmt.Sprintf("Saved: *%s* — %s.", Escape(iv.Company), Escape(iv.Role))
	if iv.Role == "" {
		title = fmt.Sprintf("Saved: *%s*.", Escape(iv.Company))
	}

	due := iv.SecondDue.Format(dateLayout)
	var dueLine string
	if decisionRuleApplied(iv, businessDays) {
		dueLine = fmt.Sprintf("Your second follow-up is due *%s*. That's a day or two after the decision date they gave you (%s), "+
			"and at least %d business days after your thank-you note.", due, iv.DecisionDate.Format(dateLayout), businessDays)
	} else if iv.ThankYouLogged {
		dueLine = fmt.Sprintf("Your second follow-up is due *%s*, %d business days after your thank-you note.", due, businessDays)
	} else {
		dueLine = fmt.Sprintf("Your follow-up is due *%s*, %d business days after your interview. "+
			"No thank-you note is logged, so your draft won't mention one.", due, businessDays)
	}

	var nudgeLine string
	if iv.NextNudgeAt.IsZero() {
		nudgeLine = "No reminder is planned right now. You can see it any time in `/followup list`."
	} else {
		at := iv.NextNudgeAt.In(loc)
		when := "that day"
		if at.Hour() < 12 {
			when = "that morning"
		}
		if followup.DateOf(at) != iv.SecondDue {
			when = "on " + at.Format(dateLayout)
		}
		nudgeLine = fmt.Sprintf("I'll DM you %s around %s (%s) to help you write it.", when, at.Format(clockLayout), loc.String())
	}

	return Message{
		Text: fmt.Sprintf("Saved %s. Your second follow-up is due %s.", Escape(iv.Company), due),
		Blocks: []slack.Block{
			section(BlockLogSaved, title),
			section(BlockLogDue, dueLine),
			note(BlockLogNudge, nudgeLine),
			slack.NewActionBlock(BlockLogActions, button(ActionOpenList, "", "See my list"), button(ActionDraftNow, IDValue(iv.ID), "Draft it now")),
		},
	}
}

// decisionRuleApplied reports whether the due date came from the decision
// date rather than the wait after the thank-you note. The calendar of
// holidays is not known here, so it reasons with weekdays only: the
// decision rule puts the due date one or two business days after the
// decision date and past the end of the usual wait. Holidays can only make
// it say so when both readings are true.
func decisionRuleApplied(iv followup.Interview, businessDays int) bool {
	if iv.DecisionDate == nil || !iv.SecondDue.After(*iv.DecisionDate) {
		return false
	}
	return weekdaysBetween(*iv.DecisionDate, iv.SecondDue) <= 2 &&
		weekdaysBetween(iv.FirstFollowUpDate, iv.SecondDue) > businessDays
}

// weekdaysBetween counts Monday–Friday days after from, up to and including to.
func weekdaysBetween(from, to followup.Date) int {
	if from.DaysUntil(to) > 366 {
		// A missing or far-off date; any wait is over by then.
		return from.DaysUntil(to)
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}
