package slacktest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/followup-coach/followup/followup/followuptest"
)

// Tests of behaviour where the emulator follows Slack rather than what is
// convenient; each names the Slack page it follows.

// chat.update: "For direct messages, ensure that this value is a DM ID
// (starts with D) instead of a User ID" (docs.slack.dev/reference/methods/chat.update).
func TestChatUpdateNeedsDMID(t *testing.T) {
	emu := newEmulator(t)
	api := newAPI(emu)
	ctx := testContext(t)
	ch, ts, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("Your follow-up is due.", false))
	if err != nil {
		t.Fatalf("PostMessage: %v", err)
	}
	tests := []struct {
		name, channel, want string
	}{
		{"UserID", "U1", "channel_not_found"},
		{"DMID", ch, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := api.UpdateMessageContext(ctx, tt.channel, ts, slack.MsgOptionText("Sent.", false))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("chat.update to %s: got %q, want %q", tt.channel, got, tt.want)
			}
		})
	}
}

// A response_url takes five posts within thirty minutes
// (docs.slack.dev/interactivity/handling-user-interaction).
func TestResponseURLExpires(t *testing.T) {
	clock := followuptest.NewClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC))
	emu := newEmulator(t, WithClock(clock.Now))
	bot := startBot(t, emu, nil)
	ctx := testContext(t)
	if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "list"}); err != nil {
		t.Fatalf("SlashCommand: %v", err)
	}
	url := bot.next(t).Data.(slack.SlashCommand).ResponseURL
	post := func() (int, string) {
		t.Helper()
		resp, err := http.Post(url, "application/json", strings.NewReader(`{"text":"Here you are."}`))
		if err != nil {
			t.Fatalf("post: %v", err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.TrimSpace(string(b))
	}
	tests := []struct {
		name       string
		advance    time.Duration
		wantStatus int
		wantBody   string
	}{
		{"Fresh", 0, http.StatusOK, okBody},
		{"After29Minutes", 29 * time.Minute, http.StatusOK, okBody},
		{"After31Minutes", 2 * time.Minute, http.StatusNotFound, "expired_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Add(tt.advance)
			if status, body := post(); status != tt.wantStatus || body != tt.wantBody {
				t.Errorf("got %d %q, want %d %q", status, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
}

// Only slash commands and view submissions accept a response payload, and
// only Events API envelopes carry retry fields
// (docs.slack.dev/apis/events-api/using-socket-mode).
func TestEnvelopeFields(t *testing.T) {
	t.Run("Frames", func(t *testing.T) {
		tests := []struct {
			typ, payload string
			wantAccepts  bool
			wantRetry    bool
		}{
			{"slash_commands", `{"command":"/followup"}`, true, false},
			{"interactive", `{"type":"block_actions"}`, false, false},
			{"interactive", `{"type":"view_submission"}`, true, false},
			{"events_api", `{"type":"event_callback"}`, false, true},
		}
		for _, tt := range tests {
			var env map[string]any
			frame := `{"type":"x"` + envelopeFields(tt.typ, []byte(tt.payload)) + `}`
			if err := json.Unmarshal([]byte(frame), &env); err != nil {
				t.Fatalf("%s %s: %v", tt.typ, tt.payload, err)
			}
			_, hasRetry := env["retry_attempt"]
			if env["accepts_response_payload"] != tt.wantAccepts || hasRetry != tt.wantRetry {
				t.Errorf("%s %s: got %s, want accepts_response_payload %v, retry fields %v", tt.typ, tt.payload, frame, tt.wantAccepts, tt.wantRetry)
			}
		}
	})
	t.Run("AsTheBotSeesThem", func(t *testing.T) {
		emu := newEmulator(t)
		bot := startBot(t, emu, nil)
		ctx := testContext(t)
		if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "help"}); err != nil {
			t.Fatalf("SlashCommand: %v", err)
		}
		if evt := bot.next(t); !evt.Request.AcceptsResponsePayload {
			t.Errorf("slash command: got accepts_response_payload false, want true")
		}
		if _, err := emu.ClickButton(ctx, Click{UserID: "U1", ChannelID: "DU1", ActionID: "a"}); err != nil {
			t.Fatalf("ClickButton: %v", err)
		}
		if evt := bot.next(t); evt.Request.AcceptsResponsePayload {
			t.Errorf("block_actions: got accepts_response_payload true, want false")
		}
		if _, err := emu.SendEvent(ctx, "", slackevents.AppHomeOpenedEvent{Type: "app_home_opened", User: "U1", Tab: "home"}); err != nil {
			t.Fatalf("SendEvent: %v", err)
		}
		if evt := bot.next(t); evt.Request.AcceptsResponsePayload {
			t.Errorf("events_api: got accepts_response_payload true, want false")
		}
	})
}

// hello's num_connections counts the app's open sockets
// (docs.slack.dev/apis/events-api/using-socket-mode).
func TestHelloNumConnections(t *testing.T) {
	emu := newEmulator(t)
	api := slack.New(BotToken, slack.OptionAPIURL(emu.APIURL()), slack.OptionAppLevelToken(AppToken))
	ctx := testContext(t)
	for want := 1; want <= 2; want++ {
		_, url, err := api.StartSocketModeContext(ctx)
		if err != nil {
			t.Fatalf("apps.connections.open: %v", err)
		}
		ws, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		defer ws.Close()
		var hello socketmode.Request
		if err := ws.ReadJSON(&hello); err != nil {
			t.Fatalf("read hello: %v", err)
		}
		if hello.Type != "hello" || hello.NumConnections != want || hello.ConnectionInfo.AppID != AppID {
			t.Errorf("connection %d: got %+v, want hello with num_connections %d", want, hello, want)
		}
		if err := emu.WaitConnections(ctx, want); err != nil {
			t.Fatalf("WaitConnections: %v", err)
		}
	}
}

// views.push takes "a valid trigger_id generated from an interaction within
// the existing modal" (docs.slack.dev/reference/methods/views.push), and a
// user can only act on the view on top of the stack.
func TestViewsPushNeedsModalTrigger(t *testing.T) {
	emu := newEmulator(t)
	bot := startBot(t, emu, nil)
	ctx := testContext(t)
	slash := func() string {
		t.Helper()
		if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "library"}); err != nil {
			t.Fatalf("SlashCommand: %v", err)
		}
		return bot.next(t).Data.(slack.SlashCommand).TriggerID
	}
	root, err := bot.api.OpenViewContext(ctx, slash(), logModal("Your library", 1))
	if err != nil {
		t.Fatalf("OpenView: %v", err)
	}
	click := func(viewID string) (string, error) {
		t.Helper()
		if _, err := emu.ClickButton(ctx, Click{UserID: "U1", ViewID: viewID, ActionID: "add"}); err != nil {
			return "", err
		}
		return bot.next(t).Data.(slack.InteractionCallback).TriggerID, nil
	}

	if _, err := bot.api.PushViewContext(ctx, slash(), logModal("Add an item", 1)); err == nil || err.Error() != "not_found" {
		t.Errorf("push with a slash command's trigger: got %v, want not_found", err)
	}
	trig, err := click(root.View.ID)
	if err != nil {
		t.Fatalf("click in the library: %v", err)
	}
	pushed, err := bot.api.PushViewContext(ctx, trig, logModal("Add an item", 1))
	if err != nil {
		t.Fatalf("push with a trigger from the modal: %v", err)
	}
	if pushed.View.RootViewID != root.View.ID || pushed.View.PreviousViewID != root.View.ID {
		t.Errorf("pushed view: got root %q previous %q, want %s for both", pushed.View.RootViewID, pushed.View.PreviousViewID, root.View.ID)
	}
	if _, err := click(root.View.ID); err == nil {
		t.Errorf("click in the covered root view: got nil error, want one")
	}
	if _, err := emu.SubmitView(ctx, "U1", root.View.ID, nil); err == nil {
		t.Errorf("submit the covered root view: got nil error, want one")
	}
	// The root can still be updated by id while covered, as the library refresh does.
	if _, err := bot.api.UpdateViewContext(ctx, logModal("Your library", 2), "", "", root.View.ID); err != nil {
		t.Errorf("views.update of the covered root: %v", err)
	}
}
