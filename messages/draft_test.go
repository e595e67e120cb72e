package messages

import (
	"fmt"
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
)

var (
	diagnoses = []followup.Diagnosis{
		followup.DiagnosisNone, followup.DiagnosisWhoDecides, followup.DiagnosisMissingInfo,
		followup.DiagnosisTooBusy, followup.DiagnosisNotSure,
	}
	levels = []followup.CareerLevel{
		"", followup.LevelGetsThingsDone, followup.LevelProjectStarter, followup.LevelProtectsStrategy,
	}
	kinds = []followup.LibraryKind{
		followup.KindBossSummary, followup.KindComparisonChart, followup.KindQuickWin, followup.KindLink,
	}
)

// testItems is nil, a starter and one item of each kind the student wrote,
// and one with a summary long enough to force the composer to drop it.
func testItems() []*followup.LibraryItem {
	starter := StarterItems()[0]
	items := []*followup.LibraryItem{nil, &starter}
	for _, k := range followup.LibraryKinds() {
		items = append(items, &followup.LibraryItem{ID: 7, Kind: k, Title: "Dashboard audit for the " + string(k) + " team",
			Summary: "Three fixes that cut report time by half.", Link: "https://example.com/audit"})
	}
	long := strings.Repeat("A detail the hiring manager may find useful. ", 12)
	return append(items, &followup.LibraryItem{ID: 8, Kind: followup.KindBossSummary, Title: "Churn model write-up", Summary: long})
}

func baseInterview() followup.Interview {
	return followup.Interview{
		ID: 42, Company: "Acme Health", Role: "Senior Data Analyst",
		InterviewDate:     followup.Date{Year: 2026, Month: 3, Day: 3},
		FirstFollowUpDate: followup.Date{Year: 2026, Month: 3, Day: 4},
	}
}

// TestComposeSecondFollowUpPassesTheTest runs the composer over every
// diagnosis, career level, library item and missing field, and holds each
// draft to the Test and to the words a coach would not let through. A
// draft with a real item passes every point; a draft with an empty slot
// passes every point but Value, whose feedback names the slot.
func TestComposeSecondFollowUpPassesTheTest(t *testing.T) {
	decision := followup.Date{Year: 2026, Month: 3, Day: 20}
	n := 0
	for _, d := range diagnoses {
		for _, l := range levels {
			for i, it := range testItems() {
				for mask := 0; mask < 32; mask++ {
					// Under -race: every field alone, none and all, for
					// every diagnosis, level and item.
					if raceEnabled && mask != 0 && mask != 31 && mask&(mask-1) != 0 {
						continue
					}
					iv := baseInterview()
					if mask&1 != 0 {
						iv.InterviewerName = "Dana Lee"
					}
					if mask&2 != 0 {
						iv.DecisionDate = &decision
					}
					if mask&4 != 0 {
						iv.Notes = "PRIVATE: she seemed rushed"
					}
					if mask&8 != 0 {
						iv.Topic = "moving the weekly reports to a live dashboard"
					}
					iv.ThankYouLogged = mask&16 != 0
					name := fmt.Sprintf("%s/%s/item%d/fields%05b", d, l, i, mask)
					subject, body := ComposeSecondFollowUp(DraftInput{Interview: iv, Diagnosis: d, Level: l, Item: it, StudentName: "Sam Rivera"})
					n++
					for _, msg := range judgeDraft(iv, it, subject, body) {
						t.Errorf("%s: %s\n%s", name, msg, body)
					}
				}
			}
		}
	}
	t.Logf("%d drafts composed and judged", n)
}

// lectures are sentences from earlier drafts that explain the recruiter's
// business to them, ask a busy person for a meeting, or ask for news in
// disguise. No draft may contain them or their like.
var lectures = []string{
	"hold up others", "costs time and money", "open seat", "key decision easy",
	"20-minute call", "a call next week", "whoever now holds the budget",
	"is the decision still with you", "kept thinking about our conversation",
	"groundwork myself", "a short \"not yet\" is completely fine",
}

