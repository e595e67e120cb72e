package slacktest

import (
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

func TestResponseURL(t *testing.T) {
	emu := newEmulator(t)
	bot := startBot(t, emu, nil)
	ctx := testContext(t)
	responseURL := func() string {
		t.Helper()
		if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", ChannelID: "C1", Text: "list"}); err != nil {
			t.Fatalf("SlashCommand: %v", err)
		}
		return bot.next(t).Data.(slack.SlashCommand).ResponseURL
	}
	tests := []struct {
		name          string
		responseType  string
		wantEphemeral bool
		wantHistory   int
	}{
		{"DefaultEphemeral", "", true, 0},
		{"Ephemeral", slack.ResponseTypeEphemeral, true, 0},
		{"InChannel", slack.ResponseTypeInChannel, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := responseURL()
			before := len(emu.Messages())
			_, _, err := bot.api.PostMessageContext(ctx, "", slack.MsgOptionResponseURL(url, tt.responseType),
				slack.MsgOptionText("Here are your interviews.", false))
			if err != nil {
				t.Fatalf("post: %v", err)
			}
			ms := emu.Messages()[before:]
			if len(ms) != 1 {
				t.Fatalf("messages: got %d, want 1", len(ms))
			}
			m := ms[0]
			if m.Method != "response_url" || m.ResponseURL != url || m.Channel != "C1" || m.User != "U1" || m.Ephemeral != tt.wantEphemeral {
				t.Errorf("message: got %+v, want a response_url post to C1 for U1, ephemeral %v", m, tt.wantEphemeral)
			}
			h, err := bot.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "C1", Oldest: "0"})
			if err != nil {
				t.Fatalf("history: %v", err)
			}
			if got := len(h.Messages); got != tt.wantHistory {
				t.Errorf("history: got %d messages, want %d", got, tt.wantHistory)
			}
			if tt.wantHistory > 0 {
				// Leave C1 empty for the next case.
				if _, _, err := bot.api.DeleteMessageContext(ctx, "C1", h.Messages[0].Timestamp); err != nil {
					t.Fatalf("delete: %v", err)
				}
			}
		})
	}

	t.Run("FiveUsesAtMost", func(t *testing.T) {
		url := responseURL()
		for i := range 6 {
			_, _, err := bot.api.PostMessageContext(ctx, "", slack.MsgOptionResponseURL(url, ""), slack.MsgOptionText("Again.", false))
			if (err != nil) != (i == 5) {
				t.Errorf("post %d: got %v, want an error only on the sixth", i+1, err)
			}
		}
	})
}

func TestResponseActionPush(t *testing.T) {
	emu := newEmulator(t)
	second := logModal("Prepared item", 1)
	second.CallbackID = "prepared"
	bot := startBot(t, emu, func(evt socketmode.Event) any {
		if cb, ok := evt.Data.(slack.InteractionCallback); ok && cb.Type == slack.InteractionTypeViewSubmission && cb.View.CallbackID == "log_interview" {
			return slack.NewPushViewSubmissionResponse(&second)
		}
		return nil
	})
	ctx := testContext(t)
	if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1"}); err != nil {
		t.Fatalf("SlashCommand: %v", err)
	}
	resp, err := bot.api.OpenViewContext(ctx, bot.next(t).Data.(slack.SlashCommand).TriggerID, logModal("Log an interview", 1))
	if err != nil {
		t.Fatalf("OpenView: %v", err)
	}
	ack, err := emu.SubmitView(ctx, "U1", resp.View.ID, nil)
	if err != nil || ack.ResponseAction != "push" {
		t.Fatalf("SubmitView: got %q, %v; want push", ack.ResponseAction, err)
	}
	pushed, err := emu.WaitView(ctx, func(v View) bool { return v.Method == "response_action.push" })
	if err != nil {
		t.Fatalf("WaitView: %v", err)
	}
	if pushed.CallbackID != "prepared" || pushed.ID == resp.View.ID {
		t.Errorf("pushed view: got %+v, want a new view with callback prepared", pushed)
	}
	// Submitting the pushed view with a plain ack closes it and leaves the first open.
	if _, err := emu.SubmitView(ctx, "U1", pushed.ID, nil); err != nil {
		t.Fatalf("SubmitView pushed: %v", err)
	}
	for _, v := range emu.Views() {
		if want := v.ID == pushed.ID; v.Closed != want {
			t.Errorf("view %s (%s): got closed %v, want %v", v.ID, v.Method, v.Closed, want)
		}
	}
}
