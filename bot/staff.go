package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// The staff role. Staff are workspace admins and owners (users.info), the
// user ids of FOLLOWUP_STAFF, and whoever a staff member added with
// "/followup staff add". It is checked here, on the server, for every staff
// action: never from what a view showed.

// IsStaff reports whether id is career-center staff. It reads the stored
// grants on every call, so a removed staff member loses access at once.
func (b *Bot) IsStaff(ctx context.Context, id followup.UserID) (bool, error) {
	if b.staff[id.User] {
		return true, nil
	}
	granted, err := b.store.IsGrantedStaff(ctx, id)
	if err != nil {
		return false, fmt.Errorf("is staff: %w", err)
	}
	if granted {
		return true, nil
	}
	u, err := b.api.GetUserInfoContext(ctx, id.User)
	if err != nil {
		return false, fmt.Errorf("is staff: users.info: %w", err)
	}
	return u.IsAdmin || u.IsOwner, nil
}

// requireStaff answers a student who tried a staff action, politely and
// in one line, and reports whether the actor is staff. Nothing may change
// when it returns false.
func (b *Bot) requireStaff(ctx context.Context, id followup.UserID, responseURL, where string) bool {
	ok, err := b.IsStaff(ctx, id)
	if err != nil {
		b.fail(ctx, responseURL, id.User, where+": staff check", err)
		return false
	}
	if !ok {
		b.log.Info("refused a staff action to a student", "where", where)
		b.tell(ctx, responseURL, id.User, messages.NotStaff())
	}
	return ok
}

// tell answers privately: through response_url when there is one (slash
// commands, clicks in messages), else as an ephemeral in the user's DM
// with the bot (clicks on the Home tab, which have no response_url).
func (b *Bot) tell(ctx context.Context, responseURL, userID string, m messages.Message) {
	if responseURL != "" {
		b.say(ctx, responseURL, userID, m)
		return
	}
	channel, err := dmChannel(ctx, b.api, userID)
	if err == nil {
		opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false)}
		if len(m.Blocks) > 0 {
			opts = append(opts, slack.MsgOptionBlocks(m.Blocks...))
		}
		_, err = b.api.PostEphemeralContext(ctx, channel, userID, opts...)
	}
	if err != nil {
		b.log.Error("could not reply", "err", err)
	}
}

// cmdStaff is "/followup staff [add|remove @user]". Listing is for staff
// too: who holds the role is the career center's business.
func (b *Bot) cmdStaff(ctx context.Context, cmd slack.SlashCommand, args string) {
	actor := followup.UserID{Team: cmd.TeamID, User: cmd.UserID}
	verb, target, err := parseStaffArgs(args)
	if err != nil {
		// Bad input is answered the same to everyone; only staff learn more.
		if b.requireStaff(ctx, actor, cmd.ResponseURL, "staff") {
			b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.StaffUsage())
		}
		return
	}
	if !b.requireStaff(ctx, actor, cmd.ResponseURL, "staff "+verb) {
		return
	}
	switch verb {
	case "list":
		grants, err := b.store.StaffGrants(ctx, cmd.TeamID)
		if err != nil {
			b.fail(ctx, cmd.ResponseURL, cmd.UserID, "staff list", err)
			return
		}
		st, _ := b.store.Student(ctx, actor)
		b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.StaffList(grants, b.location(st)))
	case "add":
		if _, err := b.api.GetUserInfoContext(ctx, target); err != nil {
			b.log.Info("staff add: unknown user", "err", err)
			b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.StaffReply("I couldn't find that person in this workspace. "+
				"Type `/followup staff add @` and pick them from the list Slack offers."))
			return
		}
		g := followup.StaffGrant{ID: followup.UserID{Team: cmd.TeamID, User: target}, GrantedBy: cmd.UserID}
		added, err := b.store.GrantStaff(ctx, &g)
		if err != nil {
			b.fail(ctx, cmd.ResponseURL, cmd.UserID, "staff add", err)
			return
		}
		b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.StaffAdded(target, !added))
		b.homes.changed(g.ID)
	case "remove":
		id := followup.UserID{Team: cmd.TeamID, User: target}
		removed, err := b.store.RevokeStaff(ctx, id)
		if err != nil {
			b.fail(ctx, cmd.ResponseURL, cmd.UserID, "staff remove", err)
			return
		}
		b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.StaffRemoved(target, removed))
		b.homes.changed(id)
	}
}

var (
	// mentionRe is a user mention as Slack sends it when the command
	// escapes them: <@U123ABC> or <@U123ABC|name>.
	mentionRe = regexp.MustCompile(`^<@([UW][A-Z0-9]{2,30})(?:\|[^<>]*)?>$`)
	// userIDRe is a bare user id, as someone may paste it.
	userIDRe = regexp.MustCompile(`^[UW][A-Z0-9]{2,30}$`)
)

// parseStaffArgs reads the text after "/followup staff": "" or "list",
// or "add"/"remove" and one user. It fails on anything else, including a
// mention typed as plain "@name" (Slack sends that only when the
// manifest's should_escape is false, and it names nobody reliably).
func parseStaffArgs(args string) (verb, user string, err error) {
	args = strings.TrimSpace(args)
	verb, rest := args, ""
	if i := strings.IndexFunc(args, unicode.IsSpace); i >= 0 {
		verb, rest = args[:i], strings.TrimSpace(args[i:])
	}
	verb = strings.ToLower(verb)
	switch verb {
	case "", "list":
		if rest != "" {
			return "", "", fmt.Errorf("staff list takes no argument")
		}
		return "list", "", nil
	case "add", "remove":
		if m := mentionRe.FindStringSubmatch(rest); m != nil {
			return verb, m[1], nil
		}
		if userIDRe.MatchString(rest) {
			return verb, rest, nil
		}
		return "", "", fmt.Errorf("staff %s: %q is not one mention", verb, rest)
	}
	return "", "", fmt.Errorf("staff: unknown verb %q", verb)
}
