package followup

import "time"

// Rules of when the bot may speak and how long it waits.
const (
	// DecisionGraceBusinessDays is how long after a named decision date the
	// second follow-up waits: advice says 1–2 business days, we take 2 so the
	// team has really had time to decide.
	DecisionGraceBusinessDays = 2
	// AllowedFrom is the first local hour at which the bot may DM a student.
	AllowedFrom = 7
	// AllowedUntil is the local hour at which the bot stops DMing for the
	// day: DMs go out in [AllowedFrom:00, AllowedUntil:00).
	AllowedUntil = 20
)

// maxSearchDays bounds the search for an allowed moment. No real calendar
// has more than a handful of days off in a row; the bound only guards
// against a loop that never ends.
const maxSearchDays = 366

// Planner decides when follow-ups are due and when the bot may DM about
// them. Everything is counted in the student's own time zone and holiday
// calendar.
type Planner struct {
	Days *BusinessDays
}

// NewPlanner returns a Planner with freshly built calendars.
func NewPlanner() Planner { return Planner{Days: NewBusinessDays()} }

// waitDays is the student's wait in business days; a value outside 7–10
// (say, a zero Settings) means the default rather than a nudge tomorrow.
func (s Settings) waitDays() int {
	if s.WaitBusinessDays < MinWaitBusinessDays || s.WaitBusinessDays > MaxWaitBusinessDays {
		return DefaultWaitBusinessDays
	}
	return s.WaitBusinessDays
}

// nudgeHour is the student's nudge hour; outside the allowed hours it
// means the default rather than a DM at night.
func (s Settings) nudgeHour() int {
	if s.NudgeHour < AllowedFrom || s.NudgeHour >= AllowedUntil {
		return DefaultNudgeHour
	}
	return s.NudgeHour
}

// SecondDue returns the local date the second follow-up is due: the
// student's wait in business days after the thank-you note or, when the
// interviewer named a decision date, DecisionGraceBusinessDays after it if
// that is later. Without a thank-you date it counts from the interview.
func (p Planner) SecondDue(iv Interview, s Settings) Date {
	from := iv.FirstFollowUpDate
	if from.IsZero() {
		from = iv.InterviewDate
	}
	due := p.Days.AddBusinessDays(from, s.waitDays(), s.Calendar)
	if d := iv.DecisionDate; d != nil && !d.IsZero() {
		if after := p.Days.AddBusinessDays(*d, DecisionGraceBusinessDays, s.Calendar); after.After(due) {
			due = after
		}
	}
	return due
}

// ClosingDue returns the local date the closing note is due: the student's
// wait in business days after the second follow-up was sent.
func (p Planner) ClosingDue(sent Date, s Settings) Date {
	return p.Days.AddBusinessDays(sent, s.waitDays(), s.Calendar)
}

// NudgeAt returns the instant to DM about something due on the local date
// due: the student's nudge hour that day (the next business day when due is
// not one). If that moment has passed (the
// bot was down, or the dates were logged late) it is the next allowed
// moment at or after now, so a nudge is late but never lost. The result is
// always an allowed moment and never before now.
func (p Planner) NudgeAt(due Date, s Settings, loc *time.Location, now time.Time) time.Time {
	if !p.Days.IsBusinessDay(due, s.Calendar) {
		// Keep the student's hour rather than the first allowed one.
		due = p.Days.AddBusinessDays(due, 1, s.Calendar)
	}
	at := due.In(loc, s.nudgeHour(), 0)
	if at.Before(now) {
		at = now
	}
	return p.NextAllowed(at, s, loc)
}

// NextAllowed returns the first allowed moment (see Allowed) at or after t.
func (p Planner) NextAllowed(t time.Time, s Settings, loc *time.Location) time.Time {
	day := DateOf(t.In(loc))
	for i := 0; i < maxSearchDays; i, day = i+1, day.AddDays(1) {
		if !p.Days.IsBusinessDay(day, s.Calendar) {
			continue
		}
		// time.Date resolves a clock time that a DST jump skips to a
		// moment after the jump, and any oddity (a zone that skipped a
		// whole day) is caught by Allowed, which sends us to the next day.
		at := day.In(loc, AllowedFrom, 0)
		if at.Before(t) {
			at = t
		}
		if p.Allowed(at, s, loc) {
			return at
		}
	}
	return t // unreachable with real calendars; see maxSearchDays
}

// Allowed reports whether the bot may DM the student at t: a business day
// in the student's calendar, between AllowedFrom:00 (included) and
// AllowedUntil:00 (excluded) on the student's clock.
func (p Planner) Allowed(t time.Time, s Settings, loc *time.Location) bool {
	local := t.In(loc)
	if h := local.Hour(); h < AllowedFrom || h >= AllowedUntil {
		return false
	}
	return p.Days.IsBusinessDay(DateOf(local), s.Calendar)
}

// Plan (re)computes iv.SecondDue and the interview's one next nudge
// (NextNudgeAt, NextNudgeKind) for its current stage, as of now:
//
//   - logged: the second-follow-up nudge, on SecondDue at the nudge hour;
//   - sent: the closing-note nudge, ClosingDue after SecondSentDate;
//   - snoozed: the nudge of the stage it was snoozed from, but not before
//     the next allowed moment at or after SnoozedUntil (and now);
//   - due: left as it is, because that nudge is being delivered right now
//     and dropping it would cancel a DM in flight;
//   - any other stage, an exit, or paused settings: no nudge (zero).
//
// Call it after logging or editing an interview and after a settings
// change; the lifecycle methods call it where a transition needs it.
func (p Planner) Plan(iv *Interview, s Settings, loc *time.Location, now time.Time) {
	if iv.Stage == StageDue {
		return
	}
	stage := iv.Stage
	if stage == StageSnoozed {
		stage = iv.StageBeforeSnooze
	}
	if stage == StageLogged || (iv.SecondDue.IsZero() && beforeSecondSent(stage)) {
		// Settings or dates may have changed since the last plan.
		iv.SecondDue = p.SecondDue(*iv, s)
	}
	iv.NextNudgeAt, iv.NextNudgeKind = time.Time{}, ""
	if !iv.Open() || s.Paused {
		return
	}

	var at time.Time
	switch stage {
	case StageLogged:
		at = p.NudgeAt(iv.SecondDue, s, loc, now)
	case StageSent:
		sent := DateOf(now.In(loc))
		if iv.SecondSentDate != nil && !iv.SecondSentDate.IsZero() {
			sent = *iv.SecondSentDate
		}
		at = p.NudgeAt(p.ClosingDue(sent, s), s, loc, now)
	}
	if iv.Stage == StageSnoozed {
		from := iv.SnoozedUntil
		if from.Before(now) {
			from = now
		}
		// A snooze means "not before": it never brings a nudge forward.
		if wake := p.NextAllowed(from, s, loc); wake.After(at) {
			at = wake
		}
	}
	if at.IsZero() {
		return
	}
	iv.NextNudgeAt, iv.NextNudgeKind = at, NudgeSecondFollowUp
	if !beforeSecondSent(stage) {
		iv.NextNudgeKind = NudgeClosingNote
	}
}

// beforeSecondSent reports whether stage comes before the second
// follow-up was sent.
func beforeSecondSent(stage Stage) bool {
	switch stage {
	case StageLogged, StageDue, StageNudged, StageDrafted:
		return true
	}
	return false
}
