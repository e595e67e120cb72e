package slacktest

import (
	"encoding/json"
	"math"
	"sync"

	"github.com/followup-coach/followup/blockkit"
)

// The Block Kit rules are blockkit's, the same messages/ checks the bot's
// payloads against in its own tests: one validator, so the emulator refuses
// exactly what the project believes Slack refuses.

// checkBlocks validates a blocks array of at most max blocks and reports how
// many blocks it holds, or a Slack error code.
func checkBlocks(raw json.RawMessage, max int) (int, string) {
	n, err := blockkit.ValidateBlocks(raw, max)
	if err != nil {
		return 0, "invalid_blocks"
	}
	return n, ""
}

// verdicts remembers what checkBlocks found for blocks it has already seen.
// It is a benchmark shortcut, off unless WithVerdictCache: under load the
// bot sends the same blocks again and again (help, a list that did not
// change) and decoding them anew was most of the emulator's cost per reply.
// The verdict depends on the bytes alone, so it changes no answer.
type verdicts struct {
	on bool
	mu sync.Mutex
	m  map[string]verdict
}

type verdict struct {
	n    int
	code string
}

// Bounds on what the cache keeps, so a long test cannot grow it without end.
const (
	maxVerdicts      = 1024
	maxVerdictBlocks = 16 << 10 // bytes of one blocks array
)

// check is checkBlocks, remembering verdicts when the cache is on.
func (v *verdicts) check(raw json.RawMessage, max int) (int, string) {
	if !v.on || len(raw) > maxVerdictBlocks {
		return checkBlocks(raw, max)
	}
	v.mu.Lock()
	got, ok := v.m[string(raw)]
	v.mu.Unlock()
	if !ok {
		// Checked against the largest surface; the caller's max applies below.
		got.n, got.code = checkBlocks(raw, math.MaxInt)
		v.mu.Lock()
		if v.m == nil || len(v.m) >= maxVerdicts {
			v.m = make(map[string]verdict)
		}
		v.m[string(raw)] = got
		v.mu.Unlock()
	}
	if got.code == "" && got.n > max {
		return 0, "invalid_blocks"
	}
	return got.n, got.code
}

// MaxViewBytes is the largest view, as JSON, the emulator accepts
// (blockkit's bound: Slack documents none for the whole view).
const MaxViewBytes = blockkit.MaxViewBytes

// viewInfo is what the emulator keeps of a view request.
type viewInfo struct {
	Type            string          `json:"type"`
	Blocks          json.RawMessage `json:"blocks"`
	CallbackID      string          `json:"callback_id"`
	PrivateMetadata string          `json:"private_metadata"`
	ExternalID      string          `json:"external_id"`
}

// checkView validates a modal or home view and returns what the emulator
// keeps of it. views.* know no invalid_blocks: a bad block in a view is
// invalid_arguments (https://docs.slack.dev/reference/methods/views.open).
func checkView(raw json.RawMessage, wantType string) (viewInfo, string) {
	var v viewInfo
	if raw == nil || json.Unmarshal(raw, &v) != nil || v.Type != wantType {
		return v, "invalid_arguments"
	}
	if blockkit.ValidateView(raw) != nil {
		return v, "invalid_arguments"
	}
	return v, ""
}
