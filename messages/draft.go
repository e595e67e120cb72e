package messages

import (
	"strings"

	"github.com/followup-coach/followup/followup"
)

// MaxDraftWords is the length a second follow-up must stay under: short
// enough to read on a phone between two meetings.
const MaxDraftWords = 150

// emailDateLayout is how dates read inside an email ("Tuesday, March 3").
const emailDateLayout = "Monday, January 2"

// DraftInput is everything the composer needs to write one email.
//
// Interview.Notes are the student's private notes and are never copied into
// the email: they may hold things the interviewer should not read.
type DraftInput struct {
	Interview followup.Interview
	Diagnosis followup.Diagnosis
	Level     followup.CareerLevel
	// Item is what the email brings. Nil leaves a clearly marked slot, such
	// as "[attach: your 1-page summary for the boss]", for the student to fill.
	Item *followup.LibraryItem
	// StudentName signs the email; it may be empty.
	StudentName string
}

// ComposeSecondFollowUp writes the second follow-up in the shape the method
// teaches: it places the reader in time (role, interview date, the
// thank-you note only when one was logged), quotes one point from the
// conversation (the student's Topic, else a marked slot), offers one item
// that is ready to approve, and ends with one closed question whose second
// option is a graceful "not yet", said once. The diagnosis decides what
// the item is for; the career level decides which item comes first and how
// the question is framed. The body is plain text (an email), stays under
// MaxDraftWords words and inserts user text as typed. Private notes never
// enter it.
func ComposeSecondFollowUp(in DraftInput) (subject, body string) {
	iv := in.Interview
	d := in.Diagnosis
	if d == followup.DiagnosisNone {
		d = followup.DiagnosisNotSure
	}
	kind := DraftKind(d, in.Level, in.Item)

	var place strings.Builder
	place.WriteString("Thank you again for our interview")
	if !iv.InterviewDate.IsZero() {
		place.WriteString(" on " + iv.InterviewDate.Format(emailDateLayout))
	}
	place.WriteString(" for " + rolePhrase(iv.Role) + atCompany(iv.Company))
	if d == followup.DiagnosisTooBusy {
		// Too busy: the shortest note, so the conversation rides along in
		// the same sentence.
		place.WriteString(", and for what you shared about " + topic(iv) + ".")
	} else {
		place.WriteString(".")
	}
	if iv.DecisionDate != nil && !iv.DecisionDate.IsZero() {
		place.WriteString(" You mentioned a decision around " + iv.DecisionDate.Format(emailDateLayout) + ".")
	}
	// The earlier note is named only when one was logged, so the draft
	// never claims a note that was not sent.
	since := ""
	if iv.ThankYouLogged {
		since = "Since my thank-you note, "
	}
	if d != followup.DiagnosisTooBusy {
		place.WriteString(" " + since + lowerFirst("I've been thinking about what you said about "+topic(iv)+"."))
		since = ""
	}

	offer := offerLine(d, kind)
	if since != "" {
		offer = since + lowerFirst(offer)
	}
	closing := closingQuestion(d, in.Level)
	paras := []string{greeting(iv.InterviewerName), place.String(), "", closing, signOff(in.StudentName)}
	// The item's summary is the part most likely to run long: quote it only
	// when the whole email still fits, else the title and link carry it.
	for _, withSummary := range []bool{true, false} {
		paras[2] = offer + "\n" + itemLines(in.Item, kind, in.Level, withSummary)
		body = strings.Join(paras, "\n\n")
		if CountWords(body) < MaxDraftWords {
			break
		}
	}
	return secondSubject(iv.Role, d), body
}

// DraftKind is the kind of item a draft for d delivers: the item's own
// kind, else the kind that fits d best at level l (the slot's kind).
func DraftKind(d followup.Diagnosis, l followup.CareerLevel, it *followup.LibraryItem) followup.LibraryKind {
	if it != nil {
		return it.Kind
	}
	if d == followup.DiagnosisNone {
		d = followup.DiagnosisNotSure
	}
	return followup.Fits(d, l)[0]
}

// topic is the one point from the conversation: the student's Topic, or a
// marked slot for it.
func topic(iv followup.Interview) string {
	if t := strings.TrimSuffix(strings.TrimSpace(iv.Topic), "."); t != "" {
		return t
	}
	return topicSlot
}

// topicSlot marks where the student adds one point from the conversation.
const topicSlot = "[add: one thing you discussed]"

