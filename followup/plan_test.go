package followup

import (
	"math/rand"
	"testing"
	"time"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// localTime parses a local wall-clock time "2006-01-02 15:04" in loc.
func localTime(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func settings(calendar string, wait, hour int) Settings {
	s := DefaultSettings()
	s.Calendar, s.WaitBusinessDays, s.NudgeHour = calendar, wait, hour
	return s
}

func TestSecondDue(t *testing.T) {
	p := NewPlanner()
	tests := []struct {
		name     string
		first    string
		decision string // "" for none
		s        Settings
		want     string
	}{
		{"DefaultEight", "2025-03-03", "", DefaultSettings(), "2025-03-13"},
		{"WaitSeven", "2025-03-03", "", settings("", 7, 9), "2025-03-12"},
		{"WaitTen", "2025-03-03", "", settings("", 10, 9), "2025-03-17"},
		{"ZeroSettingsMeanDefault", "2025-03-03", "", Settings{}, "2025-03-13"},
		{"ThankYouOnSaturday", "2025-03-08", "", DefaultSettings(), "2025-03-19"},
		{"DecisionDateLater", "2025-03-03", "2025-03-14", DefaultSettings(), "2025-03-18"},
		{"DecisionDateEarlier", "2025-03-03", "2025-03-05", DefaultSettings(), "2025-03-13"},
		{"DecisionDateGraceEndsOnDue", "2025-03-03", "2025-03-11", DefaultSettings(), "2025-03-13"},
		{"DecisionDateBeforeHoliday", "2025-03-03", "2025-11-26", settings("us", 8, 9), "2025-12-01"},
		{"DueOnHoliday", "2025-11-17", "", settings("us", 8, 9), "2025-11-28"},
		{"DueOnHolidayWithoutCalendar", "2025-11-17", "", settings("", 8, 9), "2025-11-27"},
		{"YearEnd", "2025-12-19", "", settings("us", 8, 9), "2026-01-02"},
		{"ChristmasAndNewYearEngland", "2021-12-20", "", settings("gb", 8, 9), "2022-01-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv := Interview{InterviewDate: mustDate(t, tt.first), FirstFollowUpDate: mustDate(t, tt.first)}
			if tt.decision != "" {
				iv.DecisionDate = datePtr(t, tt.decision)
			}
			if got := p.SecondDue(iv, tt.s); got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestClosingDue(t *testing.T) {
	p := NewPlanner()
	tests := []struct {
		name string
		sent string
		s    Settings
		want string
	}{
		{"Default", "2025-03-13", DefaultSettings(), "2025-03-25"},
		{"WaitSeven", "2025-03-13", settings("", 7, 9), "2025-03-24"},
		{"YearEnd", "2025-12-22", settings("us", 8, 9), "2026-01-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.ClosingDue(mustDate(t, tt.sent), tt.s); got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestNudgeAt(t *testing.T) {
	p := NewPlanner()
	tests := []struct {
		name    string
		zone    string
		due     string
		now     string // local
		s       Settings
		want    string // local "2006-01-02 15:04"
		wantUTC string // optional: the instant, to catch a wrong offset
	}{
		{"OnTime", "America/New_York", "2025-03-13", "2025-03-01 12:00", DefaultSettings(), "2025-03-13 09:00", "2025-03-13T13:00:00Z"},
		{"OwnHour", "America/New_York", "2025-03-13", "2025-03-01 12:00", settings("", 8, 18), "2025-03-13 18:00", ""},
		{"EarlySameDay", "America/New_York", "2025-03-13", "2025-03-13 05:00", DefaultSettings(), "2025-03-13 09:00", ""},
		{"LateSameDay", "America/New_York", "2025-03-13", "2025-03-13 15:20", DefaultSettings(), "2025-03-13 15:20", ""},
		{"LateAtNight", "America/New_York", "2025-03-13", "2025-03-13 21:30", DefaultSettings(), "2025-03-14 07:00", ""},
		{"LastAllowedMinute", "America/New_York", "2025-03-13", "2025-03-13 19:59", DefaultSettings(), "2025-03-13 19:59", ""},
		{"AtAllowedUntil", "America/New_York", "2025-03-13", "2025-03-13 20:00", DefaultSettings(), "2025-03-14 07:00", ""},
		{"LateFridayNight", "America/New_York", "2025-03-14", "2025-03-14 23:00", DefaultSettings(), "2025-03-17 07:00", ""},
		{"BotDownForDays", "America/New_York", "2025-03-13", "2025-03-16 10:00", DefaultSettings(), "2025-03-17 07:00", ""},
		{"LateBeforeHoliday", "America/New_York", "2025-11-26", "2025-11-26 22:00", settings("us", 8, 9), "2025-11-28 07:00", ""},
		{"DueOnHoliday", "America/New_York", "2025-11-27", "2025-11-01 12:00", settings("us", 8, 9), "2025-11-28 09:00", ""},
		{"DueOnWeekend", "Europe/London", "2025-03-15", "2025-03-01 12:00", DefaultSettings(), "2025-03-17 09:00", ""},
		{"YearEnd", "America/New_York", "2024-12-31", "2024-12-31 21:00", settings("us", 8, 9), "2025-01-02 07:00", ""},
		{"DSTSpringForward", "America/New_York", "2025-03-10", "2025-03-08 23:00", DefaultSettings(), "2025-03-10 09:00", "2025-03-10T13:00:00Z"},
		{"DSTSpringForwardLate", "America/New_York", "2025-03-07", "2025-03-08 23:00", DefaultSettings(), "2025-03-10 07:00", "2025-03-10T11:00:00Z"},
		{"DSTFallBack", "America/New_York", "2025-11-03", "2025-11-01 12:00", DefaultSettings(), "2025-11-03 09:00", "2025-11-03T14:00:00Z"},
		{"DSTOnAWeekday", "Asia/Tehran", "2021-03-22", "2021-03-01 12:00", DefaultSettings(), "2021-03-22 09:00", "2021-03-22T04:30:00Z"},
		{"DSTAtMidnight", "America/Santiago", "2025-09-08", "2025-09-06 21:00", DefaultSettings(), "2025-09-08 09:00", "2025-09-08T12:00:00Z"},
		{"LordHoweHalfHourDST", "Australia/Lord_Howe", "2025-10-06", "2025-10-01 12:00", DefaultSettings(), "2025-10-06 09:00", "2025-10-05T22:00:00Z"},
		{"LabourDayNSW", "Australia/Sydney", "2025-10-06", "2025-10-01 12:00", settings("au-nsw", 8, 9), "2025-10-07 09:00", "2025-10-06T22:00:00Z"},
		{"LordHoweStandard", "Australia/Lord_Howe", "2025-07-07", "2025-07-01 12:00", DefaultSettings(), "2025-07-07 09:00", "2025-07-06T22:30:00Z"},
		{"FarEast", "Pacific/Kiritimati", "2025-03-13", "2025-03-01 12:00", DefaultSettings(), "2025-03-13 09:00", "2025-03-12T19:00:00Z"},
		{"FarEastLate", "Pacific/Kiritimati", "2025-03-13", "2025-03-13 10:00", DefaultSettings(), "2025-03-13 10:00", "2025-03-12T20:00:00Z"},
		{"FarWest", "Pacific/Pago_Pago", "2025-03-13", "2025-03-01 12:00", DefaultSettings(), "2025-03-13 09:00", "2025-03-13T20:00:00Z"},
		{"FarWestLate", "Pacific/Pago_Pago", "2025-03-14", "2025-03-14 20:30", DefaultSettings(), "2025-03-17 07:00", "2025-03-17T18:00:00Z"},
		{"HalfHourZone", "Asia/Kolkata", "2025-03-13", "2025-03-01 12:00", DefaultSettings(), "2025-03-13 09:00", "2025-03-13T03:30:00Z"},
		{"SkippedDay", "Pacific/Apia", "2011-12-29", "2011-12-29 21:00", DefaultSettings(), "2012-01-02 07:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := mustLoc(t, tt.zone)
			now := localTime(t, loc, tt.now)
			got := p.NudgeAt(mustDate(t, tt.due), tt.s, loc, now)
			if g := got.In(loc).Format("2006-01-02 15:04"); g != tt.want {
				t.Errorf("got %s, want %s (%s)", g, tt.want, tt.zone)
			}
			if tt.wantUTC != "" {
				if g := got.UTC().Format(time.RFC3339); g != tt.wantUTC {
					t.Errorf("got %s UTC, want %s", g, tt.wantUTC)
				}
			}
		})
	}
}

func TestAllowed(t *testing.T) {
	p := NewPlanner()
	ny := mustLoc(t, "America/New_York")
	tests := []struct {
		name     string
		local    string
		calendar string
		want     bool
	}{
		{"BeforeFrom", "2025-03-13 06:59", "", false},
		{"AtFrom", "2025-03-13 07:00", "", true},
		{"Midday", "2025-03-13 12:00", "", true},
		{"LastMinute", "2025-03-13 19:59", "", true},
		{"AtUntil", "2025-03-13 20:00", "", false},
		{"Night", "2025-03-13 03:00", "", false},
		{"Saturday", "2025-03-15 12:00", "", false},
		{"Holiday", "2025-11-27 12:00", "us", false},
		{"HolidayElsewhere", "2025-11-27 12:00", "gb", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := settings(tt.calendar, 8, 9)
			if got := p.Allowed(localTime(t, ny, tt.local), s, ny); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("UsesStudentZone", func(t *testing.T) {
		// 10:00 in New York is 02:00 the next day in Kiritimati.
		tm := localTime(t, ny, "2025-03-13 10:00")
		if !p.Allowed(tm, DefaultSettings(), ny) {
			t.Error("got not allowed in New York, want allowed")
		}
		if p.Allowed(tm, DefaultSettings(), mustLoc(t, "Pacific/Kiritimati")) {
			t.Error("got allowed in Kiritimati, want not allowed")
		}
	})
}

var propertyZones = []string{
	"UTC", "America/New_York", "America/Los_Angeles", "America/St_Johns", "America/Santiago",
	"America/Havana", "America/Sao_Paulo", "Europe/London", "Europe/Dublin", "Europe/Berlin",
	"Asia/Kolkata", "Asia/Kathmandu", "Asia/Tehran", "Asia/Tokyo", "Australia/Sydney",
	"Australia/Lord_Howe", "Australia/Adelaide", "Pacific/Chatham", "Pacific/Auckland",
	"Pacific/Kiritimati", "Pacific/Pago_Pago", "Pacific/Apia", "Pacific/Honolulu",
}

// TestNextAllowedProperty checks, over random zones, settings and instants
// between 2010 and 2032, that NextAllowed and NudgeAt only ever return an
// allowed moment at or after the given one, and that NextAllowed returns
// the first such moment.
func TestNextAllowedProperty(t *testing.T) {
	p := NewPlanner()
	cals := Calendars()
	locs := make([]*time.Location, len(propertyZones))
	for i, z := range propertyZones {
		locs[i] = mustLoc(t, z)
	}
	rng := rand.New(rand.NewSource(20250313))
	start := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := int64(22 * 365 * 24 * 3600)
	for i := 0; i < 20000; i++ {
		loc := locs[rng.Intn(len(locs))]
		s := Settings{
			WaitBusinessDays: 5 + rng.Intn(8), // some out of range on purpose
			NudgeHour:        rng.Intn(24),    // some outside the allowed hours
			Calendar:         cals[rng.Intn(len(cals))].Code,
			Paused:           rng.Intn(2) == 0,
		}
		now := time.Unix(start+rng.Int63n(span), 0)

		next := p.NextAllowed(now, s, loc)
		if !p.Allowed(next, s, loc) || next.Before(now) {
			t.Fatalf("NextAllowed(%s in %s, %+v): got %s, want an allowed moment at or after it",
				now.In(loc), loc, s, next.In(loc))
		}
		if p.Allowed(now, s, loc) && !next.Equal(now) {
			t.Fatalf("NextAllowed(%s in %s): got %s, want now itself: it is allowed", now.In(loc), loc, next.In(loc))
		}
		if before := next.Add(-time.Minute); !next.Equal(now) && !before.Before(now) && p.Allowed(before, s, loc) {
			t.Fatalf("NextAllowed(%s in %s): got %s, want the first allowed moment (a minute earlier is allowed)",
				now.In(loc), loc, next.In(loc))
		}

		due := DateOf(now.In(loc)).AddDays(rng.Intn(30) - 10)
		nudge := p.NudgeAt(due, s, loc, now)
		if !p.Allowed(nudge, s, loc) || nudge.Before(now) {
			t.Fatalf("NudgeAt(%s, %+v, %s, now %s): got %s, want an allowed moment at or after now",
				due, s, loc, now.In(loc), nudge.In(loc))
		}
	}
}

func BenchmarkNudgeAt(b *testing.B) {
	p := NewPlanner()
	loc := mustLoc(b, "America/New_York")
	s := settings("us", 8, 9)
	due := mustDate(b, "2025-11-27")
	now := localTime(b, loc, "2025-11-26 22:00")
	for b.Loop() {
		p.NudgeAt(due, s, loc, now)
	}
}
