package messages

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/followup-coach/followup/followup"
)

// Names of the points of the Test, in the order Check returns them.
const (
	PointTiming   = "Timing"
	PointDecision = "One easy decision"
	PointValue    = "Something of value"
	PointClose    = "Yes/no close"
	PointPhrases  = "No filler phrases"
	PointLength   = "Length"
)

// CheckPoint is one point of the Test with kind, specific feedback.
type CheckPoint struct {
	Name     string
	Feedback string
	OK       bool
}

// CheckResult is the Test applied to one draft.
type CheckResult struct {
	Points []CheckPoint
	// Passed is true when every point is OK.
	Passed bool
	// Words is the length of the body, without a "Subject:" line.
	Words int
}

// CheckOptions is optional context that makes feedback concrete; zero
// values mean unknown.
type CheckOptions struct {
	Role          string
	InterviewDate followup.Date
}

// bannedPhrases are the filler phrases that ask the reader to do the work of
// writing back with news. Longer phrases come first so that a match of
// "just checking in" is not reported again as "checking in".
var bannedPhrases = []string{
	"following up on my previous email",
	"following up on my last email",
	"just wanted to follow up",
	"just wanted to check in",
	"just a friendly reminder",
	"as per my last email",
	"per my last email",
	"just following up",
	"just checking in",
	"wanted to check in",
	"friendly reminder",
	"haven't heard back",
	"didn't hear back",
	"touching base",
	"circling back",
	"bumping this up",
	"bumping this",
	"checking in",
	"touch base",
	"circle back",
	"bump this",
	"any updates",
	"any update",
	"any news",
}

// BannedPhrases returns the filler phrases Check reports. A new slice each
// call: the list is not to be changed by callers.
func BannedPhrases() []string { return append([]string(nil), bannedPhrases...) }

// openAsks are asks that hand the planning to the reader.
var openAsks = []string{
	"next steps",
	"next step is",
	"the timeline",
	"your timeline",
	"when can we",
	"when could we",
	"when would",
	"when will",
	"when is a good time",
	"what do you think",
	"your thoughts",
	"let me know when",
	"let me know what",
	"let me know how",
	"let me know if you have any",
	"where things stand",
	"status",
}

var auxVerbs = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "am": true,
	"do": true, "does": true, "did": true,
	"would": true, "will": true, "shall": true, "should": true,
	"can": true, "could": true, "may": true, "might": true,
	"have": true, "has": true, "had": true,
	"isn't": true, "aren't": true, "wouldn't": true, "shouldn't": true, "don't": true, "doesn't": true,
}

var whWords = map[string]bool{
	"what": true, "when": true, "where": true, "why": true, "how": true, "who": true, "which": true, "whom": true,
}

