package messages

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

func testCalendars() []followup.Calendar {
	return []followup.Calendar{
		{Code: "", Name: "No holidays, weekends only"},
		{Code: "US", Name: "United States"},
		{Code: "GB", Name: "United Kingdom"},
		{Code: "DE", Name: "Germany"},
	}
}

func TestSettingsModal(t *testing.T) {
	st := followup.Student{TZ: "America/New_York", Settings: followup.Settings{
		WaitBusinessDays: 9, NudgeHour: 8, Calendar: "US", CareerLevel: followup.LevelProjectStarter, Paused: true,
	}}
	t.Run("Saved", func(t *testing.T) {
		checkView(t, "settings_modal", SettingsModal(st, testCalendars()))
	})
	t.Run("DefaultsNoTimeZone", func(t *testing.T) {
		checkView(t, "settings_modal_defaults", SettingsModal(followup.Student{Settings: followup.DefaultSettings()}, testCalendars()[1:]))
	})
	t.Run("ManyCalendarsKeepCurrent", func(t *testing.T) {
		var cals []followup.Calendar
		for i := 0; i < 150; i++ {
			cals = append(cals, followup.Calendar{Code: fmt.Sprintf("C%03d", i), Name: fmt.Sprintf("Calendar %d", i)})
		}
		s := st
		s.Settings.Calendar = "C140"
		v := SettingsModal(s, cals)
		if err := ValidateView(v); err != nil {
			t.Fatalf("ValidateView = %v, want nil", err)
		}
		sel := inputElement(t, v, BlockCalendar).(*slack.SelectBlockElement)
		if got := len(sel.Options); got != maxSelectOptions {
			t.Errorf("calendar options = %d, want %d", got, maxSelectOptions)
		}
		if sel.InitialOption == nil || sel.InitialOption.Value != "C140" {
			t.Errorf("initial calendar = %+v, want C140", sel.InitialOption)
		}
	})
	t.Run("HourOutsideWorkingHours", func(t *testing.T) {
		s := st
		s.Settings.NudgeHour = 6
		sel := inputElement(t, SettingsModal(s, testCalendars()), BlockNudgeHour).(*slack.SelectBlockElement)
		if sel.InitialOption == nil || sel.InitialOption.Value != "6" {
			t.Errorf("initial hour = %+v, want 6", sel.InitialOption)
		}
		if got := sel.Options[0].Value; got != "6" {
			t.Errorf("first hour = %s, want 6", got)
		}
	})
}

// inputElement finds the element of the input block with the given id.
func inputElement(t *testing.T, v slack.ModalViewRequest, blockID string) slack.BlockElement {
	t.Helper()
	for _, b := range v.Blocks.BlockSet {
		if in, ok := b.(*slack.InputBlock); ok && in.BlockID == blockID {
			return in.Element
		}
	}
	t.Fatalf("no input block %q", blockID)
	return nil
}

// settingsValues builds the state of a submitted settings modal.
func settingsValues(hour, wait, calendar, level string, paused bool) map[string]map[string]slack.BlockAction {
	var selected []slack.OptionBlockObject
	if paused {
		selected = []slack.OptionBlockObject{{Value: PausedValue}}
	}
	return map[string]map[string]slack.BlockAction{
		BlockNudgeHour:   {ActionNudgeHour: {SelectedOption: slack.OptionBlockObject{Value: hour}}},
		BlockWaitDays:    {ActionWaitDays: {SelectedOption: slack.OptionBlockObject{Value: wait}}},
		BlockCalendar:    {ActionCalendar: {SelectedOption: slack.OptionBlockObject{Value: calendar}}},
		BlockCareerLevel: {ActionCareerLevel: {SelectedOption: slack.OptionBlockObject{Value: level}}},
		BlockPaused:      {ActionPaused: {SelectedOptions: selected}},
	}
}

func TestParseSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		values   map[string]map[string]slack.BlockAction
		want     followup.Settings
		wantErrs []followup.Field
	}{
		{"Full", settingsValues("8", "9", "US", "project_starter", true),
			followup.Settings{NudgeHour: 8, WaitBusinessDays: 9, Calendar: "US", CareerLevel: followup.LevelProjectStarter, Paused: true}, nil},
		{"NoCalendarNotPaused", settingsValues("19", "7", CalendarNone, "protects_strategy", false),
			followup.Settings{NudgeHour: 19, WaitBusinessDays: 7, Calendar: "", CareerLevel: followup.LevelProtectsStrategy}, nil},
		{"BadValues", settingsValues("25", "11", "", "boss", false),
			followup.Settings{NudgeHour: 25, WaitBusinessDays: 11, CareerLevel: "boss"},
			[]followup.Field{followup.FieldNudgeHour, followup.FieldWaitDays, followup.FieldCalendar, followup.FieldCareerLevel}},
		{"NotNumbers", settingsValues("nine", "eight", "US", "gets_things_done", false),
			followup.Settings{Calendar: "US", CareerLevel: followup.LevelGetsThingsDone},
			[]followup.Field{followup.FieldNudgeHour, followup.FieldWaitDays}},
		{"Nothing", map[string]map[string]slack.BlockAction{},
			followup.Settings{},
			[]followup.Field{followup.FieldNudgeHour, followup.FieldWaitDays, followup.FieldCalendar, followup.FieldCareerLevel}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := ParseSettings(tc.values)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseSettings = %+v, want %+v", got, tc.want)
			}
			if len(errs) != len(tc.wantErrs) {
				t.Errorf("ParseSettings errors = %v, want errors on %v", errs, tc.wantErrs)
			}
			for _, f := range tc.wantErrs {
				if errs[f] == "" {
					t.Errorf("ParseSettings errors = %v, want an error on %s", errs, f)
				}
			}
			if len(tc.wantErrs) > 0 {
				if got := SettingsErrors(errs); len(got) != len(tc.wantErrs) {
					t.Errorf("SettingsErrors = %v, want %d blocks", got, len(tc.wantErrs))
				}
			}
		})
	}
}

func TestSettingsSaved(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    followup.Settings
		tz   string
	}{
		{"settings_saved", followup.Settings{NudgeHour: 8, WaitBusinessDays: 9, Calendar: "US", CareerLevel: followup.LevelProjectStarter}, "America/New_York"},
		{"settings_saved_paused_no_calendar", followup.Settings{NudgeHour: 13, WaitBusinessDays: 8, CareerLevel: followup.LevelProtectsStrategy, Paused: true}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) { checkMessage(t, tc.name, SettingsSaved(tc.s, tc.tz)) })
	}
}
