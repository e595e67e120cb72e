package messages

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

// Limits of a library item, in characters.
const (
	// MaxItemSummaryLen keeps a summary short enough for a draft to quote.
	MaxItemSummaryLen = 500
	MaxItemLinkLen    = 1000
)

// libraryFixedBlocks are the blocks of LibraryModal that are not items:
// intro, "more" note and the Add button.
const libraryFixedBlocks = 3

// MaxLibraryRows is how many of the student's own items LibraryModal
// lists; each takes two blocks, and a view holds 100 with the career
// center's part (a heading and MaxCenterRows rows).
const MaxLibraryRows = (100 - libraryFixedBlocks - 1 - MaxCenterRows) / 2

// kindLabel names a library kind in the student's words.
func kindLabel(k followup.LibraryKind) string {
	switch k {
	case followup.KindBossSummary:
		return "Summary for the boss"
	case followup.KindComparisonChart:
		return "Comparison chart"
	case followup.KindQuickWin:
		return "Quick-win story"
	case followup.KindWorkSample:
		return "Work sample"
	case followup.KindCompanyNews:
		return "Company or industry news"
	case followup.KindLink:
		return "Link"
	}
	return "Item"
}

func libraryKinds() []followup.LibraryKind {
	return followup.LibraryKinds()
}

// LibraryModal lists the student's library items, each with Edit and
// Delete, and an Add button, then the items their career center offers,
// each with "Copy to my library" and who shared it when (in loc). An empty
// library says so plainly.
func LibraryModal(items, center []followup.LibraryItem, loc *time.Location) slack.ModalViewRequest {
	blocks := []slack.Block{section(BlockLibraryIntro,
		"Things you can offer instead of asking for news. When you write a second follow-up, pick one and I'll put it in the draft.")}
	if len(items) == 0 {
		blocks = append(blocks, section(BlockLibraryEmpty,
			"Your library is empty. Until you add something, drafts show a [bracketed] slot for you to fill. "+
				"A good first item is a 1-page summary your interviewer can forward to their boss."))
	}
	for i, it := range items {
		if i == MaxLibraryRows {
			blocks = append(blocks, note(BlockLibraryMore,
				fmt.Sprintf("%d more not shown. Delete the ones you no longer use to see them.", len(items)-MaxLibraryRows)))
			break
		}
		id := IDValue(it.ID)
		del := dangerButton(ActionLibraryDelete, id, "Delete", "Delete this item?",
			"“"+itemTitle(it)+"” leaves your library. Drafts already written keep their text.")
		blocks = append(blocks,
			section(fmt.Sprintf(libraryItemBlockIDFmt, it.ID), itemText(it)),
			slack.NewActionBlock(fmt.Sprintf(libraryItemBlockIDFmt, it.ID)+"_actions",
				button(ActionLibraryEdit, id, "Edit"), del),
		)
	}
	blocks = append(blocks, slack.NewActionBlock(BlockLibraryAdd, button(ActionLibraryAdd, "", "Add an item").WithStyle(slack.StylePrimary)))
	blocks = append(blocks, centerRows(center, loc)...)
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plain("Your library"),
		Close:      plain("Close"),
		CallbackID: CallbackLibrary,
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// dangerButton is a red button that asks "question" with text before it
// acts, and offers "Keep it" to back out.
func dangerButton(actionID, value, label, question, text string) *slack.ButtonBlockElement {
	b := button(actionID, value, label).WithStyle(slack.StyleDanger)
	b.Confirm = slack.NewConfirmationBlockObject(plain(question), plain(truncate(text, maxConfirmText)), plain(label), plain("Keep it"))
	return b
}

// itemText is one item in mrkdwn: title, kind, summary and link, escaped.
func itemText(it followup.LibraryItem) string {
	s := "*" + Escape(itemTitle(it)) + "*  ·  " + kindLabel(it.Kind)
	if it.Starter {
		s += " (starter: fill it in)"
	}
	if it.Summary != "" {
		s += "\n" + Escape(truncate(it.Summary, MaxItemSummaryLen))
	}
	if it.Link != "" {
		s += "\n" + Escape(truncate(it.Link, MaxItemLinkLen))
	}
	return s
}

// LibraryItemModal adds an item (it == nil) or edits one: kind, title,
// summary and link. private_metadata is the item id, "" when adding.
func LibraryItemModal(it *followup.LibraryItem) slack.ModalViewRequest {
	var cur followup.LibraryItem
	title, meta := "Add to your library", ""
	if it != nil {
		cur = *it
		title, meta = "Edit library item", IDValue(it.ID)
	}

	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plain(title),
		Submit:          plain("Save"),
		Close:           plain("Cancel"),
		CallbackID:      CallbackLibraryItem,
		PrivateMetadata: meta,
		Blocks: slack.Blocks{BlockSet: append([]slack.Block{
			section(BlockItemIntro, "Something you can offer in a follow-up. Drafts quote the title and summary as you write them, so write them for your interviewer."),
		}, itemInputs(cur)...)},
	}
}

