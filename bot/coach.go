package bot

import (
	"context"
	"errors"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
	"github.com/followup-coach/followup/stats"
)

// The coaching flow: a nudge's 3-way check, the draft it produces, and the
// draft's actions. Every action carries ids only; each handler checks the
// clicking student owns what the ids name before changing anything.

// clickTarget is where a clicked message lives, for in-place updates.
func clickTarget(cb slack.InteractionCallback) (channel, ts string) {
	channel, ts = cb.Container.ChannelID, cb.Container.MessageTs
	if channel == "" {
		channel = cb.Channel.ID
	}
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	return channel, ts
}

// updateClicked replaces the clicked message with m.
func (b *Bot) updateClicked(ctx context.Context, cb slack.InteractionCallback, m messages.Message) {
	channel, ts := clickTarget(cb)
	if channel == "" || ts == "" {
		b.say(ctx, cb.ResponseURL, cb.User.ID, m)
		return
	}
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...)}
	if _, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, opts...); err != nil {
		b.log.Error("chat.update", "err", err)
	}
}

// clickFailed answers a click whose change was refused: someone else's
// interview, a stale button, or a real failure. A click already handled
// (Slack delivered it again) gets no answer.
func (b *Bot) clickFailed(ctx context.Context, cb slack.InteractionCallback, where string, err error) {
	switch {
	case errors.Is(err, followup.ErrDuplicate):
		// The first delivery of this click did the work and answered.
		b.log.Info("ignored a click Slack delivered again", "where", where)
	case errors.Is(err, followup.ErrForbidden), errors.Is(err, followup.ErrNotFound):
		b.log.Info("refused a click on something not the user's", "where", where)
		b.say(ctx, cb.ResponseURL, cb.User.ID, messages.NotYours())
	case errors.Is(err, followup.ErrTransition):
		b.say(ctx, cb.ResponseURL, cb.User.ID, messages.AlreadyDone())
	default:
		b.fail(ctx, cb.ResponseURL, cb.User.ID, where, err)
	}
}

// ownInterview loads an interview and checks the student owns it.
func (b *Bot) ownInterview(ctx context.Context, owner followup.UserID, id int64) (followup.Interview, error) {
	iv, err := b.store.Interview(ctx, id)
	if err != nil {
		return iv, err
	}
	if iv.Student != owner {
		return followup.Interview{}, followup.ErrForbidden
	}
	return iv, nil
}

// actDiagnose records the 3-way check, updates the nudge in place and
// posts the draft that answers it.
func (b *Bot) actDiagnose(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	d, id, err := messages.ParseDiagnoseValue(act.Value)
	if err != nil {
		b.log.Info("ignored malformed diagnosis value")
		return
	}
	st, ok := b.clicker(ctx, cb, "diagnose")
	if !ok {
		return
	}
	iv, err := b.store.UpdateInterview(oneClick(ctx, cb), st.ID, id, func(iv *followup.Interview) error { return iv.Diagnose(d) })
	if err != nil {
		b.clickFailed(ctx, cb, "diagnose", err)
		return
	}
	since := b.planner.Days.BusinessDaysBetween(iv.FirstFollowUpDate, b.today(st), st.Settings.Calendar)
	b.updateClicked(ctx, cb, messages.NudgeAnswered(iv, d, since))
	// Send help automatically: the first draft already carries the library
	// item that fits best, the student's own before the career center's;
	// a slot is left only when nothing fits.
	items := b.libraryFor(ctx, st)
	picked := firstDraftItem(st, d, items)
	draft, err := b.newDraft(ctx, st, iv, followup.NudgeSecondFollowUp, d, picked)
	if err != nil {
		b.fail(ctx, cb.ResponseURL, cb.User.ID, "diagnose: draft", err)
		return
	}
	b.postDraft(ctx, st, iv, draft, items, picked)
}

// actDraftNow asks the 3-way check before the due date, for a student with
// a reason to write early; the answer makes the draft as on the due day.
func (b *Bot) actDraftNow(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	st, id, ok := b.idClicker(ctx, cb, act, "draft now")
	if !ok {
		return
	}
	b.draftNow(ctx, cb, st, id)
}

// draftNow posts the 3-way check for an interview whose second follow-up
// is not sent yet: the early version before the due date, the nudge's own
// words after it.
func (b *Bot) draftNow(ctx context.Context, cb slack.InteractionCallback, st followup.Student, id int64) {
	iv, err := b.ownInterview(ctx, st.ID, id)
	if err == nil && !iv.BeforeSecondSent() {
		err = followup.ErrTransition
	}
	if err != nil {
		b.clickFailed(ctx, cb, "draft now", err)
		return
	}
	m := messages.NudgeEarly(iv)
	if !iv.NotDueYet() {
		m = messages.Nudge(iv, b.planner.Days.BusinessDaysBetween(iv.FirstFollowUpDate, b.today(st), st.Settings.Calendar))
	}
	if _, _, err := b.dm(ctx, st.ID.User, m); err != nil {
		b.fail(ctx, cb.ResponseURL, cb.User.ID, "draft now: post", err)
	}
}

