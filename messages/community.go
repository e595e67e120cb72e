package messages

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
)

// The community library: items staff publish for every student, the
// staff's forms and list, and what students see of it.

// Limits of the community library's lists, so every view stays within
// Slack's 100 blocks with room for the rest.
const (
	// MaxCommunityRows is how many items CommunityModal and the staff part
	// of the Home list; each takes two blocks.
	MaxCommunityRows = 20
	// MaxCenterRows is how many career-center items a student's library
	// modal lists; each takes one block.
	MaxCenterRows = 20
)

// fitLabel says whom a community item fits: "Who decides · Project
// starter", or "Everyone".
func fitLabel(it followup.LibraryItem) string {
	var parts []string
	if it.ForDiagnosis != followup.DiagnosisNone {
		parts = append(parts, DiagnosisLabel(it.ForDiagnosis))
	}
	if it.ForLevel != "" {
		parts = append(parts, levelLabel(it.ForLevel))
	}
	if len(parts) == 0 {
		return "Everyone"
	}
	return strings.Join(parts, " · ")
}

// levelLabel names a career level as the settings show it.
func levelLabel(l followup.CareerLevel) string {
	for _, c := range careerLevels() {
		if c.level == l {
			return c.text
		}
	}
	return string(l)
}

// communityText is one community item in mrkdwn: title, kind, whom it
// fits, summary, link, and who published it when (in loc).
func communityText(it followup.LibraryItem, loc *time.Location) string {
	s := "*" + Escape(itemTitle(it)) + "*  ·  " + kindLabel(it.Kind) + "\nFor: " + fitLabel(it)
	if it.Summary != "" {
		s += "\n" + Escape(truncate(it.Summary, MaxItemSummaryLen))
	}
	if it.Link != "" {
		s += "\n" + Escape(truncate(it.Link, MaxItemLinkLen))
	}
	return s + "\n" + publishedLine(it, loc)
}

// publishedLine is "Published by <@U…> on Mon 2 Mar". Slack shows the
// mention as the person's current name.
func publishedLine(it followup.LibraryItem, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	line := "Published by <@" + Escape(it.Student.User) + "> on " + it.CreatedAt.In(loc).Format(dateLayout)
	if it.UpdatedAt.After(it.CreatedAt) {
		line += ", edited " + it.UpdatedAt.In(loc).Format(dateLayout)
	}
	return line
}

// communityRows are the staff's rows of items: the item and its Edit and
// Retire buttons, at most MaxCommunityRows, then a note on the rest.
func communityRows(items []followup.LibraryItem, loc *time.Location) []slack.Block {
	var blocks []slack.Block
	for i, it := range items {
		if i == MaxCommunityRows {
			blocks = append(blocks, note(BlockStaffMore,
				fmt.Sprintf("%d more not shown. Retire the ones students no longer need to see them.", len(items)-MaxCommunityRows)))
			break
		}
		id := IDValue(it.ID)
		retire := dangerButton(ActionCommunityRetire, id, "Retire", "Retire this item?",
			"“"+itemTitle(it)+"” leaves every student's chooser. Drafts already written keep their text.")
		rowID := communityRowPrefix + id
		blocks = append(blocks,
			section(rowID, communityText(it, loc)),
			slack.NewActionBlock(rowID+"_actions", button(ActionCommunityEdit, id, "Edit"), retire))
	}
	return blocks
}

// communityEmpty is the staff's empty state.
const communityEmpty = "Nothing shared yet. Add one item every student can offer in a follow-up, " +
	"such as a 1-page summary template their interviewer can forward to the boss."

