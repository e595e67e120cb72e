package messages

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/followup-coach/followup/followup"
)

// Callback ids of the coaching modals. The bot routes view submissions on them.
const (
	// CallbackCopy is the copy modal; private_metadata is the draft id.
	CallbackCopy = "copy_draft"
	// CallbackLibrary is the library list; it has no inputs.
	CallbackLibrary = "library"
	// CallbackLibraryItem is the add/edit item modal; private_metadata is
	// the item id, "" when adding.
	CallbackLibraryItem = "library_item"
	// CallbackCheck is the "paste a draft" modal of /followup check.
	CallbackCheck = "check_draft"
	// CallbackCheckResult is the result view pushed after CallbackCheck.
	CallbackCheckResult = "check_result"
)

// Action ids of the coaching messages. Values carry ids only, never text a
// student typed. ActionOpenList ("See my list") is declared in ids.go.
const (
	// ActionDiagnoseWhoDecides and its three siblings are the 3-way check
	// buttons of Nudge. Each has its own id (Slack wants ids unique in a
	// message); all carry DiagnoseValue and DiagnoseActionIDs lists them.
	ActionDiagnoseWhoDecides  = ActionDiagnose + "_" + string(followup.DiagnosisWhoDecides)
	ActionDiagnoseMissingInfo = ActionDiagnose + "_" + string(followup.DiagnosisMissingInfo)
	ActionDiagnoseTooBusy     = ActionDiagnose + "_" + string(followup.DiagnosisTooBusy)
	ActionDiagnoseNotSure     = ActionDiagnose + "_" + string(followup.DiagnosisNotSure)
	// ActionDiagnose is the prefix of the four diagnosis action ids.
	ActionDiagnose = "diagnose"

	// ActionSnooze is the "Remind me later" menu; option values are
	// MenuValue(MenuSnooze1D|MenuSnooze3D|MenuSnoozeNextWeek, interviewID).
	ActionSnooze = "snooze"
	// ActionReplied is the "They replied" menu; option values are
	// MenuValue(MenuReplied|MenuOffer|MenuRejected, interviewID).
	ActionReplied = "replied"

	// ActionWriteClosing asks for the closing-note draft; value is the interview id.
	ActionWriteClosing = "write_closing"
	// ActionCloseQuietly closes the interview without a closing note; value
	// is the interview id.
	ActionCloseQuietly = "close_quietly"

	// ActionCopyDraft opens CopyModal; value is DraftValue.
	ActionCopyDraft = "copy_draft"
	// ActionUseItem is the library item menu of a draft; option values are
	// ItemValue(itemID, interviewID), item 0 meaning "leave a slot".
	ActionUseItem = "use_item"
	// ActionOpenEmail is the mailto url button. Slack still sends the click;
	// the bot only acknowledges it.
	ActionOpenEmail = "open_email"
	// ActionMarkSent marks the draft as sent; value is DraftValue.
	ActionMarkSent = "mark_sent"
	// ActionOpenLibrary opens LibraryModal; no value.
	ActionOpenLibrary = "open_library"

	// ActionLibraryAdd opens LibraryItemModal empty; no value.
	ActionLibraryAdd = "library_add"
	// ActionLibraryEdit opens LibraryItemModal for an item; value is the item id.
	ActionLibraryEdit = "library_edit"
	// ActionLibraryDelete deletes an item after a confirm; value is the item id.
	ActionLibraryDelete = "library_delete"
)

// Block and action ids of the coaching modal inputs. Block ids equal the
// Field names below so that field errors map straight onto the inputs.
const (
	BlockCopySubject  = string(FieldSubject)
	BlockCopyBody     = string(FieldBody)
	BlockItemKind     = string(FieldItemKind)
	BlockItemTitle    = string(FieldItemTitle)
	BlockItemSummary  = string(FieldItemSummary)
	BlockItemLink     = string(FieldItemLink)
	BlockCheckText    = string(FieldCheckText)
	ActionCopySubject = BlockCopySubject + "_input"
	ActionCopyBody    = BlockCopyBody + "_input"
	ActionItemKind    = BlockItemKind + "_input"
	ActionItemTitle   = BlockItemTitle + "_input"
	ActionItemSummary = BlockItemSummary + "_input"
	ActionItemLink    = BlockItemLink + "_input"
	ActionCheckText   = BlockCheckText + "_input"
)

// Fields of the coaching modals, for followup.FieldErrors.
const (
	FieldSubject     followup.Field = "draft_subject"
	FieldBody        followup.Field = "draft_body"
	FieldItemKind    followup.Field = "item_kind"
	FieldItemTitle   followup.Field = "item_title"
	FieldItemSummary followup.Field = "item_summary"
	FieldItemLink    followup.Field = "item_link"
	FieldCheckText   followup.Field = "check_text"
)

