package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// student returns the acting student, creating them on first sight with
// the time zone Slack reports for them and the starter library items.
func (b *Bot) student(ctx context.Context, team, user string) (followup.Student, error) {
	id := followup.UserID{Team: team, User: user}
	st, err := b.store.Student(ctx, id)
	if err == nil {
		return st, nil
	}
	if !errors.Is(err, followup.ErrNotFound) {
		return followup.Student{}, fmt.Errorf("load student: %w", err)
	}
	tz := ""
	info, err := b.api.GetUserInfoContext(ctx, user)
	if err != nil {
		// Without a time zone we still work, in UTC, and fix it on the
		// next user_change; the student should not be blocked by it.
		b.log.Warn("users.info failed; using UTC", "err", err)
	} else {
		tz = info.TZ
	}
	// The workspace's calendar goes in with the student, in the same
	// transaction: a student must never exist without it.
	settings := followup.DefaultSettings()
	settings.Calendar = b.calendar
	st, _, err = b.store.EnsureStudent(ctx, id, tz, settings, messages.StarterItems())
	if err != nil {
		return followup.Student{}, fmt.Errorf("create student: %w", err)
	}
	return st, nil
}

// today is the student's local calendar day.
func (b *Bot) today(st followup.Student) followup.Date {
	return followup.DateOf(b.now().In(b.location(st)))
}

// updateAndReplan changes a student with fn and re-plans the next nudge
// of each of their open interviews, all in one transaction, after a change
// of settings, pause or time zone. It returns how many were re-planned.
func (b *Bot) updateAndReplan(ctx context.Context, id followup.UserID, fn func(*followup.Student) error) (followup.Student, int, error) {
	now := b.now()
	return b.store.UpdateStudent(ctx, id, fn, func(st followup.Student, iv *followup.Interview) {
		b.planner.Plan(iv, st.Settings, b.location(st), now)
	})
}

// userChanged refreshes a known student's time zone and re-plans their
// nudges so they keep arriving at the right local hour. A deactivated
// user is forgotten, as if they had asked.
func (b *Bot) userChanged(ctx context.Context, team string, u slackevents.User) {
	id := followup.UserID{Team: team, User: u.ID}
	if u.Deleted {
		if _, err := b.forget(ctx, id, "deactivated"); err != nil {
			b.log.Error("forget a deactivated user", "team", team, "user", u.ID, "err", err)
		}
		return
	}
	if u.TZ == "" {
		return
	}
	// Re-planning with an unchanged zone is harmless (the plan comes out
	// the same), so one transaction covers both cases.
	_, _, err := b.updateAndReplan(ctx, id, func(st *followup.Student) error {
		st.TZ = u.TZ
		return nil
	})
	if errors.Is(err, followup.ErrNotFound) {
		return // not a student: nothing to refresh
	}
	if err != nil {
		b.log.Error("refresh time zone", "err", err)
	}
}

// idClicker reads the id a button carries and the student who clicked
// it; ok is false when the value is malformed (logged, not answered:
// Slack only sends what the bot rendered) or the student cannot be loaded
// (answered by clicker).
func (b *Bot) idClicker(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction, where string) (st followup.Student, id int64, ok bool) {
	id, err := messages.ParseIDValue(act.Value)
	if err != nil {
		b.log.Info("ignored a malformed id value", "where", where)
		return followup.Student{}, 0, false
	}
	st, ok = b.clicker(ctx, cb, where)
	return st, id, ok
}

// clicker is the student behind a click. When they cannot be loaded the
// click is answered with an apology and ok is false.
func (b *Bot) clicker(ctx context.Context, cb slack.InteractionCallback, where string) (st followup.Student, ok bool) {
	st, err := b.student(ctx, cb.Team.ID, cb.User.ID)
	if err != nil {
		b.fail(ctx, cb.ResponseURL, cb.User.ID, where+": student", err)
		return st, false
	}
	return st, true
}

// commander is clicker for a slash command.
func (b *Bot) commander(ctx context.Context, cmd slack.SlashCommand, where string) (st followup.Student, ok bool) {
	st, err := b.student(ctx, cmd.TeamID, cmd.UserID)
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, where+": student", err)
		return st, false
	}
	return st, true
}
