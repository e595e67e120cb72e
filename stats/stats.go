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

// WaitBuckets are the rows of the reply rate by business days waited.
func WaitBuckets() []followup.WaitRange { return followup.WaitRanges() }

// diagnosisLabels are how the rows of the reply rate by diagnosis read, in
// the order of followup.Diagnoses.
var diagnosisLabels = map[followup.Diagnosis]string{
	followup.DiagnosisWhoDecides:  "Who decides",
	followup.DiagnosisMissingInfo: "Missing information",
	followup.DiagnosisTooBusy:     "Too busy",
	followup.DiagnosisNotSure:     "Not sure",
	followup.DiagnosisNone:        "No check done",
}

// cellBuilder collects one cell's count, denominator and students.
// Aggregate adds students in increasing order, so the list stays sorted
// and a repeat is always the last one.
type cellBuilder struct {
	count, of int
	students  []int32
}

func (b *cellBuilder) add(student int32, count, of int) {
	b.count += count
	b.of += of
	if n := len(b.students); n == 0 || b.students[n-1] != student {
		b.students = append(b.students, student)
	}
}

func (b *cellBuilder) cell(label string, rate bool) Cell {
	c := Cell{Label: label, Count: b.count, students: b.students}
	if rate {
		c.Of = b.of
	}
	return c
}

// Aggregate makes the period's numbers from what each student who counts
// did in it (the store leaves out those who opted out). Nothing is
// suppressed yet: call Suppress before showing it.
func Aggregate(p Period, acts []followup.StudentActivity) Report {
	var active, logged, due, drafted, sentCell, replies cellBuilder
	var offers, rejections, noReplies, closed cellBuilder
	diags := followup.StatsDiagnoses()
	byDiag := make([]cellBuilder, len(diags))
	buckets := WaitBuckets()
	byWait := make([]cellBuilder, len(buckets))
	// Each table's total is the sum of its rows, so that the total less the
	// published rows is exactly the hidden ones.
	var diagTotal, waitTotal cellBuilder

	for i, a := range acts {
		s := int32(i) // one entry per student
		for _, c := range []struct {
			b *cellBuilder
			n int
		}{{&logged, a.Logged}, {&due, a.Due}, {&drafted, a.Drafts}, {&offers, a.Offers},
			{&rejections, a.Rejections}, {&noReplies, a.NoReplies}, {&sentCell, a.SecondSent.Sent}} {
			if c.n > 0 {
				c.b.add(s, c.n, 0)
				active.add(s, 0, 0)
			}
		}
		if n := a.Offers + a.Rejections + a.NoReplies; n > 0 {
			closed.add(s, n, 0)
		}
		if a.SecondSent.Sent > 0 {
			replies.add(s, a.SecondSent.Replied, a.SecondSent.Sent)
		}
		for j, r := range a.ByDiagnosis {
			if j < len(byDiag) && r.Sent > 0 {
				byDiag[j].add(s, r.Replied, r.Sent)
				diagTotal.add(s, r.Replied, r.Sent)
			}
		}
		for j, r := range a.ByWait {
			if j < len(byWait) && r.Sent > 0 {
				byWait[j].add(s, r.Replied, r.Sent)
				waitTotal.add(s, r.Replied, r.Sent)
			}
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
		sentCell.cell("Second follow-ups sent", false),
		replies.cell("Reply rate after the second follow-up", true),
	}})
	r.Tables = append(r.Tables, Table{Name: "outcomes", Title: "Outcomes", Total: 3, Cells: []Cell{
		offers.cell("Offer", false),
		rejections.cell("Rejected", false),
		noReplies.cell("No reply", false),
		closed.cell("All outcomes", false),
	}})
	dt := Table{Name: "by_diagnosis", Title: "Reply rate by diagnosis", Total: len(diags)}
	for i, d := range diags {
		dt.Cells = append(dt.Cells, byDiag[i].cell(diagnosisLabels[d], true))
	}
	dt.Cells = append(dt.Cells, diagTotal.cell("All second follow-ups", true))
	r.Tables = append(r.Tables, dt)
	wt := Table{Name: "by_wait", Title: "Reply rate by business days waited", Total: len(buckets)}
	for i, b := range buckets {
		wt.Cells = append(wt.Cells, byWait[i].cell(b.Label+" days", true))
	}
	wt.Cells = append(wt.Cells, waitTotal.cell("All second follow-ups", true))
	r.Tables = append(r.Tables, wt)
	return r
}
