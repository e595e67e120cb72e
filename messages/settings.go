package messages

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/followup-coach/followup/blockkit"
	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

// Nudge hours offered in settings: working hours, 7:00 to 19:00.
const (
	firstNudgeHour = 7
	lastNudgeHour  = 19
)

// maxSelectOptions is Slack's cap on options in a static select (100).
const maxSelectOptions = blockkit.MaxSelectOptions

// careerLevel is one way a draft can present the student.
type careerLevel struct {
	level followup.CareerLevel
	text  string // the radio button
	about string // its one-line description
	who   string // "Drafts present you as <who>."
}

// careerLevels are the three frames a draft can take, in the order shown.
func careerLevels() []careerLevel {
	return []careerLevel{
		{followup.LevelGetsThingsDone, "Gets things done", "You deliver well-scoped work reliably.", "someone who gets things done"},
		{followup.LevelProjectStarter, "Project starter", "You spot what's missing and get it started.", "someone who starts projects"},
		{followup.LevelProtectsStrategy, "Protects the strategy", "You keep the team's bigger goals on track.", "someone who protects the strategy"},
	}
}

// hourText is how an hour reads: "9:00 AM".
func hourText(h int) string {
	return time.Date(2000, 1, 1, h, 0, 0, 0, time.UTC).Format(clockLayout)
}

