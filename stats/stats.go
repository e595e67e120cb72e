// Package stats turns the community's activity into the numbers a career
// center's staff see, and hides every number that could name a student.
//
// Aggregate counts, for a period, what students did (logged, due, drafted,
// sent, replied, outcomes) and the reply rate by diagnosis and by business
// days waited. Suppress then hides, as "fewer than 10", every cell that
// describes fewer than MinStudents students, and hides more cells where a
// published total or a second published cell would let a reader subtract
// their way to a hidden one (complementary suppression). It is pure: no
// I/O, no clock; the caller passes the period and the business-day rule.
package stats

import (
	"fmt"
	"slices"
	"time"

	"github.com/followup-coach/followup/followup"
)

// MinStudents is the fewest students a published cell may describe.
const MinStudents = 10

// MinForAdvice is the fewest second follow-ups behind a reply rate before
// the bot quotes it to students as the community's own figure.
const MinForAdvice = 30

// Period is the time the numbers cover: [From, To). A zero From means
// since the beginning.
type Period struct {
	From, To time.Time
	// Name is how the period was asked for ("30d", "all").
	Name string
}

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool {
	return !t.IsZero() && !t.Before(p.From) && t.Before(p.To)
}

// containsDate reports whether the local date d falls in the period, read
// as the UTC dates of its ends.
func (p Period) containsDate(d followup.Date) bool {
	if d.IsZero() {
		return false
	}
	if !p.From.IsZero() && d.Before(followup.DateOf(p.From.UTC())) {
		return false
	}
	return !d.After(followup.DateOf(p.To.UTC()))
}

// Cell is one published number: a count, or a rate (Count of Of).
type Cell struct {
	Label string
	Count int
	// Of is the denominator of a rate cell, 0 for a count.
	Of int
	// Suppressed hides the cell: it shows "fewer than 10".
	Suppressed bool
	// students are the distinct students behind the cell, sorted.
	students []int32
}

// IsRate reports whether the cell is a rate.
func (c Cell) IsRate() bool { return c.Of > 0 }

// Percent is the rate rounded to a whole percent.
func (c Cell) Percent() int {
	if c.Of == 0 {
		return 0
	}
	return (200*c.Count + c.Of) / (2 * c.Of)
}

// Students is how many distinct students the cell describes.
func (c Cell) Students() int { return len(c.students) }

// Hidden is what a suppressed cell shows instead of its number.
const Hidden = "fewer than 10"

// String is the cell as staff read it.
func (c Cell) String() string {
	switch {
	case c.Suppressed:
		return Hidden
	case c.IsRate():
		return fmt.Sprintf("%d %% (%d of %d)", c.Percent(), c.Count, c.Of)
	}
	return fmt.Sprint(c.Count)
}

// Table is a group of cells read together. When Total is not -1, the cell
// at that index is the sum of all the others (their counts and their
// denominators).
type Table struct {
	Name  string // stable id: "funnel", "outcomes", "by_diagnosis", "by_wait"
	Title string
	Cells []Cell
	Total int
}

// Report is the numbers of one period.
type Report struct {
	Period Period
	Tables []Table
}

// Table returns the table named name, or an empty one.
func (r Report) Table(name string) Table {
	for _, t := range r.Tables {
		if t.Name == name {
			return t
		}
	}
	return Table{Name: name, Total: -1}
}

// WaitBucket is a range of business days waited between the first and the
// second follow-up.
type WaitBucket struct {
	Label    string // "8–9"
	Min, Max int    // inclusive; Max < 0 means no upper end
}

// Contains reports whether days falls in the bucket.
func (b WaitBucket) Contains(days int) bool {
	return days >= b.Min && (b.Max < 0 || days <= b.Max)
}

// WaitBuckets are the rows of the reply rate by business days waited,
// around the method's 7–10 days.
func WaitBuckets() []WaitBucket {
	return []WaitBucket{
		{"under 7", 0, 6},
		{"7", 7, 7},
		{"8–9", 8, 9},
		{"10", 10, 10},
		{"over 10", 11, -1},
	}
}

// Diagnoses are the rows of the reply rate by diagnosis, with their labels.
func Diagnoses() []struct {
	Diagnosis followup.Diagnosis
	Label     string
} {
	return []struct {
		Diagnosis followup.Diagnosis
		Label     string
	}{
		{followup.DiagnosisWhoDecides, "Who decides"},
		{followup.DiagnosisMissingInfo, "Missing information"},
		{followup.DiagnosisTooBusy, "Too busy"},
		{followup.DiagnosisNotSure, "Not sure"},
		{followup.DiagnosisNone, "No check done"},
	}
}

// BusinessDays counts business days from one date to a later one on a
// holiday calendar (followup.BusinessDays.BusinessDaysBetween).
type BusinessDays func(from, to followup.Date, calendar string) int

