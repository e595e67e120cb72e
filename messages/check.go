package messages

import (
	"fmt"
	"strings"

	"github.com/followup-coach/followup/followup"
)

// Names of the points of the Test, in the order Check returns them.
const (
	PointTiming   = "Timing"
	PointValue    = "Something of value"
	PointDecision = "One easy decision"
	PointClose    = "Yes/no close"
	PointPhrases  = "No filler phrases"
	PointTone     = "Calm, not pushy"
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

// Check applies the Test to a draft: does it place the reader in time,
// bring something of value, ask for one easy decision that is not a
// meeting or a request for news, end with a close that takes "yes", "no"
// or "option B", avoid filler, stay calm (no pleading, no ultimatum) and
// stay under MaxDraftWords words. It reads sentences and words, not
// substrings; it is pure and accepts any text.
func Check(text string, opt CheckOptions) CheckResult {
	dt := readDraft(text)
	asks := findAsks(dt.sents)
	res := CheckResult{Words: CountWords(dt.body)}
	res.Points = []CheckPoint{
		checkTiming(dt, opt),
		checkValue(dt),
		checkDecision(asks, opt),
		checkClose(dt, asks),
		checkPhrases(dt),
		checkTone(dt),
		checkLength(res.Words),
	}
	res.Passed = true
	for _, p := range res.Points {
		res.Passed = res.Passed && p.OK
	}
	return res
}

// re compiles a pattern of whole words, case-insensitive on normalized text.
func re(pattern string) *lazyRE { return lazy(`\b(?:` + pattern + `)\b`) }

// anySentence reports the first sentence that matches one of res.
func anySentence(sents []sentence, res ...*lazyRE) (sentence, bool) {
	for _, s := range sents {
		for _, r := range res {
			if r.MatchString(s.low) {
				return s, true
			}
		}
	}
	return sentence{}, false
}

// The suggestions the feedback offers. Each passes the point it is for
// (TestCheckSuggestionsPass).
const (
	suggestClose = "Shall I send it over, or is it better to wait until next quarter?"
	suggestValue = "I put together a 1-page summary you can pass on as it is."
	suggestOffer = "Shall I send a 1-page summary you can pass on, or is it better to wait until next quarter?"
	suggestCalm  = "I'm still keen on the role, and I've kept the next step small."
)

// ---- Timing

var (
	monthName = `jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?`
	timingRes = []*lazyRE{
		re(`(` + monthName + `)\.? \d{1,2}(st|nd|rd|th)?`),
		re(`\d{1,2}(st|nd|rd|th)? (of )?(` + monthName + `)`),
		re(`\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(/\d{2,4})?`),
		re(`monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|this morning`),
		re(`(last|earlier this|this past|the other) (week|month|day|monday|tuesday|wednesday|thursday|friday)`),
		re(`(\d+|a|one|two|three|four|a few|a couple of|several) (days|weeks|months|week|day) ago`),
		re(`on the \d{1,2}(st|nd|rd|th)`),
		// The interview or another past meeting, by name.
		re(`(our|my|the|your|last week's|yesterday's) (recent )?(first |second |final |panel |phone |video |onsite |on-site )?(interview|conversation|call|chat|meeting|talk|discussion|panel|session|visit|tour|screen|screening|assessment|presentation|trial shift|trial day|case study session)s?`),
		re(`(we|i) (last |recently |briefly |first )?(spoke|met|talked|chatted|interviewed|discussed)|interviewed|interviewing (with|for)|spoke with you|speaking with you|meeting you|meeting with you|talking with you|talking to you|speaking to you`),
		re(`thank(s| you) (again |so much |very much )?for (meeting|speaking|talking|your time|taking the time|the chance|the opportunity|having me|showing me|the tour|a great conversation)`),
		// The earlier note.
		re(`my (thank-you|thank you|last|previous|earlier|first|follow-up) (note|email|message|letter|e-mail)`),
		re(`(i|i've|i have) (wrote|written|sent|emailed) (you )?(a |my )?(note|thank|after|last)`),
	}
)

// notAMoment are phrases with "interview" that name no moment in time.
var notAMoment = strings.NewReplacer("interview process", "process", "interview stage", "stage", "interview round", "round")

func checkTiming(dt pastedDraft, opt CheckOptions) CheckPoint {
	p := CheckPoint{Name: PointTiming}
	sents := make([]sentence, len(dt.sents))
	for i, s := range dt.sents {
		sents[i] = sentence{text: s.text, low: notAMoment.Replace(s.low)}
	}
	if _, ok := anySentence(sents, timingRes...); ok {
		p.OK = true
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
	return s + " for " + rolePhrase(opt.Role) + "."
}

// ---- Something of value

var (
	// offerCue says the student has something ready for the reader.
	offerCue = re(`i (have|'ve got|have got) (a|an|the|my) |here is|here's|here are|here it is|here they are|here you go|below is|below you'll find|i'm attaching|i am attaching|attaching|i've linked|linked below|(you|your team) (may|might|could) find|i (wanted|want) to (share|send|pass along|pass on|offer)|i'm sharing|i am sharing|i'd like to (share|send|offer)|to share (a|an|my|the|this|some)|sharing (a|an|my|the|this|some)|attached|i('ve| have)? attached|enclosed|please find|` +
		`(i|i've|i have|we|we've) (just |also |already |quickly )?(put together|prepared|made|drafted|written( up)?|wrote( up)?|created|built|sketched( out)?|mapped( out)?|outlined|pulled together|compiled|summari[sz]ed|recorded|designed|jotted down|collected|gathered|listed|set out|laid out|mocked up|turned|updated|refreshed|finished|completed|added|shared|included|captured|documented|framed|scoped|gone ahead)|` +
		`i (can|could) (send|share|forward|pass)|(happy|glad) to (send|share|forward|pass)|(shall|should|can|may) i (send|share|forward|pass)|` +
		`would (it|that) help (if i|to|for me to) (sent|send|share|shared|forward|pass)|would you like (me to (send|share|forward)|the|a|my)|i('ll| will) (send|share|forward|pass)|` +
		`(is|are) (ready|attached|below|linked)|ready to (send|share|go)|i have (a|an|the|my|some) [a-z0-9 -]{0,40} ready|i('ve| have) got (a|an|the|my) `)
	// makeCue is the student making something for the reader: "I've
	// drafted a…", "I've since sketched two…", "I turned our talk into a…".
	// Making is offering, whatever the thing is called.
	makeCue = re(`((i|i've|i have|we|we've|i'd|i had)( [a-z]+)?|(i|i've|i have|we|we've)\b[^.?!]{0,60}\band( then| also)?) (completed|finished|assembled|dug out|pulled out|typed up|put down|compiled|put together|prepared|made|drafted|written( up)?|wrote( up)?|rewrote|rewritten|redrafted|reworked|revised|refreshed|updated|created|built|rebuilt|sketched( out)?|mapped( out)?|outlined|pulled together|compiled|summari[sz]ed|recorded|designed|jotted down|mocked up|worked up|scoped|costed|modelled|modeled|filmed|coded|prototyped|redesigned|drew up|drawn up|set up|laid out|written down|tested|analy[sz]ed|audited|benchmarked|reviewed|translated|illustrated|photographed|took photos of|took pictures of) (a|an|the|my|our|some|two|three|four|five|six|one|1|2|3|4|5|several|short|quick|brief|rough|simple|first|draft|one-page|1-page|two-page|this|these|it|them|up)|` +
		`(i|i've|i have|we|we've)( [a-z]+)? (put|turned|pulled|boiled|condensed|summed|written|wrote|gathered|collected) [^.?!]{0,80} (into|on|onto) (a|an|one|my|two|a single|1)|` +
		`(had|have|taken|took) a (go|stab|crack|first pass|first go) at [a-z]+ing|tried my hand at [a-z]+ing|(taken|took) the liberty of [a-z]+ing|` +
		`(it's|it is|they're|they are|it's been|it has been|all of it is|everything is) (written up|typed up|summari[sz]ed|set out|laid out|written down|on one page|on a single page|in one (file|folder|document|doc|sheet|deck))`)
	// itemNoun is something a reader can use.
	itemNoun = re(`google doc|doc|sheet|spreadsheet tab|method|approach|concepts?|options|proposal|note|notes|posts|mock-ups|summary|summaries|one-pager|one pager|1-pager|1-page|one-page|two-page|page|chart|comparison|table|plan|roadmap|outline|timeline|draft|sample|samples|portfolio|case study|case studies|story|example|examples|mock-?up|prototype|deck|slides|write-?up|report|analysis|audit|checklist|template|references|referees|reference list|demo|video|recording|spreadsheet|model|map|proposal|brief|notes|list|framework|breakdown|dashboard|memo|lesson plan|design|designs|sketch|budget|estimate|article|link|code|repo|repository|walkthrough|overview|snapshot|scorecard|calculator|guide|ideas|answers|thoughts on|workflow|tracker|results|figures|numbers|study|write up|photos|drawings|prototype|schedule|rota|menu|curriculum|syllabus|playbook|script|storyboard|wireframes?|visuals?|findings|review|quote|costing|mind map|matrix|canvas`)
	// resent is what a student sends again without adding anything.
	resent = lazy(`(résumé|resume|curriculum vitae|\bcv\b|cover[ _-]?letter|\bapplication\b|\btranscript|\bcertificates?\b|\bheadshot|contact details|my details|\bavailability)[^\s\]]*`)
	// attachedRe marks a real attachment: "[attached: plan.pdf]".
	attachedRe = lazy(`\[\s*(attached|attachment|enclosed|attachments)\s*:[^\]]*[a-z0-9][^\]]*\]`)
	linkRe     = lazy(`https?://\S+|www\.\S+|\b[a-z0-9-]+\.(com|org|net|io|dev|co|app|site|me|ai|edu|gov)/\S*`)
	// result is a quick win told with its number.
	resultVerb  = re(`came in|come in|rose|fell|went|dropped|grew|climbed|came down|cut|cutting|reduced|reducing|lowered|increased|raised|grew|boosted|saved|improved|halved|doubled|tripled|shortened|sped up|brought down|dropped|lifted|won|recovered|closed|delivered|launched|shipped|trained|onboarded|resolved|filled|recruited|placed|streamlined|automated|fixed|built|led|ran|organi[sz]ed|turned around|took|moved`)
	resultNum   = lazy(`\d+(\.\d+)?\s?(%|percent|per cent|x\b|hours?|days?|weeks?|months?|minutes?|k\b|m\b|million|thousand|people|students|patients|clients|customers|staff|shifts|tickets|orders|calls|sites|stores)|[$£€]\s?\d|\b(in half|by half|by a third|twice as|roughly halved|halved|doubled|tripled)\b|\bfrom [$£€]?\d[\d.,]*\S* to [$£€]?\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|a few) (hours?|days?|weeks?|months?|minutes?|percent|per cent)\b`)
	firstPerson = re(`i|we|my|our|i've|we've|i'd`)
	newsCue     = re(`(i|i've) (just )?(saw|seen|read|noticed|came across|spotted|heard about|followed)|congratulations on|congrats on|i was (glad|pleased|excited|interested|happy) to (see|read|hear)|(in|on) the news`)
	newsNoun    = re(`news|announcement|article|report|launch|launched|funding|round|expansion|acquisition|merger|award|press release|results|earnings|partnership|opening|post|podcast|feature|contract|grant|ranking|inspection|rating|policy|regulation|rules?|guidance|law|bill|study|survey|paper|update|changes|plans|release|win`)
)

func checkValue(dt pastedDraft) CheckPoint {
	p := CheckPoint{Name: PointValue}
	if hasValue(dt.sents) {
		p.OK = true
		p.Feedback = "You bring something useful, so the email helps instead of asking for news."
		return p
	}
	var itemSlots []string
	for _, s := range dt.slots {
		if !strings.HasPrefix(strings.ToLower(strings.TrimLeft(s, "[ ")), "add") {
			itemSlots = append(itemSlots, s) // "[add: …]" asks for words, not an item
		}
	}
	if len(itemSlots) > 0 {
		p.Feedback = "The " + strings.Join(itemSlots, " and ") + " slot is still empty, so the email asks without giving yet. " +
			"Attach or paste your item there, or pick one from your library."
		return p
	}
	p.Feedback = "Bring something they can use: a 1-page summary, a short comparison chart, a quick-win story with its result, " +
		"a work sample or a piece of news about their field. Try “" + suggestValue + "” Your library has starters."
	return p
}

// hasValue reports whether a sentence offers something: a link, an item
// that is ready (not the resume again), a quick win with its number, or a
// piece of news.
func hasValue(sents []sentence) bool {
	for i, s := range sents {
		low := slotMarker.ReplaceAllString(s.low, " ")
		if linkRe.MatchString(low) || attachedRe.MatchString(low) && !resentOnly(low) {
			return true
		}
		if loc := offerCue.FindStringIndex(low); loc != nil && !offersSlot(sents, i) {
			// The item is named just after the cue, or on the next line
			// ("Here it is:\nTitle"); an "or" starts option B, not an item.
			scope := firstWords(low[loc[0]:], 12)
			if k := strings.Index(scope, " or "); k >= 0 {
				scope = scope[:k]
			}
			if !strings.HasSuffix(low, "?") {
				// A statement may name the item before the cue: "My
				// one-page summary is ready."
				scope = low
			}
			if i+1 < len(sents) && strings.HasSuffix(low, ":") {
				scope += " " + sents[i+1].low
			}
			if itemNoun.MatchString(resent.ReplaceAllString(scope, " ")) {
				return true
			}
		}
		if makeCue.MatchString(resent.ReplaceAllString(low, " ")) && !offersSlot(sents, i) && !resentOnly(low) {
			return true
		}
		// A quick win told with its number; the "I" or "we" may be in the
		// sentence before ("We moved to… Mortality dropped from 9% to 3%").
		mine := firstPerson.MatchString(low) || i > 0 && firstPerson.MatchString(sents[i-1].low)
		if resultNum.MatchString(low) && resultVerb.MatchString(low) && mine {
			return true
		}
		if newsCue.MatchString(low) && newsNoun.MatchString(low) {
			return true
		}
	}
	return false
}

// resentOnly reports whether what a sentence makes or attaches is only
// the application sent again ("I have attached my resume again").
func resentOnly(low string) bool {
	return resent.MatchString(low) && !itemNoun.MatchString(resent.ReplaceAllString(low, " "))
}

// offersSlot reports whether sentence i offers an item that is still an
// empty slot: in the sentence itself, or on the line it introduces.
func offersSlot(sents []sentence, i int) bool {
	if slotMarker.MatchString(sents[i].low) {
		return true
	}
	if i+1 < len(sents) && strings.HasSuffix(sents[i].low, ":") {
		rest := slotMarker.ReplaceAllString(sents[i+1].low, "")
		return slotMarker.MatchString(sents[i+1].low) && strings.IndexFunc(rest, isLetter) < 0
	}
	return false
}

// firstWords is the first n words of s.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f }

// ---- Asks: what the draft asks the reader to do

// ask is one thing a draft asks of the reader.
type ask struct {
	sent    int // index of the sentence
	text    string
	closed  bool // "yes", "no" or "option B" answers it
	meeting bool // it asks for a call or a meeting
	info    bool // it asks them to report news
}

var (
	auxStart = re(`(want me to|want|fancy|wanna|like me to|shall|should|would|will|could|can|may|might|do|does|did|is|are|was|were|am|have|has|had|isn't|aren't|wouldn't|shouldn't|don't|doesn't|won't|can't|couldn't)`)
	whStart  = re(`what|when|where|why|how|who|which|whom|whose`)
	// A clause joined to a question with "and" is a second question when
	// it starts like one: "…, and could we schedule a call?"
	andQuestion    = lazy(`(?:,\s*|;\s*|\s)(?:and|also|plus|and also)\s+(?:(?:shall|should|would|will|could|can|may|do|does|did|is|are|have|has)\s+(?:i|you|we|there|it|this|that|the|someone|anyone)|(?:what|when|where|how|who|which)\s)`)
	leadClause     = lazy(`^(if|in case|since|given|as|when|once|whenever|because|so|and|but|either way|otherwise|alternatively|meanwhile|separately|also|finally|lastly|quick question|one question)\b[^,]*,\s*`)
	questionNoMark = re(`^(could|would|can|will) you|^(do|did|have|has|is|are) (you|there)`)
	// request asks without a question mark.
	requestRe = re(`^(please |kindly )?(let me know|advise|share|send me|get back to me|update me|keep me posted|keep me updated|fill me in|respond|confirm|tell me)|` +
		`i('d| would) (really )?(appreciate|be grateful|love)( it)? if you|i('d| would) (love|like) to (know|hear|learn|understand)|please (let me know|advise|share|update|confirm|respond|reply|tell)`)
	// closedOffer is an offer taken up with one word: "Reply "yes" and I'll
	// send it", "Just say the word and I'll send it over."
	closedOffer = re(`(reply|say|answer|respond|write back|send)( with)? ("|')?(yes|the word|ok|okay|go)("|')?[^.?!]{0,40}(i'll|i will|and i)|` +
		`(if|should) (you'd|you would|you) (like|want|prefer)[^.?!]{0,60}(i'll|i will|i can|i'm happy to|happy to)|` +
		`(i'm |i am )?(happy|glad) to (send|share|forward)[^.?!]{0,60} if (it|that|you)|` +
		`(a|one) (quick |simple )?("|')?(yes|no)("|')? (is|would be) (all i need|enough|plenty|fine)|` +
		`(a )?(one-word|one word|single-word|single word|quick|short|simple) (reply|answer|yes|response|"yes") (is|would be|will do)|` +
		`(if|should) (it is|it's|it would be|that's|this is|that would be|that is|you think it's|you find it|it sounds) (useful|helpful|of use|any use|good)[^.?!]{0,40}(i can|i'll|i will|happy to|i'd be glad to)|` +
		`(i can|i'll|i will|happy to|glad to) (send|share|forward|email)[^.?!]{0,40}if (it|that|this|you)`)
	// quotedReply is "reply "send" and…": a one-word answer named in quotes.
	quotedReply     = lazy(`\b(reply|respond|answer|write back|say)( with)? ["'][a-z0-9 ]{1,20}["']`)
	letMeKnowClosed = re(`let me know (if|whether)`)
	openAnything    = re(`(if|whether) (there's|there is) anything|anything else`)
	openWords       = re(`what do you think|your thoughts|how does .* (look|sound)|how do you feel|what would you (like|suggest|prefer|recommend)|what works|what suits|when works|when suits`)
	meetingRe       = re(`(a|an|quick|short|brief|\d+[- ]?min(ute)?s?|few minutes'?|time for a) (call|chat|meeting|coffee|zoom|video call|phone call|catch[- ]up|sync|conversation|meet-up|meetup)|` +
		`(can|could|shall|should|would|may|might) (we|i) (meet|talk|speak|chat|connect|hop on|jump on|schedule|set up|book|arrange|find time|catch up|sit down|get together)|` +
		`(are you|would you be|will you be|you might be) (free|available)|your availability|schedule (a|some|time)|(find|grab|book|set up|arrange) (a |some )?(time|slot|call|meeting)|` +
		`(do|would|will|could) you have (time|a few minutes|\d+ minutes|a moment|a minute|some time|half an hour)|\d+ minutes (on|over|by) (teams|zoom|the phone|phone|a call|video|meet)|on (teams|zoom|google meet|skype|webex|a video call)|(take|walk|talk) you through (it|them|this|the)|calendly|book (a |some )?time|grab (a )?coffee|(hop|jump) on a|call next week|call this week|meet next week|meet this week|meet for`)
	infoRe = re(`(what|when|how|where) (are|is|will|would|do|does|did|can|could|should|might)\b[^?]*\b(next steps?|timeline|time ?frame|process|decision|decide|deciding|status|update|progress|hear|expect|stand|stands|moving|going|looking)|` +
		`(tell|let) me know (what|when|how|where|the status|the timeline|the next|your timeline|about the)|` +
		`(could|can|would|will) you (please )?(tell|share|let me know|update|fill me in|give me|provide|confirm|clarify|explain|advise|send me|walk me through|outline)\b[^?]*\b(timeline|status|update|next steps?|process|decision|where things|when|what|how|feedback|progress|news|stage|outcome)|` +
		`any (update|updates|news|word|feedback|progress)|have you (made|reached|come to) (a|any|your|the)? ?decision|has (a|the|any) decision been|is there any (news|update|progress|word)|` +
		`where (things|we|it|the process|the role|my application) (stand|stands)|what the (hiring )?(timeline|process|next steps?)|how (you|the team|they) will decide|` +
		`when (i|we) (can|could|might|should|will) (expect|hear)|when you (expect|plan|hope|think|will) (to )?(decide|make|reach|have|finish|be in touch|get back)|what the next steps|the next steps are|heard anything|made a decision|been decided|still (being )?considered|still in the running|still under consideration`)
	courtesyRe = re(`regards|best|sincerely|cheers|warmly|thank|thanks|appreciate|look forward|looking forward|either way|no pressure|no worries|no rush|have a (great|good|lovely|nice)|hope (you|your|the|all)|best of luck|all the best|grateful|wish(ing)? you|enjoy|talk soon|speak soon|take care|cheers|in the meantime|of course|totally understand|completely understand|fully understand|i understand`)
)

// findAsks lists what the draft asks, in order.
func findAsks(sents []sentence) []ask {
	var out []ask
	for i, s := range sents {
		low := strings.TrimSpace(s.low)
		body := leadClause.ReplaceAllString(low, "")
		isQuestion := strings.HasSuffix(low, "?") || strings.HasSuffix(low, "?\"") || strings.HasSuffix(low, "?)")
		a := ask{sent: i, text: s.text, meeting: meetingRe.MatchString(low), info: infoRe.MatchString(low)}
		switch {
		case isQuestion:
			parts := splitAndQuestions(body)
			for k, part := range parts {
				q := a
				q.closed = closedQuestion(part)
				if k > 0 {
					q.meeting, q.info = meetingRe.MatchString(part), infoRe.MatchString(part)
				}
				out = append(out, q)
			}
		case closedOffer.MatchString(low) || quotedReply.MatchString(low):
			a.closed = true
			out = append(out, a)
		case questionNoMark.MatchString(body) || requestRe.MatchString(body) || requestRe.MatchString(low) && strings.Contains(low, "please"):
			a.closed = letMeKnowClosed.MatchString(low) && !openAnything.MatchString(low)
			out = append(out, a)
		}
	}
	return out
}

// splitAndQuestions cuts a question into the questions it joins with
// "and"; alternatives joined with "or" stay one question (option B).
func splitAndQuestions(q string) []string {
	var parts []string
	for {
		loc := andQuestion.FindStringIndex(q)
		if loc == nil || loc[0] == 0 {
			return append(parts, q)
		}
		parts = append(parts, q[:loc[0]])
		// Keep the joined clause from its first word after the conjunction.
		rest := strings.TrimLeft(q[loc[0]:], ",; ")
		for _, c := range []string{"and also ", "and ", "also ", "plus "} {
			if strings.HasPrefix(rest, c) {
				rest = rest[len(c):]
				break
			}
		}
		q = rest
	}
}

// closedQuestion reports whether q can be answered with "yes", "no" or a
// named option.
func closedQuestion(q string) bool {
	q = leadClause.ReplaceAllString(strings.TrimSpace(q), "")
	if openWords.MatchString(q) || openAnything.MatchString(q) && !strings.Contains(q, " or ") {
		return false
	}
	first := firstWord(q)
	hasOr := strings.Contains(q, " or ") || strings.Contains(q, "option")
	switch {
	case whStart.MatchString(first):
		return hasOr
	case startsWithAux(q):
		return true
	}
	// "If it helps, shall I…?": any clause may carry the question.
	for _, clause := range strings.Split(q, ",") {
		if startsWithAux(clause) {
			return true
		}
	}
	return hasOr
}

// startsWithAux reports whether s opens like a yes/no question ("Would…",
// "Shall I…", "Want me to…").
func startsWithAux(s string) bool {
	loc := auxStart.FindStringIndex(s)
	return loc != nil && strings.TrimLeft(s[:loc[0]], ` "'(`) == ""
}

func firstWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func isWordRune(r rune) bool {
	return r == '\'' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f
}

func checkDecision(asks []ask, opt CheckOptions) CheckPoint {
	p := CheckPoint{Name: PointDecision}
	for _, a := range asks {
		switch {
		case a.meeting:
			p.Feedback = fmt.Sprintf("“%s” asks a busy person to find time for a meeting. Offer the thing itself, so one word answers it, "+
				"e.g. “%s”", shorten(a.text, 80), suggestOffer)
			return p
		case a.info:
			p.Feedback = fmt.Sprintf("“%s” asks them to report news, which is work they put off. Offer something they can approve instead, "+
				"e.g. “%s”", shorten(a.text, 80), suggestOffer)
			return p
		}
	}
	switch {
	case len(asks) == 0:
		p.Feedback = "There is no ask yet, so it's easy to read and move on. Add one they can answer in a word, e.g. “" + suggestClose + "”"
	case len(asks) > 1:
		p.Feedback = fmt.Sprintf("You ask %d things. Keep the one that matters most, so they only have one thing to decide, "+
			"e.g. “%s”", len(asks), suggestClose)
	default:
		p.OK = true
		p.Feedback = "One clear ask. They only have one thing to decide."
	}
	_ = opt
	return p
}

func checkClose(dt pastedDraft, asks []ask) CheckPoint {
	p := CheckPoint{Name: PointClose}
	if len(dt.sents) == 0 {
		p.Feedback = "There is no text to check yet. Paste your draft, then end it with a question they can answer in a word."
		return p
	}
	if len(asks) == 0 {
		p.Feedback = "Your email ends without an ask, so it's easy to read and move on. Finish with one they can answer in a word, " +
			"e.g. “" + suggestClose + "”"
		return p
	}
	last := asks[len(asks)-1]
	for _, s := range dt.sents[last.sent+1:] {
		if !courtesyRe.MatchString(s.low) || CountWords(s.text) > 15 {
			p.Feedback = "Your ask sits in the middle, and the email ends on “" + shorten(s.text, 60) + "”. " +
				"Make the ask the last line, so the reply is the obvious next step."
			return p
		}
	}
	if !last.closed {
		p.Feedback = "Your close asks an open question, which leaves the planning to them. Offer two choices instead, " +
			"e.g. “" + suggestClose + "”"
		return p
	}
	p.OK = true
	p.Feedback = "Your last line can be answered with yes, no or option B."
	return p
}

// ---- Filler

// bannedPhrases are the filler phrases that ask the reader to do the work of
// writing back with news. Longer phrases come first so that a match of
// "just checking in" is not reported again as "checking in".
var bannedPhrases = []string{
	"following up on my previous email",
	"following up on my last email",
	"just wanted to follow up",
	"just wanted to check in",
	"just a friendly reminder",
	"just a gentle reminder",
	"as per my last email",
	"per my last email",
	"just following up",
	"just checking in",
	"wanted to check in",
	"friendly reminder",
	"gentle reminder",
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

func checkPhrases(dt pastedDraft) CheckPoint {
	p := CheckPoint{Name: PointPhrases}
	var low strings.Builder
	for _, s := range dt.sents {
		low.WriteString(s.low + " ")
	}
	var found []string
	for _, b := range bannedPhrases {
		if !containsWord(low.String(), b) {
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
		"Swap them for the thing you bring, e.g. “" + suggestValue + "”"
	return p
}

// ---- Tone

var (
	needyRe = re(`really,? really|desperate(ly)?|begging|i beg|please,? please|devastated|heartbroken|` +
		`(i am|i'm|i've been|i have been|i feel|i was) (so |really |very |quite |a bit |a little )?(anxious|nervous|worried|stressed|losing hope|losing sleep|hurt|ignored|forgotten|disappointed|frustrated|upset|confused as to why)|` +
		`my dream (job|role|company|position|employer)|i (really |truly )?need this (job|role|position|opportunity)|` +
		`(mean|means) (the world|so much|everything|a lot|a great deal) to me|` +
		`(i've|i have) been (waiting|checking|refreshing|hoping to hear)|waiting (anxiously|nervously|eagerly|patiently) (for|to)|can'?t stop thinking|haven't slept|` +
		`(sorry|apologi[sz]e|apologies) (to|for|if) (bother|pester|bug|trouble|chas|nag|disturb|being a)|hate to (bother|pester|bug|chase|nag)|` +
		`(you|nobody|no one|no-one) (still )?(never|haven't|hasn't|didn't|have not|has not|did not) (replied|responded|answered|got back|gotten back|reply|respond|answer|get back)|` +
		`still (haven't|have not|hasn't|not) (heard|received)|(haven't|have not|didn't|did not|never) (heard|hear|received|receive|got|get) (anything|a reply|a response|back|an answer)|` +
		`(common|basic) courtesy|the courtesy of (a|an) (reply|response|answer)|the least you could|at least (let me know|tell me|reply|respond)|you (promised|said you would|were supposed to)|` +
		`i would do anything|i'd do anything|give me (a|another|one more) chance|any chance at all|i'll take anything|i would take any|please don't forget|don't forget about me|please consider me|out of work|unemployed for|change everything|for my family|check my (inbox|email|phone)|every hour|i'?d take any|i would take any|any (start date|salary)|whatever you (offer|can offer)|leave me hanging|don't leave me|i turned down|i've turned down|i have turned down|i (was|am) so sure|i('ve| have)? stopped applying|put (everything|my life|my search) on hold|i'm begging|i hope i haven't|i know i'm not|i know you must be sick|(i'm|i am|i've been|i have been) still waiting`)
	ultimatumRe = re(`i need (an|your|the|a) (answer|decision|response|reply|update)|` +
		`((please|you|you to|you must|you should|can you|could you) (respond|reply|answer|decide|confirm)|get back to me|let me know|hear back|hear from you)\b[^.?!]{0,30}\bby (monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|end of|eod|cob|close of|the end|noon|\d)|` +
		`if i (don'?t|do not) hear (back )?(from you )?(by|before|within)|(i will|i'll) (assume|take (it|that|your silence) as)|or i('ll| will) (accept|take|go with|withdraw|move on)|` +
		`will you (be )?(making|make|extend|extending|offer|offering|hire|hiring) me|(are|is) (you|the team|the company) (going|planning) to (hire|offer|make)|make me an offer|` +
		`(offer|hire|hiring|decision|answer|job)\b[^.?!]*\byes or no|` +
		`(reply|respond|answer|decide|decision|hear back|get back)\b[^.?!]*\b(asap|as soon as possible|immediately|right away|urgently)|` +
		`unless (you (make|send|give|offer|reply|respond|get back)|i hear (back )?(from you )?(by|before))|withdraw from (your|the) process|(will|i'll|i will) (accept|take) (it|theirs|their offer|the other|another|that offer)[^.?!]{0,40}(unless|if you don't|if i don't|by|on)|i (must|have to) insist|i expect (a|an|your|to hear|an answer)|final (chance|notice|reminder)|last chance|i deserve|you owe me|i demand`)
)

func checkTone(dt pastedDraft) CheckPoint {
	p := CheckPoint{Name: PointTone}
	if s, ok := anySentence(dt.sents, ultimatumRe); ok {
		p.Feedback = fmt.Sprintf("“%s” puts them on the spot, and a cornered reader goes quiet. Drop the pressure and leave an easy way out, "+
			"e.g. “%s”", shorten(s.text, 80), suggestClose)
		return p
	}
	if s, ok := anySentence(dt.sents, needyRe); ok {
		p.Feedback = fmt.Sprintf("“%s” asks them to manage your feelings, and it can read as pressure. Say your interest once, calmly, "+
			"and let the thing you bring do the rest, e.g. “%s”", shorten(s.text, 80), suggestCalm)
		return p
	}
	p.OK = true
	p.Feedback = "Calm and confident: no pleading, no pressure."
	return p
}

// ---- Length

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

// ---- helpers

// containsWord reports whether phrase occurs in s between non-letters.
func containsWord(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		if !letterAt(s, start-1) && !letterAt(s, end) {
			return true
		}
		i = start + 1
	}
}

func letterAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	r := rune(s[i])
	return r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
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