var (
	monthDay  = regexp.MustCompile(`\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.? +\d{1,2}(st|nd|rd|th)?\b`)
	dayMonth  = regexp.MustCompile(`\b\d{1,2}(st|nd|rd|th)? +(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b`)
	numDate   = regexp.MustCompile(`\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(/\d{2,4})?)\b`)
	weekday   = regexp.MustCompile(`\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)
	sentences = regexp.MustCompile(`[^.!?\n]*([.!?]+|$)`)
)

// timingWords show the reader when they last heard from the student.
var timingWords = []string{
	"interview", "we spoke", "we met", "we talked", "our conversation", "our call", "our chat",
	"thank-you note", "thank you note", "my note", "my email", "my message", "my last",
	"previous", "last week", "earlier this", "decision",
}

// valueWords show the email brings something rather than asks for news.
var valueWords = []string{
	"attach", "enclosed", "summary", "chart", "link", "http://", "https://", "www.",
	"put together", "i prepared", "i've prepared", "i have prepared", "i made", "i've made", "i drafted",
	"draft plan", "1-page", "one-page", "one page", "story", "case study", "portfolio", "sample",
}

// Check applies the Test to a draft: timing awareness, one easy decision,
// something of value, a yes/no close, no filler phrases and a body under
// MaxDraftWords words. It is pure and accepts any text.
func Check(text string, opt CheckOptions) CheckResult {
	body := stripSubject(text)
	low := normalize(body)
	core := stripSignOff(body)
	sents := splitSentences(core)

	res := CheckResult{Words: CountWords(body)}
	res.Points = []CheckPoint{
		checkTiming(low, opt),
		checkDecision(sents, opt),
		checkValue(low),
		checkClose(sents),
		checkPhrases(low),
		checkLength(res.Words),
	}
	res.Passed = true
	for _, p := range res.Points {
		res.Passed = res.Passed && p.OK
	}
	return res
}

func checkTiming(low string, opt CheckOptions) CheckPoint {
	p := CheckPoint{Name: PointTiming}
	p.OK = containsAny(low, timingWords) || monthDay.MatchString(low) || dayMonth.MatchString(low) ||
		numDate.MatchString(low) || weekday.MatchString(low)
	if p.OK {
		p.Feedback = "You place the email in time, so they can recall you quickly."
		return p
	}
	p.Feedback = "Say when you last spoke, so they can place you without searching. Try one line like “" +
		exampleOpening(opt) + "”"
	return p
}

func exampleOpening(opt CheckOptions) string {
	s := "Thank you again for our interview"
	if !opt.InterviewDate.IsZero() {
		s += " on " + opt.InterviewDate.Format(emailDateLayout)
	}
	return s + " about " + rolePhrase(opt.Role) + "."
}

func checkDecision(sents []string, opt CheckOptions) CheckPoint {
	p := CheckPoint{Name: PointDecision}
	var questions []string
	for _, s := range sents {
		if strings.HasSuffix(s, "?") {
			questions = append(questions, s)
		}
	}
	for _, s := range sents {
		if containsAny(normalize(s), openAsks) {
			p.Feedback = fmt.Sprintf("“%s” leaves the planning to them. Offer one step you have already prepared, "+
				"e.g. “Shall I send the summary for %s, or is it better to wait?”", shorten(s, 80), roleOrIt(opt.Role))
			return p
		}
	}
	switch {
	case len(questions) == 0:
		p.Feedback = "There is no ask yet, so it's easy to read and move on. Add one clear question they can answer in a word."
	case len(questions) > 1:
		p.Feedback = fmt.Sprintf("You ask %d questions. Keep the one that matters most, so they only have one thing to decide.", len(questions))
	default:
		p.OK = true
		p.Feedback = "One clear ask. They only have one thing to decide."
	}
	return p
}

func roleOrIt(role string) string {
	if strings.TrimSpace(role) == "" {
		return "the role"
	}
	return rolePhrase(role)
}

func checkValue(low string) CheckPoint {
	p := CheckPoint{Name: PointValue}
	p.OK = containsAny(low, valueWords)
	if p.OK {
		p.Feedback = "You bring something useful, so the email helps instead of asking for news."
		return p
	}
	p.Feedback = "Bring something they can use: a 1-page summary, a short comparison chart or a quick-win story. " +
		"Try “I put together a 1-page summary you can forward as it is.” Your library has starters."
	return p
}

func checkClose(sents []string) CheckPoint {
	p := CheckPoint{Name: PointClose}
	if len(sents) == 0 {
		p.Feedback = "There is no text to check yet. Paste your draft, then end it with a question they can answer in a word."
		return p
	}
	last := sents[len(sents)-1]
	switch {
	case !strings.HasSuffix(last, "?"):
		p.Feedback = "Your email ends without a question, so it's easy to read and move on. Finish with one they can answer in a word, " +
			"e.g. “Shall I send the summary over, or is it better to wait?”"
	case !closedQuestion(last):
		p.Feedback = "Your close asks an open question, which leaves the planning to them. Try offering two choices, " +
			"e.g. “Would a 20-minute call next week work, or is it better to wait?”"
	default:
		p.OK = true
		p.Feedback = "Your last line can be answered with yes, no or option B."
	}
	return p
}

// closedQuestion reports whether q can be answered with "yes", "no" or a
// named option. Any clause may carry the question ("If it helps, shall I…?").
func closedQuestion(q string) bool {
	low := normalize(q)
	if containsAny(low, openAsks) {
		return false
	}
	hasOr := strings.Contains(low, " or ") || strings.Contains(low, "option")
	first := firstWord(low)
	if whWords[first] && !hasOr {
		return false
	}
	if hasOr {
		return true
	}
	for _, clause := range strings.Split(low, ",") {
		if auxVerbs[firstWord(clause)] {
			return true
		}
	}
	return false
}

func firstWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func checkPhrases(low string) CheckPoint {
	p := CheckPoint{Name: PointPhrases}
	var found []string
	for _, b := range bannedPhrases {
		if !containsWord(low, b) {
			continue
		}
		dup := false
		for _, f := range found {
			if strings.Contains(f, b) {
				dup = true
				break
			}
		}
		if !dup {
			found = append(found, b)
		}
	}
	if len(found) == 0 {
		p.OK = true
		p.Feedback = "No filler phrases. Every line does a job."
		return p
	}
	quoted := make([]string, len(found))
	for i, f := range found {
		quoted[i] = "“" + f + "”"
	}
	p.Feedback = "Found " + joinAnd(quoted) + ". Phrases like these ask them to dig up news for you. " +
		"Swap them for the thing you bring, e.g. “I put together a short summary you can forward.”"
	return p
}

func checkLength(words int) CheckPoint {
	p := CheckPoint{Name: PointLength}
	if words < MaxDraftWords {
		p.OK = true
		p.Feedback = fmt.Sprintf("%d words: short enough to read in a minute.", words)
		return p
	}
	p.Feedback = fmt.Sprintf("%d words. Aim for under %d: keep the date, the thing you bring and the question, and cut the rest.",
		words, MaxDraftWords)
	return p
}

// stripSubject drops a leading "Subject:" line, which is not part of the body.
func stripSubject(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	trimmed := strings.TrimLeft(text, " \t\n")
	first, rest, _ := strings.Cut(trimmed, "\n")
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(first)), "subject:") {
		return rest
	}
	return text
}

// maxSignOffLines bounds how many short trailing lines count as sign-off,
// so a text of short lines is not discarded whole.
const maxSignOffLines = 4

// stripSignOff drops the sign-off ("Best regards,", the name, a slot line)
// so the last sentence checked is the real close.
func stripSignOff(body string) string {
	lines := strings.Split(body, "\n")
	dropped := 0
	for len(lines) > 0 {
		l := strings.TrimSpace(lines[len(lines)-1])
		switch {
		case l == "":
		case dropped < maxSignOffLines && !strings.HasSuffix(l, "?") && (CountWords(l) <= 4 || strings.HasSuffix(l, ",")):
			dropped++
		default:
			return strings.Join(lines, "\n")
		}
		lines = lines[:len(lines)-1]
	}
	return ""
}

// splitSentences splits on sentence ends and line breaks and drops empties.
func splitSentences(s string) []string {
	var out []string
	for _, m := range sentences.FindAllString(s, -1) {
		if m = strings.TrimSpace(m); m != "" && strings.IndexFunc(m, unicode.IsLetter) >= 0 {
			out = append(out, m)
		}
	}
	return out
}

// normalize lowercases, straightens quotes and collapses spaces so phrase
// matching sees what a reader sees.
func normalize(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// containsWord reports whether phrase occurs in s between non-letters.
func containsWord(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		if !letterBefore(s, start) && !letterAt(s, end) {
			return true
		}
		i = start + 1
	}
}

func letterBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r := rune(s[i-1])
	return r < 0x80 && unicode.IsLetter(r)
}

func letterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r := rune(s[i])
	return r < 0x80 && unicode.IsLetter(r)
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// shorten cuts s to n runes, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
