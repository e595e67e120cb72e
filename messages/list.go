package messages

import (
	"fmt"
	"strings"
	"time"

	"github.com/followup-coach/followup/blockkit"
	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

// maxMessageBlocks is Slack's cap on blocks in one message (50).
const maxMessageBlocks = blockkit.MaxMessageBlocks

// listFixedBlocks are the blocks of the list that are not rows: the header,
// the "not shown" note and the actions.
const listFixedBlocks = 3

// MaxListRows is how many interviews the list shows, so that the message
// stays within Slack's 50 blocks.
const MaxListRows = maxMessageBlocks - listFixedBlocks

// StageLabel says in words where an interview is.
func StageLabel(st followup.Stage) string {
	switch st {
	case followup.StageLogged:
		return "Waiting for the right moment"
	case followup.StageDue, followup.StageNudged:
		return "Second follow-up due"
	case followup.StageDrafted:
		return "Draft ready"
	case followup.StageSent:
		return "Second follow-up sent"
	case followup.StageClosingDue:
		return "Closing note due"
	case followup.StageSnoozed:
		return "Snoozed"
	case followup.StageReplied:
		return "Moving forward"
	case followup.StageOffer:
		return "Offer received"
	case followup.StageRejected:
		return "Closed: not selected"
	case followup.StageWithdrawn:
		return "Closed: you withdrew"
	case followup.StageNoReply:
		return "Closed: no reply"
	}
	return "In progress"
}

// InterviewList shows the student's interviews in the order given (newest
// first), each with its stage, what comes next and, while open, a menu to
// snooze or record the outcome. today is the student's local date.
func InterviewList(ivs []followup.Interview, loc *time.Location, today followup.Date) Message {
	if loc == nil {
		loc = time.UTC
	}
	logButton := slack.NewActionBlock(BlockListActions, button(ActionOpenLog, "", "Log an interview"))
	if len(ivs) == 0 {
		return Message{
			Text: "No interviews logged yet.",
			Blocks: []slack.Block{
				section(BlockListEmpty, "No interviews here yet. After your next interview, log it and I'll tell you when your second follow-up is due."),
				logButton,
			},
		}
	}

	open := 0
	for _, iv := range ivs {
		if iv.Open() {
			open++
		}
	}
	blocks := []slack.Block{header(BlockListHeader, "Your interviews")}
	shown := ivs
	if len(shown) > MaxListRows {
		shown = shown[:MaxListRows]
	}
	for _, iv := range shown {
		blocks = append(blocks, listRow(iv, loc, today))
	}
	if hidden := len(ivs) - len(shown); hidden > 0 {
		blocks = append(blocks, note(BlockListMore,
			fmt.Sprintf("%d older %s not shown.", hidden, plural(hidden, "interview is", "interviews are"))))
	}
	blocks = append(blocks, logButton)
	return Message{
		Text:   fmt.Sprintf("Your interviews: %d open, %d closed.", open, len(ivs)-open),
		Blocks: blocks,
	}
}

// listRow is one interview: what, when, where it stands, what's next.
func listRow(iv followup.Interview, loc *time.Location, today followup.Date) *slack.SectionBlock {
	title := "*" + Escape(iv.Company) + "*"
	if iv.Role != "" {
		title += " — " + Escape(iv.Role)
	}
	status := StageLabel(iv.Stage)
	if iv.Stage == followup.StageSnoozed && !iv.SnoozedUntil.IsZero() {
		status = "Snoozed until " + dayWord(followup.DateOf(iv.SnoozedUntil.In(loc)), today)
	}
	lines := []string{
		title,
		fmt.Sprintf("Interviewed %s · %s", iv.InterviewDate.Format(dateLayout), status),
	}
	if next := nextStep(iv, loc, today); next != "" {
		lines = append(lines, next)
	}
	b := section(listRowBlockID(iv.ID), strings.Join(lines, "\n"))
	if iv.Open() {
		b.Accessory = slack.NewAccessory(interviewMenu(iv))
	}
	return b
}

// nextStep says what comes next for an open interview, or "".
func nextStep(iv followup.Interview, loc *time.Location, today followup.Date) string {
	if !iv.Open() {
		return ""
	}
	nudgeDay := followup.DateOf(iv.NextNudgeAt.In(loc))
	switch iv.Stage {
	case followup.StageLogged:
		if iv.SecondDue.IsZero() {
			return ""
		}
		return "Next: second follow-up " + onDay(iv.SecondDue, today)
	case followup.StageDue, followup.StageNudged, followup.StageDrafted:
		return readySince(iv.SecondDue, today)
	case followup.StageSent:
		if iv.NextNudgeAt.IsZero() || iv.NextNudgeKind != followup.NudgeClosingNote {
			return ""
		}
		return "Next: closing note " + onDay(nudgeDay, today)
	case followup.StageClosingDue:
		if iv.NextNudgeAt.IsZero() {
			return ""
		}
		return readySince(nudgeDay, today)
	case followup.StageSnoozed:
		return "" // the label already says until when
	}
	if !iv.NextNudgeAt.IsZero() {
		return "Next nudge " + onDay(nudgeDay, today)
	}
	return ""
}

// readySince says since when something due has been ready.
func readySince(d, today followup.Date) string {
	switch {
	case d.IsZero():
		return ""
	case d.Before(today):
		return "Ready since " + d.Format(dateLayout)
	case d == today:
		return "Due today"
	}
	return "Due " + onDay(d, today)
}

// onDay is "today", "tomorrow" or "on Thu 15 Jan".
func onDay(d, today followup.Date) string {
	if w := dayWord(d, today); w != d.Format(dateLayout) {
		return w
	}
	return "on " + d.Format(dateLayout)
}

// dayWord is "today", "tomorrow" or "Thu 15 Jan".
func dayWord(d, today followup.Date) string {
	switch today.DaysUntil(d) {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return d.Format(dateLayout)
}

// interviewMenu is the menu of one list row. It is a static select, not an
// overflow: an overflow holds at most 5 options and there are up to 8
// choices. Both send the chosen value in selected_option.value. "Draft it
// now" is there until the second follow-up is sent.
func interviewMenu(iv followup.Interview) *slack.SelectBlockElement {
	id := iv.ID
	var groups []*slack.OptionGroupBlockObject
	if iv.BeforeSecondSent() {
		groups = append(groups, slack.NewOptionGroupBlockElement(plain("Write"),
			option(MenuValue(MenuDraftNow, id), "Draft it now", "")))
	}
	groups = append(groups, slack.NewOptionGroupBlockElement(plain("Not now"),
		option(MenuValue(MenuSnooze1D, id), "Remind me tomorrow", ""),
		option(MenuValue(MenuSnooze3D, id), "Remind me in 3 days", ""),
		option(MenuValue(MenuSnoozeNextWeek, id), "Remind me next week", ""),
	), slack.NewOptionGroupBlockElement(plain("What happened"),
		option(MenuValue(MenuReplied, id), "They replied, moving forward", ""),
		option(MenuValue(MenuOffer, id), "I got an offer", ""),
		option(MenuValue(MenuRejected, id), "They said no", ""),
		option(MenuValue(MenuWithdrawn, id), "I withdrew", ""),
	))
	return slack.NewOptionsGroupSelectBlockElement(slack.OptTypeStatic, plain("Update"), ActionInterviewMenu, groups...)
}

// plural picks the singular or plural words for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
