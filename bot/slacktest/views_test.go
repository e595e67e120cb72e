package slacktest

import (
	"context"
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

// homeOf is a Home tab of n sections, each text long.
func homeOf(n, text int) slack.HomeTabViewRequest {
	v := slack.HomeTabViewRequest{Type: slack.VTHomeTab}
	for range n {
		v.Blocks.BlockSet = append(v.Blocks.BlockSet,
			slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", strings.Repeat("x", text), false, false), nil, nil))
	}
	return v
}

func TestPublishHomeLimits(t *testing.T) {
	emu := newEmulator(t)
	emu.AddUser(User{ID: "U1", Name: "ada"})
	bot := startBot(t, emu, nil)
	ctx := testContext(t)
	tests := []struct {
		name string
		view slack.HomeTabViewRequest
		want string
	}{
		{"HundredBlocks", homeOf(100, 10), ""},
		{"TooManyBlocks", homeOf(101, 10), "invalid_arguments"},
		{"UnderTheSizeLimit", homeOf(80, 3000), ""},
		{"OverTheSizeLimit", homeOf(90, 3000), "invalid_arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := bot.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: tt.view})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("views.publish: got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("StaleHash", func(t *testing.T) {
		first, err := bot.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: homeOf(1, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bot.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: homeOf(2, 1), Hash: &first.Hash}); err != nil {
			t.Fatalf("publish with the current hash: %v", err)
		}
		if _, err := bot.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: homeOf(3, 1), Hash: &first.Hash}); err == nil || err.Error() != "hash_conflict" {
			t.Errorf("publish with a stale hash: got %v, want hash_conflict", err)
		}
	})
}

func TestWaitFromMarkForRecipient(t *testing.T) {
	emu := newEmulator(t)
	emu.AddUser(User{ID: "U1", Name: "ada"})
	emu.AddUser(User{ID: "U2", Name: "bo"})
	bot := startBot(t, emu, nil)
	ctx := testContext(t)
	post := func(user, text string) {
		t.Helper()
		ch, _, _, err := bot.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := bot.api.PostMessageContext(ctx, ch.ID, slack.MsgOptionText(text, false)); err != nil {
			t.Fatal(err)
		}
	}
	post("U1", "Empty")
	mark := emu.Mark()
	post("U2", "Empty")
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if m, err := emu.WaitMessageTo(short, mark, "U1", func(m Message) bool { return m.Text == "Empty" }); err == nil {
		t.Errorf("wait for U1 after the mark: got %+v, want a timeout (U1's message came before the mark, U2's is not U1's)", m)
	}
	post("U1", "Empty")
	m, err := emu.WaitMessageTo(ctx, mark, "U1", func(m Message) bool { return m.Text == "Empty" })
	if err != nil || m.User != "U1" {
		t.Errorf("wait for U1 after the mark: got %+v %v, want U1's second message", m, err)
	}
	if got := len(emu.MessagesSince(mark)); got != 2 {
		t.Errorf("messages since the mark: got %d, want 2", got)
	}
}

func TestUsersInfoAdminFlags(t *testing.T) {
	emu := newEmulator(t)
	emu.AddUser(User{ID: "U1", Name: "ada", IsAdmin: true})
	emu.AddUser(User{ID: "U2", Name: "bo", IsOwner: true})
	emu.AddUser(User{ID: "U3", Name: "cy"})
	bot := startBot(t, emu, nil)
	ctx := testContext(t)
	for _, tt := range []struct {
		id           string
		admin, owner bool
	}{{"U1", true, false}, {"U2", false, true}, {"U3", false, false}} {
		u, err := bot.api.GetUserInfoContext(ctx, tt.id)
		if err != nil || u.IsAdmin != tt.admin || u.IsOwner != tt.owner {
			t.Errorf("users.info %s: got admin %v owner %v (%v), want %v %v", tt.id, u.IsAdmin, u.IsOwner, err, tt.admin, tt.owner)
		}
	}
}
