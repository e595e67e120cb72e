package messages

import (
	"strings"
	"unicode"
)

// The Test reads a draft the way a person does: the subject, the greeting
// and the sign-off are set aside, the rest is cut into sentences, and every
// rule looks at whole sentences and whole words. This file does the
// reading; check.go holds the rules.

// pastedDraft is a pasted draft, read.
type pastedDraft struct {
	// body is the text without a "Subject:" line: what Length counts.
	body string
	// sents are the sentences between the greeting and the sign-off.
	sents []sentence
	// slots are the unfilled "[attach: …]" markers, in order.
	slots []string
}

// sentence is one sentence of a draft.
type sentence struct {
	text string // as written, trimmed
	low  string // lower case, straight quotes, one space between words
}

var (
	// slotMarker is a place the student still has to fill, as the composer
	// writes them ("[attach: …]", "[paste: …]", "[add: …]"). A marker of a
	// real attachment ("[attached: plan.pdf]") is not a slot.
	slotMarker = lazy(`(?i)\[\s*(attach|paste|add|insert|fill in)\s*:[^\]]*\]`)
	greetingRe = lazy(`^(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|hiya)\b`)
	signOffRe  = lazy(`^(best|best regards|best wishes|kind regards|kindest regards|warm regards|warmest regards|warmly|regards|many thanks|thanks|thanks again|thanks so much|thank you|thank you again|cheers|sincerely|yours|yours sincerely|yours truly|all the best|with thanks|with gratitude|respectfully|take care|talk soon|speak soon)[,.!]?$`)
	// abbreviations end in a full stop that does not end the sentence.
	abbreviations = map[string]bool{
		"mr": true, "mrs": true, "ms": true, "mx": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
		"e.g": true, "i.e": true, "etc": true, "vs": true, "inc": true, "ltd": true, "co": true, "no": true,
		"approx": true, "dept": true, "a.m": true, "p.m": true, "u.s": true, "u.k": true, "fig": true, "ca": true,
	}
)

// readDraft reads a pasted draft.
func readDraft(text string) pastedDraft {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	body := stripSubject(text)
	lines := strings.Split(body, "\n")
	lines = dropGreeting(lines)
	lines = dropSignOff(lines)
	core := strings.Join(lines, "\n")

	dt := pastedDraft{body: body}
	dt.slots = slotMarker.FindAllString(core, -1)
	for _, u := range units(core) {
		for _, s := range splitUnit(u) {
			if strings.IndexFunc(s, unicode.IsLetter) < 0 {
				continue
			}
			dt.sents = append(dt.sents, sentence{text: s, low: normalize(s)})
		}
	}
	return dt
}

// stripSubject drops a leading "Subject:" line, which is not part of the body.
func stripSubject(text string) string {
	trimmed := strings.TrimLeft(text, " \t\n")
	first, rest, _ := strings.Cut(trimmed, "\n")
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(first)), "subject:") {
		return rest
	}
	return text
}

// dropGreeting removes a first line such as "Hi Dana," or "Dear Ms. Okafor,".
func dropGreeting(lines []string) []string {
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		low := normalize(l)
		short := CountWords(l) <= 6
		if greetingRe.MatchString(low) && short && !strings.ContainsAny(l, "?") {
			return lines[i+1:]
		}
		// "Ms. Whitaker," or "Ken," alone on the first line.
		if CountWords(l) <= 4 && strings.HasSuffix(l, ",") {
			return lines[i+1:]
		}
		return lines
	}
	return lines
}

// maxSignOffLines bounds how far from the end a sign-off is looked for, so
// that a "Thanks," in the middle of a text is not taken for one.
const maxSignOffLines = 8

// dropSignOff removes the sign-off ("Best regards," and the name and title
// under it). Without a known closing word it drops a short trailing line
// or two with no sentence end, which is how a name looks.
func dropSignOff(lines []string) []string {
	var idx []int // non-empty lines, last first
	for i := len(lines) - 1; i >= 0 && len(idx) < maxSignOffLines; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			idx = append(idx, i)
		}
	}
	for k := len(idx) - 1; k >= 0; k-- {
		// From the highest of the last lines down, the first closing word
		// starts the sign-off; a closing word on the first line of the
		// text is a greeting, not a sign-off.
		if strings.TrimSpace(strings.Join(lines[:idx[k]], "")) == "" {
			continue
		}
		l := normalize(strings.TrimSpace(lines[idx[k]]))
		if signOffRe.MatchString(l) || (strings.HasSuffix(l, ",") && CountWords(l) <= 4 && !strings.Contains(l, "?")) {
			return lines[:idx[k]]
		}
	}
	dropped := 0
	for len(lines) > 0 && dropped < 2 && len(idx) > 1 {
		l := strings.TrimSpace(lines[len(lines)-1])
		switch {
		case l == "":
		case CountWords(l) <= 4 && !strings.ContainsAny(l[len(l)-1:], ".?!:\"”") && !slotMarker.MatchString(l) && !strings.Contains(l, "://"):
			dropped++
		default:
			return lines
		}
		lines = lines[:len(lines)-1]
	}
	return lines
}

// units joins lines into runs that sentences are cut from: a blank line or
// a line that ends a sentence closes a run; a line that breaks mid-sentence
// (the next starts in lower case) is joined to the next.
func units(core string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	lines := strings.Split(core, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(l)
		next := ""
		if i+1 < len(lines) {
			next = strings.TrimSpace(lines[i+1])
		}
		wrapped := next != "" && !strings.ContainsAny(l[len(l)-1:], ".?!:") && startsLower(next)
		if !wrapped {
			flush()
		}
	}
	flush()
	return out
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

// splitUnit cuts a run of text into sentences at ".", "!" and "?" followed
// by a space, past any closing quotes, except after an abbreviation or a
// single initial.
func splitUnit(u string) []string {
	var out []string
	r := []rune(u)
	start := 0
	for i := 0; i < len(r); i++ {
		if r[i] != '.' && r[i] != '!' && r[i] != '?' {
			continue
		}
		j := i
		for j+1 < len(r) && strings.ContainsRune(".!?", r[j+1]) {
			j++
		}
		for j+1 < len(r) && strings.ContainsRune(`"'”’)]`, r[j+1]) {
			j++
		}
		if j+1 < len(r) && !unicode.IsSpace(r[j+1]) {
			i = j
			continue // "example.com/x", "3.5", "yes"/"no"
		}
		if r[i] == '.' && i == j && abbreviation(r[start:i]) {
			continue
		}
		out = append(out, strings.TrimSpace(string(r[start:j+1])))
		start = j + 1
		i = j
	}
	if rest := strings.TrimSpace(string(r[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}

// abbreviation reports whether the text before a full stop ends in an
// abbreviation ("Dr", "e.g") or a single initial ("J").
func abbreviation(before []rune) bool {
	s := strings.ToLower(string(before))
	k := strings.LastIndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '(' })
	last := s[k+1:]
	if abbreviations[last] {
		return true
	}
	rs := []rune(last)
	return len(rs) == 1 && unicode.IsLetter(rs[0])
}

// normalize lowercases, straightens quotes and collapses spaces so phrase
// matching sees what a reader sees.
func normalize(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
