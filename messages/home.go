package messages

import (
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
)

// homeListLimit leaves room, within a Home tab's 100 blocks, for the header.
const homeListLimit = 80

// Home is the App Home tab: a short intro and the student's interviews.
func Home(ivs []followup.Interview, loc *time.Location, today followup.Date) slack.HomeTabViewRequest {
	blocks := []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, "Your follow-ups", false, false)),
		slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType,
			"I keep track of when your second follow-up is due and message you that morning. Type `/followup help` for everything I can do.", false, false)),
	}
	list := InterviewList(ivs, loc, today)
	for _, bl := range list.Blocks {
		if len(blocks) >= homeListLimit {
			break
		}
		blocks = append(blocks, bl)
	}
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}
