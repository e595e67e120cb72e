package followup

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// transition is one lifecycle method applied with fixed arguments.
type transition struct {
	name string
	do   func(iv *Interview, p Planner, s Settings, loc *time.Location, now time.Time) error
}

var transitions = []transition{
	{"MarkDue", func(iv *Interview, _ Planner, _ Settings, _ *time.Location, _ time.Time) error { return iv.MarkDue() }},
	{"MarkNudgedSecond", func(iv *Interview, _ Planner, _ Settings, _ *time.Location, _ time.Time) error {
		return iv.MarkNudged(NudgeSecondFollowUp)
	}},
	{"MarkNudgedClosing", func(iv *Interview, _ Planner, _ Settings, _ *time.Location, _ time.Time) error {
		return iv.MarkNudged(NudgeClosingNote)
	}},
	{"Diagnose", func(iv *Interview, _ Planner, _ Settings, _ *time.Location, _ time.Time) error {
		return iv.Diagnose(DiagnosisTooBusy)
	}},
	{"MarkSecondSent", func(iv *Interview, p Planner, s Settings, loc *time.Location, now time.Time) error {
		return iv.MarkSecondSent(p, DateOf(now.In(loc)), s, loc, now)
	}},
	{"Snooze", func(iv *Interview, p Planner, s Settings, loc *time.Location, now time.Time) error {
		return iv.Snooze(now.Add(72*time.Hour), p, s, loc, now)
	}},
	{"CloseAsReplied", func(iv *Interview, _ Planner, _ Settings, _ *time.Location, _ time.Time) error {
		return iv.CloseAs(StageReplied)
	}},
	{"CloseAsNoReply", func(iv *Interview, _ Planner, _ Settings, _ *time.Location, _ time.Time) error {
		return iv.CloseAs(StageNoReply)
	}},
	{"CloseAfterClosingNote", func(iv *Interview, _ Planner, _ Settings, _ *time.Location, _ time.Time) error {
		return iv.CloseAfterClosingNote()
	}},
}

// from names a starting point: a stage, or "snoozed/<stage before>".
func fromKey(iv Interview) string {
	if iv.Stage == StageSnoozed {
		return "snoozed/" + string(iv.StageBeforeSnooze)
	}
	return string(iv.Stage)
}

// allowedMoves is the whole lifecycle: (from, method) → stage. Every pair
// not listed must fail with ErrTransition and change nothing.
var allowedMoves = map[[2]string]Stage{
	{"logged", "MarkDue"}:          StageDue,
	{"snoozed/logged", "MarkDue"}:  StageDue,
	{"snoozed/due", "MarkDue"}:     StageDue,
	{"snoozed/nudged", "MarkDue"}:  StageDue,
	{"snoozed/drafted", "MarkDue"}: StageDue,

	{"due", "MarkNudgedSecond"}: StageNudged,

	{"sent", "MarkNudgedClosing"}:                StageClosingDue,
	{"snoozed/sent", "MarkNudgedClosing"}:        StageClosingDue,
	{"snoozed/closing_due", "MarkNudgedClosing"}: StageClosingDue,

	{"logged", "Diagnose"}:          StageLogged,
	{"snoozed/logged", "Diagnose"}:  StageSnoozed,
	{"due", "Diagnose"}:             StageDrafted,
	{"nudged", "Diagnose"}:          StageDrafted,
	{"drafted", "Diagnose"}:         StageDrafted,
	{"snoozed/due", "Diagnose"}:     StageDrafted,
	{"snoozed/nudged", "Diagnose"}:  StageDrafted,
	{"snoozed/drafted", "Diagnose"}: StageDrafted,

	{"logged", "MarkSecondSent"}:          StageSent,
	{"due", "MarkSecondSent"}:             StageSent,
	{"nudged", "MarkSecondSent"}:          StageSent,
	{"drafted", "MarkSecondSent"}:         StageSent,
	{"snoozed/logged", "MarkSecondSent"}:  StageSent,
	{"snoozed/due", "MarkSecondSent"}:     StageSent,
	{"snoozed/nudged", "MarkSecondSent"}:  StageSent,
	{"snoozed/drafted", "MarkSecondSent"}: StageSent,

	{"closing_due", "CloseAfterClosingNote"}:         StageNoReply,
	{"snoozed/closing_due", "CloseAfterClosingNote"}: StageNoReply,
}

