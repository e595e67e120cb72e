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
	Type          string          `json:"type"`
	ActionID      string          `json:"action_id"`
	Text          *textObj        `json:"text"`
	Value         string          `json:"value"`
	URL           string          `json:"url"`
	Style         string          `json:"style"`
	Confirm       *confirmObj     `json:"confirm"`
	Placeholder   *textObj        `json:"placeholder"`
	InitialValue  *string         `json:"initial_value"`
	MinLength     *int            `json:"min_length"`
	MaxLength     *int            `json:"max_length"`
	Options       []option        `json:"options"`
	OptionGroups  []optionGroup   `json:"option_groups"`
	InitialOption json.RawMessage `json:"initial_option"`
	InitialDate   string          `json:"initial_date"`
}

// option is an option object of a select, overflow, radio or checkbox group.
type option struct {
	Text        *textObj `json:"text"`
	Value       string   `json:"value"`
	Description *textObj `json:"description"`
	URL         string   `json:"url"`
}

type optionGroup struct {
	Label   *textObj `json:"label"`
	Options []option `json:"options"`
}

// confirmObj is a confirmation dialog on a button or menu.
type confirmObj struct {
	Title   *textObj `json:"title"`
	Text    *textObj `json:"text"`
	Confirm *textObj `json:"confirm"`
	Deny    *textObj `json:"deny"`
	Style   string   `json:"style"`
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
		return elementOK(e)
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
			if b.Text != nil && (!textOK(b.Text, 3000, false) || b.Text.Text == "") || len(b.Fields) > 10 || !checkElem(b.Accessory) {
				return 0, "invalid_blocks"
			}
			for i := range b.Fields {
				if !textOK(&b.Fields[i], 2000, false) {
					return 0, "invalid_blocks"
				}
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
			if b.Label == nil || b.Label.Text == "" || !textOK(b.Label, 2000, true) || b.Element == nil || !checkElem(b.Element) {
				return 0, "invalid_blocks"
			}
		case "rich_text":
			if !richTextOK(b.Elements) {
				return 0, "invalid_blocks"
			}
		}
	}
	return len(blocks), ""
}

