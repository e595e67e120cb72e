package messages

import (
	"strings"

	"github.com/followup-coach/followup/followup"
)

// The coaching around a draft speaks to the student, never to the
// recruiter: why this draft answers the silence, what the student's career
// level asks the note to show (the seeds' motives, which have no place in
// the email itself), and plainly what is still missing.

// diagnosisCoaching says how the draft answers the student's 3-way check.
func diagnosisCoaching(d followup.Diagnosis) string {
	switch d {
	case followup.DiagnosisWhoDecides:
		return "The approval may now sit with someone new, so this draft hands over something they can pass on without rewriting it."
	case followup.DiagnosisMissingInfo:
		return "They may be waiting on other people. This draft makes your side complete today, so you're not one more thing they wait for."
	case followup.DiagnosisTooBusy:
		return "Your note may be buried under more urgent work. This is the shortest version, and a reply takes one word."
	}
	return "A light note: it still brings something useful, and one easy question shows you where things are."
}

// levelCoaching is the student's motive at their career level.
func levelCoaching(l followup.CareerLevel) string {
	switch l {
	case followup.LevelProjectStarter:
		return "At your level, the note shows you see the whole project: a slow answer holds up other people too, so you keep the next step small and easy to approve."
	case followup.LevelProtectsStrategy:
		return "At your level, the note protects what matters most to them, time and money: it puts one key decision in front of them, ready to approve, so waiting doesn't become an expensive delay."
	}
	return "At your level, the note shows you solve problems on your own instead of waiting to be told what's next."
}

// draftCoaching is the text beside a second follow-up draft.
func draftCoaching(v DraftView) string {
	lines := []string{diagnosisCoaching(v.Draft.Diagnosis), "_" + levelCoaching(v.Level) + "_"}
	if v.Picked != nil {
		from := "from your library"
		if v.Picked.Community {
			from = "from your career center"
		}
		lines = append(lines, "I used *"+Escape(itemTitle(*v.Picked))+"* "+from+": it fits this draft best. "+
			"Pick another under *Use a library item*.")
	}
	item, topic := missingSlots(v.Draft.Body)
	if item != "" {
		lines = append(lines, "*Before you send:* the draft has no "+strings.TrimPrefix(strings.TrimPrefix(kindNoun(DraftKind(v.Draft.Diagnosis, v.Level, v.Picked)), "a "), "an ")+
			" yet, so it asks without giving anything. Put yours where "+Escape(item)+" is, or pick one under *Use a library item*.")
	}
	if topic {
		lines = append(lines, "Replace "+Escape(topicSlot)+" with one thing you talked about. A real detail shows you listened.")
	}
	return joinLines(lines)
}

// missingSlots finds the unfilled slots of a draft: the item's (its
// marker) and whether the conversation line is still a slot.
func missingSlots(body string) (item string, topic bool) {
	for _, m := range slotMarker.FindAllString(body, -1) {
		if m == topicSlot {
			topic = true
			continue
		}
		if item == "" {
			item = m
		}
	}
	return item, topic
}
