package bot

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store"
)

// startBot runs a Bot against the emulator and a real SQLite file, with
// extra routes a test adds before it starts.
func startBot(t *testing.T, setup func(*Bot), opts ...slacktest.Option) (*slacktest.Server, *logBuffer) {
	t.Helper()
	emu := slacktest.New(opts...)
	t.Cleanup(emu.Close)
	emu.AddUser(slacktest.User{ID: "U1", TeamID: "T1", Name: "ana", TZ: "Europe/Paris"})
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "bot.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	logs := &logBuffer{}
	b := New(Config{
		BotToken: slacktest.BotToken, AppToken: slacktest.AppToken, APIURL: emu.APIURL(),
		Log: logs.logger(), Clock: followup.ClockFunc(time.Now),
	}, db)
	setup(b)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	if err := emu.WaitConnected(wctx); err != nil {
		t.Fatal(err)
	}
	return emu, logs
}

func TestPanicInHandlerIsRecovered(t *testing.T) {
	emu, logs := startBot(t, func(b *Bot) {
		b.routes.commands["boom"] = func(context.Context, slack.SlashCommand, string) { panic("boom") }
		b.routes.submissions["boom_view"] = func(context.Context, slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
			panic("boom in a submission")
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	t.Run("SlashCommand", func(t *testing.T) {
		if _, err := emu.SlashCommand(ctx, slacktest.SlashCommand{TeamID: "T1", UserID: "U1", ChannelID: "C1", Text: "boom"}); err != nil {
			t.Fatalf("not acked: %v", err)
		}
		if _, err := emu.WaitMessage(ctx, func(m slacktest.Message) bool {
			return m.Method == "response_url" && strings.Contains(m.Text+string(m.Blocks), "went wrong")
		}); err != nil {
			t.Fatalf("user not told: %v", err)
		}
		if !strings.Contains(logs.String(), "handler panicked") || !strings.Contains(logs.String(), "slash_commands") {
			t.Errorf("panic not logged with its envelope type:\n%s", logs.String())
		}
	})
	t.Run("ViewSubmissionKeepsTheModal", func(t *testing.T) {
		if _, err := emu.SlashCommand(ctx, slacktest.SlashCommand{TeamID: "T1", UserID: "U1", ChannelID: "C1", Text: "check"}); err != nil {
			t.Fatal(err)
		}
		v, err := emu.WaitView(ctx, func(v slacktest.View) bool { return v.CallbackID == "check_draft" })
		if err != nil {
			t.Fatal(err)
		}
		// Re-route the check modal's submission to the panicking handler.
		ack, err := emu.Push(ctx, "interactive", map[string]any{
			"type": "view_submission", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
			"view": map[string]any{"id": v.ID, "callback_id": "boom_view", "state": map[string]any{"values": map[string]any{}}},
		})
		if err != nil {
			t.Fatalf("not acked: %v", err)
		}
		if !strings.Contains(string(ack.Payload), `"push"`) {
			t.Errorf("ack after a panic: got %s, want a pushed explanation over the kept modal", ack.Payload)
		}
	})
	t.Run("StillServing", func(t *testing.T) {
		if _, err := emu.SlashCommand(ctx, slacktest.SlashCommand{TeamID: "T1", UserID: "U1", ChannelID: "C1", Text: "help"}); err != nil {
			t.Fatal(err)
		}
		if _, err := emu.WaitMessage(ctx, func(m slacktest.Message) bool {
			return m.Method == "response_url" && strings.Contains(m.Text+string(m.Blocks), "/followup log")
		}); err != nil {
			t.Fatalf("bot stopped answering after a panic: %v", err)
		}
	})
}

// TestSubmissionAckedWhileWorkersBusy holds the only worker with a slow
// command, then submits a modal: Slack (an emulator that gives up after
// 3 s) still gets its ack, asking the student to try again, because the
// save deadline runs from the envelope's arrival, not from a free worker.
func TestSubmissionAckedWhileWorkersBusy(t *testing.T) {
	hold := make(chan struct{})
	defer close(hold)
	saved := make(chan struct{}, 1)
	emu, _ := startBot(t, func(b *Bot) {
		b.sem = make(chan struct{}, 1)
		b.routes.commands["hold"] = func(context.Context, slack.SlashCommand, string) { <-hold }
		b.routes.submissions["quick_view"] = func(context.Context, slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
			saved <- struct{}{}
			return nil, nil
		}
	}, slacktest.WithAckTimeout(3*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := emu.SlashCommand(ctx, slacktest.SlashCommand{TeamID: "T1", UserID: "U1", ChannelID: "C1", Text: "hold"}); err != nil {
		t.Fatal(err)
	}
	ack, err := emu.Push(ctx, "interactive", map[string]any{
		"type": "view_submission", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
		"view": map[string]any{"id": "V0BUSY", "callback_id": "quick_view", "state": map[string]any{"values": map[string]any{}}},
	})
	if err != nil {
		t.Fatalf("submission with every worker busy: got %v, want an ack within Slack's 3 s", err)
	}
	if !strings.Contains(string(ack.Payload), `"push"`) {
		t.Errorf("ack: got %s, want a pushed try-again view", ack.Payload)
	}
	select {
	case <-saved:
		t.Errorf("handler ran after the busy ack, want it never run")
	default:
	}
}