// MaxViewBytes is the largest view, as JSON, the emulator accepts. Slack
// documents no figure for the whole view, only for its parts; this one is
// on the safe side of what Slack takes, so a bot that fits here fits there.
const MaxViewBytes = 250_000

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
	if len(raw) > MaxViewBytes {
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
		// views.* know no invalid_blocks: a bad block in a view is
		// invalid_arguments (https://docs.slack.dev/reference/methods/views.open).
		return v, "invalid_arguments"
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

// textOK checks a text object: a known type (plain_text only where
// plainOnly) and at most max characters.
func textOK(t *textObj, max int, plainOnly bool) bool {
	switch t.Type {
	case "plain_text":
	case "mrkdwn":
		if plainOnly {
			return false
		}
	default:
		return false
	}
	return runes(t.Text) <= max
}

// optionalText checks a text object that may be absent.
func optionalText(t *textObj, max int, plainOnly bool) bool {
	return t == nil || textOK(t, max, plainOnly)
}

// elementOK checks the Block Kit limits of one interactive element that a
// bot is likely to trip over: lengths, option counts, an initial value
// that the input itself would refuse. Slack answers invalid_blocks (or, for
// views, invalid_arguments) for each of these.
func elementOK(e *element) bool {
	if !optionalText(e.Placeholder, 150, true) || e.Confirm != nil && !confirmOK(e.Confirm) {
		return false
	}
	switch e.Type {
	case "button":
		if e.Text == nil || e.Text.Text == "" || !textOK(e.Text, 75, true) || len(e.Value) > 2000 || len(e.URL) > 3000 {
			return false
		}
		if e.Style != "" && e.Style != "primary" && e.Style != "danger" {
			return false
		}
	case "plain_text_input":
		// https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element
		minL, maxL := 0, 3000
		if e.MinLength != nil {
			if minL = *e.MinLength; minL < 0 || minL > 3000 {
				return false
			}
		}
		if e.MaxLength != nil {
			if maxL = *e.MaxLength; maxL < 1 || maxL > 3000 {
				return false
			}
		}
		if minL > maxL {
			return false
		}
		// Slack refuses a view whose prefill is longer than the input allows.
		if e.InitialValue != nil && runes(*e.InitialValue) > maxL {
			return false
		}
	case "static_select", "multi_static_select":
		// https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element
		if (len(e.Options) == 0) == (len(e.OptionGroups) == 0) || len(e.Options) > 100 || len(e.OptionGroups) > 100 {
			return false
		}
		all := e.Options
		if !optionsOK(e.Options, 100, true) {
			return false
		}
		for _, g := range e.OptionGroups {
			if g.Label == nil || !textOK(g.Label, 75, true) || len(g.Options) == 0 || !optionsOK(g.Options, 100, true) {
				return false
			}
			all = append(all[:len(all):len(all)], g.Options...)
		}
		if !initialOptionOK(e.InitialOption, all) {
			return false
		}
	case "overflow":
		if len(e.Options) == 0 || !optionsOK(e.Options, 5, true) {
			return false
		}
	case "radio_buttons", "checkboxes":
		if len(e.Options) == 0 || !optionsOK(e.Options, 10, false) {
			return false
		}
		if e.Type == "radio_buttons" && !initialOptionOK(e.InitialOption, e.Options) {
			return false
		}
	case "datepicker":
		if e.InitialDate != "" && !isDate(e.InitialDate) {
			return false
		}
	}
	return true
}

// optionsOK checks at most max option objects: text up to 75 characters,
// value up to 150, description up to 75.
func optionsOK(opts []option, max int, plainOnly bool) bool {
	if len(opts) > max {
		return false
	}
	for i := range opts {
		o := &opts[i]
		if o.Text == nil || !textOK(o.Text, 75, plainOnly) || len(o.Value) > 150 || !optionalText(o.Description, 75, plainOnly) {
			return false
		}
	}
	return true
}

// initialOptionOK checks that an initial_option is one of the options;
// Slack refuses one that matches none.
func initialOptionOK(raw json.RawMessage, opts []option) bool {
	if len(raw) == 0 || string(raw) == "null" {
		return true
	}
	var o option
	if json.Unmarshal(raw, &o) != nil || o.Text == nil {
		return false
	}
	for _, c := range opts {
		if c.Value == o.Value && c.Text != nil && c.Text.Text == o.Text.Text {
			return true
		}
	}
	return false
}

func confirmOK(c *confirmObj) bool {
	return c.Title != nil && textOK(c.Title, 100, true) && c.Text != nil && textOK(c.Text, 300, false) &&
		c.Confirm != nil && textOK(c.Confirm, 30, true) && c.Deny != nil && textOK(c.Deny, 30, true)
}

func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// richElem is one element of a rich_text block or of its sub-elements.
type richElem struct {
	Type     string          `json:"type"`
	Elements json.RawMessage `json:"elements"`
	Style    json.RawMessage `json:"style"`
	Text     *string         `json:"text"`
	URL      string          `json:"url"`
	Name     string          `json:"name"`
	UserID   string          `json:"user_id"`
}

// richTextOK checks the structure of a rich_text block: a non-empty
// elements array of sections, lists, preformatted and quote elements, each
// holding inline elements of known types.
// https://docs.slack.dev/reference/block-kit/blocks/rich-text-block
func richTextOK(raw json.RawMessage) bool {
	var top []richElem
	if json.Unmarshal(raw, &top) != nil || len(top) == 0 {
		return false
	}
	for _, e := range top {
		switch e.Type {
		case "rich_text_section", "rich_text_preformatted", "rich_text_quote":
			if !inlineOK(e.Elements) {
				return false
			}
		case "rich_text_list":
			var style string
			if json.Unmarshal(e.Style, &style) != nil || style != "bullet" && style != "ordered" {
				return false
			}
			var items []richElem
			if json.Unmarshal(e.Elements, &items) != nil || len(items) == 0 {
				return false
			}
			for _, it := range items {
				if it.Type != "rich_text_section" || !inlineOK(it.Elements) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// inlineOK checks the inline elements of a rich text section.
func inlineOK(raw json.RawMessage) bool {
	var els []richElem
	if json.Unmarshal(raw, &els) != nil {
		return false
	}
	for _, e := range els {
		switch e.Type {
		case "text":
			if e.Text == nil {
				return false
			}
		case "link":
			if e.URL == "" {
				return false
			}
		case "emoji":
			if e.Name == "" {
				return false
			}
		case "user":
			if e.UserID == "" {
				return false
			}
		case "channel", "usergroup", "broadcast", "date", "color", "team":
		default:
			return false
		}
	}
	return true
}