// newDraft composes and stores a draft.
func (b *Bot) newDraft(ctx context.Context, st followup.Student, iv followup.Interview, kind followup.NudgeKind, d followup.Diagnosis, item *followup.LibraryItem) (followup.Draft, error) {
	in := messages.DraftInput{Interview: iv, Diagnosis: d, Level: st.Settings.CareerLevel, Item: item,
		StudentName: b.signature(ctx, st.ID.User)}
	draft := followup.Draft{InterviewID: iv.ID, Kind: kind, Diagnosis: d}
	if item != nil {
		draft.LibraryItemID = item.ID
	}
	if kind == followup.NudgeClosingNote {
		draft.Subject, draft.Body = messages.ComposeClosingNote(in)
	} else {
		draft.Subject, draft.Body = messages.ComposeSecondFollowUp(in)
	}
	if err := b.store.SaveDraft(ctx, &draft); err != nil {
		return draft, err
	}
	return draft, nil
}

// signature is the name a draft is signed with: the student's name in
// Slack, or none (the draft then ends with the sign-off alone).
func (b *Bot) signature(ctx context.Context, user string) string {
	u, err := b.api.GetUserInfoContext(ctx, user)
	if err != nil {
		b.log.Warn("users.info for the signature", "err", err)
		return ""
	}
	if u.Profile.RealName != "" {
		return u.Profile.RealName
	}
	return u.RealName
}

// draftMessage is a draft with its Test result, the coaching around it and
// the student's items. picked is the item the bot chose itself, if any.
func (b *Bot) draftMessage(ctx context.Context, st followup.Student, iv followup.Interview, d followup.Draft, items []followup.LibraryItem, picked *followup.LibraryItem) messages.Message {
	// A closing note asks nothing, so it gets neither the Test nor a rate.
	var check messages.CheckResult
	var figure *stats.Figure
	if d.Kind == followup.NudgeSecondFollowUp {
		check = messages.Check(d.Body, messages.CheckOptions{Role: iv.Role, InterviewDate: iv.InterviewDate})
		waited := b.planner.Days.BusinessDaysBetween(iv.FirstFollowUpDate, b.today(st), st.Settings.Calendar)
		figure = b.CommunityFigure(ctx, st.ID.Team, waited)
	}
	return messages.DraftMessage(messages.DraftView{Interview: iv, Draft: d, Items: items, Check: check,
		Level: st.Settings.CareerLevel, Picked: picked, Figure: figure})
}

func (b *Bot) postDraft(ctx context.Context, st followup.Student, iv followup.Interview, d followup.Draft, items []followup.LibraryItem, picked *followup.LibraryItem) {
	if _, _, err := b.dm(ctx, st.ID.User, b.draftMessage(ctx, st, iv, d, items, picked)); err != nil {
		b.log.Error("post draft", "err", err)
	}
}

// actCopy opens the draft in an editable modal.
func (b *Bot) actCopy(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	draftID, _, err := messages.ParseDraftValue(act.Value)
	if err != nil {
		b.log.Info("ignored malformed draft value")
		return
	}
	d, err := b.store.Draft(ctx, followup.UserID{Team: cb.Team.ID, User: cb.User.ID}, draftID)
	if err != nil {
		b.clickFailed(ctx, cb, "copy", err)
		return
	}
	b.openModal(ctx, cb.TriggerID, cb.ResponseURL, cb.User.ID, messages.CopyModal(d))
}

// submitCopy keeps the student's edits as the stored draft.
func (b *Bot) submitCopy(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	id, err := messages.ParseIDValue(cb.View.PrivateMetadata)
	if err != nil {
		b.log.Info("copy submit: malformed metadata")
		return submitFailed(), nil
	}
	owner := followup.UserID{Team: cb.Team.ID, User: cb.User.ID}
	d, err := b.store.Draft(ctx, owner, id)
	if err != nil {
		b.log.Info("copy submit: draft", "err", err)
		return submitFailed(), nil
	}
	subject, body, errs := messages.ParseCopy(values(cb))
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(messages.CopyErrors(errs)), nil
	}
	if subject != d.Subject || body != d.Body {
		d.Subject, d.Body, d.Edited = subject, body, true
		err := b.store.SaveDraft(followup.WithSubmission(ctx, submissionKey(cb)), &d)
		switch {
		case errors.Is(err, followup.ErrDuplicate):
			b.log.Info("copy submit: delivered again, saved before")
		case err != nil:
			b.log.Error("copy submit: save", "err", err)
			return submitFailed(), nil
		}
	}
	return nil, nil
}

