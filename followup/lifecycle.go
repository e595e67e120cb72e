// The follow-up lifecycle of one interview (lifecycle.go). Every transition
// is a method on *Interview; a transition that is not allowed from the
// current stage returns an error wrapping ErrTransition and changes nothing.
//
//	logged --MarkDue--> due --MarkNudged(second)--> nudged --Diagnose--> drafted
//	                     |                                                 ^  |
//	                     +---------------------Diagnose--------------------+  +--Diagnose (again)
//
//	logged --Diagnose (draft now, early)--> logged: the diagnosis is kept and
//	    the nudge stays planned, as the reminder if the draft is not sent
//
//	logged | due | nudged | drafted --MarkSecondSent--> sent
//
//	sent --MarkNudged(closing)--> closing_due --CloseAfterClosingNote--> no_reply
//
//	any open stage --Snooze--> snoozed
//	    StageBeforeSnooze remembers where it was (snoozing again keeps it).
//	    When the snoozed nudge fires it goes on with MarkDue (before the
//	    second follow-up was sent) or MarkNudged(closing) (after); the
//	    student may also act on it directly (Diagnose, MarkSecondSent,
//	    CloseAfterClosingNote), which ends the snooze.
//
//	any open stage --CloseAs--> replied | offer | rejected | withdrawn | no_reply
//
// There is never a third chase: after the closing note the interview is
// closed, and Plan plans nothing for a closed interview.
//
// Each transition keeps the nudge plan (NextNudgeAt, NextNudgeKind) in
// step: MarkDue leaves it (that nudge is being delivered), MarkNudged,
// Diagnose and the closes clear it, MarkSecondSent and Snooze plan the next
// one with Planner.Plan.
package followup

import (
	"fmt"
	"time"
)

// Snooze choices offered with a nudge.
const (
	SnoozeOneDay    = "1d"
	SnoozeThreeDays = "3d"
	SnoozeNextWeek  = "next_week"
)

// MarkDue records that the dispatcher claimed the second-follow-up nudge:
// logged (or snoozed before the second follow-up was sent) → due.
func (iv *Interview) MarkDue() error {
	if !iv.from(StageLogged) && !iv.snoozedFrom(StageLogged, StageDue, StageNudged, StageDrafted) {
		return iv.transitionErr("mark due")
	}
	iv.moveTo(StageDue)
	return nil
}

// MarkNudged records that the student got a nudge of the given kind:
// due → nudged for the second follow-up, sent (or snoozed after it) →
// closing_due for the closing note. The delivered nudge is no longer
// planned.
func (iv *Interview) MarkNudged(kind NudgeKind) error {
	switch {
	case kind == NudgeSecondFollowUp && iv.from(StageDue):
		iv.moveTo(StageNudged)
	case kind == NudgeClosingNote && (iv.from(StageSent) || iv.snoozedFrom(StageSent, StageClosingDue)):
		iv.moveTo(StageClosingDue)
	default:
		return iv.transitionErr("mark nudged (" + string(kind) + ")")
	}
	iv.clearPlan()
	return nil
}

// Diagnose records the student's answer to the 3-way check: due, nudged or
// drafted (or snoozed from one of them) → drafted; before the due date
// (logged, or snoozed from it) it records the answer and changes nothing
// else. Answering again is
// allowed; the student may change their mind. Due is accepted because the
// DM may be in the student's hands before the dispatcher records it.
func (iv *Interview) Diagnose(d Diagnosis) error {
	switch d {
	case DiagnosisWhoDecides, DiagnosisMissingInfo, DiagnosisTooBusy, DiagnosisNotSure:
	default:
		return fmt.Errorf("diagnose interview %d: unknown diagnosis %q", iv.ID, d)
	}
	if iv.NotDueYet() {
		// Draft now, before the due date: the nudge stays planned, so a
		// draft the student does not send still gets its reminder.
		iv.Diagnosis = d
		return nil
	}
	if !iv.from(StageDue, StageNudged, StageDrafted) && !iv.snoozedFrom(StageDue, StageNudged, StageDrafted) {
		return iv.transitionErr("diagnose")
	}
	iv.moveTo(StageDrafted)
	iv.Diagnosis = d
	iv.clearPlan()
	return nil
}

