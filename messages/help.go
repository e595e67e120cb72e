package messages

import (
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// maxEchoLen caps how much of an unknown subcommand is echoed back.
const maxEchoLen = 40

// Help is the overview of what the bot does and every subcommand.
func Help() Message {
	intro := "I help you send a strong *second* follow-up after an interview. " +
		"You log the interview, I tell you when the next follow-up is due, " +
		"and I help you write one that offers something useful instead of asking for news."
	commands := strings.Join([]string{
		"`/followup log` Log an interview. Add `Company | Role` to fill the form faster.",
		"`/followup list` See your interviews and what comes next.",
		"`/followup check` Paste a draft and see how it scores against the Test.",
		"`/followup library` Keep things you can offer: a summary, a chart, a quick win.",
		"`/followup settings` Choose your nudge time, the wait, holidays and your career level.",
		"`/followup pause` Stop my nudges for a while.",
		"`/followup resume` Start my nudges again.",
		"`/followup export` Get everything I keep about you, as a spreadsheet and as JSON.",
		"`/followup forget` Erase everything I keep about you.",
		"`/followup help` Show this message.",
	}, "\n")
	return Message{
		Text: "Follow-up Coach helps you send your second follow-up. Try /followup log.",
		Blocks: []slack.Block{
			section(BlockHelpIntro, intro),
			section(BlockHelpCommands, commands),
			slack.NewActionBlock(BlockHelpActions,
				button(ActionOpenLog, "", "Log an interview"),
				button(ActionOpenList, "", "See my list"),
			),
		},
	}
}

// UnknownCommand answers a subcommand the bot does not know, followed by
// Help. sub is what the student typed; it is escaped and shortened.
func UnknownCommand(sub string) Message {
	sub = strings.TrimSpace(sub)
	var line string
	if sub == "" {
		line = "I don't know that one yet. Here is what I can do."
	} else {
		if utf8.RuneCountInString(sub) > maxEchoLen {
			sub = string([]rune(sub)[:maxEchoLen]) + "…"
		}
		line = "I don't know `" + Escape(sub) + "` yet. Here is what I can do."
	}
	help := Help()
	return Message{
		Text:   "I don't know that command yet. Try /followup help.",
		Blocks: append([]slack.Block{section(BlockUnknownCommand, line)}, help.Blocks...),
	}
}
