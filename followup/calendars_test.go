package followup

import (
	"sort"
	"testing"
)

func TestCalendars(t *testing.T) {
	cals := Calendars()
	if len(cals) < 10 {
		t.Fatalf("got %d calendars, want a useful set", len(cals))
	}
	if cals[0].Code != "" {
		t.Errorf("got first calendar %q, want \"\" (no holidays) first", cals[0].Code)
	}
	rest := cals[1:]
	if !sort.SliceIsSorted(rest, func(i, j int) bool { return rest[i].Name < rest[j].Name }) {
		t.Errorf("got calendars %v, want them sorted by name after the first", rest)
	}
	seen := map[string]bool{}
	for _, c := range cals {
		if seen[c.Code] {
			t.Errorf("got code %q twice, want unique codes", c.Code)
		}
		seen[c.Code] = true
		if c.Name == "" {
			t.Errorf("calendar %q: got empty name, want one for the modal", c.Code)
		}
		if !ValidCalendar(c.Code) {
			t.Errorf("ValidCalendar(%q) = false, want true", c.Code)
		}
	}
	for _, code := range []string{"us", "gb", "ca", "au-nsw", "de", "fr", "ie", "nl", "nz"} {
		if !seen[code] {
			t.Errorf("got no calendar %q, want it offered", code)
		}
	}
	for _, code := range []string{"xx", "US", " us", "au"} {
		if ValidCalendar(code) {
			t.Errorf("ValidCalendar(%q) = true, want false", code)
		}
	}
	// The caller may change what it gets without changing the next answer.
	cals[0].Name = "changed"
	if Calendars()[0].Name == "changed" {
		t.Error("got a shared slice from Calendars, want a fresh copy")
	}
}