// offerLine introduces the item as something ready, for the reason the
// diagnosis gives.
func offerLine(d followup.Diagnosis, k followup.LibraryKind) string {
	made := madeLine(k)
	passable := k != followup.KindCompanyNews && k != followup.KindLink
	switch d {
	case followup.DiagnosisWhoDecides:
		if passable {
			return "In case the decision now involves someone new, " + made + " you can pass on as it is:"
		}
		return "In case the decision now involves someone new, " + made + ":"
	case followup.DiagnosisMissingInfo:
		return "If you're waiting on input from others, I can at least make my side complete today. " + upperFirst(made) + ":"
	case followup.DiagnosisTooBusy:
		if passable {
			return upperFirst(made) + " that takes a minute to read:"
		}
		return upperFirst(made) + ":"
	}
	return "In case it helps, " + made + ":"
}

// madeLine says what the student prepared, in the first person.
func madeLine(k followup.LibraryKind) string {
	switch k {
	case followup.KindComparisonChart:
		return "I made a short comparison chart"
	case followup.KindQuickWin:
		return "I wrote up a short example of a quick win"
	case followup.KindWorkSample:
		return "I prepared a short work sample"
	case followup.KindCompanyNews:
		return "I came across some recent news that ties in with the role"
	case followup.KindLink:
		return "I'd like to share a link you may find useful"
	}
	return "I put together a 1-page summary"
}

// lowerFirst lowercases the first letter, except the pronoun "I".
func lowerFirst(s string) string {
	if s == "" || strings.HasPrefix(s, "I ") || strings.HasPrefix(s, "I'") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ComposeClosingNote writes the brief, door-open note sent after two
// unanswered follow-ups. It thanks, steps back and asks nothing: there is no
// third chase.
func ComposeClosingNote(in DraftInput) (subject, body string) {
	iv := in.Interview
	var b strings.Builder
	b.WriteString("Thank you again for your time")
	if !iv.InterviewDate.IsZero() {
		b.WriteString(" on " + iv.InterviewDate.Format(emailDateLayout))
	}
	b.WriteString(" and for considering me for " + rolePhrase(iv.Role) + atCompany(iv.Company) + ". ")
	b.WriteString("I understand the timing may not be right, so I'll step back from here.")
	door := "I enjoyed learning about " + companyOrTeam(iv.Company) +
		", and I'd be glad to hear from you if anything changes, now or later. I wish you all the best with the search."
	body = strings.Join([]string{greeting(iv.InterviewerName), b.String(), door, signOff(in.StudentName)}, "\n\n")
	return "Thank you: " + roleTitle(iv.Role), body
}

// greeting is "Hi <first name>," or "Hello," when the name is unknown.
// A leading title keeps the surname ("Hi Dr. Okafor,"), since "Hi Dr.," reads
// as a typo.
func greeting(name string) string {
	f := strings.Fields(name)
	switch {
	case len(f) == 0:
		return "Hello,"
	case len(f) > 1 && isTitle(f[0]):
		return "Hi " + f[0] + " " + f[len(f)-1] + ","
	}
	return "Hi " + f[0] + ","
}

func isTitle(s string) bool {
	switch strings.ToLower(strings.TrimSuffix(s, ".")) {
	case "dr", "mr", "mrs", "ms", "mx", "prof":
		return true
	}
	return false
}

func signOff(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return "Best regards,"
	}
	return "Best regards,\n" + name
}

// rolePhrase is "the Data Analyst role"; a role typed as "Data Analyst
// position" is not doubled into "position role".
func rolePhrase(role string) string {
	role = strings.TrimSpace(role)
	if role == "" {
		return "the role"
	}
	if hasRoleWord(role) {
		return "the " + role
	}
	return "the " + role + " role"
}

// roleTitle is the role as a subject line starts it.
func roleTitle(role string) string {
	role = strings.TrimSpace(role)
	if role == "" {
		return "our interview"
	}
	if hasRoleWord(role) {
		return role
	}
	return role + " role"
}

func hasRoleWord(role string) bool {
	l := strings.ToLower(role)
	for _, w := range []string{" role", " position", " job", " opening"} {
		if strings.HasSuffix(l, w) {
			return true
		}
	}
	return false
}

func atCompany(company string) string {
	if c := strings.TrimSpace(company); c != "" {
		return " at " + c
	}
	return ""
}

func companyOrTeam(company string) string {
	if c := strings.TrimSpace(company); c != "" {
		return c
	}
	return "the team"
}