func init() {
	// Snooze and CloseAs work from every open stage.
	for _, from := range openFromKeys {
		allowedMoves[[2]string{from, "Snooze"}] = StageSnoozed
		allowedMoves[[2]string{from, "CloseAsReplied"}] = StageReplied
		allowedMoves[[2]string{from, "CloseAsNoReply"}] = StageNoReply
	}
}

var openFromKeys = []string{
	"logged", "due", "nudged", "drafted", "sent", "closing_due",
	"snoozed/logged", "snoozed/due", "snoozed/nudged", "snoozed/drafted", "snoozed/sent", "snoozed/closing_due",
}

var closedFromKeys = []string{"replied", "offer", "rejected", "withdrawn", "no_reply"}

// fixture returns an interview at a starting point with every field a
// transition might touch already set, so a failed one can be seen to
// change nothing.
func fixture(t *testing.T, from string) Interview {
	sent := mustDate(t, "2025-03-13")
	decision := mustDate(t, "2025-03-07")
	iv := Interview{
		ID: 42, Student: UserID{Team: "T1", User: "U1"},
		Company: "Acme", Role: "Analyst",
		InterviewDate: mustDate(t, "2025-02-27"), FirstFollowUpDate: mustDate(t, "2025-02-28"),
		DecisionDate: &decision,
		Stage:        Stage(from),
		Diagnosis:    DiagnosisWhoDecides,
		SecondDue:    mustDate(t, "2025-03-12"),
		NextNudgeAt:  time.Date(2025, 3, 12, 13, 0, 0, 0, time.UTC), NextNudgeKind: NudgeSecondFollowUp,
	}
	if before, ok := strings.CutPrefix(from, "snoozed/"); ok {
		iv.Stage, iv.StageBeforeSnooze = StageSnoozed, Stage(before)
		iv.SnoozedUntil = time.Date(2025, 3, 20, 13, 0, 0, 0, time.UTC)
	}
	if st := iv.Stage; st == StageSent || st == StageClosingDue || !beforeSecondSent(iv.StageBeforeSnooze) && st == StageSnoozed {
		iv.SecondSentDate = &sent
		iv.NextNudgeKind = NudgeClosingNote
	}
	return iv
}

func TestTransitions(t *testing.T) {
	p := NewPlanner()
	loc := mustLoc(t, "Europe/London")
	s := settings("gb", 8, 9)
	now := localTime(t, loc, "2025-03-14 16:00") // a Friday

	for _, from := range append(append([]string{}, openFromKeys...), closedFromKeys...) {
		for _, tr := range transitions {
			t.Run(strings.ReplaceAll(from, "/", "_")+"_"+tr.name, func(t *testing.T) {
				iv := fixture(t, from)
				before := fixture(t, from)
				err := tr.do(&iv, p, s, loc, now)

				want, ok := allowedMoves[[2]string{from, tr.name}]
				if !ok {
					if !errors.Is(err, ErrTransition) {
						t.Fatalf("got error %v, want ErrTransition", err)
					}
					if !reflect.DeepEqual(iv, before) {
						t.Errorf("got %+v after a failed transition, want it unchanged: %+v", iv, before)
					}
					return
				}
				if err != nil {
					t.Fatalf("got error %v, want stage %s", err, want)
				}
				if iv.Stage != want {
					t.Errorf("got stage %s, want %s", iv.Stage, want)
				}
				checkSnoozeFields(t, iv, before)
				checkPlanAfter(t, tr.name, iv, before, p, s, loc, now)
			})
		}
	}
}

