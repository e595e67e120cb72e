package bot

import (
	"strings"
	"testing"
)

// FuzzCommandText holds the slash-command parsers to their promises on
// any text a person types: no panic, a lower-case subcommand with no
// space in it, and a staff target that is a user id.
func FuzzCommandText(f *testing.F) {
	for _, s := range []string{"", "help", "  HELP  ", "log Acme | Data", "staff", "staff add <@U0CARA|cara>", "staff remove <@W012AB>",
		"staff add @cara", "staff add <@U1|a b>", "staff add <@U1><@U2>", "staff\tadd\tU0CARA", "staff list x", "\u00a0staff", "STAFF ADD U0X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sub, args := splitCommand(text)
		if sub != strings.ToLower(sub) || strings.Contains(sub, " ") {
			t.Errorf("splitCommand(%q) sub = %q", text, sub)
		}
		if args != strings.TrimSpace(args) {
			t.Errorf("splitCommand(%q) args = %q, not trimmed", text, args)
		}
		verb, user, err := parseStaffArgs(args)
		if err != nil {
			return
		}
		switch verb {
		case "list":
			if user != "" {
				t.Errorf("parseStaffArgs(%q): list with user %q", args, user)
			}
		case "add", "remove":
			if !userIDRe.MatchString(user) {
				t.Errorf("parseStaffArgs(%q): user %q is not a user id", args, user)
			}
		default:
			t.Errorf("parseStaffArgs(%q): verb %q", args, verb)
		}
	})
}