// CommunityModal is the staff's list of community items, each with Edit
// and Retire, and an Add button. loc is the staff member's zone.
func CommunityModal(items []followup.LibraryItem, loc *time.Location) slack.ModalViewRequest {
	blocks := []slack.Block{section(BlockCommunityIntro,
		"Items your career center offers every student. They show up in each student's library and in the item chooser of their drafts.")}
	if len(items) == 0 {
		blocks = append(blocks, section(BlockStaffEmpty, communityEmpty))
	}
	blocks = append(blocks, communityRows(items, loc)...)
	blocks = append(blocks, slack.NewActionBlock(BlockCommunityAdd, button(ActionCommunityAdd, "", "Add an item").WithStyle(slack.StylePrimary)))
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plain("Community library"),
		Close:      plain("Close"),
		CallbackID: CallbackCommunity,
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// CommunityItemModal adds a community item (it == nil) or edits one: the
// fields of a library item, and whom it fits. private_metadata is the item
// id, "" when adding.
func CommunityItemModal(it *followup.LibraryItem) slack.ModalViewRequest {
	var cur followup.LibraryItem
	title, meta := "Share with students", ""
	if it != nil {
		cur = *it
		title, meta = "Edit shared item", IDValue(it.ID)
	}
	anyDiag := option(AnyValue, "Any", "")
	dopts := []*slack.OptionBlockObject{anyDiag}
	dinit := anyDiag
	for _, d := range followup.Diagnoses() {
		o := option(string(d), DiagnosisLabel(d), "")
		if d == cur.ForDiagnosis {
			dinit = o
		}
		dopts = append(dopts, o)
	}
	diag := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Any"), ActionItemDiagnosis, dopts...)
	diag.InitialOption = dinit

	anyLevel := option(AnyValue, "Any", "")
	lopts := []*slack.OptionBlockObject{anyLevel}
	linit := anyLevel
	for _, c := range careerLevels() {
		o := option(string(c.level), c.text, "")
		if c.level == cur.ForLevel {
			linit = o
		}
		lopts = append(lopts, o)
	}
	level := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Any"), ActionItemLevel, lopts...)
	level.InitialOption = linit

	blocks := []slack.Block{section(BlockItemIntro,
		"Every student of your workspace can offer this in a follow-up. Drafts quote the title and summary as written, so write them for an interviewer.")}
	blocks = append(blocks, itemInputs(cur)...)
	blocks = append(blocks,
		input(BlockItemDiagnosis, "Best when the silence is about", "Students who answered the 3-way check this way see it first.", diag, false),
		input(BlockItemLevel, "Career level", "", level, false))
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plain(title),
		Submit:          plain("Publish"),
		Close:           plain("Cancel"),
		CallbackID:      CallbackCommunityItem,
		PrivateMetadata: meta,
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}

// ParseCommunityItem reads a submitted CommunityItemModal. The bot sets
// ID and Student.
func ParseCommunityItem(values map[string]map[string]slack.BlockAction) (followup.LibraryItem, followup.FieldErrors) {
	it, errs := ParseLibraryItem(values)
	d := values[BlockItemDiagnosis][ActionItemDiagnosis].SelectedOption.Value
	switch {
	case d == "" || d == AnyValue:
	case knownDiagnosis(followup.Diagnosis(d)):
		it.ForDiagnosis = followup.Diagnosis(d)
	default:
		errs[FieldItemDiagnosis] = "Pick one of the answers, or Any."
	}
	l := values[BlockItemLevel][ActionItemLevel].SelectedOption.Value
	switch {
	case l == "" || l == AnyValue:
	case knownLevel(followup.CareerLevel(l)):
		it.ForLevel = followup.CareerLevel(l)
	default:
		errs[FieldItemLevel] = "Pick one of the levels, or Any."
	}
	return it, errs
}

func knownDiagnosis(d followup.Diagnosis) bool {
	for _, k := range followup.Diagnoses() {
		if k == d {
			return true
		}
	}
	return false
}

func knownLevel(l followup.CareerLevel) bool {
	for _, k := range followup.CareerLevels() {
		if k == l {
			return true
		}
	}
	return false
}

// CommunityItemErrors maps field errors onto the blocks of
// CommunityItemModal for a response_action "errors".
func CommunityItemErrors(errs followup.FieldErrors) map[string]string {
	return fieldErrors(errs, []followup.Field{FieldItemKind, FieldItemTitle, FieldItemSummary, FieldItemLink, FieldItemDiagnosis, FieldItemLevel})
}

// centerRows are the career center's items in a student's library modal,
// each with "Copy to my library".
func centerRows(items []followup.LibraryItem, loc *time.Location) []slack.Block {
	if len(items) == 0 {
		return nil
	}
	blocks := []slack.Block{section(BlockLibraryCenter,
		"*From your career center*\nReady to offer as they are. Copy one to make your own version.")}
	for i, it := range items {
		if i == MaxCenterRows {
			break
		}
		b := section(centerRowPrefix+IDValue(it.ID), itemText(it)+"\n"+publishedLine(it, loc))
		b.Accessory = slack.NewAccessory(button(ActionLibraryCopy, IDValue(it.ID), "Copy to my library"))
		blocks = append(blocks, b)
	}
	return blocks
}

// itemSelect is the "Use a library item" menu of a draft: the student's
// own items and, when there are any, the career center's in a group of
// their own. The first option leaves a marked slot; the current item is
// preselected. Slack allows 100 options in all.
func itemSelect(interviewID, current int64, items []followup.LibraryItem) *slack.SelectBlockElement {
	own, center := followup.SplitLibrary(items)
	var initial *slack.OptionBlockObject
	n := 1
	opts := func(items []followup.LibraryItem) []*slack.OptionBlockObject {
		var out []*slack.OptionBlockObject
		for _, it := range items {
			if n == maxItemOptions {
				break
			}
			o := option(ItemValue(it.ID, interviewID), truncate(itemTitle(it), maxItemTitleOption), kindLabel(it.Kind))
			if it.ID == current && current != 0 {
				initial = o
			}
			out = append(out, o)
			n++
		}
		return out
	}
	slot := option(ItemValue(0, interviewID), "No item, leave a slot", "")
	ownOpts := append([]*slack.OptionBlockObject{slot}, opts(own)...)
	var sel *slack.SelectBlockElement
	if len(center) == 0 {
		sel = slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Use a library item"), ActionUseItem, ownOpts...)
	} else {
		groups := []*slack.OptionGroupBlockObject{slack.NewOptionGroupBlockElement(plain("Your library"), ownOpts...)}
		if c := opts(center); len(c) > 0 {
			groups = append(groups, slack.NewOptionGroupBlockElement(plain("From your career center"), c...))
		}
		sel = slack.NewOptionsGroupSelectBlockElement(slack.OptTypeStatic, plain("Use a library item"), ActionUseItem, groups...)
	}
	sel.InitialOption = initial
	return sel
}

// StaffList answers "/followup staff": who holds a grant, and who else
// counts as staff without one.
func StaffList(grants []followup.StaffGrant, loc *time.Location) Message {
	if loc == nil {
		loc = time.UTC
	}
	gs := append([]followup.StaffGrant(nil), grants...)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].CreatedAt.Before(gs[j].CreatedAt) })
	text := "*Staff added with `/followup staff add`*\n"
	if len(gs) == 0 {
		text += "Nobody yet."
	}
	for i, g := range gs {
		if i == 40 {
			text += fmt.Sprintf("…and %d more.", len(gs)-40)
			break
		}
		text += fmt.Sprintf("• <@%s>, added by <@%s> on %s\n", Escape(g.ID.User), Escape(g.GrantedBy), g.CreatedAt.In(loc).Format(dateLayout))
	}
	text = strings.TrimRight(text, "\n")
	return Message{
		Text: "Career-center staff",
		Blocks: []slack.Block{
			section(BlockStaffReply, text),
			note(BlockEphemeral, "Workspace admins and owners are staff too, and so is everyone in the FOLLOWUP_STAFF setting. "+
				"Add someone with `/followup staff add @name`, remove them with `/followup staff remove @name`."),
		},
	}
}

