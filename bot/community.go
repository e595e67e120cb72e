package bot

import (
	"context"
	"errors"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// The career-center edition's handlers: the Home tab's buttons, the staff's
// community library, and a student's copy of a community item. Every
// staff handler checks the role on the server before it changes anything.

// registerCareerCenter adds the routes of this file.
func (b *Bot) registerCareerCenter(commands map[string]commandHandler, actions map[string]actionHandler, submissions map[string]submitHandler) {
	commands["staff"] = b.cmdStaff
	commands["community"] = b.cmdCommunity
	actions[messages.ActionOpenSettings] = b.actOpenSettings
	actions[messages.ActionPause] = b.actPause
	actions[messages.ActionResume] = b.actPause
	actions[messages.ActionHomePage] = b.actHomePage
	actions[messages.ActionCommunityOpen] = b.actCommunityOpen
	actions[messages.ActionCommunityAdd] = b.actCommunityAdd
	actions[messages.ActionCommunityEdit] = b.actCommunityEdit
	actions[messages.ActionCommunityRetire] = b.actCommunityRetire
	actions[messages.ActionLibraryCopy] = b.actLibraryCopy
	submissions[messages.CallbackCommunityItem] = b.submitCommunityItem
}

// actor is who clicked.
func actor(cb slack.InteractionCallback) followup.UserID {
	return followup.UserID{Team: cb.Team.ID, User: cb.User.ID}
}

func (b *Bot) actOpenSettings(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) {
	st, ok := b.clicker(ctx, cb, "open settings")
	if !ok {
		return
	}
	b.openModal(ctx, cb.TriggerID, cb.ResponseURL, cb.User.ID, messages.SettingsModal(st, followup.Calendars()))
}

// actPause pauses or resumes nudges from the Home; the Home then shows
// the new state.
func (b *Bot) actPause(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	if _, ok := b.clicker(ctx, cb, "pause"); !ok {
		return
	}
	paused := act.ActionID == messages.ActionPause
	if _, _, err := b.updateAndReplan(ctx, actor(cb), func(st *followup.Student) error {
		st.Settings.Paused = paused
		return nil
	}); err != nil {
		b.fail(ctx, cb.ResponseURL, cb.User.ID, "pause: update", err)
	}
}

// actHomePage shows another page of the Home's interviews.
func (b *Bot) actHomePage(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	page, err := messages.ParsePageValue(act.Value)
	if err != nil {
		b.log.Info("ignored malformed page value")
		return
	}
	b.homes.now(ctx, actor(cb), page, cb.View.Hash)
}

// cmdCommunity opens the community library for staff.
func (b *Bot) cmdCommunity(ctx context.Context, cmd slack.SlashCommand, _ string) {
	id := followup.UserID{Team: cmd.TeamID, User: cmd.UserID}
	if !b.requireStaff(ctx, id, cmd.ResponseURL, "community") {
		return
	}
	view, err := b.communityModal(ctx, id)
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "community: items", err)
		return
	}
	b.openModal(ctx, cmd.TriggerID, cmd.ResponseURL, cmd.UserID, view)
}

func (b *Bot) actCommunityOpen(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) {
	id := actor(cb)
	if !b.requireStaff(ctx, id, cb.ResponseURL, "community open") {
		return
	}
	view, err := b.communityModal(ctx, id)
	if err != nil {
		b.fail(ctx, cb.ResponseURL, cb.User.ID, "community open: items", err)
		return
	}
	b.openModal(ctx, cb.TriggerID, cb.ResponseURL, cb.User.ID, view)
}

// communityModal is the staff's list, dated in their zone.
func (b *Bot) communityModal(ctx context.Context, id followup.UserID) (slack.ModalViewRequest, error) {
	items, err := b.store.CommunityItems(ctx, id.Team)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	st, err := b.student(ctx, id.Team, id.User)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	return messages.CommunityModal(items, b.location(st)), nil
}

// openOrPush opens a form from the Home, or stacks it over the modal the
// click came from.
func (b *Bot) openOrPush(ctx context.Context, cb slack.InteractionCallback, view slack.ModalViewRequest) {
	if cb.View.Type == slack.VTModal {
		b.pushModal(ctx, cb, view)
		return
	}
	b.openModal(ctx, cb.TriggerID, cb.ResponseURL, cb.User.ID, view)
}

func (b *Bot) actCommunityAdd(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) {
	if !b.requireStaff(ctx, actor(cb), cb.ResponseURL, "community add") {
		return
	}
	b.openOrPush(ctx, cb, messages.CommunityItemModal(nil))
}

func (b *Bot) actCommunityEdit(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	id, err := messages.ParseIDValue(act.Value)
	if err != nil {
		b.log.Info("ignored malformed item value")
		return
	}
	if !b.requireStaff(ctx, actor(cb), cb.ResponseURL, "community edit") {
		return
	}
	it, err := b.store.CommunityItem(ctx, cb.Team.ID, id)
	if err == nil && !it.RetiredAt.IsZero() {
		err = followup.ErrTransition
	}
	if err != nil {
		b.refused(ctx, cb, "community edit", err)
		return
	}
	b.openOrPush(ctx, cb, messages.CommunityItemModal(&it))
}

