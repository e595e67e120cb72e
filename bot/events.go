package bot

import (
	"context"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/followup-coach/followup/messages"
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
			b.publishHome(ctx, outer.TeamID, inner.User)
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

// publishHome shows the student's interviews on the App Home tab.
func (b *Bot) publishHome(ctx context.Context, team, user string) {
	st, err := b.student(ctx, team, user)
	if err != nil {
		b.log.Error("home: student", "err", err)
		return
	}
	ivs, err := b.store.ListInterviews(ctx, st.ID, listLimit)
	if err != nil {
		b.log.Error("home: interviews", "err", err)
		return
	}
	view := messages.Home(ivs, b.location(st), b.today(st))
	if _, err := b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view}); err != nil {
		b.log.Error("views.publish", "err", err)
	}
}