// MarkSecondSent records that the student sent the second follow-up on the
// local date on (today when zero): any stage before it (or snoozed from
// one) → sent, and plans the closing-note nudge.
func (iv *Interview) MarkSecondSent(p Planner, on Date, s Settings, loc *time.Location, now time.Time) error {
	before := []Stage{StageLogged, StageDue, StageNudged, StageDrafted}
	if !iv.from(before...) && !iv.snoozedFrom(before...) {
		return iv.transitionErr("mark second follow-up sent")
	}
	if on.IsZero() {
		on = DateOf(now.In(loc))
	}
	iv.moveTo(StageSent)
	iv.SecondSentDate = &on
	if p.Days != nil {
		iv.SecondWaited = p.Days.BusinessDaysBetween(iv.FirstFollowUpDate, on, s.Calendar)
	}
	p.Plan(iv, s, loc, now)
	return nil
}

// Snooze pauses an open interview until the instant until: its next nudge
// comes at the first allowed moment at or after until, and never earlier
// than it would have come anyway. Snoozing a snoozed interview moves the
// end of the snooze and keeps the stage it will go back to.
func (iv *Interview) Snooze(until time.Time, p Planner, s Settings, loc *time.Location, now time.Time) error {
	if !iv.Open() {
		return iv.transitionErr("snooze")
	}
	if until.IsZero() {
		return fmt.Errorf("snooze interview %d: no end given", iv.ID)
	}
	if iv.Stage != StageSnoozed {
		iv.StageBeforeSnooze = iv.Stage
		iv.Stage = StageSnoozed
	}
	iv.SnoozedUntil = until
	p.Plan(iv, s, loc, now)
	return nil
}

// CloseAs closes an open interview with an outcome: replied, offer,
// rejected, withdrawn or no_reply. Nothing is planned after it.
func (iv *Interview) CloseAs(outcome Stage) error {
	if (Interview{Stage: outcome}).Open() {
		return fmt.Errorf("close interview %d as %q: not an outcome: %w", iv.ID, outcome, ErrTransition)
	}
	if !iv.Open() {
		return iv.transitionErr("close as " + string(outcome))
	}
	iv.moveTo(outcome)
	iv.clearPlan()
	return nil
}

// CloseAfterClosingNote records that the student sent the door-open closing
// note: closing_due (or snoozed from it) → no_reply, and the bot stops.
func (iv *Interview) CloseAfterClosingNote() error {
	if !iv.from(StageClosingDue) && !iv.snoozedFrom(StageClosingDue) {
		return iv.transitionErr("close after closing note")
	}
	iv.moveTo(StageNoReply)
	iv.clearPlan()
	return nil
}

// SnoozeUntil turns a snooze choice into the instant the snooze ends, at
// the student's nudge hour on their clock: SnoozeOneDay is tomorrow,
// SnoozeThreeDays three days from today, SnoozeNextWeek next Monday (a
// week on when today is Monday). Plan then moves it off weekends and
// holidays. It takes the settings for the nudge hour.
func SnoozeUntil(choice string, s Settings, loc *time.Location, now time.Time) (time.Time, error) {
	today := DateOf(now.In(loc))
	var days int
	switch choice {
	case SnoozeOneDay:
		days = 1
	case SnoozeThreeDays:
		days = 3
	case SnoozeNextWeek:
		days = int(time.Monday-today.Weekday()+7) % 7
		if days == 0 {
			days = 7
		}
	default:
		return time.Time{}, fmt.Errorf("snooze: unknown choice %q", choice)
	}
	return today.AddDays(days).In(loc, s.nudgeHour(), 0), nil
}

// from reports whether the interview is in one of the stages.
func (iv *Interview) from(stages ...Stage) bool {
	for _, st := range stages {
		if iv.Stage == st {
			return true
		}
	}
	return false
}

// snoozedFrom reports whether the interview is snoozed from one of the
// stages.
func (iv *Interview) snoozedFrom(stages ...Stage) bool {
	if iv.Stage != StageSnoozed {
		return false
	}
	for _, st := range stages {
		if iv.StageBeforeSnooze == st {
			return true
		}
	}
	return false
}

// moveTo sets the stage and ends any snooze.
func (iv *Interview) moveTo(st Stage) {
	iv.Stage = st
	iv.StageBeforeSnooze = ""
	iv.SnoozedUntil = time.Time{}
}

// clearPlan drops the planned nudge.
func (iv *Interview) clearPlan() {
	iv.NextNudgeAt, iv.NextNudgeKind = time.Time{}, ""
}

// transitionErr describes a transition that is not allowed from the
// current stage.
func (iv *Interview) transitionErr(action string) error {
	from := string(iv.Stage)
	if iv.Stage == StageSnoozed {
		from += " (from " + string(iv.StageBeforeSnooze) + ")"
	}
	return fmt.Errorf("%s: interview %d is %s: %w", action, iv.ID, from, ErrTransition)
}
