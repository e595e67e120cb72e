package messages

import (
	"errors"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

// msg is a valid message with the given blocks.
func msg(blocks ...slack.Block) Message { return Message{Text: "fallback", Blocks: blocks} }

func sectionWithAccessory(e slack.BlockElement) *slack.SectionBlock {
	b := section("s", "text")
	b.Accessory = slack.NewAccessory(e)
	return b
}

func opts(n int) []*slack.OptionBlockObject {
	var out []*slack.OptionBlockObject
	for i := 0; i < n; i++ {
		out = append(out, option(strings.Repeat("v", i+1), "Option", ""))
	}
	return out
}

func TestValidateMessage(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	manyBlocks := func(n int) []slack.Block {
		var out []slack.Block
		for i := 0; i < n; i++ {
			out = append(out, slack.NewDividerBlock())
		}
		return out
	}
	for _, tc := range []struct {
		name string
		m    Message
		want string // a part of the error; "" for valid
	}{
		{"Valid", msg(section("a", "hi"), slack.NewActionBlock("b", button("x", "v", "Go"))), ""},
		{"FiftyBlocks", Message{Text: "t", Blocks: manyBlocks(50)}, ""},
		{"NoText", Message{Blocks: []slack.Block{section("a", "hi")}}, "text (the notification fallback) is empty"},
		{"TextTooLong", Message{Text: long(40001)}, "text is 40001 characters, max 40000"},
		{"TooManyBlocks", Message{Text: "t", Blocks: manyBlocks(51)}, "51 blocks, max 50"},
		{"SectionText", msg(section("a", long(3001))), "text is 3001 characters, max 3000"},
		{"SectionTextRunes", msg(section("a", strings.Repeat("é", 3000))), ""},
		{"SectionEmpty", msg(slack.NewSectionBlock(nil, nil, nil)), "section needs text or fields"},
		{"SectionEmptyText", msg(section("a", "")), "text is empty"},
		{"TooManyFields", msg(slack.NewSectionBlock(nil, []*slack.TextBlockObject{
			mrkdwn("1"), mrkdwn("2"), mrkdwn("3"), mrkdwn("4"), mrkdwn("5"), mrkdwn("6"),
			mrkdwn("7"), mrkdwn("8"), mrkdwn("9"), mrkdwn("10"), mrkdwn("11")}, nil)), "11 fields, max 10"},
		{"FieldTooLong", msg(slack.NewSectionBlock(nil, []*slack.TextBlockObject{mrkdwn(long(2001))}, nil)), "field 0 is 2001 characters, max 2000"},
		{"HeaderTooLong", msg(header("h", long(151))), "header text is 151 characters, max 150"},
		{"HeaderMrkdwn", msg(slack.NewHeaderBlock(mrkdwn("*hi*"))), "header text must be plain_text"},
		{"BadTextType", msg(slack.NewSectionBlock(&slack.TextBlockObject{Type: "html", Text: "x"}, nil, nil)), `has type "html"`},
		{"ButtonText", msg(slack.NewActionBlock("b", button("x", "", long(76)))), "button text is 76 characters, max 75"},
		{"ButtonValue", msg(slack.NewActionBlock("b", button("x", long(2001), "Go"))), "value is 2001 characters, max 2000"},
		{"ButtonURL", msg(slack.NewActionBlock("b", func() slack.BlockElement {
			e := button("x", "", "Go")
			e.URL = "https://x/" + long(3000)
			return e
		}())), "url is 3010 characters, max 3000"},
		{"ActionIDLong", msg(slack.NewActionBlock("b", button(long(256), "", "Go"))), "action_id is 256 characters, max 255"},
		{"ActionIDTwiceInBlock", msg(slack.NewActionBlock("b", button("x", "", "Go"), button("x", "", "Stop"))), `action_id "x" is used twice`},
		{"ActionIDInTwoBlocks", msg(slack.NewActionBlock("b1", button("x", "", "Go")), slack.NewActionBlock("b2", button("x", "", "Go"))), ""},
		{"BlockIDLong", msg(section(long(256), "hi")), "block_id is 256 characters, max 255"},
		{"BlockIDTwice", msg(section("a", "hi"), section("a", "again")), `block_id "a" is used twice`},
		{"ActionsEmpty", msg(slack.NewActionBlock("b")), "0 elements, want 1 to 25"},
		{"ActionsTooMany", msg(slack.NewActionBlock("b", func() []slack.BlockElement {
			var els []slack.BlockElement
			for i := 0; i < 26; i++ {
				els = append(els, button(strings.Repeat("x", i+1), "", "Go"))
			}
			return els
		}()...)), "26 elements, want 1 to 25"},
		{"ContextTooMany", msg(slack.NewContextBlock("c", mrkdwn("1"), mrkdwn("2"), mrkdwn("3"), mrkdwn("4"), mrkdwn("5"),
			mrkdwn("6"), mrkdwn("7"), mrkdwn("8"), mrkdwn("9"), mrkdwn("10"), mrkdwn("11"))), "11 elements, want 1 to 10"},
		{"OverflowTooMany", msg(sectionWithAccessory(slack.NewOverflowBlockElement("o", opts(6)...))), "6 options, want 1 to 5"},
		{"OptionText", msg(sectionWithAccessory(slack.NewOverflowBlockElement("o", option("v", long(76), "")))), "text is 76 characters, max 75"},
		{"OptionValue", msg(sectionWithAccessory(slack.NewOverflowBlockElement("o", option(long(151), "Go", "")))), "value is 151 characters, max 150"},
		{"OptionDescription", msg(sectionWithAccessory(slack.NewRadioButtonsBlockElement("r", option("v", "Go", long(76))))), "description is 76 characters, max 75"},
		{"OptionMrkdwnInMenu", msg(sectionWithAccessory(slack.NewOverflowBlockElement("o", slack.NewOptionBlockObject("v", mrkdwn("*x*"), nil)))), "text must be plain_text"},
		{"SelectTooMany", msg(sectionWithAccessory(slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick"), "s", opts(101)...))), "101 options, max 100"},
		{"SelectPlaceholder", msg(sectionWithAccessory(slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(long(151)), "s", opts(2)...))), "placeholder is 151 characters, max 150"},
		{"GroupLabel", msg(sectionWithAccessory(slack.NewOptionsGroupSelectBlockElement(slack.OptTypeStatic, plain("Pick"), "s",
			slack.NewOptionGroupBlockElement(plain(long(76)), opts(2)...)))), "label is 76 characters, max 75"},
		{"RadioTooMany", msg(sectionWithAccessory(slack.NewRadioButtonsBlockElement("r", opts(11)...))), "11 options, want 1 to 10"},
		{"CheckboxesTooMany", msg(sectionWithAccessory(slack.NewCheckboxGroupsBlockElement("c", opts(11)...))), "11 options, want 1 to 10"},
		{"DatePickerBadDate", msg(sectionWithAccessory(func() slack.BlockElement {
			d := slack.NewDatePickerBlockElement("d")
			d.InitialDate = "15/01/2026"
			return d
		}())), "is not YYYY-MM-DD"},
		{"ConfirmTooLong", msg(slack.NewActionBlock("b", func() slack.BlockElement {
			e := button("x", "", "Go")
			e.Confirm = slack.NewConfirmationBlockObject(plain("Sure?"), plain(long(301)), plain("Yes"), plain("No"))
			return e
		}())), "text is 301 characters, max 300"},
		{"ValueBlocks", msg(*section("a", long(3001))), "text is 3001 characters, max 3000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateMessage(tc.m)
			if tc.want == "" {
				if err != nil {
					t.Errorf("ValidateMessage = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ValidateMessage = %v, want an error containing %q", err, tc.want)
			}
			var le *LimitError
			if !errors.As(err, &le) {
				t.Errorf("ValidateMessage error %v is not a *LimitError", err)
			}
		})
	}
}

func TestValidateView(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	modal := func(edit func(v *slack.ModalViewRequest)) slack.ModalViewRequest {
		v := slack.ModalViewRequest{
			Type: slack.VTModal, Title: plain("Title"), Submit: plain("Save"), Close: plain("Cancel"),
			CallbackID: "cb",
			Blocks:     slack.Blocks{BlockSet: []slack.Block{input("i", "Label", "", textInput("a", "Type here", 100, false), false)}},
		}
		edit(&v)
		return v
	}
	withInput := func(label, hint string, e slack.BlockElement) func(v *slack.ModalViewRequest) {
		return func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet = []slack.Block{input("i", label, hint, e, false)}
		}
	}
	for _, tc := range []struct {
		name string
		v    slack.ModalViewRequest
		want string
	}{
		{"Valid", modal(func(*slack.ModalViewRequest) {}), ""},
		{"WrongType", modal(func(v *slack.ModalViewRequest) { v.Type = slack.VTHomeTab }), `type is "home"`},
		{"NoTitle", modal(func(v *slack.ModalViewRequest) { v.Title = nil }), "title is missing"},
		{"TitleTooLong", modal(func(v *slack.ModalViewRequest) { v.Title = plain(long(25)) }), "title is 25 characters, max 24"},
		{"SubmitTooLong", modal(func(v *slack.ModalViewRequest) { v.Submit = plain(long(25)) }), "submit is 25 characters, max 24"},
		{"CloseTooLong", modal(func(v *slack.ModalViewRequest) { v.Close = plain(long(25)) }), "close is 25 characters, max 24"},
		{"InputsWithoutSubmit", modal(func(v *slack.ModalViewRequest) { v.Submit = nil }), "no submit button"},
		{"Metadata", modal(func(v *slack.ModalViewRequest) { v.PrivateMetadata = long(3001) }), "private_metadata is 3001 characters, max 3000"},
		{"CallbackID", modal(func(v *slack.ModalViewRequest) { v.CallbackID = long(256) }), "callback_id is 256 characters, max 255"},
		{"TooManyBlocks", modal(func(v *slack.ModalViewRequest) {
			for i := 0; i < 100; i++ {
				v.Blocks.BlockSet = append(v.Blocks.BlockSet, slack.NewDividerBlock())
			}
		}), "101 blocks, max 100"},
		{"LabelTooLong", modal(withInput(long(2001), "", textInput("a", "x", 10, false))), "label is 2001 characters, max 2000"},
		{"HintTooLong", modal(withInput("Label", long(2001), textInput("a", "x", 10, false))), "hint is 2001 characters, max 2000"},
		{"PlaceholderTooLong", modal(withInput("Label", "", textInput("a", long(151), 10, false))), "placeholder is 151 characters, max 150"},
		{"MaxLengthTooBig", modal(withInput("Label", "", textInput("a", "x", 3001, false))), "max_length is 3001"},
		{"MinAboveMax", modal(withInput("Label", "", func() slack.BlockElement {
			e := textInput("a", "x", 10, false)
			e.MinLength = 11
			return e
		}())), "min_length is 11"},
		{"InitialValueTooLong", modal(withInput("Label", "", func() slack.BlockElement {
			e := textInput("a", "x", 10, false)
			e.InitialValue = long(11)
			return e
		}())), "initial_value is 11 characters, max 10"},
		{"EmailPlaceholder", modal(withInput("Label", "", slack.NewEmailTextInputBlockElement(plain(long(151)), "e"))), "placeholder is 151 characters, max 150"},
		{"NoElement", modal(withInput("Label", "", nil)), "input has no element"},
		{"BlockIDTwice", modal(func(v *slack.ModalViewRequest) {
			v.Blocks.BlockSet = append(v.Blocks.BlockSet, section("i", "again"))
		}), `block_id "i" is used twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateView(tc.v)
			if tc.want == "" {
				if err != nil {
					t.Errorf("ValidateView = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ValidateView = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestValidateHome(t *testing.T) {
	var many []slack.Block
	for i := 0; i < 101; i++ {
		many = append(many, slack.NewDividerBlock())
	}
	for _, tc := range []struct {
		name string
		v    slack.HomeTabViewRequest
		want string
	}{
		{"Valid", slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{section("a", "hi")}}}, ""},
		{"WrongType", slack.HomeTabViewRequest{Type: slack.VTModal}, `type is "modal"`},
		{"TooManyBlocks", slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: many}}, "101 blocks, max 100"},
		{"Metadata", slack.HomeTabViewRequest{Type: slack.VTHomeTab, PrivateMetadata: strings.Repeat("m", 3001)}, "private_metadata is 3001 characters"},
		{"BlockRules", slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{header("h", strings.Repeat("h", 151))}}}, "max 150"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateHome(tc.v)
			if tc.want == "" {
				if err != nil {
					t.Errorf("ValidateHome = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ValidateHome = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}