func checkSnoozeFields(t *testing.T, iv, before Interview) {
	t.Helper()
	if iv.Stage != StageSnoozed {
		if iv.StageBeforeSnooze != "" || !iv.SnoozedUntil.IsZero() {
			t.Errorf("got StageBeforeSnooze %q, SnoozedUntil %v, want both cleared", iv.StageBeforeSnooze, iv.SnoozedUntil)
		}
		return
	}
	wantBefore := before.Stage
	if before.Stage == StageSnoozed {
		wantBefore = before.StageBeforeSnooze
	}
	if iv.StageBeforeSnooze != wantBefore {
		t.Errorf("got StageBeforeSnooze %q, want %q", iv.StageBeforeSnooze, wantBefore)
	}
}

// checkPlanAfter checks the nudge plan each transition leaves behind.
func checkPlanAfter(t *testing.T, method string, iv, before Interview, p Planner, s Settings, loc *time.Location, now time.Time) {
	t.Helper()
	early := method == "Diagnose" && (before.Stage == StageLogged || before.StageBeforeSnooze == StageLogged)
	switch {
	case early:
		// Draft now: the nudge stays planned as the reminder.
		if !iv.NextNudgeAt.Equal(before.NextNudgeAt) || iv.NextNudgeKind != before.NextNudgeKind || iv.SnoozedUntil != before.SnoozedUntil {
			t.Errorf("got plan %v %q, want the planned nudge kept: %v %q",
				iv.NextNudgeAt, iv.NextNudgeKind, before.NextNudgeAt, before.NextNudgeKind)
		}
	case method == "MarkDue":
		if !iv.NextNudgeAt.Equal(before.NextNudgeAt) || iv.NextNudgeKind != before.NextNudgeKind {
			t.Errorf("got plan %v %q, want the claimed nudge kept: %v %q",
				iv.NextNudgeAt, iv.NextNudgeKind, before.NextNudgeAt, before.NextNudgeKind)
		}
	case method == "MarkSecondSent":
		want := p.NudgeAt(p.ClosingDue(DateOf(now.In(loc)), s), s, loc, now)
		if iv.NextNudgeKind != NudgeClosingNote || !iv.NextNudgeAt.Equal(want) {
			t.Errorf("got plan %v %q, want %v %q", iv.NextNudgeAt, iv.NextNudgeKind, want, NudgeClosingNote)
		}
		if iv.SecondSentDate == nil || *iv.SecondSentDate != DateOf(now.In(loc)) {
			t.Errorf("got SecondSentDate %v, want %s", iv.SecondSentDate, DateOf(now.In(loc)))
		}
	case method == "Snooze":
		wantKind := NudgeSecondFollowUp
		if !beforeSecondSent(iv.StageBeforeSnooze) {
			wantKind = NudgeClosingNote
		}
		if iv.NextNudgeKind != wantKind {
			t.Errorf("got kind %q, want %q", iv.NextNudgeKind, wantKind)
		}
		if iv.NextNudgeAt.Before(iv.SnoozedUntil) || !p.Allowed(iv.NextNudgeAt, s, loc) {
			t.Errorf("got nudge at %v, want an allowed moment at or after %v", iv.NextNudgeAt, iv.SnoozedUntil)
		}
	default:
		if !iv.NextNudgeAt.IsZero() || iv.NextNudgeKind != "" {
			t.Errorf("got plan %v %q, want none", iv.NextNudgeAt, iv.NextNudgeKind)
		}
	}
}