// SettingsModal is the form for a student's preferences. calendars are the
// holiday calendars to offer; a "none" choice is added when missing.
func SettingsModal(st followup.Student, calendars []followup.Calendar) slack.ModalViewRequest {
	s := st.Settings

	// Hours: working hours, plus the student's current hour if it is
	// outside them, so opening and saving never changes it silently.
	hours := make([]int, 0, lastNudgeHour-firstNudgeHour+2)
	for h := firstNudgeHour; h <= lastNudgeHour; h++ {
		hours = append(hours, h)
	}
	if !slices.Contains(hours, s.NudgeHour) && s.NudgeHour >= 0 && s.NudgeHour <= 23 {
		hours = append(hours, s.NudgeHour)
		slices.Sort(hours)
	}
	hourOpts := make([]*slack.OptionBlockObject, 0, len(hours))
	var hourInitial *slack.OptionBlockObject
	for _, h := range hours {
		o := option(strconv.Itoa(h), hourText(h), "")
		hourOpts = append(hourOpts, o)
		if h == s.NudgeHour {
			hourInitial = o
		}
	}
	hourSelect := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick a time"), ActionNudgeHour, hourOpts...)
	hourSelect.InitialOption = hourInitial

	var waitOpts []*slack.OptionBlockObject
	var waitInitial *slack.OptionBlockObject
	for d := followup.MinWaitBusinessDays; d <= followup.MaxWaitBusinessDays; d++ {
		text := fmt.Sprintf("%d business days", d)
		if d == followup.DefaultWaitBusinessDays {
			text += " (usual)"
		}
		o := option(strconv.Itoa(d), text, "")
		waitOpts = append(waitOpts, o)
		if d == s.WaitBusinessDays {
			waitInitial = o
		}
	}
	waitSelect := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick a wait"), ActionWaitDays, waitOpts...)
	waitSelect.InitialOption = waitInitial

	calSelect := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick a calendar"), ActionCalendar, calendarOptions(calendars, s.Calendar)...)
	for _, o := range calSelect.Options {
		if o.Value == calendarValue(s.Calendar) {
			calSelect.InitialOption = o
		}
	}

	var levelOpts []*slack.OptionBlockObject
	var levelInitial *slack.OptionBlockObject
	for _, l := range careerLevels() {
		o := option(string(l.level), l.text, l.about)
		levelOpts = append(levelOpts, o)
		if l.level == s.CareerLevel {
			levelInitial = o
		}
	}
	levelRadio := slack.NewRadioButtonsBlockElement(ActionCareerLevel, levelOpts...)
	levelRadio.InitialOption = levelInitial

	pausedOpt := option(PausedValue, "Pause my nudges", "I won't DM you until you turn them back on.")
	pausedBox := slack.NewCheckboxGroupsBlockElement(ActionPaused, pausedOpt)
	if s.Paused {
		pausedBox.InitialOptions = []*slack.OptionBlockObject{pausedOpt}
	}

	tz := st.TZ
	tzLine := fmt.Sprintf("Times use your Slack time zone, *%s*. You can change it in your Slack profile.", Escape(tz))
	if tz == "" {
		tzLine = "Slack didn't share your time zone with me, so times are in UTC. You can set it in your Slack profile."
	}

	blocks := []slack.Block{
		section(BlockSettingsIntro, "Choose how I nudge you. Changes apply to follow-ups I plan from now on."),
		input(BlockNudgeHour, "Nudge me around", "", hourSelect, false),
		note(BlockTimeZone, tzLine),
		input(BlockWaitDays, "Wait after the thank-you note", "7 to 10 business days gives them time to move without you fading from mind.", waitSelect, false),
		input(BlockCalendar, "Holiday calendar", "I skip these public holidays when I count business days.", calSelect, false),
		input(BlockCareerLevel, "Career level", "This shapes how your drafts present you.", levelRadio, false),
		input(BlockPaused, "Nudges", "", pausedBox, true),
	}
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plain("Settings"),
		Submit:     plain("Save"),
		Close:      plain("Cancel"),
		CallbackID: CallbackSettings,
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// calendarValue is the option value of a calendar code.
func calendarValue(code string) string {
	if code == "" {
		return CalendarNone
	}
	return code
}

// calendarOptions lists the calendars, a "none" option first if the list
// has none, cut to Slack's 100 options. The student's current calendar is
// kept even if the cut would drop it.
func calendarOptions(calendars []followup.Calendar, current string) []*slack.OptionBlockObject {
	hasNone := slices.ContainsFunc(calendars, func(c followup.Calendar) bool { return c.Code == "" })
	var opts []*slack.OptionBlockObject
	if !hasNone {
		opts = append(opts, option(CalendarNone, "No holidays, weekends only", ""))
	}
	for _, c := range calendars {
		name := c.Name
		if name == "" {
			name = c.Code
		}
		if c.Code == "" && c.Name == "" {
			name = "No holidays, weekends only"
		}
		opts = append(opts, option(calendarValue(c.Code), truncate(name, maxOptionText), ""))
	}
	if len(opts) <= maxSelectOptions {
		return opts
	}
	cut := opts[:maxSelectOptions]
	want := calendarValue(current)
	if !slices.ContainsFunc(cut, func(o *slack.OptionBlockObject) bool { return o.Value == want }) {
		for _, o := range opts[maxSelectOptions:] {
			if o.Value == want {
				cut[len(cut)-1] = o
			}
		}
	}
	return cut
}

// truncate cuts s to max runes, ending with "…" when cut.
func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// ParseSettings reads a submitted settings modal.
func ParseSettings(values map[string]map[string]slack.BlockAction) (followup.Settings, followup.FieldErrors) {
	errs := followup.FieldErrors{}
	var s followup.Settings

	hour, err := strconv.Atoi(values[BlockNudgeHour][ActionNudgeHour].SelectedOption.Value)
	if err != nil || hour < 0 || hour > 23 {
		errs[followup.FieldNudgeHour] = "Pick a time from the list."
	}
	s.NudgeHour = hour

	wait, err := strconv.Atoi(values[BlockWaitDays][ActionWaitDays].SelectedOption.Value)
	if err != nil || wait < followup.MinWaitBusinessDays || wait > followup.MaxWaitBusinessDays {
		errs[followup.FieldWaitDays] = fmt.Sprintf("Pick a wait between %d and %d business days.", followup.MinWaitBusinessDays, followup.MaxWaitBusinessDays)
	}
	s.WaitBusinessDays = wait

	switch cal := values[BlockCalendar][ActionCalendar].SelectedOption.Value; cal {
	case "":
		errs[followup.FieldCalendar] = "Pick a calendar, or \"No holidays\"."
	case CalendarNone:
		s.Calendar = ""
	default:
		s.Calendar = cal
	}

	level := followup.CareerLevel(values[BlockCareerLevel][ActionCareerLevel].SelectedOption.Value)
	if !slices.ContainsFunc(careerLevels(), func(l careerLevel) bool { return l.level == level }) {
		errs[followup.FieldCareerLevel] = "Pick the level that sounds most like you."
	}
	s.CareerLevel = level

	for _, o := range values[BlockPaused][ActionPaused].SelectedOptions {
		if o.Value == PausedValue {
			s.Paused = true
		}
	}
	return s, errs
}

// settingsFields are the fields shown in the settings modal, in order.
func settingsFields() []followup.Field {
	return []followup.Field{followup.FieldNudgeHour, followup.FieldWaitDays, followup.FieldCalendar, followup.FieldCareerLevel}
}

// SettingsErrors turns field errors into the block_id → message map of a
// response_action "errors"; see LogErrors.
func SettingsErrors(errs followup.FieldErrors) map[string]string {
	return fieldErrors(errs, settingsFields())
}

// SettingsSaved confirms saved settings; tz is the student's time zone name.
func SettingsSaved(s followup.Settings, tz string) Message {
	if tz == "" {
		tz = "UTC"
	}
	holidays := "I count weekdays only, with no public holidays."
	if s.Calendar != "" {
		holidays = fmt.Sprintf("I skip public holidays of the `%s` calendar.", Escape(s.Calendar))
	}
	level := careerLevels()[0].who
	for _, l := range careerLevels() {
		if l.level == s.CareerLevel {
			level = l.who
		}
	}
	lines := []string{
		"Saved. Here's how I'll work with you:",
		fmt.Sprintf("• Nudges around *%s* (%s).", hourText(s.NudgeHour), Escape(tz)),
		fmt.Sprintf("• Second follow-up *%d business days* after your thank-you note. %s", s.WaitBusinessDays, holidays),
		fmt.Sprintf("• Drafts present you as %s.", level),
	}
	if s.Paused {
		lines = append(lines, "• Nudges are paused. `/followup resume` turns them back on.")
	}
	return Message{
		Text:   "Your settings are saved.",
		Blocks: []slack.Block{section(BlockSettingsSaved, strings.Join(lines, "\n"))},
	}
}
