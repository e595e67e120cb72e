package messages

import (
	"strconv"

	"github.com/followup-coach/followup/followup"
)

// Callback ids of the modals. The bot routes view submissions on them.
const (
	CallbackLog      = "log_interview"
	CallbackSettings = "settings"
)

// Action ids of buttons and menus in messages.
const (
	// ActionInterviewMenu is the menu on each open row of the list. Its
	// selected value is MenuValue(choice, interviewID).
	ActionInterviewMenu = "interview_menu"
	// ActionOpenLog is a "Log an interview" button; the bot opens LogModal.
	ActionOpenLog = "open_log"
	// ActionOpenList is a "See my list" button; the bot posts InterviewList.
	ActionOpenList = "open_list"
)

// Choices of the interview menu, the prefix of its values.
const (
	MenuSnooze1D       = "snooze_1d"
	MenuSnooze3D       = "snooze_3d"
	MenuSnoozeNextWeek = "snooze_next_week"
	MenuReplied        = "replied"
	MenuOffer          = "offer"
	MenuRejected       = "rejected"
	MenuWithdrawn      = "withdrawn"
	// MenuDraftNow asks for the 3-way check and a draft before the due date.
	MenuDraftNow = "draft_now"
)

// Block ids of the log modal. They equal the followup.Field names so that
// domain field errors map straight onto the inputs.
const (
	BlockCompany          = string(followup.FieldCompany)
	BlockRole             = string(followup.FieldRole)
	BlockInterviewerName  = string(followup.FieldInterviewerName)
	BlockInterviewerEmail = string(followup.FieldInterviewerEmail)
	BlockInterviewDate    = string(followup.FieldInterviewDate)
	BlockFirstFollowUp    = string(followup.FieldFirstFollowUp)
	BlockDecisionDate     = string(followup.FieldDecisionDate)
	BlockNotes            = string(followup.FieldNotes)
	BlockTopic            = string(followup.FieldTopic)
)

// Action ids of the log modal inputs: "<field>_input".
const (
	ActionCompany          = BlockCompany + "_input"
	ActionRole             = BlockRole + "_input"
	ActionInterviewerName  = BlockInterviewerName + "_input"
	ActionInterviewerEmail = BlockInterviewerEmail + "_input"
	ActionInterviewDate    = BlockInterviewDate + "_input"
	ActionFirstFollowUp    = BlockFirstFollowUp + "_input"
	ActionDecisionDate     = BlockDecisionDate + "_input"
	ActionNotes            = BlockNotes + "_input"
	ActionTopic            = BlockTopic + "_input"
)

// Block ids of the settings modal, again equal to the followup.Field names.
// Pausing has no field error, so its block is named here.
const (
	BlockNudgeHour   = string(followup.FieldNudgeHour)
	BlockWaitDays    = string(followup.FieldWaitDays)
	BlockCalendar    = string(followup.FieldCalendar)
	BlockCareerLevel = string(followup.FieldCareerLevel)
	BlockPaused      = "paused"
	BlockTimeZone    = "time_zone"
)

// Action ids of the settings modal inputs.
const (
	ActionNudgeHour   = BlockNudgeHour + "_input"
	ActionWaitDays    = BlockWaitDays + "_input"
	ActionCalendar    = BlockCalendar + "_input"
	ActionCareerLevel = BlockCareerLevel + "_input"
	ActionPaused      = BlockPaused + "_input"
)

// Option values of the settings modal that are not plain numbers or codes.
const (
	// CalendarNone is the option value of "no holiday calendar": Slack
	// needs a non-empty value, the domain uses "".
	CalendarNone = "none"
	// PausedValue is the value of the "pause nudges" checkbox.
	PausedValue = "paused"
)

// Block ids of the messages in this file set. Slack wants block ids unique
// within a message; rows of the list use listRowBlockID.
const (
	BlockHelpIntro       = "help_intro"
	BlockHelpCommands    = "help_commands"
	BlockHelpActions     = "help_actions"
	BlockUnknownCommand  = "unknown_command"
	BlockLogIntro        = "log_intro"
	BlockLogSaved        = "log_saved"
	BlockLogDue          = "log_due"
	BlockLogNudge        = "log_nudge"
	BlockLogActions      = "log_actions"
	BlockListHeader      = "list_header"
	BlockListEmpty       = "list_empty"
	BlockListMore        = "list_more"
	BlockListActions     = "list_actions"
	BlockSettingsIntro   = "settings_intro"
	BlockSettingsSaved   = "settings_saved"
	BlockSomethingWrong  = "something_went_wrong"
	BlockPausedMessage   = "paused_message"
	BlockResumedMessage  = "resumed_message"
	BlockEphemeral       = "ephemeral"
	listRowBlockIDPrefix = "interview_"
)

// listRowBlockID is the block id of the list row of one interview.
func listRowBlockID(id int64) string { return listRowBlockIDPrefix + strconv.FormatInt(id, 10) }
