package bot

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/followup-coach/followup/messages"
)

// commandHandler answers one /followup subcommand. args is the text after
// the subcommand.
type commandHandler func(ctx context.Context, cmd slack.SlashCommand, args string)

// actionHandler answers a click on a block element, after the ack.
type actionHandler func(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction)

// submitHandler answers a modal submission before the ack: it validates and
// saves, and returns the ack payload (nil closes the modal; field errors
// keep it open with what the student typed) and, optionally, work to do
// after the ack, such as a confirmation DM.
type submitHandler func(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context))

// submitDeadline leaves room inside Slack's 3 s for the ack to travel.
const submitDeadline = 2 * time.Second

func (b *Bot) commands() map[string]commandHandler {
	return map[string]commandHandler{
		"help":     b.cmdHelp,
		"log":      b.cmdLog,
		"list":     b.cmdList,
		"settings": b.cmdSettings,
		"pause":    b.cmdPause,
		"resume":   b.cmdResume,
		"library":  b.cmdLibrary,
		"check":    b.cmdCheck,
		"export":   b.cmdExport,
		"forget":   b.cmdForget,
		"stats":    b.cmdStats,
	}
}

func (b *Bot) actions() map[string]actionHandler {
	m := map[string]actionHandler{}
	b.registerActions(m)
	return m
}

func (b *Bot) submissions() map[string]submitHandler {
	m := map[string]submitHandler{}
	b.registerSubmissions(m)
	return m
}

// command routes "/followup <sub> <args>".
func (b *Bot) command(ctx context.Context, cmd slack.SlashCommand) {
	sub, args := splitCommand(cmd.Text)
	if sub == "" {
		sub = "help"
	}
	h, ok := b.routes.commands[sub]
	if !ok {
		b.cmdUnknown(ctx, cmd, sub)
		return
	}
	h(ctx, cmd, args)
}

// splitCommand splits "log Acme | Data" into "log" and "Acme | Data".
func splitCommand(text string) (sub, args string) {
	text = strings.TrimSpace(text)
	sub, args, _ = strings.Cut(text, " ")
	return strings.ToLower(sub), strings.TrimSpace(args)
}

// interactive acks block actions at once and works after; modal
// submissions are validated and saved first, because their ack carries the
// field errors.
func (b *Bot) interactive(ctx context.Context, req socketmode.Request, cb slack.InteractionCallback, arrived time.Time) {
	kind := "interactive:" + string(cb.Type)
	switch cb.Type {
	case slack.InteractionTypeViewSubmission:
		h, ok := b.routes.submissions[cb.View.CallbackID]
		if !ok {
			b.sm.Ack(req)
			b.acked(kind, arrived)
			b.log.Warn("unknown view submission", "callback_id", cb.View.CallbackID)
			return
		}
		// The deadline starts now, when the envelope arrives, not when a
		// worker is free: with every worker busy the ack must still beat
		// Slack's 3 s.
		deadline := arrived.Add(submitDeadline)
		busy := func(context.Context) {
			b.sm.Ack(req, slack.NewPushViewSubmissionResponse(messages.SubmitFailedView()))
			b.acked(kind, arrived)
		}
		b.workBy(ctx, kind, deadline, busy, func(ctx context.Context) {
			acked := false
			defer func() {
				// A panic below must not leave Slack waiting for the ack.
				if !acked {
					busy(ctx)
				}
			}()
			sctx, cancel := context.WithDeadline(ctx, deadline)
			resp, after := h(sctx, cb)
			cancel()
			if resp != nil {
				b.sm.Ack(req, resp)
			} else {
				b.sm.Ack(req)
			}
			b.acked(kind, arrived)
			acked = true
			if after != nil {
				after(ctx)
			}
		}, cb.User.ID)
	case slack.InteractionTypeBlockActions:
		b.sm.Ack(req)
		b.acked(kind, arrived)
		for _, act := range cb.ActionCallback.BlockActions {
			h, ok := b.routes.actions[act.ActionID]
			if !ok {
				b.log.Info("ignored unknown action", "action_id", act.ActionID)
				continue
			}
			b.work(ctx, kind, func(ctx context.Context) { h(ctx, cb, act) }, cb.ResponseURL, cb.User.ID)
		}
	default:
		b.sm.Ack(req)
		b.acked(kind, arrived)
		b.log.Debug("ignored interaction", "type", string(cb.Type))
	}
}

// ackUnknown acks an envelope slack-go could not parse (an envelope type
// it does not know), so Slack does not retry it, and logs it.
func (b *Bot) ackUnknown(evt socketmode.Event) {
	bad, ok := evt.Data.(*socketmode.ErrorBadMessage)
	if !ok {
		return
	}
	var env struct {
		EnvelopeID string `json:"envelope_id"`
		Type       string `json:"type"`
	}
	if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
		_ = b.sm.Send(socketmode.Response{EnvelopeID: env.EnvelopeID})
	}
	b.log.Info("ignored unknown envelope", "type", env.Type)
}
