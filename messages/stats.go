package messages

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/stats"
)

// Ids of the staff numbers.
const (
	BlockStatsHeader    = "stats_header"
	BlockStatsAbout     = "stats_about"
	BlockStatsBadPeriod = "stats_bad_period"
	statsTablePrefix    = "stats_"
	StatsCSVName        = "followup-stats.csv"
	StatsPNGName        = "followup-stats.png"
)

// StatsPeriods are the periods /followup stats takes, in the order the
// help lists them.
func StatsPeriods() []string { return []string{"7d", "30d", "90d", "365d", "all"} }

// periodTitle is how a period reads in the header.
func periodTitle(p stats.Period) string {
	switch p.Name {
	case "all":
		return "since the start"
	case "7d":
		return "the last 7 days"
	case "30d":
		return "the last 30 days"
	case "90d":
		return "the last 90 days"
	case "365d":
		return "the last 365 days"
	}
	return p.Name
}

// Stats is the staff's view of the numbers of a suppressed report.
func Stats(r stats.Report) Message {
	blocks := []slack.Block{header(BlockStatsHeader, "Career center numbers: "+periodTitle(r.Period))}
	for _, t := range r.Tables {
		lines := []string{"*" + t.Title + "*"}
		for _, c := range t.Cells {
			lines = append(lines, fmt.Sprintf("%s: %s", c.Label, c.String()))
		}
		blocks = append(blocks, section(statsTablePrefix+t.Name, strings.Join(lines, "\n")))
	}
	blocks = append(blocks, note(BlockStatsAbout, fmt.Sprintf(
		"Any number about fewer than %d students shows \"%s\", and so does a second one when a total would give it away. "+
			"Students who turned off counting are left out. The chart and a CSV of these numbers are in our DM. "+
			"Other periods: %s.", stats.MinStudents, stats.Hidden, "`/followup stats "+strings.Join(StatsPeriods(), "`, `/followup stats ")+"`")))
	return Message{Text: "Career center numbers: " + periodTitle(r.Period), Blocks: blocks}
}

// StatsComment is the line above the chart and the CSV in the DM.
func StatsComment(r stats.Report) string {
	return "Career center numbers for " + periodTitle(r.Period) + ", with small groups hidden. No file names any student."
}

// StatsBadPeriod answers a period the bot does not know.
func StatsBadPeriod(arg string) Message {
	text := fmt.Sprintf("I don't know the period `%s`. Try one of: `%s`.",
		Escape(truncate(arg, maxEchoLen)), strings.Join(StatsPeriods(), "`, `"))
	return Message{Text: "I don't know that period.", Blocks: []slack.Block{section(BlockStatsBadPeriod, text)}}
}
