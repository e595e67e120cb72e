package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
)

func TestCreateInterviewKeepsTextExactly(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)

		decision := date("2025-03-20")
		tests := []struct {
			name string
			iv   followup.Interview
		}{
			{"Plain", newInterview(ada, "Acme")},
			{"Whitespace", followup.Interview{Student: ada, Company: "  Acme  Corp\t", Role: "\nAnalyst \n", Notes: "line 1\r\nline 2\n\n"}},
			{"Unicode", followup.Interview{Student: ada, Company: "Zürich Ünïcode 株式会社 🚀", Role: "Ingénieure", InterviewerName: "Zoë O'Brien", Notes: `quotes "double" and 'single'; DROP TABLE students; --`}},
			{"AllFields", followup.Interview{
				Student: ada, Company: "Globex", Role: "PM", InterviewerName: "Hank", InterviewerEmail: "hank@globex.example",
				Notes: "n", Topic: "the move to real-time dashboards", ThankYouLogged: true,
				InterviewDate: date("2025-03-03"), FirstFollowUpDate: date("2025-03-04"), DecisionDate: &decision,
				Stage: followup.StageSnoozed, StageBeforeSnooze: followup.StageNudged, SnoozedUntil: time.Date(2025, 4, 1, 9, 0, 0, 0, time.FixedZone("X", 3600)),
				Diagnosis: followup.DiagnosisTooBusy, SecondDue: date("2025-03-14"), SecondSentDate: &decision,
				NextNudgeAt: time.Date(2025, 3, 14, 8, 0, 0, 1, time.UTC), NextNudgeKind: followup.NudgeClosingNote,
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				iv := tt.iv
				if err := db.CreateInterview(ctx, &iv); err != nil {
					t.Fatalf("CreateInterview: %v", err)
				}
				if iv.ID == 0 {
					t.Fatalf("ID: got 0, want one set")
				}
				if !iv.CreatedAt.Equal(clock.Now()) || !iv.UpdatedAt.Equal(clock.Now()) {
					t.Errorf("CreatedAt/UpdatedAt: got %v/%v, want %v", iv.CreatedAt, iv.UpdatedAt, clock.Now())
				}
				if tt.iv.Stage == "" && iv.Stage != followup.StageLogged {
					t.Errorf("Stage: got %q, want %q", iv.Stage, followup.StageLogged)
				}
				got, err := db.Interview(ctx, iv.ID)
				if err != nil {
					t.Fatalf("Interview: %v", err)
				}
				assertSameInterview(t, got, iv)
			})
		}
	})
}

// assertSameInterview compares interviews field by field, times with Equal.
func assertSameInterview(t *testing.T, got, want followup.Interview) {
	t.Helper()
	times := [][3]any{
		{"SnoozedUntil", got.SnoozedUntil, want.SnoozedUntil},
		{"NextNudgeAt", got.NextNudgeAt, want.NextNudgeAt},
		{"CreatedAt", got.CreatedAt, want.CreatedAt},
		{"UpdatedAt", got.UpdatedAt, want.UpdatedAt},
	}
	for _, tm := range times {
		if !tm[1].(time.Time).Equal(tm[2].(time.Time)) {
			t.Errorf("%s: got %v, want %v", tm[0], tm[1], tm[2])
		}
	}
	dates := [][3]any{{"DecisionDate", got.DecisionDate, want.DecisionDate}, {"SecondSentDate", got.SecondSentDate, want.SecondSentDate}}
	for _, d := range dates {
		g, w := d[1].(*followup.Date), d[2].(*followup.Date)
		if (g == nil) != (w == nil) || (g != nil && *g != *w) {
			t.Errorf("%s: got %v, want %v", d[0], g, w)
		}
	}
	got.SnoozedUntil, want.SnoozedUntil = time.Time{}, time.Time{}
	got.NextNudgeAt, want.NextNudgeAt = time.Time{}, time.Time{}
	got.CreatedAt, want.CreatedAt = time.Time{}, time.Time{}
	got.UpdatedAt, want.UpdatedAt = time.Time{}, time.Time{}
	got.DecisionDate, want.DecisionDate = nil, nil
	got.SecondSentDate, want.SecondSentDate = nil, nil
	if got != want {
		t.Errorf("got %+v,\nwant %+v", got, want)
	}
}

func TestInterviewNotFound(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db, _, _ := open(t, e)
		if _, err := db.Interview(context.Background(), 42); !errors.Is(err, followup.ErrNotFound) {
			t.Fatalf("got %v, want ErrNotFound", err)
		}
	})
}

