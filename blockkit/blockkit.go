// Package blockkit checks Block Kit payloads against the limits Slack
// documents: lengths, counts, required parts and the shapes of blocks and
// elements. It is the one validator of the project: messages/ runs it on
// every payload the bot composes (in tests), and the emulator
// (bot/slacktest) runs it on every payload the bot sends, refusing what
// Slack would refuse.
//
// It works on JSON, what Slack receives, and does no I/O.
// Sources: https://docs.slack.dev/reference/block-kit/blocks,
// .../block-kit/block-elements, .../block-kit/composition-objects and
// .../surfaces/modals.
package blockkit

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Slack's documented limits, in characters (runes) or items.
const (
	MaxMessageText   = 40000 // chat.postMessage truncates text beyond 40,000
	MaxMessageBlocks = 50
	MaxViewBlocks    = 100 // modals and Home tabs
	MaxSelectOptions = 100
	// MaxViewBytes bounds a whole view as JSON. Slack documents no figure
	// for it, only for its parts; this one is on the safe side of what
	// Slack takes, so a view that fits here fits there.
	MaxViewBytes      = 250_000
	maxID             = 255 // block_id, action_id, callback_id, external_id
	maxText           = 3000
	maxSectionField   = 2000
	maxSectionFields  = 10
	maxHeaderText     = 150
	maxContextItems   = 10
	maxActionElements = 25
	maxButtonText     = 75
	maxButtonValue    = 2000
	maxURL            = 3000
	maxOptionText     = 75
	maxOptionValue    = 150
	maxOptionDesc     = 75
	maxOverflowOpts   = 5
	maxRadioOpts      = 10 // radio buttons and checkboxes
	maxGroupLabel     = 75
	maxPlaceholder    = 150
	maxInputLabel     = 2000
	maxInputHint      = 2000
	maxInputLength    = 3000 // plain_text_input max_length and min_length
	maxViewTitle      = 24   // title, submit and close of a modal
	maxMetadata       = 3000 // private_metadata
	maxAltText        = 2000
	maxConfirmTitle   = 100
	MaxConfirmText    = 300
	maxConfirmButton  = 30
)

// LimitError is one broken rule. The Validate functions return them joined
// with errors.Join; find one with errors.As.
type LimitError struct {
	// Where points at the part, e.g. `block 3 section "interview_7" accessory`.
	Where string
	// Problem says what is wrong, e.g. "text is 3012 characters, max 3000".
	Problem string
}

// Error implements error.
func (e *LimitError) Error() string { return e.Where + ": " + e.Problem }

// ValidateMessage checks a chat message: its fallback text set and within
// 40,000 characters, at most 50 blocks, and the block rules. blocks may be
// nil or "null" for a text-only message.
func ValidateMessage(text string, blocks json.RawMessage) error {
	c := newChecker()
	if text == "" {
		c.fail("message", "text (the notification fallback) is empty")
	}
	c.length("message", "text", text, MaxMessageText)
	if !isNull(blocks) {
		c.blockList("message", blocks, MaxMessageBlocks)
	}
	return c.err()
}

// ValidateBlocks checks a blocks array of at most max blocks and returns how
// many blocks it holds.
func ValidateBlocks(blocks json.RawMessage, max int) (int, error) {
	c := newChecker()
	n := c.blockList("blocks", blocks, max)
	return n, c.err()
}

// ValidateView checks a modal or a Home tab: at most 100 blocks; ids and
// private_metadata within bounds; for a modal, a title and buttons of at
// most 24 characters and a submit button when it has inputs; and the block
// rules.
func ValidateView(view json.RawMessage) error {
	c := newChecker()
	var v struct {
		Type            string          `json:"type"`
		Title           *textObj        `json:"title"`
		Submit          *textObj        `json:"submit"`
		Close           *textObj        `json:"close"`
		Blocks          json.RawMessage `json:"blocks"`
		CallbackID      string          `json:"callback_id"`
		PrivateMetadata string          `json:"private_metadata"`
		ExternalID      string          `json:"external_id"`
	}
	if err := json.Unmarshal(view, &v); err != nil {
		c.fail("view", "is not a JSON object: %v", err)
		return c.err()
	}
	if n := len(view); n > MaxViewBytes {
		c.fail("view", "%d bytes of JSON, max %d", n, MaxViewBytes)
	}
	switch v.Type {
	case "modal":
		c.text("view", "title", v.Title, maxViewTitle, true)
		c.optText("view", "submit", v.Submit, maxViewTitle, true)
		c.optText("view", "close", v.Close, maxViewTitle, true)
	case "home":
	default:
		c.fail("view", "type is %q, want modal or home", v.Type)
	}
	c.length("view", "private_metadata", v.PrivateMetadata, maxMetadata)
	c.length("view", "callback_id", v.CallbackID, maxID)
	c.length("view", "external_id", v.ExternalID, maxID)
	if !isNull(v.Blocks) {
		c.blockList("view", v.Blocks, MaxViewBlocks)
	}
	if v.Type == "modal" && v.Submit == nil && c.inputs > 0 {
		c.fail("view", "has input blocks but no submit button")
	}
	return c.err()
}

