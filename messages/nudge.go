package messages

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/stats"
	"github.com/slack-go/slack"
)

// diagnosisChoice is one answer of the 3-way check as the nudge shows it.
type diagnosisChoice struct {
	d        followup.Diagnosis
	actionID string
	label    string
	meaning  string
}

func diagnosisChoices() []diagnosisChoice {
	return []diagnosisChoice{
		{followup.DiagnosisWhoDecides, ActionDiagnoseWhoDecides, "Who decides", "The approval or budget may now sit with someone else."},
		{followup.DiagnosisMissingInfo, ActionDiagnoseMissingInfo, "Missing info", "They may be waiting on details from others."},
		{followup.DiagnosisTooBusy, ActionDiagnoseTooBusy, "Too busy", "Your note may be buried under more urgent work."},
		{followup.DiagnosisNotSure, ActionDiagnoseNotSure, "Not sure", "I'll write a light note that still brings something useful."},
	}
}

// DiagnosisLabel is the short name of an answer to the 3-way check.
func DiagnosisLabel(d followup.Diagnosis) string {
	for _, c := range diagnosisChoices() {
		if c.d == d {
			return c.label
		}
	}
	return "Not sure"
}

// Nudge is the DM on the day the second follow-up is due. It names the
// interview and the wait since the thank-you note, says why now, and asks
// the 3-way check; the student can also snooze, record a reply or open the
// list. businessDaysSince counts from the first follow-up.
func Nudge(iv followup.Interview, businessDaysSince int) Message {
	blocks := nudgeText(iv, businessDaysSince)
	blocks = append(blocks,
		diagnoseButtons(iv.ID),
		slack.NewActionBlock(BlockNudgeMore, snoozeMenu(iv.ID), repliedMenu(iv.ID), button(ActionOpenList, "", "Open my list")),
	)
	return Message{Text: nudgeFallback(iv), Blocks: blocks}
}

// NudgeAnswered is Nudge after the student picked d: the same words, the
// choice shown and the buttons gone, so an old nudge cannot be answered
// twice. Before the due date it is NudgeEarly, answered.
func NudgeAnswered(iv followup.Interview, d followup.Diagnosis, businessDaysSince int) Message {
	text := nudgeText(iv, businessDaysSince)
	if iv.NotDueYet() {
		text = earlyText(iv)
	}
	blocks := append(text, note(BlockNudgeAnswer, "You picked *"+DiagnosisLabel(d)+"*. Your draft is on its way below."))
	return Message{Text: nudgeFallback(iv), Blocks: blocks}
}

func nudgeFallback(iv followup.Interview) string {
	if iv.NotDueYet() {
		return "Drafting early: your second follow-up for " + Escape(interviewName(iv)) + "."
	}
	return "Your second follow-up for " + Escape(interviewName(iv)) + " is due today."
}

// NudgeEarly is the 3-way check asked before the due date, for a student
// with a reason to write now (another offer, a deadline). It says once,
// kindly, why writing early usually waits, then helps anyway.
func NudgeEarly(iv followup.Interview) Message {
	blocks := earlyText(iv)
	blocks = append(blocks,
		diagnoseButtons(iv.ID),
		slack.NewActionBlock(BlockNudgeMore, button(ActionOpenList, "", "Open my list")),
	)
	return Message{Text: nudgeFallback(iv), Blocks: blocks}
}

// diagnoseButtons are the four answers of the 3-way check.
func diagnoseButtons(interviewID int64) *slack.ActionBlock {
	buttons := make([]slack.BlockElement, 0, 4)
	for _, c := range diagnosisChoices() {
		buttons = append(buttons, button(c.actionID, DiagnoseValue(c.d, interviewID), c.label))
	}
	return slack.NewActionBlock(BlockNudgeDiagnose, buttons...)
}

// checkQuestion asks the 3-way check and says what each answer means.
func checkQuestion() string {
	q := "*Why might they be quiet?* Pick the closest and I'll write a draft that fits."
	for _, c := range diagnosisChoices() {
		q += "\n• *" + c.label + "*: " + c.meaning
	}
	return q
}

// earlyText is the part of NudgeEarly that stays once it is answered.
func earlyText(iv followup.Interview) []slack.Block {
	intro := "*Drafting early.*\n" + interviewTitle(iv) + "."
	if !iv.SecondDue.IsZero() {
		intro += " Your second follow-up is due on " + iv.SecondDue.Format(dateLayout) + "."
	}
	why := "Sent too soon, a follow-up can read as pressure, since they've had little time to answer. " +
		"Write now if you have a real reason, such as another offer or a deadline, and name it in one line of your email. " +
		"I'll still remind you on the due date if you don't mark it as sent."
	return []slack.Block{section(BlockNudgeIntro, intro), note(BlockNudgeEarly, why), section(BlockNudgeCheck, checkQuestion())}
}

