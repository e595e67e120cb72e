package slacktest

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// TestVerdictsMatchCheckBlocks checks that a remembered verdict is the one
// checkBlocks gives, the first time and every time after, whatever the
// limit on the number of blocks.
func TestVerdictsMatchCheckBlocks(t *testing.T) {
	tests := []struct {
		name   string
		blocks string
		max    int
	}{
		{"Valid", `[{"type":"section","text":{"type":"mrkdwn","text":"hi"}}]`, 50},
		{"OverMax", `[{"type":"divider"},{"type":"divider"}]`, 1},
		{"AtMax", `[{"type":"divider"},{"type":"divider"}]`, 2},
		{"EmptySection", `[{"type":"section"}]`, 50},
		{"DuplicateBlockID", `[{"type":"divider","block_id":"a"},{"type":"divider","block_id":"a"}]`, 50},
		{"NotJSON", `[{"type":`, 50},
	}
	var v verdicts
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantN, wantCode := checkBlocks(json.RawMessage(tt.blocks), tt.max)
			for i := range 3 {
				n, code := v.check(json.RawMessage(tt.blocks), tt.max)
				if n != wantN || code != wantCode {
					t.Errorf("check %d: got (%d, %q), want (%d, %q)", i+1, n, code, wantN, wantCode)
				}
			}
		})
	}
}

// TestBlockKitLimits checks the Block Kit limits Slack enforces on elements
// and rich text (docs.slack.dev/reference/block-kit): each case is a blocks
// array Slack refuses, or one it takes.
func TestBlockKitLimits(t *testing.T) {
	opt := func(text, value string) string {
		return `{"text":{"type":"plain_text","text":"` + text + `"},"value":"` + value + `"}`
	}
	sel := func(opts []string, initial string) string {
		s := `[{"type":"actions","elements":[{"type":"static_select","action_id":"s","options":[` + strings.Join(opts, ",") + `]`
		if initial != "" {
			s += `,"initial_option":` + initial
		}
		return s + `}]}]`
	}
	input := func(el string) string {
		return `[{"type":"input","block_id":"b","label":{"type":"plain_text","text":"L"},"element":` + el + `}]`
	}
	rich := func(elements string) string { return `[{"type":"rich_text","elements":` + elements + `}]` }
	many := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = opt("o", strconv.Itoa(i))
		}
		return out
	}
	tests := []struct {
		name   string
		blocks string
		want   string
	}{
		{"PrefillWithinMaxLength", input(`{"type":"plain_text_input","action_id":"a","max_length":5,"initial_value":"12345"}`), ""},
		{"PrefillOverMaxLength", input(`{"type":"plain_text_input","action_id":"a","max_length":5,"initial_value":"123456"}`), "invalid_blocks"},
		{"PrefillOver3000", input(`{"type":"plain_text_input","action_id":"a","initial_value":"` + strings.Repeat("x", 3001) + `"}`), "invalid_blocks"},
		{"MaxLengthOver3000", input(`{"type":"plain_text_input","action_id":"a","max_length":3001}`), "invalid_blocks"},
		{"MinOverMax", input(`{"type":"plain_text_input","action_id":"a","min_length":10,"max_length":5}`), "invalid_blocks"},
		{"PlaceholderOver150", input(`{"type":"plain_text_input","action_id":"a","placeholder":{"type":"plain_text","text":"` + strings.Repeat("x", 151) + `"}}`), "invalid_blocks"},
		{"MrkdwnLabel", `[{"type":"input","label":{"type":"mrkdwn","text":"L"},"element":{"type":"plain_text_input"}}]`, "invalid_blocks"},
		{"Select100Options", sel(many(100), ""), ""},
		{"Select101Options", sel(many(101), ""), "invalid_blocks"},
		{"SelectNoOptions", sel(nil, ""), "invalid_blocks"},
		{"OptionTextOver75", sel([]string{opt(strings.Repeat("x", 76), "v")}, ""), "invalid_blocks"},
		{"OptionValueOver150", sel([]string{opt("o", strings.Repeat("v", 151))}, ""), "invalid_blocks"},
		{"InitialOptionListed", sel([]string{opt("a", "1"), opt("b", "2")}, opt("b", "2")), ""},
		{"InitialOptionNotListed", sel([]string{opt("a", "1")}, opt("b", "2")), "invalid_blocks"},
		{"OptionGroups", `[{"type":"section","text":{"type":"mrkdwn","text":"t"},"accessory":{"type":"static_select","option_groups":[{"label":{"type":"plain_text","text":"G"},"options":[` + opt("a", "1") + `]}]}}]`, ""},
		{"OptionsAndGroups", `[{"type":"section","text":{"type":"mrkdwn","text":"t"},"accessory":{"type":"static_select","options":[` + opt("a", "1") + `],"option_groups":[{"label":{"type":"plain_text","text":"G"},"options":[` + opt("a", "1") + `]}]}}]`, "invalid_blocks"},
		{"ButtonBadStyle", `[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Go"},"style":"secondary"}]}]`, "invalid_blocks"},
		{"ButtonConfirm", `[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Delete"},"confirm":{"title":{"type":"plain_text","text":"Sure?"},"text":{"type":"plain_text","text":"It goes."},"confirm":{"type":"plain_text","text":"Delete"},"deny":{"type":"plain_text","text":"Keep"}}}]}]`, ""},
		{"ButtonConfirmNoDeny", `[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Delete"},"confirm":{"title":{"type":"plain_text","text":"Sure?"},"text":{"type":"plain_text","text":"It goes."},"confirm":{"type":"plain_text","text":"Delete"}}}]}]`, "invalid_blocks"},
		{"SectionFieldOver2000", `[{"type":"section","fields":[{"type":"mrkdwn","text":"` + strings.Repeat("x", 2001) + `"}]}]`, "invalid_blocks"},
		{"SectionUnknownTextType", `[{"type":"section","text":{"type":"markdown","text":"hi"}}]`, "invalid_blocks"},
		{"DatepickerBadDate", input(`{"type":"datepicker","action_id":"d","initial_date":"03/03/2025"}`), "invalid_blocks"},
		{"RichTextPreformatted", rich(`[{"type":"rich_text_preformatted","border":0,"elements":[{"type":"text","text":"Hi Dana,\n"}]}]`), ""},
		{"RichTextList", rich(`[{"type":"rich_text_list","style":"bullet","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"one"},{"type":"link","url":"https://example.com"}]}]}]`), ""},
		{"RichTextEmpty", rich(`[]`), "invalid_blocks"},
		{"RichTextNoElements", `[{"type":"rich_text"}]`, "invalid_blocks"},
		{"RichTextUnknownContainer", rich(`[{"type":"rich_text_code","elements":[]}]`), "invalid_blocks"},
		{"RichTextUnknownInline", rich(`[{"type":"rich_text_section","elements":[{"type":"bold","text":"x"}]}]`), "invalid_blocks"},
		{"RichTextTextWithoutText", rich(`[{"type":"rich_text_preformatted","elements":[{"type":"text"}]}]`), "invalid_blocks"},
		{"RichTextListBadStyle", rich(`[{"type":"rich_text_list","style":"dash","elements":[{"type":"rich_text_section","elements":[]}]}]`), "invalid_blocks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, got := checkBlocks(json.RawMessage(tt.blocks), 50); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
