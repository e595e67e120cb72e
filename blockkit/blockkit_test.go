package blockkit

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
)

// verdict is "" for a valid payload and "bad" for one Slack refuses.
func verdict(err error) string {
	if err == nil {
		return ""
	}
	return "bad"
}

// TestBlockKitLimits checks, on raw JSON as Slack receives it, the Block Kit limits Slack enforces on elements
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
		{"PrefillOverMaxLength", input(`{"type":"plain_text_input","action_id":"a","max_length":5,"initial_value":"123456"}`), "bad"},
		{"PrefillOver3000", input(`{"type":"plain_text_input","action_id":"a","initial_value":"` + strings.Repeat("x", 3001) + `"}`), "bad"},
		{"MaxLengthOver3000", input(`{"type":"plain_text_input","action_id":"a","max_length":3001}`), "bad"},
		{"MinOverMax", input(`{"type":"plain_text_input","action_id":"a","min_length":10,"max_length":5}`), "bad"},
		{"PlaceholderOver150", input(`{"type":"plain_text_input","action_id":"a","placeholder":{"type":"plain_text","text":"` + strings.Repeat("x", 151) + `"}}`), "bad"},
		{"MrkdwnLabel", `[{"type":"input","label":{"type":"mrkdwn","text":"L"},"element":{"type":"plain_text_input"}}]`, "bad"},
		{"Select100Options", sel(many(100), ""), ""},
		{"Select101Options", sel(many(101), ""), "bad"},
		{"SelectNoOptions", sel(nil, ""), "bad"},
		{"OptionTextOver75", sel([]string{opt(strings.Repeat("x", 76), "v")}, ""), "bad"},
		{"OptionValueOver150", sel([]string{opt("o", strings.Repeat("v", 151))}, ""), "bad"},
		{"InitialOptionListed", sel([]string{opt("a", "1"), opt("b", "2")}, opt("b", "2")), ""},
		{"InitialOptionNotListed", sel([]string{opt("a", "1")}, opt("b", "2")), "bad"},
		{"OptionGroups", `[{"type":"section","text":{"type":"mrkdwn","text":"t"},"accessory":{"type":"static_select","option_groups":[{"label":{"type":"plain_text","text":"G"},"options":[` + opt("a", "1") + `]}]}}]`, ""},
		{"OptionsAndGroups", `[{"type":"section","text":{"type":"mrkdwn","text":"t"},"accessory":{"type":"static_select","options":[` + opt("a", "1") + `],"option_groups":[{"label":{"type":"plain_text","text":"G"},"options":[` + opt("a", "1") + `]}]}}]`, "bad"},
		{"ButtonBadStyle", `[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Go"},"style":"secondary"}]}]`, "bad"},
		{"ButtonConfirm", `[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Delete"},"confirm":{"title":{"type":"plain_text","text":"Sure?"},"text":{"type":"plain_text","text":"It goes."},"confirm":{"type":"plain_text","text":"Delete"},"deny":{"type":"plain_text","text":"Keep"}}}]}]`, ""},
		{"ButtonConfirmNoDeny", `[{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Delete"},"confirm":{"title":{"type":"plain_text","text":"Sure?"},"text":{"type":"plain_text","text":"It goes."},"confirm":{"type":"plain_text","text":"Delete"}}}]}]`, "bad"},
		{"SectionFieldOver2000", `[{"type":"section","fields":[{"type":"mrkdwn","text":"` + strings.Repeat("x", 2001) + `"}]}]`, "bad"},
		{"SectionUnknownTextType", `[{"type":"section","text":{"type":"markdown","text":"hi"}}]`, "bad"},
		{"DatepickerBadDate", input(`{"type":"datepicker","action_id":"d","initial_date":"03/03/2025"}`), "bad"},
		{"RichTextPreformatted", rich(`[{"type":"rich_text_preformatted","border":0,"elements":[{"type":"text","text":"Hi Dana,\n"}]}]`), ""},
		{"RichTextList", rich(`[{"type":"rich_text_list","style":"bullet","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"one"},{"type":"link","url":"https://example.com"}]}]}]`), ""},
		{"RichTextEmpty", rich(`[]`), "bad"},
		{"RichTextNoElements", `[{"type":"rich_text"}]`, "bad"},
		{"RichTextUnknownContainer", rich(`[{"type":"rich_text_code","elements":[]}]`), "bad"},
		{"RichTextUnknownInline", rich(`[{"type":"rich_text_section","elements":[{"type":"bold","text":"x"}]}]`), "bad"},
		{"RichTextTextWithoutText", rich(`[{"type":"rich_text_preformatted","elements":[{"type":"text"}]}]`), "bad"},
		{"RichTextListBadStyle", rich(`[{"type":"rich_text_list","style":"dash","elements":[{"type":"rich_text_section","elements":[]}]}]`), "bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ValidateBlocks(json.RawMessage(tt.blocks), 50)
			if got := verdict(err); got != tt.want {
				t.Errorf("got %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

// TestLimitErrorsSayWhere checks that each problem names the block and
// element at fault, so a failing golden test reads like a review comment.
func TestLimitErrorsSayWhere(t *testing.T) {
	blocks := `[{"type":"section","block_id":"a","text":{"type":"mrkdwn","text":"hi"}},` +
		`{"type":"actions","block_id":"b","elements":[{"type":"button","action_id":"go","text":{"type":"plain_text","text":"` + strings.Repeat("x", 76) + `"}}]}]`
	_, err := ValidateBlocks(json.RawMessage(blocks), 50)
	var le *LimitError
	if !errors.As(err, &le) {
		t.Fatalf("got %v, want a *LimitError", err)
	}
	if want := `block 1 actions "b" element 0 button`; le.Where != want {
		t.Errorf("where: got %q, want %q", le.Where, want)
	}
	if want := "button text is 76 characters, max 75"; le.Problem != want {
		t.Errorf("problem: got %q, want %q", le.Problem, want)
	}
}

func TestValidateView(t *testing.T) {
	input := `{"type":"input","block_id":"i","label":{"type":"plain_text","text":"L"},"element":{"type":"plain_text_input","action_id":"a"}}`
	tests := []struct {
		name, view, want string
	}{
		{"Modal", `{"type":"modal","title":{"type":"plain_text","text":"T"},"submit":{"type":"plain_text","text":"Save"},"blocks":[` + input + `]}`, ""},
		{"ModalNoSubmit", `{"type":"modal","title":{"type":"plain_text","text":"T"},"blocks":[` + input + `]}`, "no submit button"},
		{"ModalNoTitle", `{"type":"modal","blocks":[]}`, "title is missing"},
		{"Home", `{"type":"home","blocks":[{"type":"divider"}]}`, ""},
		{"UnknownType", `{"type":"workflow_step","blocks":[]}`, "want modal or home"},
		{"ExternalID", `{"type":"home","external_id":"` + strings.Repeat("e", 256) + `"}`, "external_id is 256 characters"},
		{"NotJSON", `{"type":`, "not a JSON object"},
		{"TooBig", `{"type":"home","private_metadata":"","blocks":[{"type":"section","text":{"type":"plain_text","text":"` + strings.Repeat("x", MaxViewBytes) + `"}}]}`, "bytes of JSON, max 250000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateView(json.RawMessage(tt.view))
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