// actCommunityRetire retires an item (the button asks first) and redraws
// where the click came from.
func (b *Bot) actCommunityRetire(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	id, err := messages.ParseIDValue(act.Value)
	if err != nil {
		b.log.Info("ignored malformed item value")
		return
	}
	who := actor(cb)
	if !b.requireStaff(ctx, who, cb.ResponseURL, "community retire") {
		return
	}
	if err := b.store.RetireCommunityItem(oneClick(ctx, cb), cb.Team.ID, id); err != nil {
		b.refused(ctx, cb, "community retire", err)
		return
	}
	b.communityChanged(ctx, who, cb.View)
}

// communityChanged redraws the staff's community modal (when the change
// came from one) and their Home.
func (b *Bot) communityChanged(ctx context.Context, who followup.UserID, v slack.View) {
	if v.Type == slack.VTModal && v.CallbackID == messages.CallbackCommunity && v.ID != "" {
		view, err := b.communityModal(ctx, who)
		if err == nil {
			_, err = b.api.UpdateViewContext(ctx, view, "", "", v.ID)
		}
		if err != nil {
			b.log.Error("community refresh", "err", err)
		}
	}
	b.homes.changed(who)
}

// refused answers a click whose change was refused, from a message or a
// view (views have no response_url).
func (b *Bot) refused(ctx context.Context, cb slack.InteractionCallback, where string, err error) {
	if cb.ResponseURL != "" || errors.Is(err, followup.ErrDuplicate) {
		b.clickFailed(ctx, cb, where, err)
		return
	}
	b.log.Info("refused a click", "where", where, "err", err)
	b.tell(ctx, "", cb.User.ID, messages.AlreadyDone())
}

// submitCommunityItem publishes or updates a community item. The role is
// checked again here: a form opened while staff must not save after the
// role is gone.
func (b *Bot) submitCommunityItem(ctx context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	who := actor(cb)
	staff, err := b.IsStaff(ctx, who)
	if err != nil {
		b.log.Error("community submit: staff check", "err", err)
		return submitFailed(), nil
	}
	if !staff {
		b.log.Info("refused a community item from a student")
		return slack.NewErrorsViewSubmissionResponse(map[string]string{messages.BlockItemTitle: messages.NotStaff().Text}), nil
	}
	var id int64
	if cb.View.PrivateMetadata != "" {
		if id, err = messages.ParseIDValue(cb.View.PrivateMetadata); err != nil {
			b.log.Info("community submit: malformed metadata")
			return submitFailed(), nil
		}
	}
	it, errs := messages.ParseCommunityItem(values(cb))
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(messages.CommunityItemErrors(errs)), nil
	}
	if _, err := b.student(ctx, who.Team, who.User); err != nil {
		b.log.Error("community submit: publisher", "err", err)
		return submitFailed(), nil
	}
	it.ID, it.Student = id, who
	err = b.store.SaveCommunityItem(followup.WithSubmission(ctx, submissionKey(cb)), &it)
	switch {
	case errors.Is(err, followup.ErrDuplicate):
		b.log.Info("community submit: delivered again, saved before")
		return nil, nil
	case err != nil:
		b.log.Error("community submit: save", "err", err)
		return submitFailed(), nil
	}
	root := slack.View{}
	if cb.View.RootViewID != "" && cb.View.RootViewID != cb.View.ID {
		root = slack.View{ID: cb.View.RootViewID, Type: slack.VTModal, CallbackID: messages.CallbackCommunity}
	}
	return nil, func(ctx context.Context) { b.communityChanged(ctx, who, root) }
}

// actLibraryCopy copies a career-center item into the student's library
// and redraws the library modal.
func (b *Bot) actLibraryCopy(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction) {
	st, id, ok := b.idClicker(ctx, cb, act, "library copy")
	if !ok {
		return
	}
	if _, err := b.store.CopyCommunityItem(ctx, st.ID, id); err != nil {
		b.refused(ctx, cb, "library copy", err)
		return
	}
	b.refreshLibrary(ctx, st.ID, cb.View.ID)
}

// libraryModal is the student's library with their career center's items.
func (b *Bot) libraryModal(ctx context.Context, owner followup.UserID) (slack.ModalViewRequest, error) {
	items, err := b.store.LibraryItems(ctx, owner)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	center, err := b.store.CommunityItems(ctx, owner.Team)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	st, err := b.store.Student(ctx, owner)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	return messages.LibraryModal(items, center, b.location(st)), nil
}

// communityFor is what a student's draft chooser offers from the career
// center: every item on offer. Errors leave the chooser with the
// student's own items.
func (b *Bot) communityFor(ctx context.Context, st followup.Student) []followup.LibraryItem {
	items, err := b.store.CommunityItems(ctx, st.ID.Team)
	if err != nil {
		b.log.Error("community items", "err", err)
	}
	return items
}

// libraryFor is what a draft's chooser offers: the student's own items,
// then the career center's. Read once per draft, for the pick and the
// chooser alike.
func (b *Bot) libraryFor(ctx context.Context, st followup.Student) []followup.LibraryItem {
	own, err := b.store.LibraryItems(ctx, st.ID)
	if err != nil {
		b.log.Error("library items", "err", err)
	}
	return append(own, b.communityFor(ctx, st)...)
}

// firstDraftItem is the item the bot puts in a first draft for diagnosis
// d by itself: the student's own item wins over a community one that fits.
func firstDraftItem(st followup.Student, d followup.Diagnosis, items []followup.LibraryItem) *followup.LibraryItem {
	own, center := followup.SplitLibrary(items)
	center = followup.CommunityFor(center, d, st.Settings.CareerLevel)
	return followup.PickItem(d, st.Settings.CareerLevel, own, center)
}
