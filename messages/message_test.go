package messages

import (
	"encoding/json"
	"testing"
	"time"
	_ "time/tzdata" // the tests load America/New_York wherever they run

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

// checkMessage validates m against Slack's limits and compares it with its
// golden file.
func checkMessage(t *testing.T, name string, m Message) {
	t.Helper()
	if err := ValidateMessage(m); err != nil {
		t.Errorf("ValidateMessage(%s) = %v, want nil", name, err)
	}
	golden(t, name, m)
}

// checkView validates v against Slack's limits and compares it with its
// golden file.
func checkView(t *testing.T, name string, v slack.ModalViewRequest) {
	t.Helper()
	if err := ValidateView(v); err != nil {
		t.Errorf("ValidateView(%s) = %v, want nil", name, err)
	}
	golden(t, name, v)
}

func newYork(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatalf("load location: %v", err)
	}
	return loc
}

func date(t *testing.T, s string) followup.Date {
	t.Helper()
	d, err := followup.ParseDate(s)
	if err != nil {
		t.Fatalf("parse date: %v", err)
	}
	return d
}

func datePtr(t *testing.T, s string) *followup.Date {
	d := date(t, s)
	return &d
}

// asJSON round-trips v through JSON, as Slack would see it.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return out
}
