package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

func (b *Bot) registerSubmissions(m map[string]submitHandler) {
	m[messages.CallbackLog] = b.submitLog
	m[messages.CallbackSettings] = b.submitSettings
	m[messages.CallbackCopy] = b.submitCopy
	m[messages.CallbackLibraryItem] = b.submitLibraryItem
	m[messages.CallbackCheck] = b.submitCheck
	m[messages.CallbackForget] = b.submitForget
}

func (b *Bot) registerActions(m map[string]actionHandler) {
	m[messages.ActionOpenLog] = b.actOpenLog
	m[messages.ActionOpenList] = b.actOpenList
	m[messages.ActionInterviewMenu] = b.actInterviewMenu
	for _, id := range messages.DiagnoseActionIDs() {
		m[id] = b.actDiagnose
	}
	m[messages.ActionSnooze] = b.actNudgeChoice
	m[messages.ActionReplied] = b.actNudgeChoice
	m[messages.ActionWriteClosing] = b.actWriteClosing
	m[messages.ActionCloseQuietly] = b.actCloseQuietly
	m[messages.ActionDraftNow] = b.actDraftNow
	m[messages.ActionCopyDraft] = b.actCopy
	m[messages.ActionUseItem] = b.actUseItem
	m[messages.ActionOpenEmail] = b.actAckOnly
	m[messages.ActionMarkSent] = b.actMarkSent
	m[messages.ActionOpenLibrary] = b.actOpenLibrary
	m[messages.ActionLibraryAdd] = b.actLibraryAdd
	m[messages.ActionLibraryEdit] = b.actLibraryEdit
	m[messages.ActionLibraryDelete] = b.actLibraryDelete
	m[messages.ActionOpenStats] = b.actOpenStats
}

// values returns a submitted view's state, never nil.
func values(cb slack.InteractionCallback) map[string]map[string]slack.BlockAction {
	if cb.View.State == nil {
		return nil
	}
	return cb.View.State.Values
}

// submitFailed keeps the student's modal (and what they typed) open under
// a small explanation, instead of closing it and losing their input.
func submitFailed() *slack.ViewSubmissionResponse {
	return slack.NewPushViewSubmissionResponse(messages.SubmitFailedView())
}

// submissionKey names a modal's submission: a view is submitted once
// (the modal closes when it is saved; a submission with field errors saves
// nothing), so its id is the key across Slack's redeliveries.
func submissionKey(cb slack.InteractionCallback) string { return "view:" + cb.View.ID }

// oneClick returns ctx carrying the key of the click in cb, for the one
// write the click makes: Slack delivers an envelope again, possibly to
// another instance, when its ack was late, and the copy has the same
// payload, so the same trigger_id (unique to each click). The store makes
// the write once and answers the copy with ErrDuplicate, which clickFailed
// drops without a word.
func oneClick(ctx context.Context, cb slack.InteractionCallback) context.Context {
	key := cb.TriggerID
	if key == "" && len(cb.ActionCallback.BlockActions) > 0 {
		act := cb.ActionCallback.BlockActions[0]
		key = cb.Team.ID + "/" + cb.User.ID + "/" + act.ActionID + "/" + act.ActionTs
	}
	return followup.WithSubmission(ctx, "click:"+key)
}

// submitLog validates and stores a logged interview, then DMs the
// confirmation after the ack. Nothing is stored when any field is wrong.
func (b *Bot) submitLog(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	st, err := b.student(ctx, cb.Team.ID, cb.User.ID)
	if err != nil {
		b.log.Error("log submit: student", "err", err)
		return submitFailed(), nil
	}
	iv, errs := messages.ParseLog(values(cb))
	if errs == nil {
		errs = followup.FieldErrors{}
	}
	for f, msg := range iv.Validate(b.today(st)) {
		if _, seen := errs[f]; !seen {
			errs[f] = msg
		}
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(messages.LogErrors(errs)), nil
	}
	loc, now := b.location(st), b.now()
	iv.Student = st.ID
	iv.Stage = followup.StageLogged
	b.planner.Plan(&iv, st.Settings, loc, now)
	err = b.store.CreateInterview(followup.WithSubmission(ctx, submissionKey(cb)), &iv)
	switch {
	case errors.Is(err, followup.ErrDuplicate):
		// Slack delivered it again: saved (and confirmed) the first time.
		b.log.Info("log submit: already saved", "view", cb.View.ID)
		return nil, nil
	case err != nil:
		b.log.Error("log submit: create", "err", err)
		return submitFailed(), nil
	}
	days := b.planner.Days.BusinessDaysBetween(iv.FirstFollowUpDate, iv.SecondDue, st.Settings.Calendar)
	return nil, func(ctx context.Context) {
		if _, _, err := b.dm(ctx, cb.User.ID, messages.LogConfirmation(iv, loc, days)); err != nil {
			b.log.Error("log confirmation DM", "err", err)
		}
	}
}

