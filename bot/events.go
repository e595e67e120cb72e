package bot

import (
	"context"

	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/followup-coach/followup/followup"
)

// event handles an Events API callback after its ack.
func (b *Bot) event(ctx context.Context, evt socketmode.Event) {
	outer, ok := evt.Data.(slackevents.EventsAPIEvent)
	if !ok {
		return
	}
	switch inner := outer.InnerEvent.Data.(type) {
	case *slackevents.AppHomeOpenedEvent:
		if inner.Tab == "home" {
			hash := ""
			if inner.View != nil {
				hash = inner.View.Hash
			}
			b.homes.now(ctx, followup.UserID{Team: outer.TeamID, User: inner.User}, 0, hash)
		}
	case *slackevents.UserChangeEvent:
		team := inner.User.TeamID
		if team == "" {
			team = outer.TeamID
		}
		b.userChanged(ctx, team, inner.User)
	default:
		b.log.Debug("ignored event", "type", outer.InnerEvent.Type)
	}
}
