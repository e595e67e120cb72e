package slacktest

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func newAPI(emu *Server) *slack.Client {
	return slack.New(BotToken, slack.OptionAPIURL(emu.APIURL()))
}

func TestMessagesRecorded(t *testing.T) {
	emu := newEmulator(t)
	api := newAPI(emu)
	ctx := testContext(t)
	meta := slack.SlackMetadata{EventType: "followup_nudge", EventPayload: map[string]any{"interview_id": "42"}}

	ch, ts, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("Your follow-up to Acme is due.", false), slack.MsgOptionMetadata(meta))
	if err != nil {
		t.Fatalf("PostMessage: %v", err)
	}
	if ch != "DU1" {
		t.Errorf("channel: got %q, want DU1 (a post to a user goes to the DM)", ch)
	}
	if _, err := api.PostEphemeralContext(ctx, "C1", "U2", slack.MsgOptionText("Only you can see this.", false)); err != nil {
		t.Fatalf("PostEphemeral: %v", err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, ch, ts, slack.MsgOptionText("Sent. Nice work.", false)); err != nil {
		t.Fatalf("UpdateMessage: %v", err)
	}
	if _, _, err := api.DeleteMessageContext(ctx, ch, ts); err != nil {
		t.Fatalf("DeleteMessage: %v", err)
	}

	want := []Message{
		{Method: "chat.postMessage", Channel: "DU1", User: "U1", Text: "Your follow-up to Acme is due.", TS: ts},
		{Method: "chat.postEphemeral", Channel: "C1", User: "U2", Text: "Only you can see this.", Ephemeral: true},
		{Method: "chat.update", Channel: "DU1", User: "U1", Text: "Sent. Nice work.", TS: ts, Replaced: true},
		{Method: "chat.delete", Channel: "DU1", User: "U1", TS: ts, Deleted: true},
	}
	got := emu.Messages()
	if len(got) != len(want) {
		t.Fatalf("Messages: got %d, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Method != w.Method || g.Channel != w.Channel || g.User != w.User || g.Text != w.Text ||
			g.Ephemeral != w.Ephemeral || g.Replaced != w.Replaced || g.Deleted != w.Deleted || (w.TS != "" && g.TS != w.TS) {
			t.Errorf("message %d: got %+v, want %+v", i, g, w)
		}
	}
	if got[0].Metadata == nil || got[0].Metadata.EventType != "followup_nudge" || got[0].Metadata.EventPayload["interview_id"] != "42" {
		t.Errorf("metadata: got %+v, want the followup_nudge payload", got[0].Metadata)
	}
	if got[1].TS <= got[0].TS {
		t.Errorf("timestamps: got %s then %s, want them increasing", got[0].TS, got[1].TS)
	}
}

func TestConversationsHistory(t *testing.T) {
	emu := newEmulator(t)
	api := newAPI(emu)
	ctx := testContext(t)
	ch, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{"U1"}})
	if err != nil || ch.ID != "DU1" {
		t.Fatalf("OpenConversation: got %v, %v; want DU1", ch, err)
	}
	var tss []string
	for i, text := range []string{"one", "two", "three"} {
		meta := slack.SlackMetadata{EventType: "followup", EventPayload: map[string]any{"n": float64(i)}}
		_, ts, err := api.PostMessageContext(ctx, ch.ID, slack.MsgOptionText(text, false), slack.MsgOptionMetadata(meta))
		if err != nil {
			t.Fatalf("PostMessage: %v", err)
		}
		tss = append(tss, ts)
	}

	tests := []struct {
		name     string
		params   slack.GetConversationHistoryParameters
		want     []string
		wantMeta bool
		hasMore  bool
	}{
		{"NewestFirst", slack.GetConversationHistoryParameters{}, []string{"three", "two", "one"}, false, false},
		{"WithMetadata", slack.GetConversationHistoryParameters{IncludeAllMetadata: true}, []string{"three", "two", "one"}, true, false},
		{"Limit", slack.GetConversationHistoryParameters{Limit: 2}, []string{"three", "two"}, false, true},
		{"Oldest", slack.GetConversationHistoryParameters{Oldest: tss[0]}, []string{"three", "two"}, false, false},
		{"LatestInclusive", slack.GetConversationHistoryParameters{Latest: tss[1], Inclusive: true}, []string{"two", "one"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.params
			p.ChannelID = "DU1"
			resp, err := api.GetConversationHistoryContext(ctx, &p)
			if err != nil {
				t.Fatalf("history: %v", err)
			}
			var got []string
			for _, m := range resp.Messages {
				got = append(got, m.Text)
				if hasMeta := m.Metadata.EventType != ""; hasMeta != tt.wantMeta {
					t.Errorf("message %q metadata: got %v, want %v", m.Text, hasMeta, tt.wantMeta)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("messages: got %v, want %v", got, tt.want)
			}
			if resp.HasMore != tt.hasMore {
				t.Errorf("has_more: got %v, want %v", resp.HasMore, tt.hasMore)
			}
		})
	}

	t.Run("Cursor", func(t *testing.T) {
		first, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "DU1", Limit: 2})
		if err != nil {
			t.Fatalf("history: %v", err)
		}
		rest, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "DU1", Limit: 2, Cursor: first.ResponseMetaData.NextCursor})
		if err != nil {
			t.Fatalf("history: %v", err)
		}
		if len(rest.Messages) != 1 || rest.Messages[0].Text != "one" || rest.HasMore {
			t.Errorf("second page: got %+v, want just \"one\"", rest.Messages)
		}
	})
}

