package stats

// Suppress hides cells of r so that, in every table:
//   - no published cell describes fewer than k students (primary
//     suppression);
//   - no two published cells differ by fewer than k students: the students
//     behind one and not behind the other are none or at least k, so
//     subtracting one from the other names nobody;
//   - when the total is published, the hidden parts together describe none
//     or at least k students, so the total less the published parts names
//     nobody (complementary suppression).
//
// It only ever hides more, so it ends; it changes r's tables in place and
// returns r.
func Suppress(r Report, k int) Report {
	for i := range r.Tables {
		suppressTable(&r.Tables[i], k)
	}
	return r
}

func suppressTable(t *Table, k int) {
	cells := t.Cells
	for i := range cells {
		if len(cells[i].students) < k {
			cells[i].Suppressed = true
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range cells {
			for j := range cells {
				if i == j || cells[i].Suppressed || cells[j].Suppressed {
					continue
				}
				if d := minus(cells[i].students, cells[j].students); d > 0 && d < k {
					cells[t.pickToHide(i, j)].Suppressed = true
					changed = true
				}
			}
		}
		if t.Total < 0 || cells[t.Total].Suppressed {
			continue
		}
		if n := t.hiddenStudents(); n > 0 && n < k {
			// Hide the smallest published part too; with none left, the total.
			hide := t.Total
			for i := range cells {
				if i != t.Total && !cells[i].Suppressed &&
					(hide == t.Total || len(cells[i].students) < len(cells[hide].students)) {
					hide = i
				}
			}
			cells[hide].Suppressed = true
			changed = true
		}
	}
}

// pickToHide chooses which of two cells that differ by too few students to
// hide: never the total when a part will do, else the one describing
// fewer students (the later one on a tie), so the big numbers stay.
func (t *Table) pickToHide(i, j int) int {
	switch {
	case i == t.Total:
		return j
	case j == t.Total:
		return i
	case len(t.Cells[i].students) < len(t.Cells[j].students):
		return i
	case len(t.Cells[j].students) < len(t.Cells[i].students):
		return j
	}
	return max(i, j)
}

// hiddenStudents counts the distinct students behind the hidden parts of
// a table with a total.
func (t *Table) hiddenStudents() int {
	seen := map[int32]struct{}{}
	for i, c := range t.Cells {
		if i == t.Total || !c.Suppressed {
			continue
		}
		for _, s := range c.students {
			seen[s] = struct{}{}
		}
	}
	return len(seen)
}

// minus counts the members of a (sorted) that are not in b (sorted).
func minus(a, b []int32) int {
	n, j := 0, 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			n++
		}
	}
	return n
}
