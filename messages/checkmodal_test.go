package messages

import (
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

func TestCheckViews(t *testing.T) {
	tests := []struct {
		name string
		v    slack.ModalViewRequest
	}{
		{"check_modal", CheckModal()},
		{"check_result_passed", CheckResultView(Check(goodDraft, CheckOptions{}))},
		{"check_result_failed", CheckResultView(Check("Hi <!channel>,\n\nJust checking in *again*. Any updates on next steps?\n\nThanks,\nSam", CheckOptions{}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkView(t, tt.name, tt.v) })
	}
}

func TestParseCheck(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{"Typed", "\n Hi Dana,\n\nShall I?\n", "Hi Dana,\n\nShall I?", false},
		{"Empty", "  \n", "", true},
		{"TooLong", strings.Repeat("x", MaxCheckLen+1), strings.Repeat("x", MaxCheckLen+1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := ParseCheck(values(map[[2]string]slack.BlockAction{{BlockCheckText, ActionCheckText}: {Value: tt.in}}))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if (errs[FieldCheckText] != "") != tt.wantErr {
				t.Errorf("error: got %q, want error=%v", errs[FieldCheckText], tt.wantErr)
			}
			if _, ok := CheckErrors(errs)[BlockCheckText]; ok != tt.wantErr {
				t.Errorf("CheckErrors: got %v, want error on %s=%v", CheckErrors(errs), BlockCheckText, tt.wantErr)
			}
		})
	}
}

func TestValues(t *testing.T) {
	t.Run("Diagnose", func(t *testing.T) {
		for _, d := range []followup.Diagnosis{followup.DiagnosisWhoDecides, followup.DiagnosisMissingInfo, followup.DiagnosisTooBusy, followup.DiagnosisNotSure} {
			gd, id, err := ParseDiagnoseValue(DiagnoseValue(d, 42))
			if gd != d || id != 42 || err != nil {
				t.Errorf("%s: got %q, %d, %v; want %q, 42, nil", d, gd, id, err, d)
			}
		}
		for _, bad := range []string{"", "who_decides", "who_decides:0", "who_decides:x", "nope:3", ":3"} {
			if _, _, err := ParseDiagnoseValue(bad); err == nil {
				t.Errorf("%q: got nil error, want one", bad)
			}
		}
	})
	t.Run("Draft", func(t *testing.T) {
		d, iv, err := ParseDraftValue(DraftValue(followup.Draft{ID: 7, InterviewID: 42}))
		if d != 7 || iv != 42 || err != nil {
			t.Errorf("got %d, %d, %v; want 7, 42, nil", d, iv, err)
		}
		for _, bad := range []string{"", "7", "7:0", "0:42", "a:b"} {
			if _, _, err := ParseDraftValue(bad); err == nil {
				t.Errorf("%q: got nil error, want one", bad)
			}
		}
	})
	t.Run("Item", func(t *testing.T) {
		for _, want := range [][2]int64{{0, 42}, {9, 42}} {
			it, iv, err := ParseItemValue(ItemValue(want[0], want[1]))
			if it != want[0] || iv != want[1] || err != nil {
				t.Errorf("got %d, %d, %v; want %d, %d, nil", it, iv, err, want[0], want[1])
			}
		}
		for _, bad := range []string{"", "9", "-1:42", "9:0", "x:42"} {
			if _, _, err := ParseItemValue(bad); err == nil {
				t.Errorf("%q: got nil error, want one", bad)
			}
		}
	})
	t.Run("ID", func(t *testing.T) {
		if id, err := ParseIDValue(IDValue(9)); id != 9 || err != nil {
			t.Errorf("got %d, %v; want 9, nil", id, err)
		}
		for _, bad := range []string{"", "0", "-3", "x"} {
			if _, err := ParseIDValue(bad); err == nil {
				t.Errorf("%q: got nil error, want one", bad)
			}
		}
	})
	t.Run("DiagnoseActionIDsUnique", func(t *testing.T) {
		seen := map[string]bool{}
		for _, id := range DiagnoseActionIDs() {
			if seen[id] || !strings.HasPrefix(id, ActionDiagnose+"_") {
				t.Errorf("got %q, want unique ids with prefix %q", id, ActionDiagnose+"_")
			}
			seen[id] = true
		}
	})
}