// closingQuestion is the one ask of the email: approve what was offered
// ("yes"), or take the graceful way out ("option B"). The career level
// frames it: finished work for the one who gets things done, the project
// for the project starter, the key decision for the one who protects
// strategy. Too busy gets a one-word reply instead of a question.
func closingQuestion(d followup.Diagnosis, l followup.CareerLevel) string {
	switch d {
	case followup.DiagnosisWhoDecides:
		switch l {
		case followup.LevelProjectStarter:
			return "Would it help to share this with the others involved in the hire, or is it better to hold it until the plan is settled?"
		case followup.LevelProtectsStrategy:
			return "Does this give the decision what it needs, or is it better to revisit it next quarter?"
		}
		return "Does this give you what you need to make the case, or is it better to pause until the timing is clearer?"
	case followup.DiagnosisMissingInfo:
		switch l {
		case followup.LevelProjectStarter:
			return "Does this cover my part of what the team needs, or is it better to hold off until the other pieces are in?"
		case followup.LevelProtectsStrategy:
			return "Does this settle the open points on my side, or is it better to hold off until the other inputs are in?"
		}
		return "Does this cover what you need from me, or is it better to hold off until you hear from the others?"
	case followup.DiagnosisTooBusy:
		switch l {
		case followup.LevelProjectStarter:
			return `Reply "yes" and I'll send the full version for you and the team today, or "later" if now isn't the moment.`
		case followup.LevelProtectsStrategy:
			return `Reply "yes" and I'll send the full version today, or "later" if the priority has moved.`
		}
		return `Reply "yes" and I'll send the full version today, or "later" if now isn't the moment.`
	}
	switch l {
	case followup.LevelProjectStarter:
		return "Would it help to share this with the team, or is it better to pick this up later?"
	case followup.LevelProtectsStrategy:
		return "Does this help with the decision on the role, or is it better to pick this up next quarter?"
	}
	return "Does this help with the role as it stands, or is it better to pick this up later?"
}

func secondSubject(role string, d followup.Diagnosis) string {
	t := roleTitle(role)
	switch d {
	case followup.DiagnosisWhoDecides:
		return t + ": something you can pass on"
	case followup.DiagnosisMissingInfo:
		return t + ": my side, ready today"
	case followup.DiagnosisTooBusy:
		return t + ": one quick yes or no"
	}
	return t + ": something that may help"
}

// kindNoun names what an item kind is, for the coaching text.
func kindNoun(k followup.LibraryKind) string {
	switch k {
	case followup.KindComparisonChart:
		return "a short comparison chart"
	case followup.KindQuickWin:
		return "a quick-win story"
	case followup.KindWorkSample:
		return "a short work sample"
	case followup.KindCompanyNews:
		return "a piece of company or industry news"
	case followup.KindLink:
		return "a link"
	}
	return "a 1-page summary for the boss"
}

// slot marks where the student attaches or pastes the item themselves. It
// says what a good one holds; the career level shapes the summary.
func slot(k followup.LibraryKind, l followup.CareerLevel) string {
	switch k {
	case followup.KindComparisonChart:
		return "[attach: your chart comparing the options you discussed]"
	case followup.KindQuickWin:
		return "[paste: your quick-win story, with the result in numbers]"
	case followup.KindWorkSample:
		return "[attach: a short work sample that answers an open point]"
	case followup.KindCompanyNews:
		return "[paste: the news and one line on why it matters for the role]"
	case followup.KindLink:
		return "[paste: your link]"
	}
	switch l {
	case followup.LevelProjectStarter:
		return "[attach: your 1-page plan for working with the teams around this role]"
	case followup.LevelProtectsStrategy:
		return "[attach: your 1-page summary of priorities, risks and first results]"
	}
	return "[attach: your 1-page summary of how you'd tackle the first weeks]"
}

// itemLines is the item as the email shows it. A starter item is a template
// whose summary tells the student how to fill it in, so it stays a slot.
func itemLines(it *followup.LibraryItem, kind followup.LibraryKind, l followup.CareerLevel, withSummary bool) string {
	if it == nil || !it.Usable() {
		return slot(kind, l)
	}
	title := strings.TrimSpace(it.Title)
	summary := strings.TrimSpace(it.Summary)
	link := strings.TrimSpace(it.Link)
	line := title
	if withSummary && summary != "" {
		if line != "" {
			line = strings.TrimRight(line, ":.") + ". "
		}
		line += summary
	}
	switch {
	case line == "":
		return link
	case link == "":
		return line
	}
	return line + "\n" + link
}

// CountWords counts words the way the length check does: runs of
// non-space characters.
func CountWords(s string) int { return len(strings.Fields(s)) }
