package bot

import (
	"context"
	"errors"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// listLimit caps /followup list; the message says when there are more.
const listLimit = 200

// cmdHelp posts the help reply, which never changes: it is encoded once,
// in New, and every post shares those bytes.
func (b *Bot) cmdHelp(ctx context.Context, cmd slack.SlashCommand, _ string) {
	if cmd.ResponseURL == "" || b.helpReply == nil {
		b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.Help())
		return
	}
	if err := b.postResponse(ctx, cmd.ResponseURL, b.helpReply); err != nil {
		b.log.Error("could not reply", "err", err)
	}
}

func (b *Bot) cmdUnknown(ctx context.Context, cmd slack.SlashCommand, sub string) {
	b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.UnknownCommand(sub))
}

// cmdLog opens the log modal, pre-filled from "log Company | Role".
func (b *Bot) cmdLog(ctx context.Context, cmd slack.SlashCommand, args string) {
	st, ok := b.commander(ctx, cmd, "log")
	if !ok {
		return
	}
	company, role := messages.ParseLogArgs(args)
	view := messages.LogModal(messages.LogPrefill{Company: company, Role: role, Today: b.today(st)})
	b.openModal(ctx, cmd.TriggerID, cmd.ResponseURL, cmd.UserID, view)
}

// openModal opens a modal and explains what to do when Slack refuses it
// (most often an expired trigger after a slow network).
func (b *Bot) openModal(ctx context.Context, triggerID, responseURL, userID string, view slack.ModalViewRequest) {
	if _, err := b.api.OpenViewContext(ctx, triggerID, view); err != nil {
		b.log.Warn("views.open failed", "callback_id", view.CallbackID, "err", err)
		b.say(ctx, responseURL, userID, messages.ModalFailed())
	}
}

func (b *Bot) cmdList(ctx context.Context, cmd slack.SlashCommand, _ string) {
	st, ok := b.commander(ctx, cmd, "list")
	if !ok {
		return
	}
	ivs, err := b.store.ListInterviews(ctx, st.ID, listLimit)
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "list: interviews", err)
		return
	}
	b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.InterviewList(ivs, b.location(st), b.today(st)))
}

func (b *Bot) cmdSettings(ctx context.Context, cmd slack.SlashCommand, _ string) {
	st, ok := b.commander(ctx, cmd, "settings")
	if !ok {
		return
	}
	b.openModal(ctx, cmd.TriggerID, cmd.ResponseURL, cmd.UserID, messages.SettingsModal(st, followup.Calendars(), b.waitAdvice(ctx, st)))
}

func (b *Bot) cmdPause(ctx context.Context, cmd slack.SlashCommand, _ string) {
	b.setPaused(ctx, cmd, true)
}

func (b *Bot) cmdResume(ctx context.Context, cmd slack.SlashCommand, _ string) {
	b.setPaused(ctx, cmd, false)
}

func (b *Bot) setPaused(ctx context.Context, cmd slack.SlashCommand, paused bool) {
	if _, err := b.student(ctx, cmd.TeamID, cmd.UserID); err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "pause: student", err)
		return
	}
	_, n, err := b.updateAndReplan(ctx, followup.UserID{Team: cmd.TeamID, User: cmd.UserID}, func(st *followup.Student) error {
		st.Settings.Paused = paused
		return nil
	})
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "pause: update", err)
		return
	}
	if paused {
		b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.Paused())
		return
	}
	b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.Resumed(n))
}

// fail logs an error with where it happened and tells the student calmly.
func (b *Bot) fail(ctx context.Context, responseURL, userID, where string, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	b.log.Error("handler failed", "where", where, "err", err)
	b.sayWentWrong(ctx, responseURL, userID)
}
