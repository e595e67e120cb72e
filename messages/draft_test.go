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

// testItems is nil, every starter and one item of each kind the student wrote,
// with a summary long enough to force the composer to drop it.
func testItems() []*followup.LibraryItem {
	items := []*followup.LibraryItem{nil}
	for _, it := range StarterItems() {
		items = append(items, &it)
	}
	long := strings.Repeat("A detail the hiring manager may find useful. ", 12)
	for _, k := range kinds {
		items = append(items,
			&followup.LibraryItem{ID: 7, Kind: k, Title: "Dashboard audit for the " + string(k) + " team", Summary: "Three fixes that cut report time by half.", Link: "https://example.com/audit"},
			&followup.LibraryItem{ID: 8, Kind: k, Title: "Churn model write-up", Summary: long},
		)
	}
	return items
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
// draft to the Test.
func TestComposeSecondFollowUpPassesTheTest(t *testing.T) {
	decision := followup.Date{Year: 2026, Month: 3, Day: 20}
	for _, d := range diagnoses {
		for _, l := range levels {
			for i, it := range testItems() {
				for mask := 0; mask < 16; mask++ {
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
						iv.InterviewerEmail = "dana@acme.example"
					}
					name := fmt.Sprintf("%s/%s/item%d/fields%04b", d, l, i, mask)
					t.Run(name, func(t *testing.T) {
						subject, body := ComposeSecondFollowUp(DraftInput{Interview: iv, Diagnosis: d, Level: l, Item: it, StudentName: "Sam Rivera"})
						r := Check(body, CheckOptions{Role: iv.Role, InterviewDate: iv.InterviewDate})
						for _, p := range r.Points {
							if !p.OK {
								t.Errorf("point %q: got not OK (%s), want OK\n%s", p.Name, p.Feedback, body)
							}
						}
						if r.Words >= MaxDraftWords {
							t.Errorf("words: got %d, want < %d", r.Words, MaxDraftWords)
						}
						if !strings.Contains(body, iv.Role) || !strings.Contains(subject, iv.Role) {
							t.Errorf("role: got subject %q and body without %q, want both to name it", subject, iv.Role)
						}
						if !strings.Contains(body, "Tuesday, March 3") {
							t.Errorf("interview date: got body without it, want %q\n%s", "Tuesday, March 3", body)
						}
						if strings.Contains(body, "PRIVATE") {
							t.Errorf("notes: got them in the body, want them kept private\n%s", body)
						}
						if !strings.Contains(body, "wait") && !strings.Contains(body, "on hold") {
							t.Errorf("way out: got none, want a graceful 'not yet'\n%s", body)
						}
						wantGreeting := "Hello,"
						if iv.InterviewerName != "" {
							wantGreeting = "Hi Dana,"
						}
						if !strings.HasPrefix(body, wantGreeting+"\n") {
							t.Errorf("greeting: got %q, want %q", strings.SplitN(body, "\n", 2)[0], wantGreeting)
						}
						if n := strings.Count(body, "?"); n != 1 {
							t.Errorf("questions: got %d, want 1", n)
						}
					})
				}
			}
		}
	}
}

func TestComposeSecondFollowUpItem(t *testing.T) {
	tests := []struct {
		name string
		item *followup.LibraryItem
		want []string
		not  []string
	}{
		{"Nil", nil, []string{"[attach: your 1-page summary for the boss]"}, nil},
		{"Starter", &StarterItems()[1], []string{"[attach: your comparison chart]"}, []string{StarterItems()[1].Summary}},
		{"Written", &followup.LibraryItem{Kind: followup.KindQuickWin, Title: "Q3 churn fix", Summary: "Cut churn 4% in six weeks.", Link: "https://ex.com/q3"},
			[]string{"Q3 churn fix: Cut churn 4% in six weeks.\nhttps://ex.com/q3", "a short story of a quick win"}, []string{"[attach"}},
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
// the words, not just the plumbing.
func TestComposeSecondFollowUpFraming(t *testing.T) {
	tests := []struct {
		name  string
		d     followup.Diagnosis
		level followup.CareerLevel
		want  string
	}{
		{"GetsThingsDone", followup.DiagnosisNotSure, followup.LevelGetsThingsDone, "groundwork myself"},
		{"ProjectStarter", followup.DiagnosisNotSure, followup.LevelProjectStarter, "hold up others on the project"},
		{"ProtectsStrategy", followup.DiagnosisNotSure, followup.LevelProtectsStrategy, "time and money"},
		{"WhoDecides", followup.DiagnosisWhoDecides, "", "you can forward as it is"},
		{"MissingInfo", followup.DiagnosisMissingInfo, "", "waiting on details"},
		{"TooBusy", followup.DiagnosisTooBusy, "", "keep this short"},
		{"NotSure", followup.DiagnosisNotSure, "", "with you, with someone else, or on hold"},
		{"NoDiagnosisAsksTheLightQuestion", followup.DiagnosisNone, "", "with you, with someone else, or on hold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, body := ComposeSecondFollowUp(DraftInput{Interview: baseInterview(), Diagnosis: tt.d, Level: tt.level})
			if !strings.Contains(body, tt.want) {
				t.Errorf("got body without %q, want it\n%s", tt.want, body)
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
			if r := Check(body, CheckOptions{}); !r.Points[4].OK {
				t.Errorf("filler phrases: got %s", r.Points[4].Feedback)
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
