package messages

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// Slack's documented Block Kit limits, in characters (runes) or items.
// Sources: https://docs.slack.dev/reference/block-kit/blocks,
// .../block-kit/block-elements, .../block-kit/composition-objects and
// .../surfaces/modals, as mirrored in @slack/types.
const (
	maxMessageText    = 40000 // chat.postMessage truncates text beyond 40,000
	maxViewBlocks     = 100   // modals and Home tabs
	maxID             = 255   // block_id, action_id, callback_id
	maxText           = 3000  // any text object; section text
	maxSectionField   = 2000  // each of a section's fields
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
	maxConfirmText    = 300
	maxConfirmButton  = 30
	// maxViewBytes bounds a whole view as JSON. Slack documents no figure
	// for it; the emulator refuses views over the same bound.
	maxViewBytes = 250_000
)

// LimitError is one broken Slack limit. Validate functions return them
// joined with errors.Join; find one with errors.As.
type LimitError struct {
	// Where points at the part, e.g. `block 3 "interview_7" accessory`.
	Where string
	// Problem says what is wrong, e.g. "text is 3012 characters, max 3000".
	Problem string
}

// Error implements error.
func (e *LimitError) Error() string { return e.Where + ": " + e.Problem }

// checker collects limit errors while walking a payload.
type checker struct {
	errs     []error
	blockIDs map[string]bool
}

func newChecker() *checker { return &checker{blockIDs: map[string]bool{}} }

func (c *checker) fail(where, format string, args ...any) {
	c.errs = append(c.errs, &LimitError{Where: where, Problem: fmt.Sprintf(format, args...)})
}

func (c *checker) err() error { return errors.Join(c.errs...) }

// length fails when s is longer than max runes.
func (c *checker) length(where, what, s string, max int) {
	if n := utf8.RuneCountInString(s); n > max {
		c.fail(where, "%s is %d characters, max %d", what, n, max)
	}
}

// id checks an id: at most 255 characters.
func (c *checker) id(where, what, s string) { c.length(where, what, s, maxID) }