// itemInputs are the inputs of an item form: kind, title, summary, link,
// filled in from cur.
func itemInputs(cur followup.LibraryItem) []slack.Block {
	var opts []*slack.OptionBlockObject
	var initial *slack.OptionBlockObject
	for _, k := range libraryKinds() {
		o := option(string(k), kindLabel(k), "")
		if k == cur.Kind {
			initial = o
		}
		opts = append(opts, o)
	}
	kind := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick a kind"), ActionItemKind, opts...)
	kind.InitialOption = initial

	titleIn := textInput(ActionItemTitle, "e.g. 1-page plan for the first 90 days", MaxItemTitleLen, false)
	titleIn.InitialValue = truncate(cur.Title, MaxItemTitleLen)
	summary := textInput(ActionItemSummary, "What it shows, in a sentence or two", MaxItemSummaryLen, true)
	summary.InitialValue = truncate(cur.Summary, MaxItemSummaryLen)
	link := slack.NewURLTextInputBlockElement(plain("https://…"), ActionItemLink)
	link.InitialValue = cur.Link

	return []slack.Block{
		input(BlockItemKind, "Kind", "", kind, false),
		input(BlockItemTitle, "Title", "", titleIn, false),
		input(BlockItemSummary, "Summary", "A short sentence a draft can quote. Leave out anything private.", summary, true),
		input(BlockItemLink, "Link", "Where they can open it, if it lives online.", link, true),
	}
}

// ParseLibraryItem reads a submitted LibraryItemModal. The bot sets ID,
// Student and Starter.
func ParseLibraryItem(values map[string]map[string]slack.BlockAction) (followup.LibraryItem, followup.FieldErrors) {
	errs := followup.FieldErrors{}
	it := followup.LibraryItem{
		Kind:    followup.LibraryKind(values[BlockItemKind][ActionItemKind].SelectedOption.Value),
		Title:   strings.TrimSpace(values[BlockItemTitle][ActionItemTitle].Value),
		Summary: strings.TrimSpace(values[BlockItemSummary][ActionItemSummary].Value),
		Link:    strings.TrimSpace(values[BlockItemLink][ActionItemLink].Value),
	}
	known := false
	for _, k := range libraryKinds() {
		known = known || it.Kind == k
	}
	if !known {
		errs[FieldItemKind] = "Pick the kind that fits best."
	}
	switch {
	case it.Title == "":
		errs[FieldItemTitle] = "Give it a short title, like “1-page plan for the first 90 days”."
	case utf8.RuneCountInString(it.Title) > MaxItemTitleLen:
		errs[FieldItemTitle] = fmt.Sprintf("Keep the title under %d characters, so it fits in a menu.", MaxItemTitleLen)
	}
	if utf8.RuneCountInString(it.Summary) > MaxItemSummaryLen {
		errs[FieldItemSummary] = fmt.Sprintf("Keep the summary under %d characters, so a draft can quote it.", MaxItemSummaryLen)
	}
	if it.Link != "" && !webLink(it.Link) {
		errs[FieldItemLink] = "That link doesn't look right. Paste the full address, starting with https://."
	}
	if it.Kind == followup.KindLink && it.Link == "" {
		errs[FieldItemLink] = "A link item needs its link."
	}
	return it, errs
}

// webLink reports whether s is an http(s) address a reader can open.
func webLink(s string) bool {
	if len(s) > MaxItemLinkLen || strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// LibraryItemErrors maps field errors onto the blocks of LibraryItemModal
// for a response_action "errors".
func LibraryItemErrors(errs followup.FieldErrors) map[string]string {
	return fieldErrors(errs, []followup.Field{FieldItemKind, FieldItemTitle, FieldItemSummary, FieldItemLink})
}
