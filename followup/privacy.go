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

// Activity is one interview as the career center's numbers see it: dates,
// stage and diagnosis, and an opaque key that only tells students apart.
// It holds nothing that names the student, the company or the people.
type Activity struct {
	// Student tells students apart so cells can count them; it is never
	// shown.
	Student    string
	Calendar   string // the student's holiday calendar, for business days
	LoggedAt   time.Time
	FirstSent  Date // the first follow-up (the thank-you)
	SecondDue  Date
	SecondSent Date // zero if not sent
	Diagnosis  Diagnosis
	Stage      Stage
	// ChangedAt is the last change; for a closed interview, when it closed.
	ChangedAt time.Time
}

// DraftMade is one draft the bot made, for the numbers: whose (opaque)
// and when.
type DraftMade struct {
	Student string
	At      time.Time
}