func TestTransitionBadInput(t *testing.T) {
	p := NewPlanner()
	tests := []struct {
		name           string
		from           string
		do             func(iv *Interview) error
		wantTransition bool
	}{
		{"DiagnoseUnknown", "nudged", func(iv *Interview) error { return iv.Diagnose("maybe") }, false},
		{"DiagnoseNone", "nudged", func(iv *Interview) error { return iv.Diagnose(DiagnosisNone) }, false},
		{"CloseAsOpenStage", "nudged", func(iv *Interview) error { return iv.CloseAs(StageSent) }, true},
		{"CloseAsSnoozed", "nudged", func(iv *Interview) error { return iv.CloseAs(StageSnoozed) }, true},
		{"MarkNudgedUnknownKind", "due", func(iv *Interview) error { return iv.MarkNudged("third_chase") }, true},
		{"SnoozeWithoutEnd", "nudged", func(iv *Interview) error {
			return iv.Snooze(time.Time{}, p, DefaultSettings(), time.UTC, time.Now())
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv, before := fixture(t, tt.from), fixture(t, tt.from)
			err := tt.do(&iv)
			if err == nil {
				t.Fatal("got no error, want one")
			}
			if got := errors.Is(err, ErrTransition); got != tt.wantTransition {
				t.Errorf("got errors.Is(ErrTransition) %v, want %v (%v)", got, tt.wantTransition, err)
			}
			if !reflect.DeepEqual(iv, before) {
				t.Errorf("got %+v, want it unchanged", iv)
			}
		})
	}
}

