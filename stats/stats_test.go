package stats

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
)

var (
	periodStart = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	periodEnd   = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	period      = Period{From: periodStart, To: periodEnd, Name: "test"}
)

// sent is a student who sent one second follow-up after waited days,
// with diagnosis d, and got a reply or not.
func sent(student string, d followup.Diagnosis, waited int, replied bool) followup.StudentActivity {
	r := followup.Replies{Sent: 1}
	if replied {
		r.Replied = 1
	}
	a := followup.StudentActivity{Student: student, SecondSent: r,
		ByDiagnosis: make([]followup.Replies, len(followup.StatsDiagnoses())), ByWait: make([]followup.Replies, len(followup.WaitRanges()))}
	for i, x := range followup.StatsDiagnoses() {
		if x == d {
			a.ByDiagnosis[i] = r
		}
	}
	for i, w := range followup.WaitRanges() {
		if w.Contains(waited) {
			a.ByWait[i] = r
		}
	}
	return a
}

// plus adds b's counts to a (one student's two follow-ups).
func plus(a, b followup.StudentActivity) followup.StudentActivity {
	a.SecondSent.Sent += b.SecondSent.Sent
	a.SecondSent.Replied += b.SecondSent.Replied
	for i := range a.ByDiagnosis {
		a.ByDiagnosis[i].Sent += b.ByDiagnosis[i].Sent
		a.ByDiagnosis[i].Replied += b.ByDiagnosis[i].Replied
	}
	for i := range a.ByWait {
		a.ByWait[i].Sent += b.ByWait[i].Sent
		a.ByWait[i].Replied += b.ByWait[i].Replied
	}
	return a
}

func cellOf(t *testing.T, r Report, table, label string) Cell {
	t.Helper()
	for _, c := range r.Table(table).Cells {
		if c.Label == label {
			return c
		}
	}
	t.Fatalf("no cell %q in table %q", label, table)
	return Cell{}
}

func TestAggregate(t *testing.T) {
	// 12 students: each sends one second follow-up (who decides, 8 days)
	// and makes a draft; students 0–5 get a reply (two offers, one
	// rejection, three replies), the rest close with no reply. Worked out
	// by hand below.
	var acts []followup.StudentActivity
	for i := range 12 {
		s := fmt.Sprintf("U%02d", i)
		a := sent(s, followup.DiagnosisWhoDecides, 8, i < 6)
		a.Due, a.Drafts = 1, 1
		switch {
		case i < 2:
			a.Offers = 1
		case i < 3:
			a.Rejections = 1
		case i < 6:
		default:
			a.NoReplies = 1
		}
		acts = append(acts, a)
	}
	// Touched in the period but nothing counted: not active.
	acts = append(acts, followup.StudentActivity{Student: "U99"})
	r := Aggregate(period, acts)

	for _, tc := range []struct {
		table, label string
		count, of    int
		students     int
	}{
		{"funnel", "Students active", 12, 0, 12},
		{"funnel", "Interviews logged", 0, 0, 0},
		{"funnel", "Second follow-ups due", 12, 0, 12},
		{"funnel", "Drafts made", 12, 0, 12},
		{"funnel", "Second follow-ups sent", 12, 0, 12},
		{"funnel", "Reply rate after the second follow-up", 6, 12, 12},
		{"outcomes", "Offer", 2, 0, 2},
		{"outcomes", "Rejected", 1, 0, 1},
		{"outcomes", "No reply", 6, 0, 6},
		{"outcomes", "All outcomes", 9, 0, 9},
		{"by_diagnosis", "Who decides", 6, 12, 12},
		{"by_diagnosis", "Too busy", 0, 0, 0},
		{"by_wait", "8–9 days", 6, 12, 12},
		{"by_wait", "7 days", 0, 0, 0},
	} {
		t.Run(tc.table+"/"+tc.label, func(t *testing.T) {
			c := cellOf(t, r, tc.table, tc.label)
			if c.Count != tc.count || c.Of != tc.of || c.Students() != tc.students {
				t.Errorf("got count %d of %d, %d students; want %d of %d, %d students", c.Count, c.Of, c.Students(), tc.count, tc.of, tc.students)
			}
		})
	}
}

