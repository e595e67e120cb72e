package bot

import (
	"context"
	"errors"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// The library of helpful items, and /followup check.

func (b *Bot) cmdLibrary(ctx context.Context, cmd slack.SlashCommand, _ string) {
	st, ok := b.commander(ctx, cmd, "library")
	if !ok {
		return
	}
	view, err := b.libraryModal(ctx, st.ID)
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "library: items", err)
		return
	}
	b.openModal(ctx, cmd.TriggerID, cmd.ResponseURL, cmd.UserID, view)
}

func (b *Bot) actOpenLibrary(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) {
	st, ok := b.clicker(ctx, cb, "open library")
	if !ok {
		return
	}
	view, err := b.libraryModal(ctx, st.ID)
	if err != nil {
		b.fail(ctx, cb.ResponseURL, cb.User.ID, "open library: items", err)
		return
	}
	b.openModal(ctx, cb.TriggerID, cb.ResponseURL, cb.User.ID, view)
}

// actLibraryAdd pushes an empty item form over the library list.
func (b *Bot) actLibraryAdd(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) {
	b.pushModal(ctx, cb, messages.LibraryItemModal(nil))
}

// actLibraryEdit pushes the item's form over the library list.
func (b *Bot) actLibraryEdit(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	id, err := messages.ParseIDValue(act.Value)
	if err != nil {
		b.log.Info("ignored malformed item value")
		return
	}
	it, err := b.store.LibraryItem(ctx, followup.UserID{Team: cb.Team.ID, User: cb.User.ID}, id)
	if err != nil {
		b.clickFailed(ctx, cb, "library edit", err)
		return
	}
	b.pushModal(ctx, cb, messages.LibraryItemModal(&it))
}

// actLibraryDelete deletes an item (the button asks to confirm first) and
// refreshes the list in place.
func (b *Bot) actLibraryDelete(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	id, err := messages.ParseIDValue(act.Value)
	if err != nil {
		b.log.Info("ignored malformed item value")
		return
	}
	owner := followup.UserID{Team: cb.Team.ID, User: cb.User.ID}
	if err := b.store.DeleteLibraryItem(oneClick(ctx, cb), owner, id); err != nil {
		b.clickFailed(ctx, cb, "library delete", err)
		return
	}
	b.refreshLibrary(ctx, owner, cb.View.ID)
}

// refreshLibrary redraws an open library modal.
func (b *Bot) refreshLibrary(ctx context.Context, owner followup.UserID, viewID string) {
	if viewID == "" {
		return
	}
	view, err := b.libraryModal(ctx, owner)
	if err != nil {
		b.log.Error("library refresh: items", "err", err)
		return
	}
	if _, err := b.api.UpdateViewContext(ctx, view, "", "", viewID); err != nil {
		b.log.Error("library refresh: views.update", "err", err)
	}
}

// submitLibraryItem saves an added or edited item, closes its form and
// refreshes the library list underneath.
func (b *Bot) submitLibraryItem(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	owner := followup.UserID{Team: cb.Team.ID, User: cb.User.ID}
	var id int64
	if cb.View.PrivateMetadata != "" {
		var err error
		if id, err = messages.ParseIDValue(cb.View.PrivateMetadata); err != nil {
			b.log.Info("library submit: malformed metadata")
			return submitFailed(), nil
		}
	}
	it, errs := messages.ParseLibraryItem(values(cb))
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(messages.LibraryItemErrors(errs)), nil
	}
	it.ID, it.Student = id, owner
	err := b.store.SaveLibraryItem(followup.WithSubmission(ctx, submissionKey(cb)), &it)
	switch {
	case errors.Is(err, followup.ErrDuplicate):
		b.log.Info("library submit: already saved", "view", cb.View.ID)
		return nil, nil
	case err != nil:
		b.log.Error("library submit: save", "err", err)
		return submitFailed(), nil
	}
	root := cb.View.RootViewID
	if root == cb.View.ID {
		root = "" // opened on its own: nothing underneath to refresh
	}
	return nil, func(ctx context.Context) { b.refreshLibrary(ctx, owner, root) }
}

// pushModal stacks a modal over the one a click came from.
func (b *Bot) pushModal(ctx context.Context, cb slack.InteractionCallback, view slack.ModalViewRequest) {
	if _, err := b.api.PushViewContext(ctx, cb.TriggerID, view); err != nil {
		b.log.Warn("views.push failed", "callback_id", view.CallbackID, "err", err)
		b.say(ctx, cb.ResponseURL, cb.User.ID, messages.ModalFailed())
	}
}

func (b *Bot) cmdCheck(ctx context.Context, cmd slack.SlashCommand, _ string) {
	b.openModal(ctx, cmd.TriggerID, cmd.ResponseURL, cmd.UserID, messages.CheckModal())
}

// submitCheck scores the pasted text against the Test and shows the
// result in place of the form.
func (b *Bot) submitCheck(_ context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	text, errs := messages.ParseCheck(values(cb))
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(messages.CheckErrors(errs)), nil
	}
	view := messages.CheckResultView(messages.Check(text, messages.CheckOptions{}))
	return slack.NewUpdateViewSubmissionResponse(&view), nil
}
