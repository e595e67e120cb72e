package bot

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/chart"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
	"github.com/followup-coach/followup/stats"
)

// parsePeriod reads "30d", "all" and the other StatsPeriods, ending now.
func parsePeriod(arg string, now time.Time) (stats.Period, bool) {
	arg = strings.ToLower(strings.TrimSpace(arg))
	if arg == "" {
		arg = "30d"
	}
	p := stats.Period{To: now, Name: arg}
	switch arg {
	case "all":
	case "7d", "30d", "90d", "365d":
		var days int
		fmt.Sscanf(arg, "%dd", &days)
		p.From = now.AddDate(0, 0, -days)
	default:
		return p, false
	}
	return p, true
}

// report computes the suppressed numbers of team for p.
func (b *Bot) report(ctx context.Context, team string, p stats.Period) (stats.Report, error) {
	acts, err := b.store.StatsActivity(ctx, team, p.From, p.To)
	if err != nil {
		return stats.Report{}, err
	}
	r := stats.Aggregate(p, acts)
	return stats.Suppress(r, stats.MinStudents), nil
}

// cmdStats shows staff the numbers of a period, then sends the chart and
// a CSV of the same numbers to their DM. Students are refused.
func (b *Bot) cmdStats(ctx context.Context, cmd slack.SlashCommand, args string) {
	b.showStats(ctx, cmd.TeamID, cmd.UserID, cmd.ResponseURL, args)
}

// actOpenStats is the Home tab's "numbers" button: the same, by DM.
func (b *Bot) actOpenStats(ctx context.Context, cb slack.InteractionCallback, _ *slack.BlockAction) {
	b.showStats(ctx, cb.Team.ID, cb.User.ID, cb.ResponseURL, "")
}

func (b *Bot) showStats(ctx context.Context, team, user, responseURL, args string) {
	// The role of issue 8, checked on the server for every request.
	if !b.requireStaff(ctx, followup.UserID{Team: team, User: user}, responseURL, "stats") {
		return
	}
	p, ok := parsePeriod(args, b.now())
	if !ok {
		b.say(ctx, responseURL, user, messages.StatsBadPeriod(args))
		return
	}
	r, err := b.report(ctx, team, p)
	if err != nil {
		b.fail(ctx, responseURL, user, "stats: read", err)
		return
	}
	b.say(ctx, responseURL, user, messages.Stats(r))
	png, err := chart.PNG(r)
	if err != nil {
		b.log.Error("stats: chart", "err", err)
		return
	}
	var csv bytes.Buffer
	if err := stats.WriteCSV(&csv, r); err != nil {
		b.log.Error("stats: csv", "err", err)
		return
	}
	err = b.uploadToDM(ctx, user, messages.StatsComment(r), []upload{
		{messages.StatsPNGName, "Funnel and reply rate by diagnosis", png},
		{messages.StatsCSVName, "The numbers as CSV", csv.Bytes()},
	})
	if err != nil {
		b.log.Error("stats: upload", "err", err)
	}
}

// adviceTTL is how long the community's figures are reused before they
// are counted again: they move slowly, and counting reads every interview.
const adviceTTL = time.Hour

// adviceWindow is the period the community's figures cover.
const adviceWindow = 365 * 24 * time.Hour

// adviceCache keeps each team's last year of numbers for the coach.
type adviceCache struct {
	mu    sync.Mutex
	teams map[string]cachedReport
}

type cachedReport struct {
	report stats.Report
	at     time.Time
}

// community returns the team's numbers of the last year, counted at most
// once per adviceTTL.
func (b *Bot) community(ctx context.Context, team string) (stats.Report, error) {
	now := b.now()
	b.advice.mu.Lock()
	c, ok := b.advice.teams[team]
	b.advice.mu.Unlock()
	if ok && now.Sub(c.at) < adviceTTL && !now.Before(c.at) {
		return c.report, nil
	}
	r, err := b.report(ctx, team, stats.Period{From: now.Add(-adviceWindow), To: now, Name: "365d"})
	if err != nil {
		return stats.Report{}, err
	}
	b.advice.mu.Lock()
	if b.advice.teams == nil {
		b.advice.teams = map[string]cachedReport{}
	}
	b.advice.teams[team] = cachedReport{r, now}
	b.advice.mu.Unlock()
	return r, nil
}

// CommunityFigure is the community's reply rate for second follow-ups
// sent after waited business days, or nil when fewer than
// stats.MinForAdvice are behind it (the bot then says nothing about
// rates). A failure to count is logged and gives nil: advice is optional.
func (b *Bot) CommunityFigure(ctx context.Context, team string, waited int) *stats.Figure {
	r, err := b.community(ctx, team)
	if err != nil {
		b.log.Warn("community figure", "err", err)
		return nil
	}
	if f, ok := r.Advice(waited); ok {
		return &f
	}
	return nil
}

// waitAdvice is the settings modal's figure under each wait choice.
func (b *Bot) waitAdvice(ctx context.Context, st followup.Student) messages.WaitAdvice {
	r, err := b.community(ctx, st.ID.Team)
	if err != nil {
		b.log.Warn("community figures for settings", "err", err)
		return nil
	}
	return r.WaitAdvice()
}