// submitSettings saves the settings and re-plans pending nudges.
func (b *Bot) submitSettings(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	if _, err := b.student(ctx, cb.Team.ID, cb.User.ID); err != nil {
		b.log.Error("settings submit: student", "err", err)
		return submitFailed(), nil
	}
	s, errs := messages.ParseSettings(values(cb))
	if errs == nil {
		errs = followup.FieldErrors{}
	}
	for f, msg := range s.Validate() {
		if _, seen := errs[f]; !seen {
			errs[f] = msg
		}
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(messages.SettingsErrors(errs)), nil
	}
	id := followup.UserID{Team: cb.Team.ID, User: cb.User.ID}
	// Saved and re-planned before the ack, in one transaction: the modal
	// closes only once no nudge is left planned under the old settings.
	st, _, err := b.updateAndReplan(ctx, id, func(st *followup.Student) error {
		st.Settings = s
		return nil
	})
	if err != nil {
		b.log.Error("settings submit: update", "err", err)
		return submitFailed(), nil
	}
	return nil, func(ctx context.Context) {
		if _, _, err := b.dm(ctx, cb.User.ID, messages.SettingsSaved(st.Settings, st.TZ)); err != nil {
			b.log.Error("settings DM", "err", err)
		}
	}
}

func (b *Bot) actOpenLog(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) {
	st, ok := b.clicker(ctx, cb, "open log")
	if !ok {
		return
	}
	b.openModal(ctx, cb.TriggerID, cb.ResponseURL, cb.User.ID, messages.LogModal(messages.LogPrefill{Today: b.today(st)}))
}

func (b *Bot) actOpenList(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) {
	st, ok := b.clicker(ctx, cb, "open list")
	if !ok {
		return
	}
	ivs, err := b.store.ListInterviews(ctx, st.ID, listLimit)
	if err != nil {
		b.fail(ctx, cb.ResponseURL, cb.User.ID, "open list: interviews", err)
		return
	}
	b.say(ctx, cb.ResponseURL, cb.User.ID, messages.InterviewList(ivs, b.location(st), b.today(st)))
}

// actInterviewMenu applies a choice from an interview's menu (snooze, they
// replied, withdrawn) and refreshes the list in place.
func (b *Bot) actInterviewMenu(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	value := act.Value
	if act.SelectedOption.Value != "" {
		value = act.SelectedOption.Value
	}
	choice, id, err := messages.ParseMenuValue(value)
	if err != nil {
		b.log.Info("ignored malformed menu value")
		return
	}
	st, ok := b.clicker(ctx, cb, "menu")
	if !ok {
		return
	}
	if choice == messages.MenuDraftNow {
		b.draftNow(ctx, cb, st, id)
		return
	}
	_, err = b.store.UpdateInterview(oneClick(ctx, cb), st.ID, id, func(iv *followup.Interview) error {
		return b.applyChoice(iv, choice, st)
	})
	if err != nil {
		b.clickFailed(ctx, cb, "menu", err)
		return
	}
	ivs, err := b.store.ListInterviews(ctx, st.ID, listLimit)
	if err != nil {
		b.fail(ctx, cb.ResponseURL, cb.User.ID, "menu: list", err)
		return
	}
	if err := b.replaceOriginal(ctx, cb.ResponseURL, messages.InterviewList(ivs, b.location(st), b.today(st))); err != nil {
		b.log.Error("menu: refresh list", "err", err)
	}
}

// applyChoice is the lifecycle step behind a menu or nudge choice.
func (b *Bot) applyChoice(iv *followup.Interview, choice string, st followup.Student) error {
	loc, now := b.location(st), b.now()
	switch choice {
	case messages.MenuSnooze1D, messages.MenuSnooze3D, messages.MenuSnoozeNextWeek:
		until, err := followup.SnoozeUntil(snoozeCode(choice), st.Settings, loc, now)
		if err != nil {
			return err
		}
		return iv.Snooze(until, b.planner, st.Settings, loc, now)
	case messages.MenuReplied:
		return iv.CloseAs(followup.StageReplied)
	case messages.MenuOffer:
		return iv.CloseAs(followup.StageOffer)
	case messages.MenuRejected:
		return iv.CloseAs(followup.StageRejected)
	case messages.MenuWithdrawn:
		return iv.CloseAs(followup.StageWithdrawn)
	}
	return fmt.Errorf("choice %q: %w", choice, followup.ErrTransition)
}

func snoozeCode(choice string) string {
	switch choice {
	case messages.MenuSnooze1D:
		return followup.SnoozeOneDay
	case messages.MenuSnooze3D:
		return followup.SnoozeThreeDays
	}
	return followup.SnoozeNextWeek
}
