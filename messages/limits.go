package messages

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/blockkit"
)

// Slack's caps the composers cut text to.
const (
	maxOptionText  = 75                      // an option's label
	maxConfirmText = blockkit.MaxConfirmText // a confirmation dialog's text
)

// LimitError is one broken Slack limit. Validate functions return them
// joined with errors.Join; find one with errors.As. The rules are
// blockkit's, the same the emulator enforces on what the bot sends.
type LimitError = blockkit.LimitError

// ValidateMessage checks a message against Slack's limits: at most 50
// blocks, fallback text set, and the block and element rules.
func ValidateMessage(m Message) error {
	blocks, err := json.Marshal(m.Blocks)
	if err != nil {
		return limitErr("message", "blocks do not encode: %v", err)
	}
	return blockkit.ValidateMessage(m.Text, blocks)
}

// ValidateView checks a modal: at most 100 blocks, title, submit and close
// within 24 characters, a submit button when it has inputs, ids and
// private_metadata within bounds, and the block and element rules.
func ValidateView(v slack.ModalViewRequest) error {
	return validateView(v, v.Type, slack.VTModal)
}

// ValidateHome checks a Home tab: at most 100 blocks, ids and
// private_metadata within bounds, and the block and element rules.
func ValidateHome(v slack.HomeTabViewRequest) error {
	return validateView(v, v.Type, slack.VTHomeTab)
}

func validateView(v any, got, want slack.ViewType) error {
	if got != want {
		return limitErr("view", "type is %q, want %q", got, want)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return limitErr("view", "does not encode: %v", err)
	}
	return blockkit.ValidateView(raw)
}

func limitErr(where, format string, args ...any) error {
	return errors.Join(&LimitError{Where: where, Problem: fmt.Sprintf(format, args...)})
}
