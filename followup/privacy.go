package followup

import "time"

// StageChange is one move of an interview along its lifecycle and when it
// happened: the history a student exports.
type StageChange struct {
	Stage Stage
	At    time.Time
}

// InterviewRecord is one interview with everything that happened to it: its
// stage changes, the nudges the bot sent and the drafts it made.
type InterviewRecord struct {
	Interview Interview
	Stages    []StageChange
	Nudges    []Nudge // sent ones only: what the student actually received
	Drafts    []Draft
}

// Record is everything the bot holds about one student, as they take it
// with them (/followup export).
type Record struct {
	Student    Student
	Interviews []InterviewRecord
	Library    []LibraryItem
}

// Erased counts, by kind of record, what forgetting a student removed. The
// keys are the store's names for them ("interviews", "nudges", …).
type Erased map[string]int64

// Total is how many rows were erased in all.
func (e Erased) Total() int64 {
	var n int64
	for _, v := range e {
		n += v
	}
	return n
}

// WaitRange is a range of business days waited between the first and the
// second follow-up, a row of the reply rate by wait.
type WaitRange struct {
	Label    string // "8–9"
	Min, Max int    // inclusive; Max < 0 means no upper end
}

// Contains reports whether days falls in the range.
func (w WaitRange) Contains(days int) bool {
	return days >= w.Min && (w.Max < 0 || days <= w.Max)
}

// WaitRanges are the rows of the reply rate by business days waited,
// around the method's 7–10 days.
func WaitRanges() []WaitRange {
	return []WaitRange{
		{"under 7", 0, 6},
		{"7", 7, 7},
		{"8–9", 8, 9},
		{"10", 10, 10},
		{"over 10", 11, -1},
	}
}

// StatsDiagnoses are the answers of the 3-way check, and no answer, in
// the order the numbers show them.
func StatsDiagnoses() []Diagnosis {
	return []Diagnosis{DiagnosisWhoDecides, DiagnosisMissingInfo, DiagnosisTooBusy, DiagnosisNotSure, DiagnosisNone}
}

// Replies counts second follow-ups sent and how many got a reply
// (replied, offer or rejected, whenever that was).
type Replies struct{ Sent, Replied int }

// StudentActivity is what one student did in a period, as counts: the raw
// material of the career center's numbers. Student is an opaque key that
// only tells students apart; it is never shown. Nothing in it names the
// student, a company or a person.
type StudentActivity struct {
	Student string
	// Logged interviews, second follow-ups that fell Due, Drafts made.
	Logged, Due, Drafts int
	// Interviews that closed in the period with each outcome.
	Offers, Rejections, NoReplies int
	// Second follow-ups sent in the period: all of them, by diagnosis (in
	// the order of StatsDiagnoses) and by business days waited (in the order of
	// WaitRanges; one whose wait is unknown is in no range).
	SecondSent  Replies
	ByDiagnosis []Replies
	ByWait      []Replies
}

// Any reports whether the student did anything counted.
func (a StudentActivity) Any() bool {
	return a.Logged+a.Due+a.Drafts+a.Offers+a.Rejections+a.NoReplies+a.SecondSent.Sent > 0
}
