package messages

import (
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
)

const goodDraft = `Subject: Data Analyst role: a quick question

Hi Dana,

Thank you again for our interview on March 3 about the Data Analyst role. I put together a 1-page summary you can forward as it is:
Reporting backlog: three fixes. https://example.com/plan

If the timing isn't right yet, a short "not yet" is fine.

Shall I send a version for your director, or is it better to wait?

Best,
Sam`

// TestCheck holds each point of the Test to good and bad texts, among them
// the drafts a review found the first Test misjudged.
func TestCheck(t *testing.T) {
	const place = "Thank you again for our interview on Tuesday about the analyst role. "
	const offer = "I put together a 1-page summary you can pass on. "
	const close = "Shall I send it over, or is it better to wait?"
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
		{"TimingWeSpoke", PointTiming, "When we spoke, you mentioned the backlog.", true, ""},
		{"TimingMissing", PointTiming, "I made a chart. Shall I send it?", false, "Thank you again for our interview"},
		{"TimingMayIsNotAMonth", PointTiming, "It may help. Shall I send it?", false, ""},
		{"TimingInterviewProcessIsNotAMoment", PointTiming, "I am excited about the interview process. Shall I send it?", false, ""},

		{"ValueAttachment", PointValue, "I attached my plan.", true, ""},
		{"ValuePutTogether", PointValue, "I put together a few notes.", true, ""},
		{"ValueLink", PointValue, "See https://ex.com/plan", true, ""},
		{"ValueTimelineISketched", PointValue, "I sketched the timeline for the first 90 days, in case it helps.", true, ""},
		{"ValueCompanyNews", PointValue, "I saw the news that Acme is opening a Leeds depot, and I've run two launches like it.", true, ""},
		{"ValueQuickWin", PointValue, "Last spring I cut invoice errors by 40% in six weeks.", true, ""},
		{"ValueItemOnNextLine", PointValue, "Here it is:\nChurn audit. Three fixes.", true, ""},
		{"ValueNothing", PointValue, "I am still interested. Is there news?", false, "1-page summary"},
		{"ValueResumeAgainIsNotValue", PointValue, "I attached my resume again.", false, ""},
		{"ValueHistoryIsNotAStory", PointValue, "My history in analytics makes me a strong fit.", false, ""},
		{"ValueEmptySlot", PointValue, "I put together a 1-page summary:\n[attach: your 1-page summary]", false, "[attach: your 1-page summary]"},
		{"ValueRealAttachmentMarker", PointValue, "I put together a 1-page summary:\n[attached: plan.pdf]", true, ""},
		{"ValueQuestionIsNotAnItem", PointValue, "Would it help to share this with the others, or is it better to hold it until the plan is settled?", false, ""},

		{"DecisionOneAsk", PointDecision, "Here is a chart. Shall I send it, or wait?", true, ""},
		{"DecisionClosedOfferWithoutQuestionMark", PointDecision, `If it would help, just reply "yes" and I'll send it over today.`, true, ""},
		{"DecisionNoAsk", PointDecision, "Here is a chart.", false, "no ask yet"},
		{"DecisionTwoAsks", PointDecision, "Does this help? Shall I send more?", false, "You ask 2 things"},
		{"DecisionThreeJoinedWithAnd", PointDecision, "Have you made a decision yet, and is there anything else you need from me, and could we schedule a call this week?", false, ""},
		{"DecisionTwoJoinedWithAnd", PointDecision, "Would the summary help, and should I copy your director?", false, "You ask 2 things"},
		{"DecisionOptionBIsOneAsk", PointDecision, "Shall I send it over, or is it better to wait until next quarter?", true, ""},
		{"DecisionNextSteps", PointDecision, "What are the next steps?", false, "report news"},
		{"DecisionTellMeTheTimeline", PointDecision, "Could you tell me what the hiring timeline looks like and how you will decide?", false, "report news"},
		{"DecisionMeeting", PointDecision, "Would a 20-minute call next week work, or is it better to wait until things calm down?", false, "meeting"},
		{"DecisionHopOnACall", PointDecision, "Can we hop on a quick call this week?", false, "meeting"},
		{"DecisionLetMeKnowWhen", PointDecision, "Please let me know when you decide.", false, "report news"},
		{"DecisionPastCallIsNotAMeetingAsk", PointDecision, "Since our call last week I made a chart. Shall I send it?", true, ""},

		{"CloseYesNo", PointClose, "Here it is.\nShall I send it over?\n\nBest regards,\nSam", true, ""},
		{"CloseOptionB", PointClose, "Which suits you, Tuesday or Thursday?", true, ""},
		{"CloseLeadingClause", PointClose, "If that helps, would you like the full version?", true, ""},
		{"CloseReplyYes", PointClose, `If it would help, just reply "yes" and I'll send it over today.`, true, ""},
		{"CloseThanksAfterAsk", PointClose, "Shall I send it over, or wait?\nThank you for your time.\n\nBest,\nSam", true, ""},
		{"CloseOpen", PointClose, "Here it is. What do you think?", false, "open question"},
		{"CloseHow", PointClose, "Here it is. How does your week look?", false, "open question"},
		{"CloseStatement", PointClose, "I look forward to hearing from you.\n\nBest,\nSam", false, "ends without an ask"},
		{"CloseAskInTheMiddle", PointClose, "Shall I send the chart? I also led a migration at my last job and learned a lot from it.", false, "middle"},
		{"CloseEmpty", PointClose, "", false, "no text"},

		{"PhrasesNone", PointPhrases, "Here is a chart.", true, ""},
		{"PhrasesJustCheckingIn", PointPhrases, "Just checking in on this.", false, "“just checking in”"},
		{"PhrasesCurlyAndCase", PointPhrases, "I’m Circling Back — any updates?", false, "“circling back” and “any updates”"},
		{"PhrasesTouchBase", PointPhrases, "Touching base about the role.", false, "“touching base”"},
		{"PhrasesPrevious", PointPhrases, "I am following up on my previous email.", false, "“following up on my previous email”"},
		{"PhrasesBump", PointPhrases, "Bumping this to the top.", false, "“bumping this”"},
		{"PhrasesInsideWord", PointPhrases, "Our many updates shipped.", true, ""},

		{"ToneCalm", PointTone, place + offer + close, true, ""},
		{"ToneNeedy", PointTone, "I really, really want this job. I attached my resume again.", false, "calmly"},
		{"ToneGuilt", PointTone, "You still haven't replied to my note.", false, ""},
		{"ToneUltimatum", PointTone, "I need your answer by Thursday. Will you be making me an offer, yes or no?", false, "easy way out"},
		{"ToneThreat", PointTone, "If I don't hear back by Friday, I'll assume you've moved on.", false, ""},
		{"ToneAnotherOfferIsAReason", PointTone, "I have another offer to answer by Friday, so I wanted to send this now.", true, ""},
		{"ToneStartImmediatelyIsAFact", PointTone, "I can start immediately.", true, ""},

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

// TestCheckSuggestionsPass holds the feedback to its promise: a line it
// suggests passes the point it is suggested for.
func TestCheckSuggestionsPass(t *testing.T) {
	const place = "Thank you again for our interview on Tuesday about the analyst role."
	tests := []struct {
		name, point, line string
	}{
		{"Close", PointClose, suggestClose},
		{"CloseAsDecision", PointDecision, suggestClose},
		{"Offer", PointDecision, suggestOffer},
		{"OfferCloses", PointClose, suggestOffer},
		{"Value", PointValue, suggestValue},
		{"Calm", PointTone, suggestCalm},
		{"Opening", PointTiming, exampleOpening(CheckOptions{Role: "Data Analyst"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := place + " " + suggestValue + "\n\n" + tt.line
			if tt.point == PointTiming || tt.point == PointValue || tt.point == PointTone {
				text = tt.line + "\n\n" + suggestClose
			}
			p, _ := point(Check(text, CheckOptions{}), tt.point)
			if !p.OK {
				t.Errorf("got %q failing %s (%s), want it to pass", tt.line, tt.point, p.Feedback)
			}
		})
	}
}

func TestCheckGoodDraft(t *testing.T) {
	r := Check(goodDraft, CheckOptions{Role: "Data Analyst"})
	if !r.Passed {
		t.Errorf("got not passed, want passed: %+v", r.Points)
	}
	if len(r.Points) != 7 {
		t.Errorf("points: got %d, want 7", len(r.Points))
	}
}

func TestCheckFeedbackUsesContext(t *testing.T) {
	r := Check("Here is a chart. Shall I send it?", CheckOptions{Role: "Data Analyst", InterviewDate: followup.Date{Year: 2026, Month: 3, Day: 3}})
	p, _ := point(r, PointTiming)
	if want := "our interview on Tuesday, March 3 for the Data Analyst role"; !strings.Contains(p.Feedback, want) {
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

// FuzzCheck holds Check to its promises on any text: no panic, seven points,
// Passed only when all are OK.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{goodDraft, "", "?", "Subject:", "\n\n\n", "just checking in?", "a\r\nb?\r\n", "\xff\xfe?", "Hi,\n\nBest,\nSam"} {
		f.Add(s, "Data Analyst")
	}
	f.Fuzz(func(t *testing.T, text, role string) {
		r := Check(text, CheckOptions{Role: role})
		if len(r.Points) != 7 {
			t.Fatalf("points: got %d, want 7", len(r.Points))
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
