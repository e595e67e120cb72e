package messages

import (
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	m := Help()
	checkMessage(t, "help", m)
	all := strings.Join(mrkdwnTexts(asJSON(t, m.Blocks)), "\n")
	for _, sub := range []string{"log", "list", "check", "library", "settings", "pause", "resume", "help"} {
		if !strings.Contains(all, "`/followup "+sub+"`") {
			t.Errorf("help does not mention /followup %s", sub)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	for _, tc := range []struct {
		name, sub string
	}{
		{"unknown_command", "snoze"},
		{"unknown_command_empty", ""},
		{"unknown_command_long", strings.Repeat("x", 200)},
	} {
		t.Run(tc.name, func(t *testing.T) { checkMessage(t, tc.name, UnknownCommand(tc.sub)) })
	}
}