func TestPlan(t *testing.T) {
	p := NewPlanner()
	loc := mustLoc(t, "America/New_York")
	now := localTime(t, loc, "2025-03-04 10:00")
	paused := DefaultSettings()
	paused.Paused = true
	sent := mustDate(t, "2025-03-13")

	base := func() Interview {
		return Interview{
			InterviewDate:     mustDate(t, "2025-02-28"),
			FirstFollowUpDate: mustDate(t, "2025-03-03"),
			Stage:             StageLogged,
		}
	}
	tests := []struct {
		name     string
		change   func(*Interview)
		s        Settings
		wantKind NudgeKind
		want     string // local time, "" for no nudge
		wantDue  string // after the second follow-up is sent, Plan leaves SecondDue alone
	}{
		{"Logged", func(*Interview) {}, DefaultSettings(), NudgeSecondFollowUp, "2025-03-13 09:00", "2025-03-13"},
		{"LoggedDecisionDateLater", func(iv *Interview) { iv.DecisionDate = datePtr(t, "2025-03-14") },
			DefaultSettings(), NudgeSecondFollowUp, "2025-03-18 09:00", "2025-03-18"},
		{"LoggedOwnHour", func(*Interview) {}, settings("", 8, 14), NudgeSecondFollowUp, "2025-03-13 14:00", "2025-03-13"},
		{"LoggedLate", func(iv *Interview) {
			iv.FirstFollowUpDate = mustDate(t, "2025-02-03")
		}, DefaultSettings(), NudgeSecondFollowUp, "2025-03-04 10:00", "2025-02-13"},
		{"LoggedRecomputesStaleDue", func(iv *Interview) { iv.SecondDue = mustDate(t, "2030-01-01") },
			DefaultSettings(), NudgeSecondFollowUp, "2025-03-13 09:00", "2025-03-13"},
		{"Paused", func(*Interview) {}, paused, "", "", "2025-03-13"},
		{"Sent", func(iv *Interview) { iv.Stage, iv.SecondSentDate = StageSent, &sent },
			DefaultSettings(), NudgeClosingNote, "2025-03-25 09:00", ""},
		{"SentPaused", func(iv *Interview) { iv.Stage, iv.SecondSentDate = StageSent, &sent }, paused, "", "", ""},
		{"Nudged", func(iv *Interview) { iv.Stage = StageNudged }, DefaultSettings(), "", "", "2025-03-13"},
		{"Drafted", func(iv *Interview) { iv.Stage = StageDrafted }, DefaultSettings(), "", "", "2025-03-13"},
		{"ClosingDue", func(iv *Interview) { iv.Stage = StageClosingDue }, DefaultSettings(), "", "", ""},
		{"DueKeepsClaimedNudge", func(iv *Interview) {
			iv.Stage, iv.SecondDue = StageDue, mustDate(t, "2025-03-04")
			iv.NextNudgeAt, iv.NextNudgeKind = localTime(t, loc, "2025-03-04 09:00"), NudgeSecondFollowUp
		}, paused, NudgeSecondFollowUp, "2025-03-04 09:00", "2025-03-04"},
		{"SnoozedEndsAfterDue", func(iv *Interview) {
			iv.Stage, iv.StageBeforeSnooze = StageSnoozed, StageNudged
			iv.SnoozedUntil = localTime(t, loc, "2025-03-15 09:00") // a Saturday
		}, DefaultSettings(), NudgeSecondFollowUp, "2025-03-17 07:00", "2025-03-13"},
		{"SnoozedNeverBringsForward", func(iv *Interview) {
			iv.Stage, iv.StageBeforeSnooze = StageSnoozed, StageLogged
			iv.SnoozedUntil = localTime(t, loc, "2025-03-05 09:00")
		}, DefaultSettings(), NudgeSecondFollowUp, "2025-03-13 09:00", "2025-03-13"},
		{"SnoozedFromSent", func(iv *Interview) {
			iv.Stage, iv.StageBeforeSnooze, iv.SecondSentDate = StageSnoozed, StageSent, &sent
			iv.SnoozedUntil = localTime(t, loc, "2025-03-31 09:00")
		}, DefaultSettings(), NudgeClosingNote, "2025-03-31 09:00", ""},
		{"SnoozedFromClosingDue", func(iv *Interview) {
			iv.Stage, iv.StageBeforeSnooze, iv.SecondSentDate = StageSnoozed, StageClosingDue, &sent
			iv.SnoozedUntil = localTime(t, loc, "2025-03-31 21:00")
		}, DefaultSettings(), NudgeClosingNote, "2025-04-01 07:00", ""},
		{"SnoozeEndedWhileBotDown", func(iv *Interview) {
			iv.Stage, iv.StageBeforeSnooze = StageSnoozed, StageDrafted
			iv.SnoozedUntil = localTime(t, loc, "2025-03-01 09:00")
		}, DefaultSettings(), NudgeSecondFollowUp, "2025-03-04 10:00", "2025-03-13"},
		{"SnoozedPaused", func(iv *Interview) {
			iv.Stage, iv.StageBeforeSnooze = StageSnoozed, StageNudged
			iv.SnoozedUntil = localTime(t, loc, "2025-03-15 09:00")
		}, paused, "", "", "2025-03-13"},
		{"Replied", func(iv *Interview) { iv.Stage = StageReplied }, DefaultSettings(), "", "", ""},
		{"NoReplyNeverAThirdChase", func(iv *Interview) { iv.Stage, iv.SecondSentDate = StageNoReply, &sent },
			DefaultSettings(), "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv := base()
			iv.NextNudgeAt, iv.NextNudgeKind = localTime(t, loc, "2000-01-01 00:00"), NudgeClosingNote // stale
			tt.change(&iv)
			p.Plan(&iv, tt.s, loc, now)
			got := ""
			if !iv.NextNudgeAt.IsZero() {
				got = iv.NextNudgeAt.In(loc).Format("2006-01-02 15:04")
			}
			if got != tt.want || iv.NextNudgeKind != tt.wantKind {
				t.Errorf("got nudge %q %q, want %q %q", got, iv.NextNudgeKind, tt.want, tt.wantKind)
			}
			if iv.SecondDue.String() != tt.wantDue {
				t.Errorf("got SecondDue %s, want %s", iv.SecondDue, tt.wantDue)
			}
		})
	}
}

