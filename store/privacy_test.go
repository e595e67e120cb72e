package store_test

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store"
	"github.com/followup-coach/followup/store/storetest"
)

// fill gives a student a row in every table the store has: settings, a
// starter library item, two interviews (one with a pending and one with a
// claimed nudge), their stage history and a draft. It returns the
// interview ids.
func fill(t *testing.T, db *store.DB, clock interface{ Now() time.Time }, id followup.UserID) []int64 {
	t.Helper()
	ctx := context.Background()
	starters := []followup.LibraryItem{{Kind: followup.KindQuickWin, Title: "A quick win"}}
	if _, _, err := db.EnsureStudent(ctx, id, "Europe/Paris", followup.Settings{}, starters); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, company := range []string{"Acme", "Globex"} {
		iv := newInterview(id, company)
		iv.NextNudgeAt, iv.NextNudgeKind = clock.Now(), followup.NudgeSecondFollowUp
		iv = mustCreate(t, db, iv)
		ids = append(ids, iv.ID)
		if _, err := db.UpdateInterview(ctx, id, iv.ID, func(iv *followup.Interview) error { return iv.MarkDue() }); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveDraft(ctx, &followup.Draft{InterviewID: iv.ID, Kind: followup.NudgeSecondFollowUp, Subject: "Hello", Body: "Body"}); err != nil {
			t.Fatal(err)
		}
	}
	// Staff too: a grant, and an item shared with every student.
	if _, err := db.GrantStaff(ctx, &followup.StaffGrant{ID: id, GrantedBy: "U_ADMIN"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveCommunityItem(ctx, &followup.LibraryItem{Student: id, Kind: followup.KindLink, Title: "Salary guide", Link: "https://example.com"}); err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestForgetLeavesNoRow lists the tables from the schema, so a table added
// later (and forgotten by EraseStudent) fails here: first because the
// fixture puts no row of the student in it, then because the erase leaves
// that row.
// noStudentData are the tables that hold nothing of any student: which
// instances run, and which Slack submissions were already handled (keyed
// by view id). A table added to this list needs the same reason.
var noStudentData = map[string]bool{"instances": true, "submissions": true}

func TestForgetLeavesNoRow(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) { testForgetLeavesNoRow(t, e) })
}

func testForgetLeavesNoRow(t *testing.T, e storetest.Engine) {
	db, clock, dsn := open(t, e)
	ctx := context.Background()
	adaIDs := fill(t, db, clock, ada)
	graceIDs := fill(t, db, clock, grace)
	// One of Ada's nudges is claimed, as if the dispatcher were sending it.
	claimed, err := db.ClaimDueNudges(ctx, "test", clock.Now(), 1, 0)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %d claimed", err, len(claimed))
	}

	raw := storetest.Open(t, e, dsn)
	tables, err := storetest.Tables(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	before, err := storetest.RowsOf(ctx, raw, ada.User, adaIDs)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if noStudentData[tb] {
			continue
		}
		if before[tb] == 0 {
			t.Errorf("table %s: the fixture gives Ada no row there; add one to fill, and to EraseStudent's steps", tb)
		}
	}

	// Ada made Grace staff: Grace keeps the role, without Ada's name on it.
	if _, err := db.GrantStaff(ctx, &followup.StaffGrant{ID: followup.UserID{Team: "T1", User: "U_HOPPER"}, GrantedBy: ada.User}); err != nil {
		t.Fatal(err)
	}
	erased, err := db.EraseStudent(ctx, ada)
	if err != nil {
		t.Fatalf("EraseStudent: %v", err)
	}
	after, err := storetest.RowsOf(ctx, raw, ada.User, adaIDs)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 0 {
		t.Errorf("rows of Ada left after forget: %v", after)
	}
	if !maps.Equal(map[string]int64(erased), toInt64(before)) {
		t.Errorf("erased: got %v, want what was there: %v", erased, before)
	}
	others, err := storetest.RowsOf(ctx, raw, grace.User, graceIDs)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if noStudentData[tb] {
			continue
		}
		if others[tb] == 0 {
			t.Errorf("table %s: Grace's rows went too", tb)
		}
	}

	// The claimed nudge is gone: it can be neither marked sent nor put back.
	if err := db.MarkNudgeSent(ctx, claimed[0].ID, "D1", "1.2", time.Time{}); !errors.Is(err, followup.ErrNotFound) {
		t.Errorf("MarkNudgeSent after forget: got %v, want ErrNotFound", err)
	}
	if _, err := db.Student(ctx, ada); !errors.Is(err, followup.ErrNotFound) {
		t.Errorf("Student after forget: got %v, want ErrNotFound", err)
	}
	again, err := db.EraseStudent(ctx, ada)
	if err != nil || len(again) != 0 {
		t.Errorf("erasing again: got %v, %v; want nothing, no error", again, err)
	}
}