func isNull(raw json.RawMessage) bool { return len(raw) == 0 || string(raw) == "null" }

// checker collects limit errors while walking a payload.
type checker struct {
	errs     []error
	blockIDs map[string]bool
	inputs   int
}

func newChecker() *checker { return &checker{blockIDs: map[string]bool{}} }

func (c *checker) fail(where, format string, args ...any) {
	c.errs = append(c.errs, &LimitError{Where: where, Problem: fmt.Sprintf(format, args...)})
}

func (c *checker) err() error { return errors.Join(c.errs...) }

// length fails when s is longer than max runes.
func (c *checker) length(where, what, s string, max int) {
	if len(s) <= max {
		return // fewer bytes than max: fewer runes too
	}
	if n := utf8.RuneCountInString(s); n > max {
		c.fail(where, "%s is %d characters, max %d", what, n, max)
	}
}

// textObj is a text composition object.
type textObj struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// text checks a text object: set, a known type, not empty, within max.
func (c *checker) text(where, what string, t *textObj, max int, plainOnly bool) {
	if t == nil {
		c.fail(where, "%s is missing", what)
		return
	}
	switch t.Type {
	case "plain_text":
	case "mrkdwn":
		if plainOnly {
			c.fail(where, "%s must be plain_text", what)
		}
	default:
		c.fail(where, "%s has type %q, want plain_text or mrkdwn", what, t.Type)
	}
	if t.Text == "" {
		c.fail(where, "%s is empty", what)
	}
	c.length(where, what, t.Text, max)
}

// optText checks an optional text object.
func (c *checker) optText(where, what string, t *textObj, max int, plainOnly bool) {
	if t != nil {
		c.text(where, what, t, max, plainOnly)
	}
}

// block is every field of a block the checks read.
type block struct {
	Type      string          `json:"type"`
	BlockID   string          `json:"block_id"`
	Text      *textObj        `json:"text"`
	Fields    []*textObj      `json:"fields"`
	Elements  json.RawMessage `json:"elements"`
	Accessory json.RawMessage `json:"accessory"`
	Element   json.RawMessage `json:"element"`
	Label     *textObj        `json:"label"`
	Hint      *textObj        `json:"hint"`
	Title     *textObj        `json:"title"`
	ImageURL  string          `json:"image_url"`
	AltText   string          `json:"alt_text"`
}

// blockList checks a blocks array of at most max blocks and returns its length.
func (c *checker) blockList(where string, raw json.RawMessage, max int) int {
	var blocks []json.RawMessage
	if err := json.Unmarshal(raw, &blocks); err != nil {
		c.fail(where, "blocks are not a JSON array: %v", err)
		return 0
	}
	if n := len(blocks); n > max {
		c.fail(where, "%d blocks, max %d", n, max)
	}
	for i, rb := range blocks {
		var b block
		if err := json.Unmarshal(rb, &b); err != nil {
			c.fail(fmt.Sprintf("block %d", i), "is not a block object: %v", err)
			continue
		}
		bw := fmt.Sprintf("block %d %s", i, b.Type)
		if b.Type == "" {
			c.fail(fmt.Sprintf("block %d", i), "has no type")
		}
		if b.BlockID != "" {
			bw += fmt.Sprintf(" %q", b.BlockID)
			c.length(bw, "block_id", b.BlockID, maxID)
			if c.blockIDs[b.BlockID] {
				c.fail(bw, "block_id %q is used twice", b.BlockID)
			}
			c.blockIDs[b.BlockID] = true
		}
		c.block(bw, &b)
	}
	return len(blocks)
}

