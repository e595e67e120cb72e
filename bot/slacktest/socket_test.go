package slacktest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

func TestSlashCommand(t *testing.T) {
	emu := newEmulator(t)
	emu.AddUser(User{ID: "U1", Name: "ada", RealName: "Ada L", TZ: "Europe/London"})
	bot := startBot(t, emu, func(socketmode.Event) any { return map[string]string{"text": "Noted. I will remind you."} })
	ctx := testContext(t)

	ack, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "log Acme"})
	if err != nil {
		t.Fatalf("SlashCommand: %v", err)
	}
	if got, want := string(ack.Payload), `{"text":"Noted. I will remind you."}`; got != want {
		t.Errorf("ack payload: got %s, want %s", got, want)
	}
	evt := bot.next(t)
	cmd, ok := evt.Data.(slack.SlashCommand)
	if !ok {
		t.Fatalf("event data: got %T, want slack.SlashCommand", evt.Data)
	}
	checks := []struct{ name, got, want string }{
		{"Command", cmd.Command, "/followup"},
		{"Text", cmd.Text, "log Acme"},
		{"UserID", cmd.UserID, "U1"},
		{"UserName", cmd.UserName, "ada"},
		{"TeamID", cmd.TeamID, DefaultTeamID},
		{"ChannelID", cmd.ChannelID, "DU1"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if cmd.TriggerID == "" || !strings.HasPrefix(cmd.ResponseURL, strings.TrimSuffix(emu.APIURL(), "api/")+"response/") {
		t.Errorf("trigger_id %q, response_url %q: want both filled, the URL on the emulator", cmd.TriggerID, cmd.ResponseURL)
	}
	m, err := emu.WaitMessage(ctx, func(m Message) bool { return m.Method == "ack" })
	if err != nil {
		t.Fatalf("WaitMessage: %v", err)
	}
	if m.Text != "Noted. I will remind you." || !m.Ephemeral || m.User != "U1" {
		t.Errorf("ack message: got %+v, want the ack text shown to U1 only", m)
	}
	if got := len(emu.AckStats()); got != 1 {
		t.Errorf("AckStats: got %d, want 1", got)
	}
}

func TestAckTimeout(t *testing.T) {
	emu := newEmulator(t, WithAckTimeout(100*time.Millisecond))
	// A bot that never acks: connect a socket without reading events.
	api := slack.New(BotToken, slack.OptionAPIURL(emu.APIURL()), slack.OptionAppLevelToken(AppToken))
	sm := socketmode.New(api)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = sm.RunContext(ctx) }()
	go func() {
		for {
			select {
			case <-sm.Events:
			case <-ctx.Done():
				return
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	if err := emu.WaitConnected(testContext(t)); err != nil {
		t.Fatalf("WaitConnected: %v", err)
	}
	_, err := emu.SlashCommand(testContext(t), SlashCommand{UserID: "U1"})
	if !errors.Is(err, ErrAckTimeout) {
		t.Errorf("SlashCommand: got %v, want ErrAckTimeout", err)
	}
}

func TestReconnect(t *testing.T) {
	tests := []struct {
		name string
		cut  func(*Server)
	}{
		{"Disconnect", func(s *Server) { s.SendDisconnect("refresh_requested") }},
		{"DropConnections", (*Server).DropConnections},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emu := newEmulator(t)
			startBot(t, emu, nil)
			ctx := testContext(t)
			tt.cut(emu)
			if err := emu.WaitConnections(ctx, 2); err != nil {
				t.Fatalf("WaitConnections: %v", err)
			}
			if got := emu.Connections(); got != 2 {
				t.Errorf("Connections: got %d, want 2", got)
			}
			if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "list"}); err != nil {
				t.Errorf("SlashCommand after reconnect: %v", err)
			}
		})
	}
}