func toInt64(m map[string]int) map[string]int64 {
	out := map[string]int64{}
	for k, v := range m {
		out[k] = int64(v)
	}
	return out
}

func TestExportStudent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db, clock, _ := open(t, e)
		ctx := context.Background()
		ids := fill(t, db, clock, ada)
		fill(t, db, clock, grace)

		rec, err := db.ExportStudent(ctx, ada)
		if err != nil {
			t.Fatalf("ExportStudent: %v", err)
		}
		if rec.Student.ID != ada {
			t.Errorf("student: got %v, want %v", rec.Student.ID, ada)
		}
		var got []int64
		for _, r := range rec.Interviews {
			got = append(got, r.Interview.ID)
			if r.Interview.Student != ada {
				t.Errorf("interview %d belongs to %v", r.Interview.ID, r.Interview.Student)
			}
			stages := []followup.Stage{}
			for _, s := range r.Stages {
				stages = append(stages, s.Stage)
			}
			if want := []followup.Stage{followup.StageLogged, followup.StageDue}; !slices.Equal(stages, want) {
				t.Errorf("interview %d stages: got %v, want %v", r.Interview.ID, stages, want)
			}
			if len(r.Drafts) != 1 || len(r.Nudges) != 0 {
				t.Errorf("interview %d: got %d drafts, %d sent nudges; want 1, 0", r.Interview.ID, len(r.Drafts), len(r.Nudges))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, ids) {
			t.Errorf("interviews: got %v, want %v", got, ids)
		}
		if len(rec.Library) != 2 { // the starter, and the item Ada shared as staff
			t.Errorf("library: got %d items, want 2", len(rec.Library))
		}
		if _, err := db.ExportStudent(ctx, followup.UserID{Team: "T1", User: "U_NOBODY"}); !errors.Is(err, followup.ErrNotFound) {
			t.Errorf("unknown student: got %v, want ErrNotFound", err)
		}
	})
}

func TestStatsActivity(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db, clock, _ := open(t, e)
		ctx := context.Background()
		adaIDs := fill(t, db, clock, ada)
		fill(t, db, clock, grace)
		today := followup.DateOf(clock.Now().UTC())
		// Ada sent one second follow-up today, 9 business days after the
		// first, and got an offer.
		_, err := db.UpdateInterview(ctx, ada, adaIDs[0], func(iv *followup.Interview) error {
			iv.SecondSentDate, iv.SecondDue, iv.SecondWaited = &today, today, 9
			iv.Stage, iv.Diagnosis = followup.StageOffer, followup.DiagnosisTooBusy
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Grace opts out.
		_, _, err = db.UpdateStudent(ctx, grace, func(st *followup.Student) error {
			st.Settings.HideFromStats = true
			return nil
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		now := clock.Now()

		acts, err := db.StatsActivity(ctx, "T1", now.Add(-time.Hour), now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		one := followup.Replies{Sent: 1, Replied: 1}
		want := followup.StudentActivity{Student: ada.User, Logged: 2, Due: 1, Drafts: 2, Offers: 1, SecondSent: one,
			ByDiagnosis: []followup.Replies{{}, {}, one, {}, {}}, // too busy
			ByWait:      []followup.Replies{{}, {}, one, {}, {}}, // 8–9 days
		}
		if len(acts) != 1 || !reflect.DeepEqual(acts[0], want) {
			t.Errorf("activity: got %+v, want only Ada's %+v", acts, want)
		}
		st, err := db.Student(ctx, grace)
		if err != nil || !st.Settings.HideFromStats {
			t.Errorf("opt-out not kept: %+v, %v", st.Settings, err)
		}

		t.Run("AllTime", func(t *testing.T) {
			acts, err := db.StatsActivity(ctx, "T1", time.Time{}, now.Add(time.Hour))
			if err != nil || len(acts) != 1 || acts[0].Logged != 2 {
				t.Errorf("got %+v, %v; want Ada's two interviews", acts, err)
			}
		})
		t.Run("PeriodAfter", func(t *testing.T) {
			acts, err := db.StatsActivity(ctx, "T1", now.Add(24*time.Hour), now.Add(48*time.Hour))
			if err != nil || len(acts) != 0 {
				t.Errorf("got %+v, %v; want nothing", acts, err)
			}
		})
		t.Run("OtherTeam", func(t *testing.T) {
			acts, err := db.StatsActivity(ctx, "T2", time.Time{}, now.Add(time.Hour))
			if err != nil || len(acts) != 0 {
				t.Errorf("got %+v, %v; want nothing", acts, err)
			}
		})
	})
}
