package messages

import "github.com/followup-coach/followup/followup"

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

	// ActionDraftNow posts the 3-way check before the due date, so a
	// student with a reason to write early gets a draft; value is the
	// interview id.
	ActionDraftNow = "draft_now"

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
	BlockNudgeEarly       = "nudge_early"
	BlockClosingIntro     = "closing_intro"
	BlockClosingActions   = "closing_actions"
	BlockDraftHeader      = "draft_header"
	BlockDraftFor         = "draft_for"
	BlockDraftText        = "draft_text"
	BlockDraftCheck       = "draft_check"
	BlockDraftCoach       = "draft_coach"
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