func (c *checker) block(where string, b *block) {
	switch b.Type {
	case "section":
		if b.Text == nil && len(b.Fields) == 0 {
			c.fail(where, "section needs text or fields")
		}
		c.optText(where, "text", b.Text, maxText, false)
		if n := len(b.Fields); n > maxSectionFields {
			c.fail(where, "%d fields, max %d", n, maxSectionFields)
		}
		for j, f := range b.Fields {
			c.text(where, fmt.Sprintf("field %d", j), f, maxSectionField, false)
		}
		if !isNull(b.Accessory) {
			c.elements(where+" accessory", []json.RawMessage{b.Accessory})
		}
	case "header":
		c.text(where, "header text", b.Text, maxHeaderText, true)
	case "context":
		var els []json.RawMessage
		if err := json.Unmarshal(b.Elements, &els); err != nil || len(els) == 0 || len(els) > maxContextItems {
			c.fail(where, "%d elements, want 1 to %d", len(els), maxContextItems)
		}
		for j, raw := range els {
			var e element
			_ = json.Unmarshal(raw, &e)
			ew := fmt.Sprintf("%s element %d %s", where, j, e.Type)
			switch e.Type {
			case "mrkdwn", "plain_text":
				var t textObj
				_ = json.Unmarshal(raw, &t)
				c.text(where, fmt.Sprintf("element %d", j), &t, maxText, false)
			case "image":
				c.image(ew, &e)
			default:
				c.fail(ew, "context elements are text or images, not %q", e.Type)
			}
		}
	case "actions":
		var els []json.RawMessage
		if err := json.Unmarshal(b.Elements, &els); err != nil || len(els) == 0 || len(els) > maxActionElements {
			c.fail(where, "%d elements, want 1 to %d", len(els), maxActionElements)
		}
		c.elements(where, els)
	case "input":
		c.inputs++
		c.text(where, "label", b.Label, maxInputLabel, true)
		c.optText(where, "hint", b.Hint, maxInputHint, true)
		if isNull(b.Element) {
			c.fail(where, "input has no element")
			return
		}
		c.elements(where, []json.RawMessage{b.Element})
	case "image":
		c.length(where, "image_url", b.ImageURL, maxURL)
		c.length(where, "alt_text", b.AltText, maxAltText)
		c.optText(where, "title", b.Title, maxInputLabel, true)
	case "rich_text":
		c.richText(where, b.Elements)
	}
	// Dividers and other blocks carry nothing with a limit we use.
}

// element is every field of an element the checks read.
type element struct {
	Type           string          `json:"type"`
	ActionID       string          `json:"action_id"`
	Text           json.RawMessage `json:"text"` // a text object; a string in context text
	Value          string          `json:"value"`
	URL            string          `json:"url"`
	Style          string          `json:"style"`
	Confirm        *confirmObj     `json:"confirm"`
	Placeholder    *textObj        `json:"placeholder"`
	InitialValue   *string         `json:"initial_value"`
	MinLength      *int            `json:"min_length"`
	MaxLength      *int            `json:"max_length"`
	Options        []*option       `json:"options"`
	OptionGroups   []*optionGroup  `json:"option_groups"`
	InitialOption  json.RawMessage `json:"initial_option"`
	InitialOptions []*option       `json:"initial_options"`
	InitialDate    string          `json:"initial_date"`
	ImageURL       string          `json:"image_url"`
	AltText        string          `json:"alt_text"`
}

// option is an option object of a select, overflow, radio or checkbox group.
type option struct {
	Text        *textObj `json:"text"`
	Value       string   `json:"value"`
	Description *textObj `json:"description"`
	URL         string   `json:"url"`
}

type optionGroup struct {
	Label   *textObj  `json:"label"`
	Options []*option `json:"options"`
}

// confirmObj is a confirmation dialog on a button or menu.
type confirmObj struct {
	Title   *textObj `json:"title"`
	Text    *textObj `json:"text"`
	Confirm *textObj `json:"confirm"`
	Deny    *textObj `json:"deny"`
}