// Block ids of the coaching messages and views.
const (
	BlockNudgeIntro       = "nudge_intro"
	BlockNudgeWhy         = "nudge_why"
	BlockNudgeCheck       = "nudge_check"
	BlockNudgeDiagnose    = "nudge_diagnose"
	BlockNudgeMore        = "nudge_more"
	BlockNudgeAnswer      = "nudge_answer"
	BlockClosingIntro     = "closing_intro"
	BlockClosingActions   = "closing_actions"
	BlockDraftHeader      = "draft_header"
	BlockDraftFor         = "draft_for"
	BlockDraftText        = "draft_text"
	BlockDraftCheck       = "draft_check"
	BlockDraftHint        = "draft_hint"
	BlockDraftActions     = "draft_actions"
	BlockDraftSent        = "draft_sent"
	BlockCopyIntro        = "copy_intro"
	BlockLibraryIntro     = "library_intro"
	BlockLibraryEmpty     = "library_empty"
	BlockLibraryMore      = "library_more"
	BlockLibraryAdd       = "library_add_actions"
	BlockItemIntro        = "item_intro"
	BlockCheckIntro       = "check_intro"
	BlockCheckVerdict     = "check_verdict"
	BlockCheckWords       = "check_words"
	libraryItemBlockIDFmt = "library_item_%d"
	checkPointBlockIDFmt  = "check_point_%d"
)

// DiagnoseActionIDs are the action ids of the four 3-way check buttons, in
// the order Nudge shows them.
func DiagnoseActionIDs() []string {
	return []string{ActionDiagnoseWhoDecides, ActionDiagnoseMissingInfo, ActionDiagnoseTooBusy, ActionDiagnoseNotSure}
}

// DiagnoseValue is the value of a 3-way check button: "<diagnosis>:<interviewID>".
func DiagnoseValue(d followup.Diagnosis, interviewID int64) string {
	return string(d) + ":" + strconv.FormatInt(interviewID, 10)
}

// ParseDiagnoseValue splits a value made by DiagnoseValue. It fails on an
// unknown diagnosis or an id that is not positive: the value comes back
// from Slack.
func ParseDiagnoseValue(v string) (followup.Diagnosis, int64, error) {
	ds, idText, ok := strings.Cut(v, ":")
	if !ok {
		return "", 0, fmt.Errorf("parse diagnose value %q: no ':'", v)
	}
	d := followup.Diagnosis(ds)
	switch d {
	case followup.DiagnosisWhoDecides, followup.DiagnosisMissingInfo, followup.DiagnosisTooBusy, followup.DiagnosisNotSure:
	default:
		return "", 0, fmt.Errorf("parse diagnose value %q: unknown diagnosis %q", v, ds)
	}
	id, err := parseID(idText)
	if err != nil {
		return "", 0, fmt.Errorf("parse diagnose value %q: %w", v, err)
	}
	return d, id, nil
}

// DraftValue is the value of the draft buttons: "<draftID>:<interviewID>".
func DraftValue(d followup.Draft) string {
	return strconv.FormatInt(d.ID, 10) + ":" + strconv.FormatInt(d.InterviewID, 10)
}

// ParseDraftValue splits a value made by DraftValue.
func ParseDraftValue(v string) (draftID, interviewID int64, err error) {
	a, b, ok := strings.Cut(v, ":")
	if !ok {
		return 0, 0, fmt.Errorf("parse draft value %q: no ':'", v)
	}
	if draftID, err = parseID(a); err != nil {
		return 0, 0, fmt.Errorf("parse draft value %q: %w", v, err)
	}
	if interviewID, err = parseID(b); err != nil {
		return 0, 0, fmt.Errorf("parse draft value %q: %w", v, err)
	}
	return draftID, interviewID, nil
}

// ItemValue is an option value of the library item menu of a draft:
// "<itemID>:<interviewID>", itemID 0 for "leave a slot".
func ItemValue(itemID, interviewID int64) string {
	return strconv.FormatInt(itemID, 10) + ":" + strconv.FormatInt(interviewID, 10)
}

// ParseItemValue splits a value made by ItemValue.
func ParseItemValue(v string) (itemID, interviewID int64, err error) {
	a, b, ok := strings.Cut(v, ":")
	if !ok {
		return 0, 0, fmt.Errorf("parse item value %q: no ':'", v)
	}
	if itemID, err = strconv.ParseInt(a, 10, 64); err != nil || itemID < 0 {
		return 0, 0, fmt.Errorf("parse item value %q: %w", v, errors.New("item id must be 0 or positive"))
	}
	if interviewID, err = parseID(b); err != nil {
		return 0, 0, fmt.Errorf("parse item value %q: %w", v, err)
	}
	return itemID, interviewID, nil
}

// ParseIDValue reads a value or private_metadata that is one positive id,
// such as the item id of ActionLibraryEdit or the draft id of CopyModal.
func ParseIDValue(v string) (int64, error) {
	id, err := parseID(v)
	if err != nil {
		return 0, fmt.Errorf("parse id %q: %w", v, err)
	}
	return id, nil
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, err
	}
	if id <= 0 {
		return 0, errors.New("id must be positive")
	}
	return id, nil
}
