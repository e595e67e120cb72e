package slacktest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/followup-coach/followup/followup/followuptest"
)

func logModal(title string, blocks int) slack.ModalViewRequest {
	v := slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           slack.NewTextBlockObject("plain_text", title, false, false),
		Submit:          slack.NewTextBlockObject("plain_text", "Save", false, false),
		CallbackID:      "log_interview",
		PrivateMetadata: "interview=42",
	}
	v.Blocks.BlockSet = append(v.Blocks.BlockSet, slack.NewInputBlock("company",
		slack.NewTextBlockObject("plain_text", "Company", false, false), nil,
		slack.NewPlainTextInputBlockElement(nil, "company_input")))
	for range blocks - 1 {
		v.Blocks.BlockSet = append(v.Blocks.BlockSet, slack.NewDividerBlock())
	}
	return v
}

// prefilledModal is a modal with one text input of at most max characters, prefilled with value.
func prefilledModal(value string, max int) slack.ModalViewRequest {
	v := logModal("Log an interview", 1)
	in := slack.NewPlainTextInputBlockElement(nil, "company_input")
	in.InitialValue, in.MaxLength = value, max
	v.Blocks.BlockSet[0] = slack.NewInputBlock("company", slack.NewTextBlockObject("plain_text", "Company", false, false), nil, in)
	return v
}

// submitReply acks a view_submission with an error when the company is empty.
func submitReply(evt socketmode.Event) any {
	cb, ok := evt.Data.(slack.InteractionCallback)
	if !ok || cb.Type != slack.InteractionTypeViewSubmission {
		return nil
	}
	if cb.View.State.Values["company"]["company_input"].Value == "" {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{"company": "Which company was the interview with?"})
	}
	return nil
}

func TestViews(t *testing.T) {
	clock := followuptest.NewClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC))
	emu := newEmulator(t, WithClock(clock.Now))
	emu.AddUser(User{ID: "U1", Name: "ada"})
	bot := startBot(t, emu, submitReply)
	ctx := testContext(t)
	trigger := func() string {
		t.Helper()
		if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "log"}); err != nil {
			t.Fatalf("SlashCommand: %v", err)
		}
		return bot.next(t).Data.(slack.SlashCommand).TriggerID
	}

	used := trigger()
	if _, err := bot.api.OpenViewContext(ctx, used, logModal("Log an interview", 1)); err != nil {
		t.Fatalf("OpenView: %v", err)
	}
	tests := []struct {
		name    string
		trigger func() string
		view    slack.ModalViewRequest
		want    string
	}{
		{"Valid", trigger, logModal("Log an interview", 1), ""},
		{"Reused", func() string { return used }, logModal("Log an interview", 1), "exchanged_trigger_id"},
		{"Unknown", func() string { return "1.2.3" }, logModal("Log an interview", 1), "invalid_trigger_id"},
		{"Expired", func() string { tr := trigger(); clock.Add(4 * time.Second); return tr }, logModal("Log an interview", 1), "expired_trigger_id"},
		{"TitleTooLong", trigger, logModal("Log the interview you just had", 1), "invalid_arguments"},
		{"TooManyBlocks", trigger, logModal("Log an interview", 101), "invalid_arguments"},
		{"PrefillLongerThanInput", trigger, prefilledModal(strings.Repeat("x", 101), 100), "invalid_arguments"},
		{"PrefillFitsInput", trigger, prefilledModal(strings.Repeat("x", 100), 100), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := bot.api.OpenViewContext(ctx, tt.trigger(), tt.view)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("views.open: got %q, want %q", got, tt.want)
			}
		})
	}

	t.Run("SubmitUpdateClose", func(t *testing.T) {
		resp, err := bot.api.OpenViewContext(ctx, trigger(), logModal("Log an interview", 1))
		if err != nil {
			t.Fatalf("OpenView: %v", err)
		}
		id := resp.View.ID
		if !strings.HasPrefix(id, "V") || resp.View.Hash == "" || resp.View.CallbackID != "log_interview" {
			t.Errorf("view: got id %q hash %q callback %q, want V…, a hash, log_interview", id, resp.View.Hash, resp.View.CallbackID)
		}
		if _, err := bot.api.UpdateViewContext(ctx, logModal("Log an interview", 2), "", "stale", id); err == nil || err.Error() != "hash_conflict" {
			t.Errorf("update with a stale hash: got %v, want hash_conflict", err)
		}
		if _, err := bot.api.UpdateViewContext(ctx, logModal("Log an interview", 2), "", resp.View.Hash, id); err != nil {
			t.Errorf("update with the current hash: %v", err)
		}

		ack, err := emu.SubmitView(ctx, "U1", id, nil)
		if err != nil {
			t.Fatalf("SubmitView empty: %v", err)
		}
		if ack.ResponseAction != "errors" || ack.Errors["company"] == "" {
			t.Errorf("ack: got %q %v, want errors on company", ack.ResponseAction, ack.Errors)
		}
		cb := bot.next(t).Data.(slack.InteractionCallback)
		if cb.View.ID != id || cb.View.PrivateMetadata != "interview=42" || cb.View.CallbackID != "log_interview" {
			t.Errorf("submission view: got %q %q %q, want the stored view", cb.View.ID, cb.View.PrivateMetadata, cb.View.CallbackID)
		}

		values := map[string]map[string]slack.BlockAction{"company": {"company_input": {Type: "plain_text_input", Value: "Acme"}}}
		if ack, err = emu.SubmitView(ctx, "", id, values); err != nil || ack.ResponseAction != "" {
			t.Fatalf("SubmitView: got %q, %v; want a plain ack", ack.ResponseAction, err)
		}
		if got := bot.next(t).Data.(slack.InteractionCallback).View.State.Values["company"]["company_input"].Value; got != "Acme" {
			t.Errorf("submitted value: got %q, want Acme", got)
		}
		v, err := emu.WaitView(ctx, func(v View) bool { return v.ID == id && v.Closed })
		if err != nil {
			t.Fatalf("WaitView closed: %v", err)
		}
		if v.Method != "views.open" || v.CallbackID != "log_interview" {
			t.Errorf("recorded view: got %+v, want the views.open of log_interview", v)
		}
		if _, err := emu.SubmitView(ctx, "U1", id, values); err == nil {
			t.Errorf("SubmitView on a closed modal: got nil error, want one")
		}
	})

	t.Run("PublishHome", func(t *testing.T) {
		home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", "Nothing due today.", false, false), nil, nil),
		}}}
		if _, err := bot.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: home}); err != nil {
			t.Fatalf("PublishView: %v", err)
		}
		raw, ok := emu.Home("U1")
		if !ok {
			t.Fatal("Home: got nothing, want the published view")
		}
		var got slack.HomeTabViewRequest
		if err := json.Unmarshal(raw, &got); err != nil || got.Type != slack.VTHomeTab || len(got.Blocks.BlockSet) != 1 {
			t.Errorf("Home: got %s (%v), want the home view with one block", raw, err)
		}
		if _, ok := emu.Home("U2"); ok {
			t.Errorf("Home of U2: got a view, want none")
		}
	})
}
