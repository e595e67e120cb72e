package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
)

func TestSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+33 1 23", "'+33 1 23"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"Acme", "Acme"},
		{"", ""},
		{"a=b", "a=b"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := Safe(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if back := Unsafe(Safe(tc.in)); back != tc.in {
				t.Errorf("round trip: got %q, want %q", back, tc.in)
			}
		})
	}
}

func TestCSVAndJSON(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	logged := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	sent, _ := followup.ParseDate("2026-03-16")
	rec := followup.Record{Interviews: []followup.InterviewRecord{{
		Interview: followup.Interview{ID: 7, Company: "=cmd|' /C calc'!A0", Role: "Analyst",
			Stage: followup.StageOffer, SecondSentDate: &sent, CreatedAt: logged, UpdatedAt: logged.AddDate(0, 0, 20)},
		Stages: []followup.StageChange{{Stage: followup.StageLogged, At: logged}},
		Nudges: []followup.Nudge{{Kind: followup.NudgeSecondFollowUp, SentAt: logged.AddDate(0, 0, 10)}},
	}}}
	b, err := CSV(rec, paris)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{ // event, at
		{EventStage, "2026-03-02T10:00:00+01:00"},
		{EventNudge, "2026-03-12T10:00:00+01:00"},
		{EventSecondSent, "2026-03-16"},
		{EventOutcome, "2026-03-22T10:00:00+01:00"},
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("got %d rows, want %d: %q", len(rows), len(want)+1, rows)
	}
	for i, w := range want {
		r := rows[i+1]
		if r[1] != "'=cmd|' /C calc'!A0" {
			t.Errorf("row %d company: got %q, want it escaped", i, r[1])
		}
		if r[7] != w[0] || r[8] != w[1] {
			t.Errorf("row %d: got %s at %s, want %s at %s", i, r[7], r[8], w[0], w[1])
		}
	}

	j, err := JSON(rec, paris, logged)
	if err != nil {
		t.Fatal(err)
	}
	var doc Document
	if err := json.Unmarshal(j, &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Interviews[0]; got.Company != rec.Interviews[0].Interview.Company || got.Outcome != "offer" || got.SecondSentDate != "2026-03-16" {
		t.Errorf("json interview: got %+v", got)
	}
}