// text checks a text object: set, a known type, not empty, within max.
func (c *checker) text(where, what string, t *slack.TextBlockObject, max int, plainOnly bool) {
	if t == nil {
		c.fail(where, "%s is missing", what)
		return
	}
	switch t.Type {
	case slack.PlainTextType:
	case slack.MarkdownType:
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
func (c *checker) optText(where, what string, t *slack.TextBlockObject, max int, plainOnly bool) {
	if t != nil {
		c.text(where, what, t, max, plainOnly)
	}
}

// ValidateMessage checks a message against Slack's limits: at most 50
// blocks, fallback text set, and the block and element rules.
func ValidateMessage(m Message) error {
	c := newChecker()
	if m.Text == "" {
		c.fail("message", "text (the notification fallback) is empty")
	}
	c.length("message", "text", m.Text, maxMessageText)
	if n := len(m.Blocks); n > maxMessageBlocks {
		c.fail("message", "%d blocks, max %d", n, maxMessageBlocks)
	}
	c.blocks(m.Blocks)
	return c.err()
}

// ValidateView checks a modal: at most 100 blocks, title, submit and close
// within 24 characters, a submit button when it has inputs, ids and
// private_metadata within bounds, and the block and element rules.
func ValidateView(v slack.ModalViewRequest) error {
	c := newChecker()
	if v.Type != slack.VTModal {
		c.fail("view", "type is %q, want %q", v.Type, slack.VTModal)
	}
	c.text("view", "title", v.Title, maxViewTitle, true)
	c.optText("view", "submit", v.Submit, maxViewTitle, true)
	c.optText("view", "close", v.Close, maxViewTitle, true)
	c.view(len(v.Blocks.BlockSet), v.PrivateMetadata, v.CallbackID)
	for _, b := range v.Blocks.BlockSet {
		if isInput(b) && v.Submit == nil {
			c.fail("view", "has input blocks but no submit button")
			break
		}
	}
	c.blocks(v.Blocks.BlockSet)
	c.size(v)
	return c.err()
}

// ValidateHome checks a Home tab: at most 100 blocks, ids and
// private_metadata within bounds, and the block and element rules.
func ValidateHome(v slack.HomeTabViewRequest) error {
	c := newChecker()
	if v.Type != slack.VTHomeTab {
		c.fail("view", "type is %q, want %q", v.Type, slack.VTHomeTab)
	}
	c.view(len(v.Blocks.BlockSet), v.PrivateMetadata, v.CallbackID)
	c.blocks(v.Blocks.BlockSet)
	c.size(v)
	return c.err()
}

// size checks a view's JSON against maxViewBytes.
func (c *checker) size(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		c.fail("view", "does not encode: %v", err)
		return
	}
	if len(b) > maxViewBytes {
		c.fail("view", "%d bytes of JSON, max %d", len(b), maxViewBytes)
	}
}

func (c *checker) view(blocks int, metadata, callbackID string) {
	if blocks > maxViewBlocks {
		c.fail("view", "%d blocks, max %d", blocks, maxViewBlocks)
	}
	c.length("view", "private_metadata", metadata, maxMetadata)
	c.id("view", "callback_id", callbackID)
}

func isInput(b slack.Block) bool {
	_, ok := as[slack.InputBlock](b)
	return ok
}

// as returns b as a *T whether it holds a T or a *T, since slack-go's
// blocks and elements satisfy their interfaces with value receivers.
func as[T any](b any) (*T, bool) {
	switch v := b.(type) {
	case *T:
		return v, v != nil
	case T:
		return &v, true
	}
	return nil, false
}

func (c *checker) blocks(blocks []slack.Block) {
	for i, b := range blocks {
		if b == nil {
			c.fail(fmt.Sprintf("block %d", i), "is nil")
			continue
		}
		where := fmt.Sprintf("block %d %s", i, b.BlockType())
		if id := b.ID(); id != "" {
			where += fmt.Sprintf(" %q", id)
			c.id(where, "block_id", id)
			if c.blockIDs[id] {
				c.fail(where, "block_id %q is used twice", id)
			}
			c.blockIDs[id] = true
		}
		c.block(where, b)
	}
}

func (c *checker) block(where string, b slack.Block) {
	if s, ok := as[slack.SectionBlock](b); ok {
		if s.Text == nil && len(s.Fields) == 0 {
			c.fail(where, "section needs text or fields")
		}
		c.optText(where, "text", s.Text, maxText, false)
		if n := len(s.Fields); n > maxSectionFields {
			c.fail(where, "%d fields, max %d", n, maxSectionFields)
		}
		for j, f := range s.Fields {
			c.text(where, fmt.Sprintf("field %d", j), f, maxSectionField, false)
		}
		if s.Accessory != nil {
			c.elements(where+" accessory", accessoryElements(s.Accessory))
		}
		return
	}
	if h, ok := as[slack.HeaderBlock](b); ok {
		c.text(where, "header text", h.Text, maxHeaderText, true)
		return
	}
	if x, ok := as[slack.ContextBlock](b); ok {
		els := x.ContextElements.Elements
		if len(els) == 0 || len(els) > maxContextItems {
			c.fail(where, "%d elements, want 1 to %d", len(els), maxContextItems)
		}
		for j, e := range els {
			if t, ok := as[slack.TextBlockObject](e); ok {
				c.text(where, fmt.Sprintf("element %d", j), t, maxText, false)
			}
			if img, ok := as[slack.ImageBlockElement](e); ok {
				c.image(fmt.Sprintf("%s element %d", where, j), img)
			}
		}
		return
	}
	if a, ok := as[slack.ActionBlock](b); ok {
		var els []slack.BlockElement
		if a.Elements != nil {
			els = a.Elements.ElementSet
		}
		if len(els) == 0 || len(els) > maxActionElements {
			c.fail(where, "%d elements, want 1 to %d", len(els), maxActionElements)
		}
		c.elements(where, els)
		return
	}
	if in, ok := as[slack.InputBlock](b); ok {
		c.text(where, "label", in.Label, maxInputLabel, true)
		c.optText(where, "hint", in.Hint, maxInputHint, true)
		if in.Element == nil {
			c.fail(where, "input has no element")
			return
		}
		c.elements(where, []slack.BlockElement{in.Element})
		return
	}
	if img, ok := as[slack.ImageBlock](b); ok {
		c.length(where, "image_url", img.ImageURL, maxURL)
		c.length(where, "alt_text", img.AltText, maxAltText)
		c.optText(where, "title", img.Title, maxInputLabel, true)
	}
	// Dividers and other blocks carry nothing with a limit we use.
}

// accessoryElements unpacks slack-go's Accessory union.
func accessoryElements(a *slack.Accessory) []slack.BlockElement {
	var out []slack.BlockElement
	for _, e := range []slack.BlockElement{
		a.ImageElement, a.ButtonElement, a.OverflowElement, a.DatePickerElement,
		a.TimePickerElement, a.PlainTextInputElement, a.RichTextInputElement,
		a.RadioButtonsElement, a.SelectElement, a.MultiSelectElement,
		a.CheckboxGroupsBlockElement, a.WorkflowButtonElement, a.UnknownElement,
	} {
		// A nil *T in an interface is not nil; as reports it as absent.
		if e != nil && !isNilElement(e) {
			out = append(out, e)
		}
	}
	return out
}

func isNilElement(e slack.BlockElement) bool {
	switch v := e.(type) {
	case *slack.ImageBlockElement:
		return v == nil
	case *slack.ButtonBlockElement:
		return v == nil
	case *slack.OverflowBlockElement:
		return v == nil
	case *slack.DatePickerBlockElement:
		return v == nil
	case *slack.TimePickerBlockElement:
		return v == nil
	case *slack.PlainTextInputBlockElement:
		return v == nil
	case *slack.RichTextInputBlockElement:
		return v == nil
	case *slack.RadioButtonsBlockElement:
		return v == nil
	case *slack.SelectBlockElement:
		return v == nil
	case *slack.MultiSelectBlockElement:
		return v == nil
	case *slack.CheckboxGroupsBlockElement:
		return v == nil
	case *slack.WorkflowButtonBlockElement:
		return v == nil
	case *slack.UnknownBlockElement:
		return v == nil
	}
	return false
}

// elements checks the elements of one block; their action ids must be
// unique within it (Slack's rule is per block, so list rows may share one).
func (c *checker) elements(where string, els []slack.BlockElement) {
	actionIDs := map[string]bool{}
	for j, e := range els {
		ew := fmt.Sprintf("%s element %d %s", where, j, e.ElementType())
		id := c.element(ew, e)
		if id == "" {
			continue
		}
		c.id(ew, "action_id", id)
		if actionIDs[id] {
			c.fail(ew, "action_id %q is used twice in the block", id)
		}
		actionIDs[id] = true
	}
}

// element checks one element and returns its action id.
func (c *checker) element(where string, e slack.BlockElement) string {
	if b, ok := as[slack.ButtonBlockElement](e); ok {
		c.text(where, "button text", b.Text, maxButtonText, true)
		c.length(where, "value", b.Value, maxButtonValue)
		c.length(where, "url", b.URL, maxURL)
		c.confirm(where, b.Confirm)
		return b.ActionID
	}
	if o, ok := as[slack.OverflowBlockElement](e); ok {
		if n := len(o.Options); n == 0 || n > maxOverflowOpts {
			c.fail(where, "%d options, want 1 to %d", n, maxOverflowOpts)
		}
		c.options(where, o.Options, true)
		c.confirm(where, o.Confirm)
		return o.ActionID
	}
	if s, ok := as[slack.SelectBlockElement](e); ok {
		c.optText(where, "placeholder", s.Placeholder, maxPlaceholder, true)
		c.selectOptions(where, s.Options, s.OptionGroups)
		c.confirm(where, s.Confirm)
		return s.ActionID
	}
	if s, ok := as[slack.MultiSelectBlockElement](e); ok {
		c.optText(where, "placeholder", s.Placeholder, maxPlaceholder, true)
		c.selectOptions(where, s.Options, s.OptionGroups)
		c.confirm(where, s.Confirm)
		return s.ActionID
	}
	if r, ok := as[slack.RadioButtonsBlockElement](e); ok {
		c.choiceOptions(where, r.Options)
		c.confirm(where, r.Confirm)
		return r.ActionID
	}
	if x, ok := as[slack.CheckboxGroupsBlockElement](e); ok {
		c.choiceOptions(where, x.Options)
		c.confirm(where, x.Confirm)
		return x.ActionID
	}
	if d, ok := as[slack.DatePickerBlockElement](e); ok {
		c.optText(where, "placeholder", d.Placeholder, maxPlaceholder, true)
		if d.InitialDate != "" {
			if _, err := time.Parse("2006-01-02", d.InitialDate); err != nil {
				c.fail(where, "initial_date %q is not YYYY-MM-DD", d.InitialDate)
			}
		}
		c.confirm(where, d.Confirm)
		return d.ActionID
	}
	if p, ok := as[slack.PlainTextInputBlockElement](e); ok {
		c.optText(where, "placeholder", p.Placeholder, maxPlaceholder, true)
		if p.MaxLength < 0 || p.MaxLength > maxInputLength {
			c.fail(where, "max_length is %d, want 1 to %d", p.MaxLength, maxInputLength)
		}
		if p.MinLength < 0 || p.MinLength > maxInputLength || (p.MaxLength > 0 && p.MinLength > p.MaxLength) {
			c.fail(where, "min_length is %d, want 0 to %d and not above max_length", p.MinLength, maxInputLength)
		}
		if p.MaxLength > 0 {
			c.length(where, "initial_value", p.InitialValue, p.MaxLength)
		}
		return p.ActionID
	}
	if m, ok := as[slack.EmailTextInputBlockElement](e); ok {
		c.optText(where, "placeholder", m.Placeholder, maxPlaceholder, true)
		return m.ActionID
	}
	if u, ok := as[slack.URLTextInputBlockElement](e); ok {
		c.optText(where, "placeholder", u.Placeholder, maxPlaceholder, true)
		return u.ActionID
	}
	if img, ok := as[slack.ImageBlockElement](e); ok {
		c.image(where, img)
		return ""
	}
	if t, ok := as[slack.TimePickerBlockElement](e); ok {
		c.optText(where, "placeholder", t.Placeholder, maxPlaceholder, true)
		return t.ActionID
	}
	return ""
}

func (c *checker) image(where string, img *slack.ImageBlockElement) {
	if img.ImageURL != nil {
		c.length(where, "image_url", *img.ImageURL, maxURL)
	}
	c.length(where, "alt_text", img.AltText, maxAltText)
}

// selectOptions checks a select menu's options or option groups (not both),
// each list within 100.
func (c *checker) selectOptions(where string, opts []*slack.OptionBlockObject, groups []*slack.OptionGroupBlockObject) {
	if len(opts) > 0 && len(groups) > 0 {
		c.fail(where, "has both options and option_groups")
	}
	if n := len(opts); n > maxSelectOptions {
		c.fail(where, "%d options, max %d", n, maxSelectOptions)
	}
	c.options(where, opts, true)
	if n := len(groups); n > maxSelectOptions {
		c.fail(where, "%d option groups, max %d", n, maxSelectOptions)
	}
	for k, g := range groups {
		gw := fmt.Sprintf("%s group %d", where, k)
		c.text(gw, "label", g.Label, maxGroupLabel, true)
		if n := len(g.Options); n == 0 || n > maxSelectOptions {
			c.fail(gw, "%d options, want 1 to %d", n, maxSelectOptions)
		}
		c.options(gw, g.Options, true)
	}
}

// choiceOptions checks the options of radio buttons and checkboxes.
func (c *checker) choiceOptions(where string, opts []*slack.OptionBlockObject) {
	if n := len(opts); n == 0 || n > maxRadioOpts {
		c.fail(where, "%d options, want 1 to %d", n, maxRadioOpts)
	}
	c.options(where, opts, false)
}

// options checks option objects; menus allow only plain_text labels.
func (c *checker) options(where string, opts []*slack.OptionBlockObject, plainOnly bool) {
	for k, o := range opts {
		ow := fmt.Sprintf("%s option %d", where, k)
		if o == nil {
			c.fail(ow, "is nil")
			continue
		}
		c.text(ow, "text", o.Text, maxOptionText, plainOnly)
		c.length(ow, "value", o.Value, maxOptionValue)
		c.optText(ow, "description", o.Description, maxOptionDesc, plainOnly)
		c.length(ow, "url", o.URL, maxURL)
	}
}

func (c *checker) confirm(where string, cf *slack.ConfirmationBlockObject) {
	if cf == nil {
		return
	}
	where += " confirm"
	c.text(where, "title", cf.Title, maxConfirmTitle, true)
	c.text(where, "text", cf.Text, maxConfirmText, false)
	c.text(where, "confirm", cf.Confirm, maxConfirmButton, true)
	c.optText(where, "deny", cf.Deny, maxConfirmButton, true)
}
