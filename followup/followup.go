// Package followup holds the domain of Follow-up Coach: students, the
// interviews they log, the follow-up lifecycle, the business-day rules that
// decide when the second follow-up is due, and the library of helpful items.
//
// It imports no adapter: store/ knows SQL, bot/ knows Slack, messages/ knows
// words and Block Kit; all of them speak in the types defined here.
package followup

import (
	"errors"
	"time"
)

// Domain errors. Adapters wrap or translate their own errors into these so
// callers can test with errors.Is.
var (
	ErrNotFound   = errors.New("not found")
	ErrConflict   = errors.New("conflict")
	ErrForbidden  = errors.New("not yours")
	ErrTransition = errors.New("impossible transition")
	// ErrDuplicate means the submission was saved before (Slack delivered
	// it again, maybe to another instance): nothing was written this time.
	ErrDuplicate = errors.New("submission already saved")
)

// Clock is the one source of time. Production uses the wall clock (optionally
// shifted by FOLLOWUP_NOW); tests use a fake.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now returns f().
func (f ClockFunc) Now() time.Time { return f() }

// UserID identifies a student: a Slack user in a Slack team.
type UserID struct {
	Team string
	User string
}

// CareerLevel frames the draft (coaching issue).
type CareerLevel string

// Career levels, in the user's words.
const (
	LevelGetsThingsDone     CareerLevel = "gets_things_done"
	LevelProjectStarter     CareerLevel = "project_starter"
	LevelProtectsStrategy   CareerLevel = "protects_strategy"
	DefaultCareerLevel                  = LevelGetsThingsDone
	DefaultWaitBusinessDays             = 8
	MinWaitBusinessDays                 = 7
	MaxWaitBusinessDays                 = 10
	DefaultNudgeHour                    = 9
)

// Settings are a student's preferences.
type Settings struct {
	// WaitBusinessDays is how many business days after the first follow-up
	// the second one is due (7–10).
	WaitBusinessDays int
	// NudgeHour is the local hour (0–23) at which nudges go out.
	NudgeHour int
	// Calendar names the public-holiday calendar ("" for none), see Calendars.
	Calendar    string
	CareerLevel CareerLevel
	Paused      bool
	// HideFromStats keeps the student out of the career center's anonymous
	// numbers. The zero value counts them: counting is on by default.
	HideFromStats bool
}

// DefaultSettings are what a new student starts with.
func DefaultSettings() Settings {
	return Settings{
		WaitBusinessDays: DefaultWaitBusinessDays,
		NudgeHour:        DefaultNudgeHour,
		CareerLevel:      DefaultCareerLevel,
	}
}

