package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/messages"
)

// respond answers a slash command or a click privately through its
// response_url. Unlike chat.postEphemeral it works in any channel, even
// one the bot is not in, and needs no extra scope.
func (b *Bot) respond(ctx context.Context, responseURL string, m messages.Message) error {
	return b.postResponse(ctx, responseURL, m, false)
}

// replaceOriginal swaps the message a click came from for m, in place.
func (b *Bot) replaceOriginal(ctx context.Context, responseURL string, m messages.Message) error {
	return b.postResponse(ctx, responseURL, m, true)
}

func (b *Bot) postResponse(ctx context.Context, responseURL string, m messages.Message, replace bool) error {
	msg := &slack.WebhookMessage{
		Text:            m.Text,
		ResponseType:    slack.ResponseTypeEphemeral,
		ReplaceOriginal: replace,
	}
	if len(m.Blocks) > 0 {
		msg.Blocks = &slack.Blocks{BlockSet: m.Blocks}
	}
	if err := slack.PostWebhookCustomHTTPContext(ctx, responseURL, b.http, msg); err != nil {
		return fmt.Errorf("post to response_url: %w", err)
	}
	return nil
}

// dm posts m to the student's direct message with the bot and returns the
// channel and ts. Extra options (metadata) may be added.
func (b *Bot) dm(ctx context.Context, userID string, m messages.Message, extra ...slack.MsgOption) (channel, ts string, err error) {
	channel, err = b.dmChannel(ctx, userID)
	if err != nil {
		return "", "", err
	}
	opts := append([]slack.MsgOption{slack.MsgOptionText(m.Text, false)}, extra...)
	if len(m.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(m.Blocks...))
	}
	_, ts, err = b.api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return channel, "", fmt.Errorf("chat.postMessage: %w", err)
	}
	return channel, ts, nil
}

// dmChannel opens (or finds) the DM with a student.
func (b *Bot) dmChannel(ctx context.Context, userID string) (string, error) {
	ch, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{userID}})
	if err != nil {
		return "", fmt.Errorf("conversations.open: %w", err)
	}
	return ch.ID, nil
}

// say tells the student m, through response_url when there is one, else by
// DM, and logs (never panics on) a failure to do so.
func (b *Bot) say(ctx context.Context, responseURL, userID string, m messages.Message) {
	var err error
	switch {
	case responseURL != "":
		err = b.respond(ctx, responseURL, m)
	case userID != "":
		_, _, err = b.dm(ctx, userID, m)
	default:
		return
	}
	if err != nil {
		b.log.Error("could not reply", "err", err)
	}
}

// sayWentWrong is the honest answer when a handler failed.
func (b *Bot) sayWentWrong(ctx context.Context, responseURL, userID string) {
	b.say(ctx, responseURL, userID, messages.SomethingWentWrong())
}