// replied reports whether the recruiter answered: any close but silence
// or the student's own withdrawal.
func replied(s followup.Stage) bool {
	return s == followup.StageReplied || s == followup.StageOffer || s == followup.StageRejected
}

// cellBuilder collects one cell's count, denominator and students.
type cellBuilder struct {
	count, of int
	students  map[int32]struct{}
}

func (b *cellBuilder) add(student int32, count, of int) {
	if b.students == nil {
		b.students = map[int32]struct{}{}
	}
	b.count += count
	b.of += of
	b.students[student] = struct{}{}
}

func (b *cellBuilder) cell(label string, rate bool) Cell {
	c := Cell{Label: label, Count: b.count}
	if rate {
		c.Of = b.of
	}
	c.students = make([]int32, 0, len(b.students))
	for s := range b.students {
		c.students = append(c.students, s)
	}
	slices.Sort(c.students)
	return c
}

// Aggregate counts the period's numbers from the activity of the students
// who count (the caller leaves out those who opted out) and the drafts they
// made. Nothing is suppressed yet: call Suppress before showing it.
func Aggregate(p Period, acts []followup.Activity, drafts []followup.DraftMade, days BusinessDays) Report {
	ids := map[string]int32{}
	id := func(s string) int32 {
		n, ok := ids[s]
		if !ok {
			n = int32(len(ids))
			ids[s] = n
		}
		return n
	}
	var active, logged, due, drafted, sent, replies cellBuilder
	outcomes := map[followup.Stage]*cellBuilder{
		followup.StageOffer: {}, followup.StageRejected: {}, followup.StageNoReply: {},
	}
	var closed cellBuilder
	diags := Diagnoses()
	byDiag := make([]cellBuilder, len(diags))
	buckets := WaitBuckets()
	byWait := make([]cellBuilder, len(buckets))
	var allSent cellBuilder

	today := followup.DateOf(p.To.UTC())
	for _, a := range acts {
		s := id(a.Student)
		if p.Contains(a.LoggedAt) {
			logged.add(s, 1, 0)
			active.add(s, 0, 0)
		}
		if p.containsDate(a.SecondDue) && !a.SecondDue.After(today) {
			due.add(s, 1, 0)
			active.add(s, 0, 0)
		}
		if p.containsDate(a.SecondSent) {
			r := 0
			if replied(a.Stage) {
				r = 1
			}
			sent.add(s, 1, 0)
			replies.add(s, r, 1)
			active.add(s, 0, 0)
			allSent.add(s, r, 1)
			for i, d := range diags {
				if d.Diagnosis == a.Diagnosis {
					byDiag[i].add(s, r, 1)
				}
			}
			waited := days(a.FirstSent, a.SecondSent, a.Calendar)
			for i, b := range buckets {
				if b.Contains(waited) {
					byWait[i].add(s, r, 1)
				}
			}
		}
		if b, ok := outcomes[a.Stage]; ok && p.Contains(a.ChangedAt) {
			b.add(s, 1, 0)
			closed.add(s, 1, 0)
			active.add(s, 0, 0)
		}
	}
	for _, d := range drafts {
		if p.Contains(d.At) {
			s := id(d.Student)
			drafted.add(s, 1, 0)
			active.add(s, 0, 0)
		}
	}
	activeCell := active.cell("Students active", false)
	activeCell.Count = len(activeCell.students)

	r := Report{Period: p}
	r.Tables = append(r.Tables, Table{Name: "funnel", Title: "The funnel", Total: -1, Cells: []Cell{
		activeCell,
		logged.cell("Interviews logged", false),
		due.cell("Second follow-ups due", false),
		drafted.cell("Drafts made", false),
		sent.cell("Second follow-ups sent", false),
		replies.cell("Reply rate after the second follow-up", true),
	}})
	r.Tables = append(r.Tables, Table{Name: "outcomes", Title: "Outcomes", Total: 3, Cells: []Cell{
		outcomes[followup.StageOffer].cell("Offer", false),
		outcomes[followup.StageRejected].cell("Rejected", false),
		outcomes[followup.StageNoReply].cell("No reply", false),
		closed.cell("All outcomes", false),
	}})
	dt := Table{Name: "by_diagnosis", Title: "Reply rate by diagnosis", Total: len(diags)}
	for i, d := range diags {
		dt.Cells = append(dt.Cells, byDiag[i].cell(d.Label, true))
	}
	dt.Cells = append(dt.Cells, allSent.cell("All second follow-ups", true))
	r.Tables = append(r.Tables, dt)
	wt := Table{Name: "by_wait", Title: "Reply rate by business days waited", Total: len(buckets)}
	for i, b := range buckets {
		wt.Cells = append(wt.Cells, byWait[i].cell(b.Label+" days", true))
	}
	wt.Cells = append(wt.Cells, allSent.cell("All second follow-ups", true))
	r.Tables = append(r.Tables, wt)
	return r
}
