package messages

import (
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
)

// Block ids of the message that replaces a nudge once the student chose.
const (
	BlockChoiceDone    = "choice_done"
	BlockChoiceActions = "choice_actions"
)

// ChoiceDone replaces a nudge after the student snoozed it or said how the
// interview ended, so old buttons cannot be pressed twice. loc is the
// student's time zone, for the snooze's end.
func ChoiceDone(iv followup.Interview, loc *time.Location) Message {
	var line string
	switch iv.Stage {
	case followup.StageSnoozed:
		when := iv.NextNudgeAt
		if when.IsZero() {
			when = iv.SnoozedUntil
		}
		line = "*Snoozed.* I'll bring " + interviewTitle(iv) + " back on " + when.In(loc).Format("Mon 2 Jan at 15:04") + "."
	case followup.StageReplied:
		line = "*They replied.* Good news for " + interviewTitle(iv) + ". I won't send more reminders about it."
	case followup.StageOffer:
		line = "*An offer.* Congratulations on " + interviewTitle(iv) + ". I've closed its reminders."
	case followup.StageRejected:
		line = "*Not this time.* Thanks for telling me about " + interviewTitle(iv) + ". Their answer is about this role, not about you. I've closed its reminders."
	case followup.StageWithdrawn:
		line = "*Withdrawn.* I've closed the reminders for " + interviewTitle(iv) + "."
	case followup.StageNoReply:
		line = "*Closed.* " + interviewTitle(iv) + " is closed with no reply. Your time now goes to the next opportunity."
	default:
		line = "*Saved.* " + interviewTitle(iv) + ": " + StageLabel(iv.Stage) + "."
	}
	return Message{
		Text: StageLabel(iv.Stage) + ": " + interviewName(iv),
		Blocks: []slack.Block{
			section(BlockChoiceDone, line),
			slack.NewActionBlock(BlockChoiceActions, button(ActionOpenList, "", "See my list")),
		},
	}
}
