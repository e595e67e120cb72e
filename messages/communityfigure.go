package messages

import (
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/stats"
)

// BlockCommunityFigure is the block that quotes the community's figure.
const BlockCommunityFigure = "community_figure"

// waitPhrase is how a wait bucket reads after "sent": "on day 8–9",
// "before day 7", "after day 10".
func waitPhrase(label string) string {
	switch {
	case strings.HasPrefix(label, "under "):
		return "before day " + strings.TrimPrefix(label, "under ")
	case strings.HasPrefix(label, "over "):
		return "after day " + strings.TrimPrefix(label, "over ")
	}
	return "on day " + label
}

// CommunityFigure is the community's own reply rate as the coach quotes
// it. Callers only have a Figure when at least stats.MinForAdvice second
// follow-ups are behind it; below that the bot says nothing about rates.
func CommunityFigure(f stats.Figure) string {
	return fmt.Sprintf("In this community, second follow-ups sent %s got a reply %d %% of the time.", waitPhrase(f.Wait), f.Percent)
}

// WithCommunityFigure adds the community's figure under m (a nudge or a
// draft's coaching text) as a small note. A nil f leaves m as it is.
func WithCommunityFigure(m Message, f *stats.Figure) Message {
	if f == nil {
		return m
	}
	out := Message{Text: m.Text, Blocks: make([]slack.Block, 0, len(m.Blocks)+1)}
	out.Blocks = append(out.Blocks, m.Blocks...)
	out.Blocks = append(out.Blocks, note(BlockCommunityFigure, CommunityFigure(*f)))
	return out
}

// waitFigure is the settings' line under a wait choice (at most 75
// characters, Slack's limit for an option description).
func waitFigure(f stats.Figure) string {
	return fmt.Sprintf("Here, %d %% of second follow-ups sent %s got a reply", f.Percent, waitPhrase(f.Wait))
}
