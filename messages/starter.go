package messages

import "github.com/followup-coach/followup/followup"

// MaxItemTitleLen is the longest library item title, in runes: it must fit
// a select option (75 characters) in Slack.
const MaxItemTitleLen = 75

// StarterItems are the three items every new library starts with: a summary
// for the boss, a comparison chart and a quick-win story. They are templates:
// the Summary tells the student how to fill each one in, and drafts show a
// slot for them until the student writes their own.
func StarterItems() []followup.LibraryItem {
	return []followup.LibraryItem{
		{
			Kind:  followup.KindBossSummary,
			Title: "1-page summary for the boss",
			Summary: "One page your interviewer can forward as it is. Write three short parts: " +
				"the problem you heard in the interview, what you would do about it in your first 90 days, " +
				"and one result you delivered before that shows you can.",
			Starter: true,
		},
		{
			Kind:  followup.KindComparisonChart,
			Title: "Chart to compare the options",
			Summary: "A small table that helps them justify a choice. Put the options they are weighing in the rows " +
				"(for example hire now, wait a quarter, use a contractor) and cost, time to results and risk in the columns. " +
				"Keep it factual; let the table make the case.",
			Starter: true,
		},
		{
			Kind:  followup.KindQuickWin,
			Title: "Quick-win story",
			Summary: "Five sentences a busy reader takes in at a glance: the situation, what was stuck, " +
				"what you did in your first weeks, the result with a number, and how it maps to this role.",
			Starter: true,
		},
	}
}