func TestUsersInfo(t *testing.T) {
	emu := newEmulator(t)
	emu.AddUser(User{ID: "U1", Name: "ada", RealName: "Ada L", TZ: "Europe/London", TZLabel: "British Summer Time", TZOffset: 3600})
	api := newAPI(emu)
	ctx := testContext(t)

	u, err := api.GetUserInfoContext(ctx, "U1")
	if err != nil {
		t.Fatalf("GetUserInfo: %v", err)
	}
	if u.TZ != "Europe/London" || u.TZOffset != 3600 || u.RealName != "Ada L" {
		t.Errorf("user: got tz %q offset %d name %q, want Europe/London 3600 Ada L", u.TZ, u.TZOffset, u.RealName)
	}
	emu.SetUserTZ("U1", "America/New_York", -14400)
	if u, err = api.GetUserInfoContext(ctx, "U1"); err != nil || u.TZ != "America/New_York" || u.TZOffset != -14400 {
		t.Errorf("after SetUserTZ: got %v %d (%v), want America/New_York -14400", u.TZ, u.TZOffset, err)
	}
	if _, err := api.GetUserInfoContext(ctx, "U404"); err == nil || err.Error() != "user_not_found" {
		t.Errorf("unknown user: got %v, want user_not_found", err)
	}
}

func TestWebAPIErrors(t *testing.T) {
	emu := newEmulator(t)
	api := newAPI(emu)
	ctx := testContext(t)
	many := make([]slack.Block, 51)
	for i := range many {
		many[i] = slack.NewDividerBlock()
	}
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"NoText", func() error { _, _, err := api.PostMessageContext(ctx, "U1"); return err }, "no_text"},
		{"TooManyBlocks", func() error {
			_, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionBlocks(many...))
			return err
		}, "invalid_blocks"},
		{"UnknownMessage", func() error {
			_, _, _, err := api.UpdateMessageContext(ctx, "DU1", "1.000001", slack.MsgOptionText("x", false))
			return err
		}, "message_not_found"},
		{"WrongToken", func() error {
			_, err := slack.New("xoxb-wrong", slack.OptionAPIURL(emu.APIURL())).AuthTestContext(ctx)
			return err
		}, "invalid_auth"},
		{"BotTokenOpensNoSocket", func() error {
			_, _, err := slack.New(BotToken, slack.OptionAPIURL(emu.APIURL()), slack.OptionAppLevelToken(BotToken)).StartSocketModeContext(ctx)
			return err
		}, "invalid_auth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}

	t.Run("UnknownMethodAndRawBlocks", func(t *testing.T) {
		post := func(method string, form url.Values) string {
			form.Set("token", BotToken)
			resp, err := http.PostForm(emu.APIURL()+method, form)
			if err != nil {
				t.Fatalf("post: %v", err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return string(b)
		}
		if got := post("chat.scheduleMessage", url.Values{}); !strings.Contains(got, `"unknown_method"`) {
			t.Errorf("unknown method: got %s, want unknown_method", got)
		}
		if got := post("chat.postMessage", url.Values{"channel": {"U1"}, "blocks": {`{"type":"divider"}`}}); !strings.Contains(got, `"invalid_blocks"`) {
			t.Errorf("blocks not an array: got %s, want invalid_blocks", got)
		}
		if got := post("chat.postMessage", url.Values{"channel": {"U1"}, "blocks": {`[{"type":"section"}]`}}); !strings.Contains(got, `"invalid_blocks"`) {
			t.Errorf("section without text: got %s, want invalid_blocks", got)
		}
	})
}

func TestFailNext(t *testing.T) {
	emu := newEmulator(t)
	api := newAPI(emu)
	ctx := testContext(t)
	post := func() error {
		_, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("Hello.", false))
		return err
	}

	t.Run("RateLimited", func(t *testing.T) {
		emu.FailNext("chat.postMessage", Fault{Status: http.StatusTooManyRequests, RetryAfter: 2 * time.Second})
		var rl *slack.RateLimitedError
		if err := post(); !errors.As(err, &rl) || rl.RetryAfter != 2*time.Second {
			t.Fatalf("got %v, want *slack.RateLimitedError with RetryAfter 2s", err)
		}
		if err := post(); err != nil {
			t.Errorf("next post: got %v, want success", err)
		}
	})
	t.Run("ServerErrorTwice", func(t *testing.T) {
		emu.FailNext("chat.postMessage", Fault{Status: http.StatusInternalServerError, Count: 2})
		for i := range 2 {
			var sc slack.StatusCodeError
			if err := post(); !errors.As(err, &sc) || sc.Code != 500 {
				t.Errorf("post %d: got %v, want a 500 StatusCodeError", i, err)
			}
		}
		if err := post(); err != nil {
			t.Errorf("third post: got %v, want success", err)
		}
	})
	t.Run("SlackError", func(t *testing.T) {
		emu.FailNext("chat.postMessage", Fault{Err: "channel_not_found"})
		if err := post(); err == nil || err.Error() != "channel_not_found" {
			t.Errorf("got %v, want channel_not_found", err)
		}
	})
	t.Run("DropAfterHandling", func(t *testing.T) {
		before := len(emu.Messages())
		emu.FailNext("chat.postMessage", Fault{DropAfterHandling: true})
		if err := post(); err == nil {
			t.Fatalf("got nil error, want a network error")
		}
		if got := len(emu.Messages()); got != before+1 {
			t.Errorf("messages: got %d, want %d (posted although the client saw an error)", got, before+1)
		}
	})
	if got, want := emu.Calls("chat.postMessage"), 7; got != want {
		t.Errorf("Calls: got %d, want %d", got, want)
	}
}