func TestSnoozeUntil(t *testing.T) {
	loc := mustLoc(t, "Asia/Kolkata")
	tests := []struct {
		name    string
		choice  string
		now     string
		s       Settings
		want    string
		wantErr bool
	}{
		{"OneDay", SnoozeOneDay, "2025-03-12 15:00", DefaultSettings(), "2025-03-13 09:00", false},
		{"OneDayOwnHour", SnoozeOneDay, "2025-03-12 15:00", settings("", 8, 17), "2025-03-13 17:00", false},
		{"ThreeDays", SnoozeThreeDays, "2025-03-12 15:00", DefaultSettings(), "2025-03-15 09:00", false},
		{"NextWeekFromWednesday", SnoozeNextWeek, "2025-03-12 15:00", DefaultSettings(), "2025-03-17 09:00", false},
		{"NextWeekFromSunday", SnoozeNextWeek, "2025-03-16 15:00", DefaultSettings(), "2025-03-17 09:00", false},
		{"NextWeekFromMonday", SnoozeNextWeek, "2025-03-17 08:00", DefaultSettings(), "2025-03-24 09:00", false},
		{"YearEnd", SnoozeOneDay, "2025-12-31 23:30", DefaultSettings(), "2026-01-01 09:00", false},
		{"Unknown", "forever", "2025-03-12 15:00", DefaultSettings(), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SnoozeUntil(tt.choice, tt.s, loc, localTime(t, loc, tt.now))
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if g := got.In(loc).Format("2006-01-02 15:04"); g != tt.want {
				t.Errorf("got %s, want %s", g, tt.want)
			}
		})
	}
	t.Run("StudentDateNotUTC", func(t *testing.T) {
		// 20:00 UTC on the 12th is already the 13th in Kiritimati.
		kiri := mustLoc(t, "Pacific/Kiritimati")
		got, err := SnoozeUntil(SnoozeOneDay, DefaultSettings(), kiri, time.Date(2025, 3, 12, 20, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		if g := got.In(kiri).Format("2006-01-02 15:04"); g != "2025-03-14 09:00" {
			t.Errorf("got %s, want 2025-03-14 09:00", g)
		}
	})
}

// TestHappyPath walks one interview through the whole lifecycle as the bot
// would, and checks the bot never chases a third time.
func TestHappyPath(t *testing.T) {
	p := NewPlanner()
	loc := mustLoc(t, "Europe/London")
	s := settings("gb", 8, 9)
	iv := Interview{
		InterviewDate: mustDate(t, "2025-04-10"), FirstFollowUpDate: mustDate(t, "2025-04-11"),
		Stage: StageLogged,
	}
	p.Plan(&iv, s, loc, localTime(t, loc, "2025-04-11 18:00"))
	// Easter: Good Friday 18 Apr and Easter Monday 21 Apr; early May 5 May.
	if g := iv.NextNudgeAt.In(loc).Format("2006-01-02 15:04"); g != "2025-04-25 09:00" || iv.NextNudgeKind != NudgeSecondFollowUp {
		t.Fatalf("got first plan %s %q, want 2025-04-25 09:00 second_follow_up", g, iv.NextNudgeKind)
	}
	steps := []struct {
		name string
		do   func() error
		want Stage
	}{
		{"MarkDue", iv.MarkDue, StageDue},
		{"MarkNudged", func() error { return iv.MarkNudged(NudgeSecondFollowUp) }, StageNudged},
		{"Diagnose", func() error { return iv.Diagnose(DiagnosisMissingInfo) }, StageDrafted},
		{"DiagnoseAgain", func() error { return iv.Diagnose(DiagnosisWhoDecides) }, StageDrafted},
		{"Snooze", func() error {
			return iv.Snooze(localTime(t, loc, "2025-04-28 09:00"), p, s, loc, localTime(t, loc, "2025-04-25 10:00"))
		}, StageSnoozed},
		{"MarkSecondSent", func() error {
			return iv.MarkSecondSent(p, mustDate(t, "2025-04-28"), s, loc, localTime(t, loc, "2025-04-28 11:00"))
		}, StageSent},
		{"MarkNudgedClosing", func() error { return iv.MarkNudged(NudgeClosingNote) }, StageClosingDue},
		{"CloseAfterClosingNote", iv.CloseAfterClosingNote, StageNoReply},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: got error %v, want none", st.name, err)
		}
		if iv.Stage != st.want {
			t.Fatalf("%s: got stage %s, want %s", st.name, iv.Stage, st.want)
		}
		if st.name == "MarkSecondSent" {
			// 8 business days after Mon 28 Apr, skipping Mon 5 May.
			if g := iv.NextNudgeAt.In(loc).Format("2006-01-02 15:04"); g != "2025-05-09 09:00" || iv.NextNudgeKind != NudgeClosingNote {
				t.Fatalf("got closing plan %s %q, want 2025-05-09 09:00 closing_note", g, iv.NextNudgeKind)
			}
		}
	}
	if iv.Diagnosis != DiagnosisWhoDecides {
		t.Errorf("got diagnosis %q, want the latest answer %q", iv.Diagnosis, DiagnosisWhoDecides)
	}
	p.Plan(&iv, s, loc, localTime(t, loc, "2025-06-01 12:00"))
	if !iv.NextNudgeAt.IsZero() {
		t.Errorf("got a nudge at %v after the closing note, want never a third chase", iv.NextNudgeAt)
	}
	for _, tr := range transitions {
		if tr.name == "CloseAsReplied" || tr.name == "CloseAsNoReply" {
			continue
		}
		if err := tr.do(&iv, p, s, loc, time.Now()); !errors.Is(err, ErrTransition) {
			t.Errorf("%s after close: got %v, want ErrTransition", tr.name, err)
		}
	}
}

