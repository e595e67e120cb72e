package followup

import (
	"math/rand"
	"sync"
	"testing"
)

func TestIsBusinessDay(t *testing.T) {
	b := NewBusinessDays()
	tests := []struct {
		name     string
		date     string
		calendar string
		want     bool
	}{
		{"Weekday", "2025-03-12", "", true},
		{"Saturday", "2025-03-15", "", false},
		{"Sunday", "2025-03-16", "us", false},
		{"ThanksgivingNoCalendar", "2025-11-27", "", true},
		{"Thanksgiving", "2025-11-27", "us", false},
		{"DayAfterThanksgivingIsWorked", "2025-11-28", "us", true},
		{"NewYearObservedOnFriday", "2021-12-31", "us", false},
		{"ChristmasObservedOnMonday", "2021-12-27", "gb", false},
		{"BoxingDayObservedOnTuesday", "2021-12-28", "gb", false},
		{"BoxingDayNotInUS", "2025-12-26", "us", true},
		{"BoxingDayCanada", "2025-12-26", "ca", false},
		{"GoodFridayEngland", "2025-04-18", "gb", false},
		{"EasterMondayGermany", "2025-04-21", "de", false},
		{"EasterMondayNotInUS", "2025-04-21", "us", true},
		{"JuneteenthUS", "2025-06-19", "us", false},
		{"AustraliaDay", "2025-01-27", "au-nsw", false}, // 26 Jan was a Sunday
		{"KingsDayNetherlands", "2025-04-26", "nl", false},
		{"StPatricksDayIreland", "2025-03-17", "ie", false},
		{"VernalEquinoxJapan", "2025-03-20", "jp", false},
		{"UnknownCalendarMeansWeekendsOnly", "2025-11-27", "xx", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.IsBusinessDay(mustDate(t, tt.date), tt.calendar); got != tt.want {
				t.Errorf("IsBusinessDay(%s, %q): got %v, want %v", tt.date, tt.calendar, got, tt.want)
			}
		})
	}
}

func TestAddBusinessDays(t *testing.T) {
	b := NewBusinessDays()
	tests := []struct {
		name     string
		from     string
		n        int
		calendar string
		want     string
	}{
		{"Zero", "2025-03-12", 0, "", "2025-03-12"},
		{"ZeroOnSaturday", "2025-03-15", 0, "", "2025-03-15"},
		{"Negative", "2025-03-12", -3, "", "2025-03-12"},
		{"NextDay", "2025-03-12", 1, "", "2025-03-13"},
		{"FridayPlusOne", "2025-03-14", 1, "", "2025-03-17"},
		{"SaturdayPlusOne", "2025-03-15", 1, "", "2025-03-17"},
		{"EightFromMonday", "2025-03-03", 8, "", "2025-03-13"},
		{"TenFromFriday", "2025-03-07", 10, "", "2025-03-21"},
		{"OverThanksgiving", "2025-11-17", 8, "us", "2025-11-28"},
		{"ThanksgivingCountedWithoutCalendar", "2025-11-17", 8, "", "2025-11-27"},
		{"YearEnd", "2025-12-19", 8, "us", "2026-01-02"},
		{"YearEndNoCalendar", "2025-12-19", 8, "", "2025-12-31"},
		{"Dec31ToJan2", "2024-12-31", 1, "us", "2025-01-02"},
		{"ChristmasEngland", "2021-12-24", 1, "gb", "2021-12-29"},
		{"EasterEngland", "2025-04-17", 1, "gb", "2025-04-22"},
		{"LeapDay", "2024-02-28", 1, "", "2024-02-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := b.AddBusinessDays(mustDate(t, tt.from), tt.n, tt.calendar)
			if got.String() != tt.want {
				t.Errorf("AddBusinessDays(%s, %d, %q): got %s, want %s", tt.from, tt.n, tt.calendar, got, tt.want)
			}
		})
	}
}

func TestBusinessDaysBetween(t *testing.T) {
	b := NewBusinessDays()
	tests := []struct {
		name     string
		from, to string
		calendar string
		want     int
	}{
		{"Same", "2025-03-12", "2025-03-12", "", 0},
		{"FridayToMonday", "2025-03-14", "2025-03-17", "", 1},
		{"FridayToSunday", "2025-03-14", "2025-03-16", "", 0},
		{"TwoWeeks", "2025-03-03", "2025-03-17", "", 10},
		{"Backwards", "2025-03-17", "2025-03-14", "", -1},
		{"OverThanksgiving", "2025-11-24", "2025-11-28", "us", 3},
		{"YearEnd", "2024-12-31", "2025-01-02", "us", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := b.BusinessDaysBetween(mustDate(t, tt.from), mustDate(t, tt.to), tt.calendar)
			if got != tt.want {
				t.Errorf("BusinessDaysBetween(%s, %s, %q): got %d, want %d", tt.from, tt.to, tt.calendar, got, tt.want)
			}
		})
	}
}

// TestAddThenBetween checks the two agree: adding n business days and
// counting them back gives n, and the result is always a business day.
func TestAddThenBetween(t *testing.T) {
	b := NewBusinessDays()
	cals := Calendars()
	rng := rand.New(rand.NewSource(3))
	start := mustDate(t, "2015-01-01")
	for i := 0; i < 2000; i++ {
		d := start.AddDays(rng.Intn(365 * 20))
		n := 1 + rng.Intn(15)
		c := cals[rng.Intn(len(cals))].Code
		got := b.AddBusinessDays(d, n, c)
		if !b.IsBusinessDay(got, c) {
			t.Fatalf("AddBusinessDays(%s, %d, %q): got %s, want a business day", d, n, c, got)
		}
		if back := b.BusinessDaysBetween(d, got, c); back != n {
			t.Fatalf("BusinessDaysBetween(%s, %s, %q): got %d, want %d", d, got, c, back, n)
		}
	}
}

// TestBusinessDaysConcurrent is for -race: one BusinessDays serves every
// goroutine of the bot.
func TestBusinessDaysConcurrent(t *testing.T) {
	b := NewBusinessDays()
	cals := Calendars()
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(seed))
			d := mustDate(t, "2020-01-01")
			for i := 0; i < 500; i++ {
				c := cals[rng.Intn(len(cals))].Code
				b.AddBusinessDays(d.AddDays(rng.Intn(3000)), 8, c)
			}
		}(int64(g))
	}
	wg.Wait()
}

func BenchmarkAddBusinessDays(b *testing.B) {
	days := NewBusinessDays()
	d := mustDate(b, "2025-12-19")
	for b.Loop() {
		days.AddBusinessDays(d, 10, "us")
	}
}