// elements checks the elements of one block; their action ids must be
// unique within it (Slack's rule is per block, so list rows may share one).
func (c *checker) elements(where string, els []json.RawMessage) {
	actionIDs := map[string]bool{}
	for j, raw := range els {
		var e element
		if err := json.Unmarshal(raw, &e); err != nil {
			c.fail(fmt.Sprintf("%s element %d", where, j), "is not an element object: %v", err)
			continue
		}
		ew := fmt.Sprintf("%s element %d %s", where, j, e.Type)
		c.element(ew, &e)
		if e.ActionID == "" {
			continue
		}
		c.length(ew, "action_id", e.ActionID, maxID)
		if actionIDs[e.ActionID] {
			c.fail(ew, "action_id %q is used twice in the block", e.ActionID)
		}
		actionIDs[e.ActionID] = true
	}
}

// elementText decodes an element's text object.
func elementText(raw json.RawMessage) *textObj {
	if isNull(raw) {
		return nil
	}
	var t textObj
	if json.Unmarshal(raw, &t) != nil {
		return &textObj{Type: "not an object"}
	}
	return &t
}

func (c *checker) element(where string, e *element) {
	c.optText(where, "placeholder", e.Placeholder, maxPlaceholder, true)
	c.confirm(where, e.Confirm)
	switch e.Type {
	case "button":
		c.text(where, "button text", elementText(e.Text), maxButtonText, true)
		c.length(where, "value", e.Value, maxButtonValue)
		c.length(where, "url", e.URL, maxURL)
		if e.Style != "" && e.Style != "primary" && e.Style != "danger" {
			c.fail(where, "style is %q, want primary, danger or none", e.Style)
		}
	case "overflow":
		if n := len(e.Options); n == 0 || n > maxOverflowOpts {
			c.fail(where, "%d options, want 1 to %d", n, maxOverflowOpts)
		}
		c.options(where, e.Options, true)
	case "static_select", "multi_static_select":
		c.selectOptions(where, e)
	case "radio_buttons", "checkboxes":
		if n := len(e.Options); n == 0 || n > maxRadioOpts {
			c.fail(where, "%d options, want 1 to %d", n, maxRadioOpts)
		}
		c.options(where, e.Options, false)
		if e.Type == "radio_buttons" {
			c.initialOption(where, e.InitialOption, e.Options)
		}
	case "datepicker":
		if e.InitialDate != "" {
			if _, err := time.Parse("2006-01-02", e.InitialDate); err != nil {
				c.fail(where, "initial_date %q is not YYYY-MM-DD", e.InitialDate)
			}
		}
	case "plain_text_input":
		maxL := maxInputLength
		if e.MaxLength != nil {
			if maxL = *e.MaxLength; maxL < 1 || maxL > maxInputLength {
				c.fail(where, "max_length is %d, want 1 to %d", maxL, maxInputLength)
				maxL = maxInputLength
			}
		}
		if e.MinLength != nil {
			if minL := *e.MinLength; minL < 0 || minL > maxInputLength || minL > maxL {
				c.fail(where, "min_length is %d, want 0 to %d and not above max_length", minL, maxInputLength)
			}
		}
		// Slack refuses a view whose prefill is longer than the input allows.
		if e.InitialValue != nil {
			c.length(where, "initial_value", *e.InitialValue, maxL)
		}
	case "image":
		c.image(where, e)
	}
}

func (c *checker) image(where string, e *element) {
	c.length(where, "image_url", e.ImageURL, maxURL)
	c.length(where, "alt_text", e.AltText, maxAltText)
}

// selectOptions checks a static menu's options or option groups (one of
// the two), each list within 100, and that its initial option is offered.
func (c *checker) selectOptions(where string, e *element) {
	switch {
	case len(e.Options) > 0 && len(e.OptionGroups) > 0:
		c.fail(where, "has both options and option_groups")
	case len(e.Options) == 0 && len(e.OptionGroups) == 0:
		c.fail(where, "has neither options nor option_groups")
	}
	if n := len(e.Options); n > MaxSelectOptions {
		c.fail(where, "%d options, max %d", n, MaxSelectOptions)
	}
	c.options(where, e.Options, true)
	if n := len(e.OptionGroups); n > MaxSelectOptions {
		c.fail(where, "%d option groups, max %d", n, MaxSelectOptions)
	}
	all := e.Options
	for k, g := range e.OptionGroups {
		gw := fmt.Sprintf("%s group %d", where, k)
		if g == nil {
			c.fail(gw, "is null")
			continue
		}
		c.text(gw, "label", g.Label, maxGroupLabel, true)
		if n := len(g.Options); n == 0 || n > MaxSelectOptions {
			c.fail(gw, "%d options, want 1 to %d", n, MaxSelectOptions)
		}
		c.options(gw, g.Options, true)
		all = append(all[:len(all):len(all)], g.Options...)
	}
	if e.Type == "static_select" {
		c.initialOption(where, e.InitialOption, all)
	}
}

