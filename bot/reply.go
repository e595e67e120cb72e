package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/messages"
)

// respond answers a slash command or a click privately through its
// response_url. Unlike chat.postEphemeral it works in any channel, even
// one the bot is not in, and needs no extra scope.
func (b *Bot) respond(ctx context.Context, responseURL string, m messages.Message) error {
	body, err := encodeResponse(m, false)
	if err != nil {
		return err
	}
	return b.postResponse(ctx, responseURL, body)
}

// replaceOriginal swaps the message a click came from for m, in place.
func (b *Bot) replaceOriginal(ctx context.Context, responseURL string, m messages.Message) error {
	body, err := encodeResponse(m, true)
	if err != nil {
		return err
	}
	return b.postResponse(ctx, responseURL, body)
}

// encodeResponse is the response_url body for m: an ephemeral reply, or
// the replacement of the message clicked. It writes the few envelope
// fields itself and hands only the blocks to encoding/json: going through
// slack.WebhookMessage made encoding/json re-validate and compact the
// whole blocks array that slack.Blocks.MarshalJSON had just produced,
// which was the largest single cost of a reply.
func encodeResponse(m messages.Message, replace bool) ([]byte, error) {
	var blocks []byte
	if len(m.Blocks) > 0 {
		var err error
		if blocks, err = json.Marshal(m.Blocks); err != nil {
			return nil, fmt.Errorf("encode reply blocks: %w", err)
		}
	}
	text, err := json.Marshal(m.Text)
	if err != nil {
		return nil, fmt.Errorf("encode reply text: %w", err)
	}
	body := make([]byte, 0, len(text)+len(blocks)+96)
	body = append(body, `{"text":`...)
	body = append(body, text...)
	body = append(body, `,"response_type":"ephemeral","replace_original":`...)
	body = strconv.AppendBool(body, replace)
	if blocks != nil {
		body = append(body, `,"blocks":`...)
		body = append(body, blocks...)
	}
	return append(body, '}'), nil
}

// postResponse POSTs an encoded reply to a response_url. body is only
// read, so a reply rendered once (help) is shared by every post.
func (b *Bot) postResponse(ctx context.Context, responseURL string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("post to response_url: %w", withoutURL(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.http.Do(req)
	if err != nil {
		return fmt.Errorf("post to response_url: %w", withoutURL(err))
	}
	// Drained so the connection goes back to the pool.
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("post to response_url: %s", resp.Status)
	}
	return nil
}

// withoutURL drops the URL net/http puts in its errors: a response_url
// lets anyone who holds it post as the bot for half an hour, so it stays
// out of logs.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// dm posts m to the student's direct message with the bot and returns the
// channel and ts. Extra options (metadata) may be added.
func (b *Bot) dm(ctx context.Context, userID string, m messages.Message, extra ...slack.MsgOption) (channel, ts string, err error) {
	return dmWith(ctx, b.api, userID, m, extra...)
}

// dmWith posts m to a student's DM through api.
func dmWith(ctx context.Context, api *slack.Client, userID string, m messages.Message, extra ...slack.MsgOption) (channel, ts string, err error) {
	channel, err = dmChannel(ctx, api, userID)
	if err != nil {
		return "", "", err
	}
	opts := append([]slack.MsgOption{slack.MsgOptionText(m.Text, false)}, extra...)
	if len(m.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(m.Blocks...))
	}
	_, ts, err = api.PostMessageContext(ctx, channel, opts...)
	if err != nil {
		return channel, "", fmt.Errorf("chat.postMessage: %w", err)
	}
	return channel, ts, nil
}

// dmChannel opens (or finds) the DM with a student.
func dmChannel(ctx context.Context, api *slack.Client, userID string) (string, error) {
	ch, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{userID}})
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
