package followup

import (
	"time"

	"github.com/rickar/cal/v2"
)

// BusinessDays answers business-day questions (Monday to Friday, minus the
// public holidays of a calendar from Calendars). It is built once with
// NewBusinessDays and is safe for concurrent use: its calendars are never
// changed after construction (see ownCopy), and rickar/cal guards its
// holiday cache with a mutex (a race there was fixed in v2.1.16, which is why
// go.mod must not go below it).
type BusinessDays struct {
	calendars map[string]*cal.BusinessCalendar
}

// ownCopy returns a copy of h whose rule works on a fresh copy of the
// holiday at every call. Some upstream rules write to the holiday they are
// given (jp's Vernal Equinox Day does in v2.1.27), which is a data race
// when two goroutines ask about Japan at once; with a copy per call the
// shared definitions are only ever read.
func ownCopy(h *cal.Holiday) *cal.Holiday {
	c := *h
	if rule := h.Func; rule != nil {
		c.Func = func(h *cal.Holiday, year int) time.Time {
			scratch := *h
			return rule(&scratch, year)
		}
	}
	return &c
}

// NewBusinessDays builds the calendars of Calendars.
func NewBusinessDays() *BusinessDays {
	b := &BusinessDays{calendars: make(map[string]*cal.BusinessCalendar)}
	for _, d := range calendarDefs() {
		c := cal.NewBusinessCalendar()
		c.Name = d.Code
		c.Description = d.Name
		for _, h := range d.holidays {
			c.AddHoliday(ownCopy(h))
		}
		// Holiday dates are worked out by rule each time unless cached; the
		// planner asks about the same few weeks over and over.
		c.Cacheable = true
		b.calendars[d.Code] = c
	}
	return b
}

// calendar returns the calendar for code; an unknown code falls back to
// weekends only, so a stale setting never stops nudges.
func (b *BusinessDays) calendar(code string) *cal.BusinessCalendar {
	if c, ok := b.calendars[code]; ok {
		return c
	}
	return b.calendars[""]
}

// IsBusinessDay reports whether d is a weekday that is not an observed
// public holiday in calendar. When a holiday falls on a weekend, the
// weekday it is observed on (say Monday 27 December) is not a business day.
func (b *BusinessDays) IsBusinessDay(d Date, calendar string) bool {
	// Noon UTC: rickar/cal only looks at the date, and noon keeps any zone
	// arithmetic inside the library from crossing midnight.
	return b.calendar(calendar).IsWorkday(d.In(time.UTC, 12, 0))
}

// AddBusinessDays returns the date n business days after d; d itself is not
// counted, so adding 1 to a Friday gives the next Monday (or Tuesday when
// Monday is a holiday). n <= 0 returns d.
func (b *BusinessDays) AddBusinessDays(d Date, n int, calendar string) Date {
	for n > 0 {
		d = d.AddDays(1)
		if b.IsBusinessDay(d, calendar) {
			n--
		}
	}
	return d
}

// BusinessDaysBetween counts the business days after from, up to and
// including to, as in "it has been N business days since your thank-you".
// It is negative when to is before from, and 0 when they are equal, so
// BusinessDaysBetween(d, AddBusinessDays(d, n, c), c) == n.
func (b *BusinessDays) BusinessDaysBetween(from, to Date, calendar string) int {
	if to.Before(from) {
		return -b.BusinessDaysBetween(to, from, calendar)
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if b.IsBusinessDay(d, calendar) {
			n++
		}
	}
	return n
}