// options checks option objects; menus allow only plain_text labels.
func (c *checker) options(where string, opts []*option, plainOnly bool) {
	for k, o := range opts {
		ow := fmt.Sprintf("%s option %d", where, k)
		if o == nil {
			c.fail(ow, "is null")
			continue
		}
		c.text(ow, "text", o.Text, maxOptionText, plainOnly)
		c.length(ow, "value", o.Value, maxOptionValue)
		c.optText(ow, "description", o.Description, maxOptionDesc, plainOnly)
		c.length(ow, "url", o.URL, maxURL)
	}
}

// initialOption checks that an initial_option is one of the options;
// Slack refuses one that matches none.
func (c *checker) initialOption(where string, raw json.RawMessage, opts []*option) {
	if isNull(raw) {
		return
	}
	var o option
	if json.Unmarshal(raw, &o) != nil || o.Text == nil {
		c.fail(where, "initial_option is not an option object")
		return
	}
	for _, x := range opts {
		if x != nil && x.Value == o.Value && x.Text != nil && x.Text.Text == o.Text.Text {
			return
		}
	}
	c.fail(where, "initial_option %q is not one of the options", o.Value)
}

// confirm checks a confirmation dialog; Slack needs all four texts.
func (c *checker) confirm(where string, cf *confirmObj) {
	if cf == nil {
		return
	}
	where += " confirm"
	c.text(where, "title", cf.Title, maxConfirmTitle, true)
	c.text(where, "text", cf.Text, MaxConfirmText, false)
	c.text(where, "confirm", cf.Confirm, maxConfirmButton, true)
	c.text(where, "deny", cf.Deny, maxConfirmButton, true)
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

// richText checks the structure of a rich_text block: a non-empty elements
// array of sections, lists, preformatted and quote elements, each holding
// inline elements of known types.
// https://docs.slack.dev/reference/block-kit/blocks/rich-text-block
func (c *checker) richText(where string, raw json.RawMessage) {
	var top []richElem
	if json.Unmarshal(raw, &top) != nil || len(top) == 0 {
		c.fail(where, "rich_text needs a non-empty elements array")
		return
	}
	for i, e := range top {
		ew := fmt.Sprintf("%s element %d %s", where, i, e.Type)
		switch e.Type {
		case "rich_text_section", "rich_text_preformatted", "rich_text_quote":
			c.inline(ew, e.Elements)
		case "rich_text_list":
			var style string
			if json.Unmarshal(e.Style, &style) != nil || style != "bullet" && style != "ordered" {
				c.fail(ew, "style must be bullet or ordered")
			}
			var items []richElem
			if json.Unmarshal(e.Elements, &items) != nil || len(items) == 0 {
				c.fail(ew, "a list needs at least one item")
			}
			for k, it := range items {
				if it.Type != "rich_text_section" {
					c.fail(fmt.Sprintf("%s item %d", ew, k), "list items are rich_text_section, not %q", it.Type)
					continue
				}
				c.inline(fmt.Sprintf("%s item %d", ew, k), it.Elements)
			}
		default:
			c.fail(ew, "unknown rich text element")
		}
	}
}

// inline checks the inline elements of a rich text section.
func (c *checker) inline(where string, raw json.RawMessage) {
	var els []richElem
	if json.Unmarshal(raw, &els) != nil {
		c.fail(where, "elements must be an array")
		return
	}
	for i, e := range els {
		ew := fmt.Sprintf("%s inline %d %s", where, i, e.Type)
		switch e.Type {
		case "text":
			if e.Text == nil {
				c.fail(ew, "text is missing")
			}
		case "link":
			if e.URL == "" {
				c.fail(ew, "url is missing")
			}
		case "emoji":
			if e.Name == "" {
				c.fail(ew, "name is missing")
			}
		case "user":
			if e.UserID == "" {
				c.fail(ew, "user_id is missing")
			}
		case "channel", "usergroup", "broadcast", "date", "color", "team":
		default:
			c.fail(ew, "unknown inline element")
		}
	}
}
