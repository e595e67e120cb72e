package stats

import "github.com/followup-coach/followup/followup"

// Figure is a reply rate the bot may quote to students: the community's
// own number for second follow-ups sent after a wait.
type Figure struct {
	// Wait is the bucket's label, as in "day 8–9".
	Wait string
	// Percent of those second follow-ups that got a reply.
	Percent int
	// Sent is how many second follow-ups are behind it (at least
	// MinForAdvice).
	Sent int
}

// Advice returns the figure for second follow-ups sent after waited
// business days, when a published (suppressed) report has at least
// MinForAdvice of them behind it; ok is false otherwise, and the bot then
// says nothing about rates.
func (r Report) Advice(waited int) (f Figure, ok bool) {
	t := r.Table("by_wait")
	for i, b := range WaitBuckets() {
		if i >= len(t.Cells) || !b.Contains(waited) {
			continue
		}
		c := t.Cells[i]
		if c.Suppressed || c.Of < MinForAdvice {
			return Figure{}, false
		}
		return Figure{Wait: b.Label, Percent: c.Percent(), Sent: c.Of}, true
	}
	return Figure{}, false
}

// WaitAdvice returns the figures for each wait a student can choose in
// their settings (7–10 business days), keyed by the number of days; a wait
// without enough second follow-ups behind it is missing.
func (r Report) WaitAdvice() map[int]Figure {
	out := map[int]Figure{}
	for d := followup.MinWaitBusinessDays; d <= followup.MaxWaitBusinessDays; d++ {
		if f, ok := r.Advice(d); ok {
			out[d] = f
		}
	}
	return out
}