// actUseItem re-composes the draft around a library item, in place.
func (b *Bot) actUseItem(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	itemID, ivID, err := messages.ParseItemValue(act.SelectedOption.Value)
	if err != nil {
		b.log.Info("ignored malformed item value")
		return
	}
	st, ok := b.clicker(ctx, cb, "use item")
	if !ok {
		return
	}
	iv, err := b.ownInterview(ctx, st.ID, ivID)
	if err == nil && !iv.BeforeSecondSent() {
		// A late click on a draft already marked as sent must not bring
		// the draft and its buttons back.
		err = followup.ErrTransition
	}
	if err != nil {
		b.clickFailed(ctx, cb, "use item: interview", err)
		return
	}
	var item *followup.LibraryItem
	if itemID != 0 {
		it, err := b.store.UsableLibraryItem(ctx, st.ID, itemID)
		if err != nil {
			b.clickFailed(ctx, cb, "use item: item", err)
			return
		}
		item = &it
	}
	d, err := b.newDraft(oneClick(ctx, cb), st, iv, followup.NudgeSecondFollowUp, iv.Diagnosis, item)
	if err != nil {
		b.clickFailed(ctx, cb, "use item: draft", err)
		return
	}
	b.updateClicked(ctx, cb, b.draftMessage(ctx, st, iv, d, b.libraryFor(ctx, st), nil))
}

// actMarkSent records that the student sent the draft: a second follow-up
// starts the closing-note timer; a closing note closes the interview.
func (b *Bot) actMarkSent(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	draftID, ivID, err := messages.ParseDraftValue(act.Value)
	if err != nil {
		b.log.Info("ignored malformed draft value")
		return
	}
	st, ok := b.clicker(ctx, cb, "mark sent")
	if !ok {
		return
	}
	d, err := b.store.Draft(ctx, st.ID, draftID)
	if err == nil && d.InterviewID != ivID {
		err = followup.ErrNotFound
	}
	if err != nil {
		b.clickFailed(ctx, cb, "mark sent: draft", err)
		return
	}
	loc, now := b.location(st), b.now()
	iv, err := b.store.UpdateInterview(oneClick(ctx, cb), st.ID, ivID, func(iv *followup.Interview) error {
		if d.Kind == followup.NudgeClosingNote {
			return iv.CloseAfterClosingNote()
		}
		return iv.MarkSecondSent(b.planner, b.today(st), st.Settings, loc, now)
	})
	if err != nil {
		b.clickFailed(ctx, cb, "mark sent", err)
		return
	}
	var next followup.Date
	if !iv.NextNudgeAt.IsZero() {
		next = followup.DateOf(iv.NextNudgeAt.In(loc))
	}
	b.updateClicked(ctx, cb, messages.DraftSentMessage(iv, d, next))
}

// actWriteClosing posts the door-open closing-note draft.
func (b *Bot) actWriteClosing(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	st, id, ok := b.idClicker(ctx, cb, act, "closing")
	if !ok {
		return
	}
	iv, err := b.ownInterview(ctx, st.ID, id)
	if err == nil && !iv.Open() {
		err = followup.ErrTransition
	}
	if err != nil {
		b.clickFailed(ctx, cb, "closing: interview", err)
		return
	}
	d, err := b.newDraft(oneClick(ctx, cb), st, iv, followup.NudgeClosingNote, iv.Diagnosis, nil)
	if err != nil {
		b.clickFailed(ctx, cb, "closing: draft", err)
		return
	}
	// A closing note offers no items: DraftMessage shows no chooser for it.
	b.postDraft(ctx, st, iv, d, nil, nil)
}

// actCloseQuietly closes the interview as "no reply" without a note.
func (b *Bot) actCloseQuietly(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	st, id, ok := b.idClicker(ctx, cb, act, "close quietly")
	if !ok {
		return
	}
	iv, err := b.store.UpdateInterview(oneClick(ctx, cb), st.ID, id, func(iv *followup.Interview) error { return iv.CloseAs(followup.StageNoReply) })
	if err != nil {
		b.clickFailed(ctx, cb, "close quietly", err)
		return
	}
	b.updateClicked(ctx, cb, messages.ChoiceDone(iv, b.location(st)))
}

// actNudgeChoice applies Snooze or They replied from a nudge and replaces
// the nudge with what happened.
func (b *Bot) actNudgeChoice(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	choice, id, err := messages.ParseMenuValue(act.SelectedOption.Value)
	if err != nil {
		b.log.Info("ignored malformed menu value")
		return
	}
	st, ok := b.clicker(ctx, cb, "nudge choice")
	if !ok {
		return
	}
	iv, err := b.store.UpdateInterview(oneClick(ctx, cb), st.ID, id, func(iv *followup.Interview) error {
		return b.applyChoice(iv, choice, st)
	})
	if err != nil {
		b.clickFailed(ctx, cb, "nudge choice", err)
		return
	}
	b.updateClicked(ctx, cb, messages.ChoiceDone(iv, b.location(st)))
}

// actAckOnly is for link buttons: Slack reports the click; nothing to do.
func (b *Bot) actAckOnly(context.Context, slack.InteractionCallback, *slack.BlockAction) {}
