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

// ComposeSecondFollowUp writes the second follow-up: it names the role and
// the interview date, restates interest in one line, brings something of
// value, offers a graceful "not yet" and ends with one question that can be
// answered with "yes", "no" or "option B". The body is plain text (an
// email), stays under MaxDraftWords words and inserts user text as typed.
func ComposeSecondFollowUp(in DraftInput) (subject, body string) {
	iv := in.Interview
	d := in.Diagnosis
	if d == followup.DiagnosisNone {
		// No answer to the 3-way check: the light question tells them apart.
		d = followup.DiagnosisNotSure
	}

	var opening strings.Builder
	if d == followup.DiagnosisTooBusy {
		// Too busy: the shortest message that still places the student.
		opening.WriteString("I know your week is full, so I'll keep this short. ")
		opening.WriteString("I'm still keen on " + rolePhrase(iv.Role) + atCompany(iv.Company) + " we discussed")
		if iv.InterviewDate.IsZero() {
			opening.WriteString(" in our interview.")
		} else {
			opening.WriteString(" on " + iv.InterviewDate.Format(emailDateLayout) + ".")
		}
	} else {
		opening.WriteString("Thank you again for our interview")
		if !iv.InterviewDate.IsZero() {
			opening.WriteString(" on " + iv.InterviewDate.Format(emailDateLayout))
		}
		opening.WriteString(" about " + rolePhrase(iv.Role) + atCompany(iv.Company) + ". ")
		opening.WriteString("Since my thank-you note, I've kept thinking about our conversation, and I'm still keen to join the team.")
	}
	if iv.DecisionDate != nil && !iv.DecisionDate.IsZero() {
		opening.WriteString(" You mentioned a decision around " + iv.DecisionDate.Format(emailDateLayout) + ".")
	}

	kind := defaultKind(d)
	if in.Item != nil {
		kind = in.Item.Kind
	}
	offer := levelLine(in.Level) + " " + angleLine(d, kindNoun(kind)) + "\n"

	paras := []string{greeting(iv.InterviewerName), opening.String(), ""}
	if d != followup.DiagnosisTooBusy {
		paras = append(paras, `If the timing isn't right yet, a short "not yet" is completely fine.`)
	}
	paras = append(paras, closingQuestion(d), signOff(in.StudentName))

	// The item's summary is the part most likely to run long: quote it only
	// when the whole email still fits, else the title and link carry it.
	for _, withSummary := range []bool{true, false} {
		paras[2] = offer + itemLines(in.Item, kind, withSummary)
		body = strings.Join(paras, "\n\n")
		if CountWords(body) < MaxDraftWords {
			break
		}
	}
	return secondSubject(iv.Role, d), body
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

// levelLine frames the email for the student's career level.
func levelLine(l followup.CareerLevel) string {
	switch l {
	case followup.LevelProjectStarter:
		return "A slow answer on one hire can hold up others on the project, so I've kept the next step quick."
	case followup.LevelProtectsStrategy:
		return "An open seat costs time and money, so I'd like to make the key decision easy."
	}
	return "Rather than wait for news, I've done some of the groundwork myself."
}

// angleLine is what the diagnosis says the interviewer needs; noun names the
// item it brings.
func angleLine(d followup.Diagnosis, noun string) string {
	switch d {
	case followup.DiagnosisWhoDecides:
		return "If the approval now sits with someone else, here is " + noun + " you can forward as it is:"
	case followup.DiagnosisMissingInfo:
		return "In case you're waiting on details, here is " + noun + " that may fill the gap:"
	case followup.DiagnosisTooBusy:
		return "To save you time, here is " + noun + " you can read in two minutes:"
	}
	return "Here is " + noun + " in case it helps:"
}

// closingQuestion is the one question of the email, answerable by "yes",
// "no" or "option B"; its second option is always the graceful way out.
func closingQuestion(d followup.Diagnosis) string {
	switch d {
	case followup.DiagnosisWhoDecides:
		return "Would it help if I sent a version for whoever now holds the budget, or is it better to wait until you hear back?"
	case followup.DiagnosisMissingInfo:
		return "Does this cover what you were waiting for, or should I wait until you hear back from the team?"
	case followup.DiagnosisTooBusy:
		return "Would a 20-minute call next week work, or is it better to wait until things calm down?"
	}
	return "Is the decision still with you, with someone else, or on hold for now?"
}

func secondSubject(role string, d followup.Diagnosis) string {
	t := roleTitle(role)
	switch d {
	case followup.DiagnosisWhoDecides:
		return t + ": a summary you can forward"
	case followup.DiagnosisMissingInfo:
		return t + ": the details you may need"
	case followup.DiagnosisTooBusy:
		return t + ": one quick yes or no"
	}
	return t + ": a quick question"
}

// defaultKind is the library item a diagnosis calls for when none is chosen.
func defaultKind(d followup.Diagnosis) followup.LibraryKind {
	switch d {
	case followup.DiagnosisMissingInfo:
		return followup.KindComparisonChart
	case followup.DiagnosisTooBusy:
		return followup.KindQuickWin
	}
	return followup.KindBossSummary
}

func kindNoun(k followup.LibraryKind) string {
	switch k {
	case followup.KindComparisonChart:
		return "a short comparison chart"
	case followup.KindQuickWin:
		return "a short story of a quick win"
	case followup.KindLink:
		return "a link"
	}
	return "a 1-page summary"
}

// slot marks where the student attaches or pastes the item themselves.
func slot(k followup.LibraryKind) string {
	switch k {
	case followup.KindComparisonChart:
		return "[attach: your comparison chart]"
	case followup.KindQuickWin:
		return "[attach: your quick-win story]"
	case followup.KindLink:
		return "[paste: your link]"
	}
	return "[attach: your 1-page summary for the boss]"
}

// itemLines is the item as the email shows it. A starter item is a template
// whose summary tells the student how to fill it in, so it stays a slot.
func itemLines(it *followup.LibraryItem, kind followup.LibraryKind, withSummary bool) string {
	if it == nil || it.Starter {
		return slot(kind)
	}
	title := strings.TrimSpace(it.Title)
	summary := strings.TrimSpace(it.Summary)
	link := strings.TrimSpace(it.Link)
	line := title
	if withSummary && summary != "" {
		if line != "" {
			line += ": "
		}
		line += summary
	}
	switch {
	case line == "" && link == "":
		return slot(kind)
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
