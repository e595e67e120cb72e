package slacktest

import (
	"encoding/json"
	"sync"
	"unicode/utf8"
)

// The checks below are the cheap part of what Slack validates. They exist to
// catch bot bugs in tests, not to reproduce every Block Kit rule.

type textObj struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type element struct {
	Type     string   `json:"type"`
	ActionID string   `json:"action_id"`
	Text     *textObj `json:"text"`
	Value    string   `json:"value"`
}

type block struct {
	Type      string          `json:"type"`
	BlockID   string          `json:"block_id"`
	Text      *textObj        `json:"text"`
	Fields    []textObj       `json:"fields"`
	Elements  json.RawMessage `json:"elements"`
	Accessory *element        `json:"accessory"`
	Element   *element        `json:"element"`
	Label     *textObj        `json:"label"`
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// checkBlocks validates a blocks array of at most max blocks and reports how
// many blocks it holds, or a Slack error code.
func checkBlocks(raw json.RawMessage, max int) (int, string) {
	n, code := verdictOf(raw)
	if code == "" && n > max {
		return 0, "invalid_blocks"
	}
	return n, code
}

// verdicts remembers what checkBlocks found for blocks it has already seen.
// The verdict depends on the bytes alone, and a bot sends the same blocks
// again and again (help, a list that did not change): decoding them anew
// was most of the emulator's cost per reply under load. Every post is still
// decoded, refused when its blocks are invalid, and recorded.
type verdicts struct {
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

// check is checkBlocks, remembering verdicts.
func (v *verdicts) check(raw json.RawMessage, max int) (int, string) {
	if len(raw) > maxVerdictBlocks {
		return checkBlocks(raw, max)
	}
	v.mu.Lock()
	got, ok := v.m[string(raw)]
	v.mu.Unlock()
	if !ok {
		got.n, got.code = verdictOf(raw)
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

// verdictOf validates a blocks array of any length and reports how many
// blocks it holds, or a Slack error code.
func verdictOf(raw json.RawMessage) (int, string) {
	var blocks []block
	if err := json.Unmarshal(raw, &blocks); err != nil {
		return 0, "invalid_blocks"
	}
	blockIDs := make(map[string]bool, len(blocks))
	actionIDs := make(map[string]bool)
	checkElem := func(e *element) bool {
		if e == nil {
			return true
		}
		if e.ActionID != "" {
			if actionIDs[e.ActionID] || len(e.ActionID) > 255 {
				return false
			}
			actionIDs[e.ActionID] = true
		}
		if e.Type == "button" {
			if e.Text == nil || e.Text.Text == "" || runes(e.Text.Text) > 75 || len(e.Value) > 2000 {
				return false
			}
		}
		return true
	}
	for _, b := range blocks {
		clear(actionIDs) // action_id must be unique within its block
		if b.Type == "" || len(b.BlockID) > 255 {
			return 0, "invalid_blocks"
		}
		if b.BlockID != "" {
			if blockIDs[b.BlockID] {
				return 0, "invalid_blocks"
			}
			blockIDs[b.BlockID] = true
		}
		switch b.Type {
		case "section":
			if (b.Text == nil || b.Text.Text == "") && len(b.Fields) == 0 {
				return 0, "invalid_blocks"
			}
			if b.Text != nil && runes(b.Text.Text) > 3000 || len(b.Fields) > 10 || !checkElem(b.Accessory) {
				return 0, "invalid_blocks"
			}
		case "header":
			if b.Text == nil || b.Text.Type != "plain_text" || b.Text.Text == "" || runes(b.Text.Text) > 150 {
				return 0, "invalid_blocks"
			}
		case "actions", "context":
			// Context elements are text objects or images, whose "text" is a
			// string; only actions elements decode as interactive elements.
			var elems []element
			var err error
			if b.Type == "actions" {
				err = json.Unmarshal(b.Elements, &elems)
			} else {
				var raw []json.RawMessage
				err = json.Unmarshal(b.Elements, &raw)
				elems = make([]element, len(raw))
			}
			if err != nil || len(elems) == 0 {
				return 0, "invalid_blocks"
			}
			if b.Type == "actions" && len(elems) > 25 || b.Type == "context" && len(elems) > 10 {
				return 0, "invalid_blocks"
			}
			if b.Type == "actions" {
				for i := range elems {
					if !checkElem(&elems[i]) {
						return 0, "invalid_blocks"
					}
				}
			}
		case "input":
			if b.Label == nil || b.Label.Text == "" || runes(b.Label.Text) > 2000 || b.Element == nil || !checkElem(b.Element) {
				return 0, "invalid_blocks"
			}
		}
	}
	return len(blocks), ""
}

// viewInfo is what the emulator keeps of a view request.
type viewInfo struct {
	Type            string          `json:"type"`
	Title           *textObj        `json:"title"`
	Submit          *textObj        `json:"submit"`
	Close           *textObj        `json:"close"`
	Blocks          json.RawMessage `json:"blocks"`
	CallbackID      string          `json:"callback_id"`
	PrivateMetadata string          `json:"private_metadata"`
	ExternalID      string          `json:"external_id"`
}

// checkView validates a modal or home view and returns what the emulator keeps of it.
func checkView(raw json.RawMessage, wantType string) (viewInfo, string) {
	var v viewInfo
	if raw == nil || json.Unmarshal(raw, &v) != nil || v.Type != wantType {
		return v, "invalid_arguments"
	}
	if len(v.PrivateMetadata) > 3000 || len(v.CallbackID) > 255 || len(v.ExternalID) > 255 {
		return v, "invalid_arguments"
	}
	if v.Type == "modal" {
		if v.Title == nil || v.Title.Text == "" || runes(v.Title.Text) > 24 {
			return v, "invalid_arguments"
		}
		if v.Submit != nil && runes(v.Submit.Text) > 24 || v.Close != nil && runes(v.Close.Text) > 24 {
			return v, "invalid_arguments"
		}
	}
	if len(v.Blocks) == 0 || string(v.Blocks) == "null" {
		return v, ""
	}
	if _, code := checkBlocks(v.Blocks, 100); code != "" {
		return v, code
	}
	if v.Type == "modal" && v.Submit == nil && hasInput(v.Blocks) {
		// Slack refuses a modal with inputs and no way to submit them.
		return v, "invalid_arguments"
	}
	return v, ""
}

func hasInput(raw json.RawMessage) bool {
	var bs []struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(raw, &bs)
	for _, b := range bs {
		if b.Type == "input" {
			return true
		}
	}
	return false
}