func TestPushWaitsForConnection(t *testing.T) {
	emu := newEmulator(t)
	ctx := testContext(t)
	errc := make(chan error, 1)
	go func() {
		_, err := emu.SendEvent(ctx, "", slackevents.AppHomeOpenedEvent{Type: "app_home_opened", User: "U1", Tab: "home"})
		errc <- err
	}()
	bot := startBot(t, emu, nil)
	if err := <-errc; err != nil {
		t.Fatalf("SendEvent: %v", err)
	}
	evt := bot.next(t)
	ev, ok := evt.Data.(slackevents.EventsAPIEvent)
	if !ok {
		t.Fatalf("event data: got %T, want slackevents.EventsAPIEvent", evt.Data)
	}
	if got, want := ev.InnerEvent.Type, "app_home_opened"; got != want {
		t.Errorf("inner event: got %q, want %q", got, want)
	}

	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	emu.SendDisconnect("refresh_requested")
	emu.Close()
	if _, err := emu.Push(short, "events_api", map[string]any{}); err == nil {
		t.Errorf("Push after Close: got nil error, want one")
	}
}

func TestClickButton(t *testing.T) {
	emu := newEmulator(t)
	emu.AddUser(User{ID: "U1", Name: "ada"})
	bot := startBot(t, emu, nil)
	ctx := testContext(t)

	btn := slack.NewButtonBlockElement("sent", "yes", slack.NewTextBlockObject("plain_text", "I sent it", false, false))
	_, ts, err := bot.api.PostMessageContext(ctx, "U1",
		slack.MsgOptionText("Time for your second follow-up.", false),
		slack.MsgOptionBlocks(slack.NewActionBlock("nudge", btn)))
	if err != nil {
		t.Fatalf("PostMessage: %v", err)
	}
	if _, err := emu.ClickButton(ctx, Click{UserID: "U1", MessageTS: ts, ActionID: "sent", BlockID: "nudge", Value: "yes"}); err != nil {
		t.Fatalf("ClickButton: %v", err)
	}
	cb, ok := bot.next(t).Data.(slack.InteractionCallback)
	if !ok {
		t.Fatal("event data: want slack.InteractionCallback")
	}
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) != 1 {
		t.Fatalf("callback: got type %q with %d actions, want one block action", cb.Type, len(cb.ActionCallback.BlockActions))
	}
	if a := cb.ActionCallback.BlockActions[0]; a.ActionID != "sent" || a.Value != "yes" {
		t.Errorf("action: got %s=%s, want sent=yes", a.ActionID, a.Value)
	}
	if cb.Message.Timestamp != ts || cb.Channel.ID != "DU1" || cb.TriggerID == "" {
		t.Errorf("callback: got message ts %q channel %q trigger %q, want %q DU1 and a trigger", cb.Message.Timestamp, cb.Channel.ID, cb.TriggerID, ts)
	}

	// The bot answers through response_url, replacing the message clicked.
	_, _, err = bot.api.PostMessageContext(ctx, "", slack.MsgOptionResponseURL(cb.ResponseURL, slack.ResponseTypeEphemeral),
		slack.MsgOptionReplaceOriginal(cb.ResponseURL), slack.MsgOptionText("Well done. I will check back in a week.", false))
	if err != nil {
		t.Fatalf("post to response_url: %v", err)
	}
	m, err := emu.WaitMessage(ctx, func(m Message) bool { return m.Method == "response_url" })
	if err != nil {
		t.Fatalf("WaitMessage: %v", err)
	}
	if !m.Replaced || m.TS != ts || m.Text != "Well done. I will check back in a week." {
		t.Errorf("response_url message: got %+v, want it to replace %s", m, ts)
	}
	hist, err := bot.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "DU1"})
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	if len(hist.Messages) != 1 || hist.Messages[0].Text != m.Text {
		t.Errorf("history after replace: got %+v, want the replaced text", hist.Messages)
	}
}

// TestSpread connects two clients to an emulator WithSpread: envelopes
// go to each in turn. Without the option every envelope goes to the
// newest connection.
func TestSpread(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want []int
	}{
		{"Spread", []Option{WithSpread()}, []int{2, 2}},
		{"Newest", nil, []int{0, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emu := newEmulator(t, tt.opts...)
			emu.AddUser(User{ID: "U1", Name: "ada"})
			ctx := testContext(t)
			startBot(t, emu, nil)
			startBot(t, emu, nil)
			if err := emu.WaitConnections(ctx, 2); err != nil {
				t.Fatal(err)
			}
			for range 4 {
				if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "help"}); err != nil {
					t.Fatal(err)
				}
			}
			if got := emu.Envelopes(); !slices.Equal(got, tt.want) {
				t.Errorf("envelopes per connection: got %v, want %v", got, tt.want)
			}
		})
	}
}
