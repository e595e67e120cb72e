package bot

import (
	"context"
	"fmt"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/bot/slackerr"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// NudgeEventType names the Slack message metadata every nudge DM carries,
// so a nudge whose send outcome is unknown can be found in the DM history
// instead of being sent twice.
const NudgeEventType = "followup_nudge"

// historyLookback is how many recent DM messages Delivered reads. A nudge
// is claimed minutes before it is looked for; the bot posts a few messages
// per interview at most, so the nudge is always among them.
const historyLookback = 100

// Deliver posts a nudge DM to its student and returns where it landed. It
// implements the scheduler's Sender: its errors are the scheduler's
// (slackerr.Send). An error reading the store is of no known kind, so
// the scheduler treats it as unknown and checks before sending again.
//
// The last read of the interview and the post happen behind the student's
// gate, which forget takes too: a nudge claimed while the student asks to
// be forgotten either went out before the erase or finds them gone (an
// error wrapping followup.ErrNotFound) and is never sent.
func (b *Bot) Deliver(ctx context.Context, n followup.Nudge) (channel, ts string, err error) {
	unlock := b.gates.lock(n.Student)
	defer unlock()
	iv, err := b.store.Interview(ctx, n.InterviewID)
	if err != nil {
		return "", "", fmt.Errorf("nudge %d: %w", n.ID, err)
	}
	st, err := b.store.Student(ctx, n.Student)
	if err != nil {
		return "", "", fmt.Errorf("nudge %d: %w", n.ID, err)
	}
	meta := slack.MsgOptionMetadata(slack.SlackMetadata{
		EventType: NudgeEventType,
		EventPayload: map[string]any{
			"nudge_id":     strconv.FormatInt(n.ID, 10),
			"interview_id": strconv.FormatInt(iv.ID, 10),
		},
	})
	m := b.nudgeMessage(iv, st, n.Kind)
	if n.Kind == followup.NudgeSecondFollowUp {
		// The community's own figure for a second follow-up sent today.
		waited := b.planner.Days.BusinessDaysBetween(iv.FirstFollowUpDate, b.today(st), st.Settings.Calendar)
		m = messages.WithCommunityFigure(m, b.CommunityFigure(ctx, n.Student.Team, waited))
	}
	channel, ts, err = dmWith(ctx, b.nudgeAPI, n.Student.User, m, meta)
	return channel, ts, slackerr.Send(err)
}

// nudgeMessage is the DM for a nudge of kind about iv.
func (b *Bot) nudgeMessage(iv followup.Interview, st followup.Student, kind followup.NudgeKind) messages.Message {
	today := b.today(st)
	if kind == followup.NudgeClosingNote {
		since := iv.FirstFollowUpDate
		if iv.SecondSentDate != nil {
			since = *iv.SecondSentDate
		}
		return messages.ClosingNudge(iv, b.planner.Days.BusinessDaysBetween(since, today, st.Settings.Calendar))
	}
	return messages.Nudge(iv, b.planner.Days.BusinessDaysBetween(iv.FirstFollowUpDate, today, st.Settings.Calendar))
}

// Delivered looks in the student's DM for a message carrying this nudge's
// metadata. It implements the scheduler's Sender.
func (b *Bot) Delivered(ctx context.Context, n followup.Nudge) (channel, ts string, found bool, err error) {
	channel, err = dmChannel(ctx, b.nudgeAPI, n.Student.User)
	if err != nil {
		return "", "", false, err
	}
	hist, err := b.nudgeAPI.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
		ChannelID:          channel,
		Limit:              historyLookback,
		IncludeAllMetadata: true,
	})
	if err != nil {
		return channel, "", false, fmt.Errorf("conversations.history: %w", err)
	}
	want := strconv.FormatInt(n.ID, 10)
	for _, m := range hist.Messages {
		if m.Metadata.EventType != NudgeEventType {
			continue
		}
		if fmt.Sprint(m.Metadata.EventPayload["nudge_id"]) == want {
			return channel, m.Timestamp, true, nil
		}
	}
	return channel, "", false, nil
}
