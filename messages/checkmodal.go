package messages

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

// MaxCheckLen is the longest draft CheckModal accepts: Slack's cap on a
// text input.
const MaxCheckLen = 3000

// CheckModal asks for a draft to put through the Test.
func CheckModal() slack.ModalViewRequest {
	text := textInput(ActionCheckText, "Paste your email here, greeting to sign-off", MaxCheckLen, true)
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plain("Check a draft"),
		Submit:     plain("Check it"),
		Close:      plain("Cancel"),
		CallbackID: CallbackCheck,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			section(BlockCheckIntro, "Paste a follow-up and I'll run it through the Test: does it place you in time, "+
				"bring something useful, and end with one question they can answer with yes, no or option B?"),
			input(BlockCheckText, "Your draft", "Nothing is saved: I read it, answer, and forget it.", text, false),
		}},
	}
}

// CheckResultView shows the Test point by point, with kind feedback.
func CheckResultView(r CheckResult) slack.ModalViewRequest {
	verdict := "*It passes the Test.* Send it when you're ready."
	if !r.Passed {
		ok := 0
		for _, p := range r.Points {
			if p.OK {
				ok++
			}
		}
		verdict = fmt.Sprintf("*%d of %d points.* Here's what to look at. Most fixes are one line.", ok, len(r.Points))
	}
	blocks := []slack.Block{section(BlockCheckVerdict, verdict)}
	for i, p := range r.Points {
		mark := "Looks good"
		if !p.OK {
			mark = "Worth a look"
		}
		blocks = append(blocks, section(fmt.Sprintf(checkPointBlockIDFmt, i), "*"+Escape(p.Name)+"* · "+mark+"\n"+Escape(p.Feedback)))
	}
	blocks = append(blocks, note(BlockCheckWords, fmt.Sprintf("%d words. Edit your draft and run `/followup check` again any time.", r.Words)))
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      plain("Your draft check"),
		Close:      plain("Done"),
		CallbackID: CallbackCheckResult,
		Blocks:     slack.Blocks{BlockSet: blocks},
	}
}

// ParseCheck reads a submitted CheckModal.
func ParseCheck(values map[string]map[string]slack.BlockAction) (string, followup.FieldErrors) {
	errs := followup.FieldErrors{}
	text := strings.TrimSpace(values[BlockCheckText][ActionCheckText].Value)
	switch {
	case text == "":
		errs[FieldCheckText] = "Paste your draft first, then press Check it."
	case utf8.RuneCountInString(text) > MaxCheckLen:
		errs[FieldCheckText] = fmt.Sprintf("That's longer than %d characters. A follow-up that works is much shorter, so trim it and try again.", MaxCheckLen)
	}
	return text, errs
}

// CheckErrors maps field errors onto the block of CheckModal for a
// response_action "errors".
func CheckErrors(errs followup.FieldErrors) map[string]string {
	return fieldErrors(errs, []followup.Field{FieldCheckText})
}