// judgeDraft lists what is wrong with one composed draft.
func judgeDraft(iv followup.Interview, it *followup.LibraryItem, subject, body string) []string {
	var bad []string
	r := Check(body, CheckOptions{Role: iv.Role, InterviewDate: iv.InterviewDate})
	slotted := it == nil || !it.Usable()
	for _, p := range r.Points {
		switch {
		case p.Name == PointValue && slotted:
			if p.OK || !strings.Contains(p.Feedback, "[") {
				bad = append(bad, fmt.Sprintf("value with an empty slot: got OK=%v (%s), want not OK naming the slot", p.OK, p.Feedback))
			}
		case !p.OK:
			bad = append(bad, fmt.Sprintf("point %q: got not OK (%s), want OK", p.Name, p.Feedback))
		}
	}
	if r.Words >= MaxDraftWords {
		bad = append(bad, fmt.Sprintf("words: got %d, want < %d", r.Words, MaxDraftWords))
	}
	if !strings.Contains(body, iv.Role) || !strings.Contains(subject, iv.Role) {
		bad = append(bad, "role: want subject and body to name it")
	}
	if !strings.Contains(body, "Tuesday, March 3") {
		bad = append(bad, "interview date: got body without it")
	}
	if strings.Contains(body, "PRIVATE") {
		bad = append(bad, "notes: got them in the body, want them kept private")
	}
	if got := strings.Contains(body, "thank-you note"); got != iv.ThankYouLogged {
		bad = append(bad, fmt.Sprintf("thank-you note mentioned: got %v, want %v (logged %v)", got, iv.ThankYouLogged, iv.ThankYouLogged))
	}
	if got := strings.Contains(body, "decision around"); got != (iv.DecisionDate != nil) {
		bad = append(bad, fmt.Sprintf("decision date mentioned: got %v, want %v", got, iv.DecisionDate != nil))
	}
	if iv.Topic != "" && (!strings.Contains(body, iv.Topic) || strings.Contains(body, topicSlot)) {
		bad = append(bad, "topic: want the student's topic, not a slot")
	}
	if iv.Topic == "" && !strings.Contains(body, topicSlot) {
		bad = append(bad, "topic: want a marked slot when none was logged")
	}
	low := strings.ToLower(slotMarker.ReplaceAllString(body, ""))
	for _, l := range lectures {
		if strings.Contains(low, l) {
			bad = append(bad, fmt.Sprintf("got %q, a line a coach would cut", l))
		}
	}
	// The easy way out is said once; no word said where a coach would cut.
	for w, max := range map[string]int{"wait": 1, "not yet": 1, "later": 1, "about": 2, "ready": 1, "short": 1} {
		if c := countWord(low, w); c > max {
			bad = append(bad, fmt.Sprintf("%q: got %d times, want at most %d", w, c, max))
		}
	}
	if strings.Count(strings.SplitN(body, "\n\n", 4)[2], ": ") > 1 {
		bad = append(bad, "item line: got a chain of colons")
	}
	wantGreeting := "Hello,"
	if iv.InterviewerName != "" {
		wantGreeting = "Hi Dana,"
	}
	if !strings.HasPrefix(body, wantGreeting+"\n") {
		bad = append(bad, fmt.Sprintf("greeting: got %q, want %q", strings.SplitN(body, "\n", 2)[0], wantGreeting))
	}
	return bad
}

// countWord counts whole-word occurrences of w in s.
func countWord(s, w string) int {
	n := 0
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return n
		}
		if !letterAt(s, i+j-1) && !letterAt(s, i+j+len(w)) {
			n++
		}
		i += j + len(w)
	}
}

