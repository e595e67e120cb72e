package followup

import (
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/au"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/br"
	"github.com/rickar/cal/v2/ca"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/dk"
	"github.com/rickar/cal/v2/es"
	"github.com/rickar/cal/v2/fi"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/ie"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/mx"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/no"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/pt"
	"github.com/rickar/cal/v2/se"
	"github.com/rickar/cal/v2/us"
	"github.com/rickar/cal/v2/za"
)

// calendarDef pairs a calendar a student can pick with the holidays behind
// it. The holiday lists are rickar/cal's standard lists for the country or
// region; they are read, never changed.
type calendarDef struct {
	Calendar
	holidays []*cal.Holiday
}

// calendarDefs returns the calendars on offer: "" first, then by name.
// It builds a fresh slice on each call so there is no package state to
// guard. India ("in") is missing because rickar/cal has no list for it.
func calendarDefs() []calendarDef {
	return []calendarDef{
		{Calendar{"", "No holidays (weekends only)"}, nil},
		{Calendar{"au-act", "Australia (ACT)"}, au.HolidaysACT},
		{Calendar{"au-nsw", "Australia (New South Wales)"}, au.HolidaysNSW},
		{Calendar{"au-nt", "Australia (Northern Territory)"}, au.HolidaysNT},
		{Calendar{"au-qld", "Australia (Queensland)"}, au.HolidaysQLD},
		{Calendar{"au-sa", "Australia (South Australia)"}, au.HolidaysSA},
		{Calendar{"au-tas", "Australia (Tasmania)"}, au.HolidaysTAS},
		{Calendar{"au-vic", "Australia (Victoria)"}, au.HolidaysVIC},
		{Calendar{"au-wa", "Australia (Western Australia)"}, au.HolidaysWA},
		{Calendar{"at", "Austria"}, at.Holidays},
		{Calendar{"be", "Belgium"}, be.Holidays},
		{Calendar{"br", "Brazil"}, br.Holidays},
		{Calendar{"ca", "Canada"}, ca.Holidays},
		{Calendar{"dk", "Denmark"}, dk.Holidays},
		{Calendar{"fi", "Finland"}, fi.Holidays},
		{Calendar{"fr", "France"}, fr.Holidays},
		{Calendar{"de", "Germany"}, de.Holidays},
		{Calendar{"ie", "Ireland"}, ie.Holidays},
		{Calendar{"it", "Italy"}, it.Holidays},
		{Calendar{"jp", "Japan"}, jp.Holidays},
		{Calendar{"mx", "Mexico"}, mx.Holidays},
		{Calendar{"nl", "Netherlands"}, nl.Holidays},
		{Calendar{"nz", "New Zealand"}, nz.Holidays},
		{Calendar{"no", "Norway"}, no.Holidays},
		{Calendar{"pl", "Poland"}, pl.Holidays},
		{Calendar{"pt", "Portugal"}, pt.Holidays},
		{Calendar{"za", "South Africa"}, za.Holidays},
		{Calendar{"es", "Spain"}, es.Holidays},
		{Calendar{"se", "Sweden"}, se.Holidays},
		{Calendar{"ch", "Switzerland"}, ch.Holidays},
		{Calendar{"gb", "United Kingdom (England & Wales)"}, gb.Holidays},
		{Calendar{"us", "United States (federal)"}, us.Holidays},
	}
}

// Calendars returns the holiday calendars a student can choose, in a
// stable order for the settings modal: "No holidays" first, then by name.
func Calendars() []Calendar {
	defs := calendarDefs()
	out := make([]Calendar, len(defs))
	for i, d := range defs {
		out[i] = d.Calendar
	}
	return out
}

// ValidCalendar reports whether code names one of Calendars ("" included).
func ValidCalendar(code string) bool {
	for _, d := range calendarDefs() {
		if d.Code == code {
			return true
		}
	}
	return false
}
