package messages

import "github.com/slack-go/slack"

// SubmitFailedView is pushed over a modal whose save failed on our side, so
// the student's modal, and what they typed, stays underneath.
func SubmitFailedView() *slack.ModalViewRequest {
	return &slack.ModalViewRequest{
		Type:  slack.VTModal,
		Title: slack.NewTextBlockObject(slack.PlainTextType, "Not saved yet", false, false),
		Close: slack.NewTextBlockObject(slack.PlainTextType, "Back", false, false),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType,
				"Something went wrong on my side, and nothing was saved.\n"+
					"Press *Back*: your answers are still there. Then press *Save* again in a minute.", false, false), nil, nil),
		}},
	}
}

// ModalFailed explains a modal that Slack would not open.
func ModalFailed() Message {
	return Ephemeral("I couldn't open that form. Slack gives me only a few seconds, and this time it took longer. Please type the command again.")
}

// NotYours answers a click on something that belongs to another student, or
// that no longer exists. Nothing was changed.
func NotYours() Message {
	return Ephemeral("That button belongs to someone else's follow-up, or it no longer exists, so I left it as it was. Type `/followup list` to see yours.")
}

// AlreadyDone answers a click that no longer applies, such as a second
// click on a button whose step is over. Nothing was changed.
func AlreadyDone() Message {
	return Ephemeral("That step is already done, so I left things as they are. Type `/followup list` to see where each interview stands.")
}