// TestMarkSecondSentRecordsTheWait: the business days between the two
// follow-ups are kept for the career center's numbers. Worked out on a
// 2026 calendar: Wed 25 Feb to Mon 9 Mar is 8 business days, with the US
// calendar too (no holiday between); to Tue 26 May it is 64 weekdays
// (2 in Feb, 22 in Mar, 22 in Apr, 18 in May), and one less on the US
// calendar for Memorial Day (Mon 25 May).
func TestMarkSecondSentRecordsTheWait(t *testing.T) {
	p := NewPlanner()
	first, _ := ParseDate("2026-02-25")
	for _, tc := range []struct {
		name, on, calendar string
		want               int
	}{
		{"EightDays", "2026-03-09", "", 8},
		{"EightDaysUS", "2026-03-09", "us", 8},
		{"OverMemorialDay", "2026-05-26", "", 64},
		{"OverMemorialDayUS", "2026-05-26", "us", 63},
	} {
		t.Run(tc.name, func(t *testing.T) {
			on, _ := ParseDate(tc.on)
			iv := Interview{Stage: StageNudged, FirstFollowUpDate: first}
			s := DefaultSettings()
			s.Calendar = tc.calendar
			if err := iv.MarkSecondSent(p, on, s, time.UTC, on.In(time.UTC, 12, 0)); err != nil {
				t.Fatal(err)
			}
			if iv.SecondWaited != tc.want {
				t.Errorf("got %d business days, want %d", iv.SecondWaited, tc.want)
			}
		})
	}
}

// TestBeforeSecondSentAndNotDueYet holds the two questions Draft now asks
// of an interview to every stage, snoozed ones included.
func TestBeforeSecondSentAndNotDueYet(t *testing.T) {
	tests := []struct {
		from           string
		before, notDue bool
	}{
		{"logged", true, true}, {"snoozed/logged", true, true},
		{"due", true, false}, {"nudged", true, false}, {"drafted", true, false},
		{"snoozed/due", true, false}, {"snoozed/drafted", true, false},
		{"sent", false, false}, {"closing_due", false, false}, {"snoozed/sent", false, false},
		{"replied", false, false}, {"offer", false, false}, {"no_reply", false, false},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.from, "/", "_"), func(t *testing.T) {
			iv := fixture(t, tt.from)
			if got := iv.BeforeSecondSent(); got != tt.before {
				t.Errorf("BeforeSecondSent: got %v, want %v", got, tt.before)
			}
			if got := iv.NotDueYet(); got != tt.notDue {
				t.Errorf("NotDueYet: got %v, want %v", got, tt.notDue)
			}
		})
	}
}