// Student is a Slack user who uses the bot.
type Student struct {
	ID UserID
	// TZ is the IANA time zone name Slack reports for the user.
	TZ        string
	Settings  Settings
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Location returns the student's time zone, UTC when unknown.
func (s Student) Location() *time.Location {
	if s.TZ == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(s.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Stage is where an interview is in the follow-up lifecycle.
type Stage string

// Lifecycle stages. See lifecycle.go for the transitions.
const (
	StageLogged     Stage = "logged"      // waiting for the second follow-up to be due
	StageDue        Stage = "due"         // second follow-up is due; nudge being sent
	StageNudged     Stage = "nudged"      // the student got the nudge
	StageDrafted    Stage = "drafted"     // a draft was made
	StageSent       Stage = "sent"        // second follow-up sent; closing-note timer runs
	StageClosingDue Stage = "closing_due" // closing note is due / offered
	StageSnoozed    Stage = "snoozed"     // paused by the student until SnoozedUntil

	// Exits: the interview is over.
	StageReplied   Stage = "replied" // moving forward
	StageOffer     Stage = "offer"
	StageRejected  Stage = "rejected"
	StageWithdrawn Stage = "withdrawn"
	StageNoReply   Stage = "no_reply" // closed after the closing note; never chase again
)

// Diagnosis is the student's answer to the 3-way check.
type Diagnosis string

// The 3-way check.
const (
	DiagnosisNone        Diagnosis = ""
	DiagnosisWhoDecides  Diagnosis = "who_decides"
	DiagnosisMissingInfo Diagnosis = "missing_info"
	DiagnosisTooBusy     Diagnosis = "too_busy"
	DiagnosisNotSure     Diagnosis = "not_sure"
)

// Interview is one interview a student logged and its follow-up state.
type Interview struct {
	ID      int64
	Student UserID

	Company          string
	Role             string
	InterviewerName  string // optional
	InterviewerEmail string // optional
	Notes            string // optional, private: never copied into an email
	// Topic is one point from the conversation, typed to finish "our talk
	// about …"; unlike Notes it is meant for the email.
	Topic string // optional

	InterviewDate     Date
	FirstFollowUpDate Date // the thank-you note, or the interview date when none was logged
	// ThankYouLogged is false when the student logged no thank-you note: a
	// draft must then not mention one.
	ThankYouLogged bool
	DecisionDate   *Date // optional: the date the interviewer named

	Stage Stage
	// StageBeforeSnooze is the stage to return to when a snooze ends.
	StageBeforeSnooze Stage
	SnoozedUntil      time.Time
	Diagnosis         Diagnosis

	// SecondDue is the local date the second follow-up is due.
	SecondDue Date
	// SecondSentDate is when the student marked the second follow-up as sent.
	SecondSentDate *Date
	// SecondWaited is how many business days (on the student's calendar)
	// the second follow-up came after the first; MarkSecondSent sets it
	// with SecondSentDate, so the career center's numbers need no calendar.
	SecondWaited int
	// NextNudgeAt is the instant of the next planned nudge (zero if none)
	// and NextNudgeKind which one it is. The store keeps exactly one
	// pending nudge in step with these two fields.
	NextNudgeAt   time.Time
	NextNudgeKind NudgeKind

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Open reports whether the interview still needs follow-up.
func (i Interview) Open() bool {
	switch i.Stage {
	case StageReplied, StageOffer, StageRejected, StageWithdrawn, StageNoReply:
		return false
	}
	return true
}

// BeforeSecondSent reports whether the second follow-up can still be
// drafted: the interview is open and the second follow-up not sent (a
// snooze counts as the stage it paused).
func (i Interview) BeforeSecondSent() bool {
	st := i.Stage
	if st == StageSnoozed {
		st = i.StageBeforeSnooze
	}
	switch st {
	case StageLogged, StageDue, StageNudged, StageDrafted:
		return true
	}
	return false
}

// NotDueYet reports whether the second follow-up is not due yet: a
// 3-way check now is a "draft now", before the nudge.
func (i Interview) NotDueYet() bool {
	return i.Stage == StageLogged || i.Stage == StageSnoozed && i.StageBeforeSnooze == StageLogged
}

// NudgeKind says which nudge a student gets.
type NudgeKind string

// Nudge kinds.
const (
	NudgeSecondFollowUp NudgeKind = "second_follow_up"
	NudgeClosingNote    NudgeKind = "closing_note"
)

// NudgeStatus is where a nudge is in its delivery.
type NudgeStatus string

// Nudge statuses. A nudge is claimed in a transaction before it is sent and
// marked sent with the Slack ts after; a claimed nudge whose outcome is
// unknown is checked against the DM history before it is sent again.
const (
	NudgePending   NudgeStatus = "pending"
	NudgeClaimed   NudgeStatus = "claimed"
	NudgeSent      NudgeStatus = "sent"
	NudgeCancelled NudgeStatus = "cancelled"
)

// Nudge is one planned DM to a student about one interview.
type Nudge struct {
	ID          int64
	InterviewID int64
	Student     UserID
	Kind        NudgeKind
	DueAt       time.Time // the instant it may go out
	Status      NudgeStatus
	Attempts    int
	LastError   string
	ClaimedAt   time.Time
	ClaimedBy   string    // the instance that holds the claim
	LeaseUntil  time.Time // the claim holds until then unless renewed
	Channel     string    // DM channel, once known
	TS          string    // Slack ts once sent
	SentAt      time.Time
	// Unsure is set when an earlier claim's send outcome is unknown (a crash
	// or timeout after the request left): check Slack before sending again.
	Unsure bool
}

// Beat is what one heartbeat of an instance learns from the database.
type Beat struct {
	Live    int // instances seen within the live window, this one included
	Held    int // claims this instance holds (their leases renewed)
	Expired int // claims of any instance whose lease has run out
}

// LibraryKind is the kind of a helpful item.
type LibraryKind string

// Library kinds.
const (
	KindBossSummary     LibraryKind = "boss_summary"
	KindComparisonChart LibraryKind = "comparison_chart"
	KindQuickWin        LibraryKind = "quick_win"
	KindLink            LibraryKind = "link"
	KindWorkSample      LibraryKind = "work_sample"
	KindCompanyNews     LibraryKind = "company_news"
)

// LibraryKinds are every kind of helpful item, in the order a student picks
// them.
func LibraryKinds() []LibraryKind {
	return []LibraryKind{KindBossSummary, KindComparisonChart, KindQuickWin, KindWorkSample, KindCompanyNews, KindLink}
}

// LibraryItem is something a second follow-up can deliver instead of asking
// for an update.
type LibraryItem struct {
	ID      int64
	Student UserID
	Kind    LibraryKind
	Title   string
	Summary string // a short text a draft can quote
	Link    string // optional
	Starter bool   // one of the starter items the bot adds
	// Community is set on an item the career center offers to every
	// student of the team; Student is then the staff member who published it.
	Community bool
	// ForDiagnosis and ForLevel say whom a community item fits; empty
	// fits everyone.
	ForDiagnosis Diagnosis
	ForLevel     CareerLevel
	// RetiredAt is when staff retired a community item, zero while offered.
	RetiredAt time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Draft is a second follow-up (or closing note) composed for an interview.
type Draft struct {
	ID            int64
	InterviewID   int64
	Kind          NudgeKind
	Diagnosis     Diagnosis
	LibraryItemID int64 // 0 if none
	Subject       string
	Body          string
	Edited        bool // the student saved their own edits
	CreatedAt     time.Time
	UpdatedAt     time.Time
}