// nudgeText is the part of the nudge that stays once it is answered.
func nudgeText(iv followup.Interview, businessDaysSince int) []slack.Block {
	intro := fmt.Sprintf("*Your second follow-up is due today.*\n%s. You interviewed on %s, and it's been %s since your thank-you note.",
		interviewTitle(iv), iv.InterviewDate.Format(dateLayout), businessDays(businessDaysSince))
	if iv.InterviewDate.IsZero() {
		intro = fmt.Sprintf("*Your second follow-up is due today.*\n%s. It's been %s since your thank-you note.",
			interviewTitle(iv), businessDays(businessDaysSince))
	}
	why := "Why now: they have had time to answer, and a note that brings something useful keeps you in mind while they decide."
	if !iv.ThankYouLogged {
		// Never name a note that was not logged.
		intro = strings.Replace(intro, "since your thank-you note", "since your interview", 1)
	}
	return []slack.Block{
		section(BlockNudgeIntro, intro),
		note(BlockNudgeWhy, why),
		section(BlockNudgeCheck, checkQuestion()),
	}
}

// ClosingNudge offers the closing note after two unanswered follow-ups.
// businessDaysSinceSecond counts from the second follow-up.
func ClosingNudge(iv followup.Interview, businessDaysSinceSecond int) Message {
	text := fmt.Sprintf("*Time for a closing note.*\n%s. It's been %s since your second follow-up. "+
		"Two notes without a reply usually means the timing is wrong for them, not that you did something wrong.\n"+
		"One short, friendly note leaves the door open. After that I'll stop nudging you about this one, so your energy goes to what's next.",
		interviewTitle(iv), businessDays(businessDaysSinceSecond))
	id := IDValue(iv.ID)
	return Message{
		Text: "Time for a closing note for " + Escape(interviewName(iv)) + ".",
		Blocks: []slack.Block{
			section(BlockClosingIntro, text),
			slack.NewActionBlock(BlockClosingActions,
				button(ActionWriteClosing, id, "Write my closing note").WithStyle(slack.StylePrimary),
				button(ActionCloseQuietly, id, "Close it without a note"),
				repliedMenu(iv.ID),
				button(ActionOpenList, "", "Open my list"),
			),
		},
	}
}

// snoozeMenu is "Remind me later". A static select rather than an overflow:
// its placeholder says what it does, an overflow is a bare "…".
func snoozeMenu(id int64) *slack.SelectBlockElement {
	return slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Remind me later"), ActionSnooze,
		option(MenuValue(MenuSnooze1D, id), "Tomorrow", ""),
		option(MenuValue(MenuSnooze3D, id), "In 3 days", ""),
		option(MenuValue(MenuSnoozeNextWeek, id), "Next week", ""),
	)
}

// repliedMenu records that the interviewer answered.
func repliedMenu(id int64) *slack.SelectBlockElement {
	return slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("They replied"), ActionReplied,
		option(MenuValue(MenuReplied, id), "Moving forward", ""),
		option(MenuValue(MenuOffer, id), "I got an offer", ""),
		option(MenuValue(MenuRejected, id), "They said no", ""),
	)
}

// interviewTitle is "*Acme* · Data Analyst" in mrkdwn, escaped.
func interviewTitle(iv followup.Interview) string {
	switch {
	case iv.Company == "" && iv.Role == "":
		return "Your interview"
	case iv.Role == "":
		return "*" + Escape(iv.Company) + "*"
	case iv.Company == "":
		return "*" + Escape(iv.Role) + "*"
	}
	return "*" + Escape(iv.Company) + "* · " + Escape(iv.Role)
}

// interviewName is "Data Analyst at Acme" in plain text, for fallbacks.
func interviewName(iv followup.Interview) string {
	switch {
	case iv.Company == "" && iv.Role == "":
		return "your interview"
	case iv.Role == "":
		return iv.Company
	case iv.Company == "":
		return iv.Role
	}
	return iv.Role + " at " + iv.Company
}

func businessDays(n int) string {
	return fmt.Sprintf("%d %s", n, plural(n, "business day", "business days"))
}

// Limits of what the copy modal accepts, in characters.
const (
	MaxSubjectLen  = 200
	MaxBodyLen     = 3000 // Slack's cap on a text input
	maxItemOptions = 100  // Slack's cap on options in a static select
)

// DraftView is everything DraftMessage shows.
type DraftView struct {
	Interview followup.Interview
	Draft     followup.Draft
	// Items are the student's library items for the chooser.
	Items []followup.LibraryItem
	Check CheckResult
	// Level frames the coaching around the draft.
	Level followup.CareerLevel
	// Picked is the item the bot chose for a first draft, nil when the
	// student chose or nothing fit.
	Picked *followup.LibraryItem
	// Figure is the community's reply rate for this wait, nil below 30
	// second follow-ups (then the coaching says nothing about rates).
	Figure *stats.Figure
}

