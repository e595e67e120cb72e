package messages

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
)

// Ids of the export and forget flows.
const (
	CallbackForget      = "forget"
	BlockForgetIntro    = "forget_intro"
	BlockForgetList     = "forget_list"
	BlockForgetKept     = "forget_kept"
	BlockForgotten      = "forgotten"
	BlockExportSent     = "export_sent"
	BlockExportNothing  = "export_nothing"
	BlockStatsOptOut    = "stats_opt_out"
	ActionStatsOptOut   = BlockStatsOptOut + "_input"
	StatsCountedValue   = "counted"
	ExportCSVName       = "followup-export.csv"
	ExportJSONName      = "followup-export.json"
	exportCommentLength = 200
)

// Holdings counts what the bot keeps about a student, for the forget
// modal: it says exactly what will be erased.
type Holdings struct {
	Interviews, StageChanges, NudgesPlanned, NudgesSent, Drafts, LibraryItems int
}

// HoldingsOf counts a student's record.
func HoldingsOf(rec followup.Record) Holdings {
	h := Holdings{Interviews: len(rec.Interviews), LibraryItems: len(rec.Library)}
	for _, r := range rec.Interviews {
		h.StageChanges += len(r.Stages)
		h.NudgesSent += len(r.Nudges)
		h.Drafts += len(r.Drafts)
		if !r.Interview.NextNudgeAt.IsZero() {
			h.NudgesPlanned++
		}
	}
	return h
}

// count is "1 draft" or "3 drafts".
func count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}

// ForgetModal asks a student to confirm erasing everything, and says
// exactly what that is.
func ForgetModal(h Holdings) slack.ModalViewRequest {
	lines := []string{
		"• " + count(h.Interviews, "interview", "interviews") + " you logged, with everything you typed about them and " +
			count(h.StageChanges, "step", "steps") + " of their history",
		"• " + count(h.NudgesPlanned, "nudge", "nudges") + " still planned (none of them will be sent) and the record of " +
			count(h.NudgesSent, "nudge", "nudges") + " I sent",
		"• " + count(h.Drafts, "draft", "drafts") + " I wrote with you",
		"• " + count(h.LibraryItems, "item", "items") + " in your library",
		"• your settings, and any role you were given in the bot",
	}
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plain("Erase my data"),
		Submit:     plain("Erase everything"),
		Close:      plain("Keep my data"),
		CallbackID: CallbackForget,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			section(BlockForgetIntro, "This erases everything I keep about you, at once and for good:"),
			section(BlockForgetList, strings.Join(lines, "\n")),
			note(BlockForgetKept, "Messages I already sent you stay in our DM; you can delete them there. "+
				"Want a copy first? Close this and type `/followup export`."),
		}},
	}
}

// erasedNames are how the store's tables read in a sentence.
var erasedNames = map[string][2]string{
	"interviews":    {"interview", "interviews"},
	"stage_changes": {"step of history", "steps of history"},
	"nudges":        {"nudge", "nudges"},
	"drafts":        {"draft", "drafts"},
	"library_items": {"library item", "library items"},
	"staff_grants":  {"staff role", "staff roles"},
	"students":      {"settings record", "settings records"},
}

// Forgotten confirms what was erased.
func Forgotten(e followup.Erased) Message {
	if e.Total() == 0 {
		text := "There was nothing of yours to erase: I keep no data about you."
		return Message{Text: text, Blocks: []slack.Block{section(BlockForgotten, text)}}
	}
	var parts []string
	for _, table := range []string{"interviews", "stage_changes", "nudges", "drafts", "library_items", "staff_grants", "students"} {
		if n := int(e[table]); n > 0 {
			w := erasedNames[table]
			parts = append(parts, count(n, w[0], w[1]))
		}
	}
	other := int64(0)
	for table, n := range e {
		if _, known := erasedNames[table]; !known {
			other += n
		}
	}
	if other > 0 {
		parts = append(parts, count(int(other), "other record", "other records"))
	}
	text := "Done. I erased " + strings.Join(parts, ", ") + ". Nothing planned for you will be sent. " +
		"If you type `/followup` again, I'll start fresh."
	return Message{Text: "Your data is erased.", Blocks: []slack.Block{section(BlockForgotten, text)}}
}

// ExportSent tells the student where their export went.
func ExportSent(interviews int) Message {
	text := fmt.Sprintf("I sent your export to our DM: %s as a spreadsheet (CSV) and as JSON, "+
		"with every step, nudge, draft and outcome. Dates are in your time zone.", count(interviews, "interview", "interviews"))
	return Message{Text: "Your export is in our DM.", Blocks: []slack.Block{section(BlockExportSent, text)}}
}

// ExportComment is the line above the exported files in the DM.
func ExportComment() string {
	return "Here is everything I keep about your job search. The CSV opens in any spreadsheet; the JSON has every detail."
}

// ExportNothing answers an export when the bot keeps nothing yet.
func ExportNothing() Message {
	text := "I don't keep anything about you yet. Log an interview with `/followup log` and it will show up here."
	return Message{Text: text, Blocks: []slack.Block{section(BlockExportNothing, text)}}
}
