package messages

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
)

// Goldens for the bot's own small payloads: errors, the Home tab and the
// line that replaces a nudge after a choice.

func TestErrorPayloads(t *testing.T) {
	checkView(t, "submit_failed_view", *SubmitFailedView())
	for name, m := range map[string]Message{
		"modal_failed": ModalFailed(),
		"not_yours":    NotYours(),
		"already_done": AlreadyDone(),
	} {
		t.Run(name, func(t *testing.T) {
			checkMessage(t, name, m)
			if strings.Contains(strings.ToLower(m.Text), "you haven't") {
				t.Errorf("%s blames the student: %q", name, m.Text)
			}
		})
	}
}

func TestChoiceDone(t *testing.T) {
	loc := newYork(t)
	base := followup.Interview{ID: 9, Company: "Initech", Role: "QA Lead", InterviewDate: date(t, "2026-01-02")}
	for _, st := range []followup.Stage{followup.StageSnoozed, followup.StageReplied, followup.StageOffer,
		followup.StageRejected, followup.StageWithdrawn, followup.StageNoReply, followup.StageSent} {
		t.Run(string(st), func(t *testing.T) {
			iv := base
			iv.Stage = st
			if st == followup.StageSnoozed {
				iv.NextNudgeAt = date(t, "2026-01-19").In(loc, 9, 0)
			}
			m := ChoiceDone(iv, loc)
			checkMessage(t, "choice_done_"+string(st), m)
			if strings.Contains(string(mustJSON(t, m)), ActionDiagnose) {
				t.Errorf("choice message still offers the 3-way check")
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLogModalCutsOverLongPrefill(t *testing.T) {
	long := strings.Repeat("Acme ", 100)
	v := LogModal(LogPrefill{Company: long, Role: long, Today: date(t, "2026-01-14")})
	if err := ValidateView(v); err != nil {
		t.Errorf("ValidateView with a 500-character prefill: %v", err)
	}
}