// DraftMessage shows a draft ready to copy: subject and body in a
// preformatted block (it copies as typed, with no mrkdwn in the way), the
// coaching around it (why this draft, the student's motive at their
// career level, and plainly what is still missing), the result of the
// Test, and the actions Copy, Use a library item, Open in email (only when
// the interviewer's email is known and the link fits) and Mark as sent. A
// closing note gets only Copy and Mark as sent, and no Test: it is not
// meant to ask anything.
func DraftMessage(v DraftView) Message {
	iv, d, items, check := v.Interview, v.Draft, v.Items, v.Check
	closing := d.Kind == followup.NudgeClosingNote
	blocks := draftText(iv, d)
	if !closing {
		blocks = append(blocks, section(BlockDraftCoach, draftCoaching(v)), section(BlockDraftCheck, checkSummary(check, d.Body)))
	}

	value := DraftValue(d)
	actions := []slack.BlockElement{button(ActionCopyDraft, value, "Copy or edit")}
	var hints []string
	if !closing && len(items) > 0 {
		actions = append(actions, itemMenu(iv.ID, d.LibraryItemID, items))
	}
	if !closing && len(items) == 0 {
		actions = append(actions, button(ActionOpenLibrary, "", "Open my library"))
	}
	if link, ok := MailtoURL(iv.InterviewerEmail, d.Subject, d.Body); ok {
		b := button(ActionOpenEmail, "", "Open in email")
		b.URL = link
		actions = append(actions, b)
	} else if iv.InterviewerEmail == "" {
		hints = append(hints, "No email saved for the interviewer, so use *Copy or edit* and paste it into your mail app.")
	} else {
		hints = append(hints, "This draft is too long for an email link, so use *Copy or edit* and paste it into your mail app.")
	}
	actions = append(actions, button(ActionMarkSent, value, "Mark as sent").WithStyle(slack.StylePrimary))
	if hasSlot(d.Body) && closing {
		hints = append([]string{"Swap the [bracketed] line for your own words before you send."}, hints...)
	}
	if len(hints) > 0 {
		blocks = append(blocks, note(BlockDraftHint, joinLines(hints)))
	}
	blocks = append(blocks, slack.NewActionBlock(BlockDraftActions, actions...))

	text := "Your draft for " + Escape(interviewName(iv)) + " is ready."
	if closing {
		text = "Your closing note for " + Escape(interviewName(iv)) + " is ready."
	}
	return Message{Text: text, Blocks: blocks}
}

// DraftSentMessage replaces a draft once it is marked as sent: the draft
// stays readable, the buttons go. nextNudge is the local day of the closing
// nudge after a second follow-up, zero when there is none.
func DraftSentMessage(iv followup.Interview, d followup.Draft, nextNudge followup.Date) Message {
	var line string
	switch {
	case d.Kind == followup.NudgeClosingNote:
		line = "*Closing note sent.* That's the last one for this interview, and it ends on a good note. I won't nudge you about it again."
	case nextNudge.IsZero():
		line = "*Marked as sent.* Well done. If they reply, tell me with `/followup list`."
	default:
		line = fmt.Sprintf("*Marked as sent.* Well done. If there's no reply, I'll remind you on %s about a short closing note. "+
			"If they reply first, tell me with `/followup list`.", nextNudge.Format(dateLayout))
	}
	blocks := append(draftText(iv, d), section(BlockDraftSent, line))
	return Message{Text: "Marked as sent: " + Escape(interviewName(iv)) + ".", Blocks: blocks}
}

// draftText is the header, what the draft is for and the draft itself.
func draftText(iv followup.Interview, d followup.Draft) []slack.Block {
	title, what := "Your second follow-up", "Second follow-up"
	if d.Kind == followup.NudgeClosingNote {
		title, what = "Your closing note", "Closing note"
	}
	forLine := what + " for " + interviewTitle(iv) + "."
	if iv.InterviewerName != "" {
		forLine += " To " + Escape(iv.InterviewerName) + "."
	}
	if d.Diagnosis != followup.DiagnosisNone && d.Kind != followup.NudgeClosingNote {
		forLine += " Written for *" + DiagnosisLabel(d.Diagnosis) + "*."
	}
	return []slack.Block{
		header(BlockDraftHeader, title),
		section(BlockDraftFor, forLine),
		preformatted(BlockDraftText, "Subject: "+d.Subject+"\n\n"+d.Body),
	}
}