func TestListInterviews(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, _, _ := open(t, e)
		mustStudent(t, db, ada)
		mustStudent(t, db, grace)

		mk := func(owner followup.UserID, company, day string) int64 {
			iv := newInterview(owner, company)
			iv.InterviewDate = date(day)
			return mustCreate(t, db, iv).ID
		}
		a := mk(ada, "A", "2025-03-01")
		b := mk(ada, "B", "2025-03-05")
		c := mk(ada, "C", "2025-03-01") // same day as A, logged later
		mk(grace, "G", "2025-03-09")

		tests := []struct {
			name  string
			owner followup.UserID
			limit int
			want  []int64
		}{
			{"All", ada, 0, []int64{b, c, a}},
			{"Limit", ada, 2, []int64{b, c}},
			{"NoneForStranger", followup.UserID{Team: "T9", User: "U9"}, 10, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ivs, err := db.ListInterviews(ctx, tt.owner, tt.limit)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, iv := range ivs {
					got = append(got, iv.ID)
					if iv.Student != tt.owner {
						t.Errorf("interview %d: got owner %v, want %v", iv.ID, iv.Student, tt.owner)
					}
				}
				if len(got) != len(tt.want) {
					t.Fatalf("ids: got %v, want %v", got, tt.want)
				}
				for i := range got {
					if got[i] != tt.want[i] {
						t.Fatalf("ids: got %v, want %v", got, tt.want)
					}
				}
			})
		}
	})
}

// TestUpdateStudentPlansOpenInterviewsOnly checks which interviews a
// settings change re-plans: the open ones, whatever their stage.
func TestUpdateStudentPlansOpenInterviewsOnly(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, _, _ := open(t, e)
		mustStudent(t, db, ada)
		want := map[int64]bool{}
		for _, st := range []followup.Stage{followup.StageLogged, followup.StageNudged, followup.StageSnoozed, followup.StageOffer, followup.StageNoReply, followup.StageRejected} {
			iv := newInterview(ada, string(st))
			iv.Stage = st
			iv = mustCreate(t, db, iv)
			if iv.Open() {
				want[iv.ID] = true
			}
		}
		var got []followup.Interview
		_, n, err := db.UpdateStudent(ctx, ada, func(*followup.Student) error { return nil },
			func(_ followup.Student, iv *followup.Interview) { got = append(got, *iv) })
		if err != nil {
			t.Fatal(err)
		}
		if n != len(got) {
			t.Errorf("re-planned count: got %d, want %d", n, len(got))
		}
		if len(got) != len(want) {
			t.Fatalf("open interviews: got %d, want %d", len(got), len(want))
		}
		for _, iv := range got {
			if !want[iv.ID] {
				t.Errorf("interview %d (%s): got open, want closed", iv.ID, iv.Stage)
			}
		}
	})
}

func TestUpdateInterview(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)
		mustStudent(t, db, grace)
		iv := mustCreate(t, db, newInterview(ada, "Acme"))
		clock.Add(time.Hour)

		errStop := errors.New("stop")
		tests := []struct {
			name    string
			owner   followup.UserID
			id      int64
			fn      func(*followup.Interview) error
			wantErr error
		}{
			{"Missing", ada, 999, func(*followup.Interview) error { return nil }, followup.ErrNotFound},
			{"OtherStudent", grace, iv.ID, func(*followup.Interview) error { return nil }, followup.ErrForbidden},
			{"FnError", ada, iv.ID, func(iv *followup.Interview) error { iv.Company = "X"; return errStop }, errStop},
			{"Changes", ada, iv.ID, func(iv *followup.Interview) error {
				iv.Stage = followup.StageDrafted
				iv.Diagnosis = followup.DiagnosisMissingInfo
				iv.Company = "Acme, Inc."
				iv.Student = grace         // ignored
				iv.CreatedAt = time.Time{} // ignored
				return nil
			}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, err := db.Interview(ctx, iv.ID)
				if err != nil {
					t.Fatal(err)
				}
				got, err := db.UpdateInterview(ctx, tt.owner, tt.id, tt.fn)
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error: got %v, want %v", err, tt.wantErr)
				}
				stored, err2 := db.Interview(ctx, iv.ID)
				if err2 != nil {
					t.Fatal(err2)
				}
				if err != nil {
					assertSameInterview(t, stored, before)
					return
				}
				assertSameInterview(t, stored, got)
				if got.Student != ada || !got.CreatedAt.Equal(iv.CreatedAt) || !got.UpdatedAt.Equal(clock.Now()) {
					t.Errorf("Student/CreatedAt/UpdatedAt: got %v/%v/%v, want %v/%v/%v",
						got.Student, got.CreatedAt, got.UpdatedAt, ada, iv.CreatedAt, clock.Now())
				}
				if got.Company != "Acme, Inc." || got.Stage != followup.StageDrafted {
					t.Errorf("changes: got %q/%q, want %q/%q", got.Company, got.Stage, "Acme, Inc.", followup.StageDrafted)
				}
			})
		}
	})
}