func TestComposeSecondFollowUpItem(t *testing.T) {
	tests := []struct {
		name string
		item *followup.LibraryItem
		want []string
		not  []string
	}{
		{"Nil", nil, []string{"[attach: your 1-page summary of how you'd tackle the first weeks]"}, nil},
		{"Starter", &StarterItems()[1], []string{"[attach: your chart comparing the options you discussed]"}, []string{StarterItems()[1].Summary}},
		{"Written", &followup.LibraryItem{Kind: followup.KindQuickWin, Title: "Q3 churn fix", Summary: "Cut churn 4% in six weeks.", Link: "https://ex.com/q3"},
			[]string{"Q3 churn fix. Cut churn 4% in six weeks.\nhttps://ex.com/q3", "a short example of a quick win"}, []string{"[attach"}},
		{"TitleWithColonIsNotChained", &followup.LibraryItem{Kind: followup.KindWorkSample, Title: "Portfolio: churn dashboard", Summary: "Live demo."},
			[]string{"Portfolio: churn dashboard. Live demo."}, []string{"dashboard: Live"}},
		{"News", &followup.LibraryItem{Kind: followup.KindCompanyNews, Title: "Acme opens a Leeds depot", Link: "https://ex.com/news"},
			[]string{"I came across some recent news that ties in with the role:\nAcme opens a Leeds depot"}, nil},
		{"LinkOnly", &followup.LibraryItem{Kind: followup.KindLink, Link: "https://ex.com/p"}, []string{"a link", "\nhttps://ex.com/p\n"}, nil},
		{"LongSummaryDropped", &followup.LibraryItem{Kind: followup.KindBossSummary, Title: "Plan", Summary: strings.Repeat("word ", 80)},
			[]string{"\nPlan\n"}, []string{"word word"}},
		{"TypedAsIs", &followup.LibraryItem{Kind: followup.KindLink, Title: "R&D <notes> *bold*", Link: "https://ex.com/?a=1&b=2"},
			[]string{"R&D <notes> *bold*", "https://ex.com/?a=1&b=2"}, []string{"&amp;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, body := ComposeSecondFollowUp(DraftInput{Interview: baseInterview(), Diagnosis: followup.DiagnosisWhoDecides, Item: tt.item})
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("got body without %q, want it\n%s", w, body)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("got body with %q, want it left out\n%s", n, body)
				}
			}
		})
	}
}

// TestComposeSecondFollowUpFraming checks that level and diagnosis change
// the words, not just the plumbing: the diagnosis what the item is for,
// the level which item comes first and how the question is framed.
func TestComposeSecondFollowUpFraming(t *testing.T) {
	tests := []struct {
		name  string
		d     followup.Diagnosis
		level followup.CareerLevel
		want  []string
	}{
		{"WhoDecidesForwardable", followup.DiagnosisWhoDecides, "", []string{"involves someone new", "1-page summary you can pass on as it is", "make the case"}},
		{"WhoDecidesProjectStarterOffersAChart", followup.DiagnosisWhoDecides, followup.LevelProjectStarter, []string{"comparison chart", "others involved in the hire"}},
		{"WhoDecidesStrategyFramesTheDecision", followup.DiagnosisWhoDecides, followup.LevelProtectsStrategy, []string{"priorities, risks and first results", "give the decision what it needs"}},
		{"MissingInfoOffersWhatTheCandidateSupplies", followup.DiagnosisMissingInfo, "", []string{"make my side complete today", "work sample", "what you need from me"}},
		{"TooBusyOneWord", followup.DiagnosisTooBusy, "", []string{`Reply "yes"`, "takes a minute to read"}},
		{"NotSureLight", followup.DiagnosisNotSure, "", []string{"In case it helps", "quick win"}},
		{"NoDiagnosisIsNotSure", followup.DiagnosisNone, "", []string{"In case it helps"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, body := ComposeSecondFollowUp(DraftInput{Interview: baseInterview(), Diagnosis: tt.d, Level: tt.level})
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("got body without %q, want it\n%s", w, body)
				}
			}
		})
	}
	t.Run("TooBusyIsShortest", func(t *testing.T) {
		_, busy := ComposeSecondFollowUp(DraftInput{Interview: baseInterview(), Diagnosis: followup.DiagnosisTooBusy})
		for _, d := range []followup.Diagnosis{followup.DiagnosisWhoDecides, followup.DiagnosisMissingInfo, followup.DiagnosisNotSure} {
			_, other := ComposeSecondFollowUp(DraftInput{Interview: baseInterview(), Diagnosis: d})
			if CountWords(busy) >= CountWords(other) {
				t.Errorf("%s: got too busy %d words, want fewer than %d", d, CountWords(busy), CountWords(other))
			}
		}
	})
	t.Run("LevelsDiffer", func(t *testing.T) {
		for _, d := range diagnoses {
			seen := map[string]followup.CareerLevel{}
			for _, l := range levels[1:] {
				_, body := ComposeSecondFollowUp(DraftInput{Interview: baseInterview(), Diagnosis: d, Level: l})
				if prev, ok := seen[body]; ok {
					t.Errorf("%s: got the same draft for %s and %s, want the level to show", d, prev, l)
				}
				seen[body] = l
			}
		}
	})
}