// preformatted is a rich text block of one preformatted run. Unlike mrkdwn
// it shows text exactly as typed, so nothing is escaped and a copy carries
// no look-alike characters into the email.
func preformatted(blockID, text string) *slack.RichTextBlock {
	return slack.NewRichTextBlock(blockID, &slack.RichTextPreformatted{
		Type:     slack.RTEPreformatted,
		Elements: []slack.RichTextSectionElement{slack.NewRichTextSectionTextElement(truncate(text, MaxBodyLen+MaxSubjectLen+20), nil)},
	})
}

// checkSummary is the Test in a few lines: all clear, or what to look at.
// A draft whose only miss is its empty item slot is told so in one line:
// the coaching above already says what goes there.
func checkSummary(r CheckResult, body string) string {
	if len(r.Points) == 0 {
		return "Paste your own version into `/followup check` any time to test it."
	}
	if r.Passed {
		return fmt.Sprintf("*It passes the Test.* It places you in time, brings something useful and ends with one easy yes or no, in %d words.", r.Words)
	}
	if item, _ := missingSlots(body); item != "" && onlyValueMissing(r) {
		return fmt.Sprintf("*It passes the Test once the slot is filled.* The rest is in place: it places you in time and ends with one easy yes or no, in %d words.", r.Words)
	}
	ok := 0
	var fix []string
	for _, p := range r.Points {
		if p.OK {
			ok++
			continue
		}
		fix = append(fix, "• *"+p.Name+"*: "+Escape(p.Feedback))
	}
	return fmt.Sprintf("*%d of %d points of the Test.* Worth a look:\n", ok, len(r.Points)) + joinLines(fix)
}

func onlyValueMissing(r CheckResult) bool {
	for _, p := range r.Points {
		if !p.OK && p.Name != PointValue {
			return false
		}
	}
	return true
}

// itemMenu lets the student swap what the draft brings; items may hold
// career-center items, which itemSelect groups apart.
func itemMenu(interviewID, current int64, items []followup.LibraryItem) *slack.SelectBlockElement {
	return itemSelect(interviewID, current, items)
}

// maxItemTitleOption is Slack's cap on an option's text.
const maxItemTitleOption = 75

func itemTitle(it followup.LibraryItem) string {
	if it.Title != "" {
		return it.Title
	}
	return kindLabel(it.Kind)
}

func hasSlot(body string) bool { return slotMarker.MatchString(body) }

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

// CopyModal shows the draft in editable inputs: the student selects all,
// copies, and may save edits. private_metadata is the draft id.
func CopyModal(d followup.Draft) slack.ModalViewRequest {
	subject := textInput(ActionCopySubject, "Subject", MaxSubjectLen, false)
	subject.InitialValue = truncate(d.Subject, MaxSubjectLen)
	body := textInput(ActionCopyBody, "Your email", MaxBodyLen, true)
	body.InitialValue = truncate(d.Body, MaxBodyLen)
	intro := "Click into a box, select all and copy. Edit first if you like: *Save* keeps your version for this interview."
	if hasSlot(d.Body) {
		intro += "\nSwap the [bracketed] line for your file or link."
	}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plain("Copy your draft"),
		Submit:          plain("Save"),
		Close:           plain("Done"),
		CallbackID:      CallbackCopy,
		PrivateMetadata: IDValue(d.ID),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			section(BlockCopyIntro, intro),
			input(BlockCopySubject, "Subject", "", subject, false),
			input(BlockCopyBody, "Email", "", body, false),
		}},
	}
}

// ParseCopy reads a submitted CopyModal. Text is kept as typed, ends trimmed.
func ParseCopy(values map[string]map[string]slack.BlockAction) (subject, body string, errs followup.FieldErrors) {
	errs = followup.FieldErrors{}
	subject = strings.TrimSpace(values[BlockCopySubject][ActionCopySubject].Value)
	body = strings.TrimSpace(values[BlockCopyBody][ActionCopyBody].Value)
	switch {
	case subject == "":
		errs[FieldSubject] = "Add a subject, so it doesn't land as (no subject)."
	case utf8.RuneCountInString(subject) > MaxSubjectLen:
		errs[FieldSubject] = fmt.Sprintf("Keep the subject under %d characters.", MaxSubjectLen)
	}
	switch {
	case body == "":
		errs[FieldBody] = "The email is empty. Paste your text back, or press Done to keep the saved version."
	case utf8.RuneCountInString(body) > MaxBodyLen:
		errs[FieldBody] = fmt.Sprintf("Keep the email under %d characters.", MaxBodyLen)
	}
	return subject, body, errs
}

// CopyErrors maps field errors onto the blocks of CopyModal for a
// response_action "errors".
func CopyErrors(errs followup.FieldErrors) map[string]string {
	return fieldErrors(errs, []followup.Field{FieldSubject, FieldBody})
}