// StaffReply is a one-line answer to a staff action.
func StaffReply(text string) Message {
	return Message{Text: text, Blocks: []slack.Block{section(BlockStaffReply, text)}}
}

// StaffAdded confirms a grant; user is a Slack user id.
func StaffAdded(user string, already bool) Message {
	if already {
		return StaffReply("<@" + Escape(user) + "> is already staff. Nothing changed.")
	}
	return StaffReply("<@" + Escape(user) + "> is now staff: they can publish items to every student and see the career-center part of the Home tab.")
}

// StaffRemoved confirms a removal, or says why there was nothing to remove.
func StaffRemoved(user string, removed bool) Message {
	if removed {
		return StaffReply("<@" + Escape(user) + "> is no longer staff. That takes effect now.")
	}
	return StaffReply("<@" + Escape(user) + "> was not added with `/followup staff add`, so there is nothing to remove. " +
		"Workspace admins, owners and people in FOLLOWUP_STAFF stay staff.")
}

// StaffUsage explains the staff command after input it could not read.
func StaffUsage() Message {
	return StaffReply("To add someone, type `/followup staff add @name` and pick them from the list Slack offers as you type. " +
		"`/followup staff remove @name` removes them; `/followup staff` shows who is staff.")
}

// NotStaff is the polite answer to a student who tried a staff action.
func NotStaff() Message {
	return StaffReply("That's for career-center staff. Nothing changed. If you think you should have access, ask your career center.")
}
