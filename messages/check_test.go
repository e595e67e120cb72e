package messages

import (
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
)

const goodDraft = `Subject: Data Analyst role: a quick question

Hi Dana,

Thank you again for our interview on March 3 about the Data Analyst role. I put together a 1-page summary you can forward as it is: [attach: summary]

If the timing isn't right yet, a short "not yet" is fine.

Shall I send a version for your director, or is it better to wait?

Best,
Sam`

// TestCheck holds each point of the Test to good and bad texts.
func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		point string
		text  string
		ok    bool
		says  string // part of the feedback
	}{
		{"TimingInterview", PointTiming, "Since our interview, I made a chart.", true, ""},
		{"TimingMonthDay", PointTiming, "About March 3: here is a chart.", true, ""},
		{"TimingDayMonth", PointTiming, "About 3rd March: here is a chart.", true, ""},
		{"TimingWeekday", PointTiming, "Since Tuesday I made a chart.", true, ""},
		{"TimingPreviousNote", PointTiming, "Since my thank-you note, I made a chart.", true, ""},
		{"TimingMissing", PointTiming, "I made a chart. Shall I send it?", false, "Thank you again for our interview"},
		{"TimingMayIsNotAMonth", PointTiming, "It may help. Shall I send it?", false, ""},

		{"DecisionOneAsk", PointDecision, "Here is a chart. Shall I send it, or wait?", true, ""},
		{"DecisionNoAsk", PointDecision, "Here is a chart.", false, "no ask yet"},
		{"DecisionTwoAsks", PointDecision, "Does this help? Shall I send more?", false, "You ask 2 questions"},
		{"DecisionNextSteps", PointDecision, "What are the next steps?", false, "leaves the planning to them"},
		{"DecisionWhenCanWeTalk", PointDecision, "When can we talk?", false, "“When can we talk?”"},
		{"DecisionLetMeKnowWhen", PointDecision, "Please let me know when you decide. Is Tuesday fine?", false, "leaves the planning"},

		{"ValueAttachment", PointValue, "I attached my plan.", true, ""},
		{"ValuePutTogether", PointValue, "I put together a few notes.", true, ""},
		{"ValueLink", PointValue, "See https://ex.com/plan", true, ""},
		{"ValueNothing", PointValue, "I am still interested. Is there news?", false, "1-page summary"},

		{"CloseYesNo", PointClose, "Here it is.\nShall I send it over?\n\nBest regards,\nSam", true, ""},
		{"CloseOptionB", PointClose, "Which suits you, Tuesday or Thursday?", true, ""},
		{"CloseLeadingClause", PointClose, "If that helps, would you like the full version?", true, ""},
		{"CloseThreeWay", PointClose, "Is the decision with you, with someone else, or on hold?", true, ""},
		{"CloseOpen", PointClose, "Here it is. What do you think?", false, "open question"},
		{"CloseHow", PointClose, "Here it is. How does your week look?", false, "open question"},
		{"CloseStatement", PointClose, "Does it help? I look forward to hearing from you.\n\nBest,\nSam", false, "ends without a question"},
		{"CloseEmpty", PointClose, "", false, "no text"},

		{"PhrasesNone", PointPhrases, "Here is a chart.", true, ""},
		{"PhrasesJustCheckingIn", PointPhrases, "Just checking in on this.", false, "“just checking in”"},
		{"PhrasesCurlyAndCase", PointPhrases, "I’m Circling Back — any updates?", false, "“circling back” and “any updates”"},
		{"PhrasesTouchBase", PointPhrases, "Touching base about the role.", false, "“touching base”"},
		{"PhrasesPrevious", PointPhrases, "I am following up on my previous email.", false, "“following up on my previous email”"},
		{"PhrasesBump", PointPhrases, "Bumping this to the top.", false, "“bumping this”"},
		{"PhrasesInsideWord", PointPhrases, "Our many updates shipped.", true, ""},

		{"LengthShort", PointLength, strings.Repeat("word ", 149), true, "149 words"},
		{"LengthLong", PointLength, strings.Repeat("word ", 150), false, "150 words"},
		{"LengthSubjectNotCounted", PointLength, "Subject: " + strings.Repeat("s ", 10) + "\n" + strings.Repeat("word ", 145), true, "145 words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(tt.text, CheckOptions{})
			p, ok := point(r, tt.point)
			if !ok {
				t.Fatalf("got no point %q", tt.point)
			}
			if p.OK != tt.ok {
				t.Errorf("%s: got OK=%v (%s), want %v", tt.point, p.OK, p.Feedback, tt.ok)
			}
			if !strings.Contains(p.Feedback, tt.says) {
				t.Errorf("feedback: got %q, want it to contain %q", p.Feedback, tt.says)
			}
		})
	}
}

func TestCheckGoodDraft(t *testing.T) {
	r := Check(goodDraft, CheckOptions{Role: "Data Analyst"})
	if !r.Passed {
		t.Errorf("got not passed, want passed: %+v", r.Points)
	}
	if len(r.Points) != 6 {
		t.Errorf("points: got %d, want 6", len(r.Points))
	}
}

func TestCheckFeedbackUsesContext(t *testing.T) {
	r := Check("Here is a chart. Shall I send it?", CheckOptions{Role: "Data Analyst", InterviewDate: followup.Date{Year: 2026, Month: 3, Day: 3}})
	p, _ := point(r, PointTiming)
	if want := "our interview on Tuesday, March 3 about the Data Analyst role"; !strings.Contains(p.Feedback, want) {
		t.Errorf("got %q, want it to contain %q", p.Feedback, want)
	}
}

func point(r CheckResult, name string) (CheckPoint, bool) {
	for _, p := range r.Points {
		if p.Name == name {
			return p, true
		}
	}
	return CheckPoint{}, false
}

// FuzzCheck holds Check to its promises on any text: no panic, six points,
// Passed only when all are OK.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{goodDraft, "", "?", "Subject:", "\n\n\n", "just checking in?", "a\r\nb?\r\n", "\xff\xfe?", "Hi,\n\nBest,\nSam"} {
		f.Add(s, "Data Analyst")
	}
	f.Fuzz(func(t *testing.T, text, role string) {
		r := Check(text, CheckOptions{Role: role})
		if len(r.Points) != 6 {
			t.Fatalf("points: got %d, want 6", len(r.Points))
		}
		all := true
		for _, p := range r.Points {
			all = all && p.OK
			if p.Name == "" || p.Feedback == "" {
				t.Errorf("point: got %+v, want a name and feedback", p)
			}
		}
		if r.Passed != all {
			t.Errorf("Passed: got %v, want %v", r.Passed, all)
		}
		if r.Words < 0 {
			t.Errorf("Words: got %d, want >= 0", r.Words)
		}
	})
}