func TestSuppress(t *testing.T) {
	var acts []followup.StudentActivity
	// 25 students wait 8 days, 4 wait 7 days: the 7-day row is hidden, and
	// the 8–9 row with it, or the total less 8–9 would give it away.
	for i := range 25 {
		acts = append(acts, sent(fmt.Sprintf("A%02d", i), followup.DiagnosisTooBusy, 8, true))
	}
	for i := range 4 {
		a := sent(fmt.Sprintf("B%02d", i), followup.DiagnosisTooBusy, 7, false)
		a.NoReplies = 1
		acts = append(acts, a)
	}
	r := Suppress(Aggregate(period, acts), MinStudents)
	for _, tc := range []struct {
		table, label string
		want         string
	}{
		{"by_wait", "7 days", Hidden},
		{"by_wait", "8–9 days", Hidden},
		{"by_wait", "All second follow-ups", "86 % (25 of 29)"},
		{"by_diagnosis", "Too busy", "86 % (25 of 29)"}, // the total less it is nobody
		{"funnel", "Students active", "29"},
		{"outcomes", "No reply", Hidden},
	} {
		t.Run(tc.table+"/"+tc.label, func(t *testing.T) {
			if got := cellOf(t, r, tc.table, tc.label).String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSuppressProperty tries random populations and proves that no
// published cell, no difference of two published cells of one table, and
// no total less its published parts describes fewer than MinStudents
// students.
func TestSuppressProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	diags := followup.StatsDiagnoses()
	runs := 1500
	if testing.Short() {
		runs = 200
	}
	for run := range runs {
		n := 1 + rng.IntN(70) // small workspaces are where cells are thin
		var acts []followup.StudentActivity
		for s := range n {
			student := fmt.Sprintf("U%d", s)
			// Most counts are 0 or 1, so cells are made of few students.
			c := func() int { return max(0, rng.IntN(4)-1) }
			a := sent(student, diags[rng.IntN(len(diags))], 4+rng.IntN(10), rng.IntN(2) == 0)
			if rng.IntN(3) == 0 {
				a = followup.StudentActivity{Student: student} // sent nothing
			}
			for range rng.IntN(2) {
				if a.ByWait != nil {
					a = plus(a, sent(student, diags[rng.IntN(len(diags))], 4+rng.IntN(10), rng.IntN(2) == 0))
				}
			}
			a.Logged, a.Due, a.Drafts, a.Offers, a.Rejections, a.NoReplies = c(), c(), c(), c(), c(), c()
			acts = append(acts, a)
		}
		r := Suppress(Aggregate(period, acts), MinStudents)
		if err := checkPublished(r, MinStudents); err != nil {
			t.Fatalf("run %d (%d students): %v", run, n, err)
		}
	}
}

// checkPublished is the rule, checked from the students behind each cell.
func checkPublished(r Report, k int) error {
	for _, t := range r.Tables {
		for i, a := range t.Cells {
			if a.Suppressed {
				continue
			}
			if len(a.students) < k {
				return fmt.Errorf("%s/%s published with %d students", t.Name, a.Label, len(a.students))
			}
			for j, b := range t.Cells {
				if i == j || b.Suppressed {
					continue
				}
				if d := minus(a.students, b.students); d > 0 && d < k {
					return fmt.Errorf("%s: %q less %q describes %d students", t.Name, a.Label, b.Label, d)
				}
			}
		}
		if t.Total < 0 || t.Cells[t.Total].Suppressed {
			continue
		}
		hidden := map[int32]bool{}
		for i, c := range t.Cells {
			if i != t.Total && c.Suppressed {
				for _, s := range c.students {
					hidden[s] = true
				}
			}
		}
		if n := len(hidden); n > 0 && n < k {
			return fmt.Errorf("%s: the total less its published parts describes %d students", t.Name, n)
		}
	}
	return nil
}

func TestAdvice(t *testing.T) {
	build := func(n int) Report {
		var acts []followup.StudentActivity
		for i := range n {
			acts = append(acts, sent(fmt.Sprintf("U%02d", i), followup.DiagnosisWhoDecides, 8, i%4 == 0))
		}
		return Suppress(Aggregate(period, acts), MinStudents)
	}
	for _, tc := range []struct {
		name   string
		n      int
		waited int
		ok     bool
		pct    int
	}{
		{"ThirtyBehindIt", 40, 9, true, 25},
		{"TwentyNineIsTooFew", 29, 8, false, 0},
		{"OtherBucketEmpty", 40, 7, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := build(tc.n).Advice(tc.waited)
			if ok != tc.ok || f.Percent != tc.pct {
				t.Errorf("got %+v, %v; want %d %%, %v", f, ok, tc.pct, tc.ok)
			}
		})
	}
}

func TestWriteCSV(t *testing.T) {
	var b strings.Builder
	r := Suppress(Aggregate(period, nil), MinStudents)
	if err := WriteCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), Hidden) != 22 {
		t.Errorf("an empty period should hide all 22 cells; got:\n%s", b.String())
	}
}