func TestGreeting(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Empty", "", "Hello,"},
		{"Spaces", "   ", "Hello,"},
		{"FirstName", "Dana", "Hi Dana,"},
		{"FullName", "Dana  Lee", "Hi Dana,"},
		{"Title", "Dr. Ada Okafor", "Hi Dr. Okafor,"},
		{"TitleOnly", "Prof", "Hi Prof,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := greeting(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRolePhrase(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Plain", "Data Analyst", "the Data Analyst role"},
		{"TypedWithPosition", "Data Analyst position", "the Data Analyst position"},
		{"Empty", "", "the role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rolePhrase(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestComposeClosingNote(t *testing.T) {
	for mask := 0; mask < 4; mask++ {
		iv := baseInterview()
		if mask&1 != 0 {
			iv.InterviewerName = "Dana Lee"
		}
		if mask&2 != 0 {
			iv.Company = ""
		}
		t.Run(fmt.Sprintf("fields%02b", mask), func(t *testing.T) {
			subject, body := ComposeClosingNote(DraftInput{Interview: iv, Diagnosis: followup.DiagnosisTooBusy, StudentName: "Sam"})
			if !strings.Contains(subject, iv.Role) || !strings.Contains(body, iv.Role) {
				t.Errorf("got subject %q and body %q, want both to name %q", subject, body, iv.Role)
			}
			if strings.Contains(body, "?") {
				t.Errorf("got a question, want none: no third chase\n%s", body)
			}
			if n := CountWords(body); n >= 80 {
				t.Errorf("words: got %d, want < 80", n)
			}
			if p, _ := point(Check(body, CheckOptions{}), PointPhrases); !p.OK {
				t.Errorf("filler phrases: got %s", p.Feedback)
			}
			if !strings.Contains(body, "hear from you if anything changes") {
				t.Errorf("got no open door\n%s", body)
			}
		})
	}
}

func TestStarterItems(t *testing.T) {
	items := StarterItems()
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3", len(items))
	}
	seen := map[followup.LibraryKind]bool{}
	for _, it := range items {
		t.Run(string(it.Kind), func(t *testing.T) {
			if !it.Starter {
				t.Errorf("Starter: got false, want true")
			}
			if n := len([]rune(it.Title)); n == 0 || n > MaxItemTitleLen {
				t.Errorf("title length: got %d, want 1..%d", n, MaxItemTitleLen)
			}
			if it.Summary == "" {
				t.Errorf("summary: got empty, want how to fill it in")
			}
			seen[it.Kind] = true
		})
	}
	for _, k := range []followup.LibraryKind{followup.KindBossSummary, followup.KindComparisonChart, followup.KindQuickWin} {
		if !seen[k] {
			t.Errorf("kinds: got none of %s, want one", k)
		}
	}
}
