package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
)

func TestDrafts(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)
		iv := mustCreate(t, db, newInterview(ada, "Acme"))
		item := followup.LibraryItem{Student: ada, Kind: followup.KindBossSummary, Title: "Summary"}
		if err := db.SaveLibraryItem(ctx, &item); err != nil {
			t.Fatal(err)
		}

		first := followup.Draft{InterviewID: iv.ID, Kind: followup.NudgeSecondFollowUp, Diagnosis: followup.DiagnosisWhoDecides,
			LibraryItemID: item.ID, Subject: "Re: Data analyst", Body: "Hi Hank,\n\nWould a one-page summary help? Yes or no is fine."}
		if err := db.SaveDraft(ctx, &first); err != nil {
			t.Fatalf("SaveDraft: %v", err)
		}
		clock.Add(time.Minute)
		second := first
		second.ID, second.Body = 0, "A newer draft."
		if err := db.SaveDraft(ctx, &second); err != nil {
			t.Fatal(err)
		}
		closing := followup.Draft{InterviewID: iv.ID, Kind: followup.NudgeClosingNote, Body: "The door stays open."}
		if err := db.SaveDraft(ctx, &closing); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name    string
			iv      int64
			kind    followup.NudgeKind
			want    followup.Draft
			wantErr error
		}{
			{"LatestOfKind", iv.ID, followup.NudgeSecondFollowUp, second, nil},
			{"OtherKind", iv.ID, followup.NudgeClosingNote, closing, nil},
			{"NoneForInterview", 9999, followup.NudgeSecondFollowUp, followup.Draft{}, followup.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := db.LatestDraft(ctx, tt.iv, tt.kind)
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error: got %v, want %v", err, tt.wantErr)
				}
				if got != tt.want {
					t.Errorf("got %+v,\nwant %+v", got, tt.want)
				}
			})
		}

		t.Run("UpdateKeepsCreatedAt", func(t *testing.T) {
			clock.Add(time.Minute)
			ed := second
			ed.Body, ed.Edited = "My own words.", true
			ed.CreatedAt = time.Time{}
			if err := db.SaveDraft(ctx, &ed); err != nil {
				t.Fatal(err)
			}
			got, err := db.LatestDraft(ctx, iv.ID, followup.NudgeSecondFollowUp)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != second.ID || got.Body != "My own words." || !got.Edited || !got.CreatedAt.Equal(second.CreatedAt) || !got.UpdatedAt.Equal(clock.Now()) {
				t.Errorf("got %+v, want edited draft %d created %v updated %v", got, second.ID, second.CreatedAt, clock.Now())
			}
		})
		t.Run("UpdateMissing", func(t *testing.T) {
			d := first
			d.ID = 9999
			if err := db.SaveDraft(ctx, &d); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("got %v, want ErrNotFound", err)
			}
		})
		t.Run("UnknownLibraryItem", func(t *testing.T) {
			d := followup.Draft{InterviewID: iv.ID, Kind: followup.NudgeSecondFollowUp, LibraryItemID: 9999}
			if err := db.SaveDraft(ctx, &d); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("got %v, want ErrNotFound", err)
			}
		})
	})
}

func TestDraftOwnership(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, _, _ := open(t, e)
		mustStudent(t, db, ada)
		mustStudent(t, db, grace)
		iv := mustCreate(t, db, newInterview(ada, "Acme"))
		d := followup.Draft{InterviewID: iv.ID, Kind: followup.NudgeSecondFollowUp, Subject: "S", Body: "B"}
		if err := db.SaveDraft(ctx, &d); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name    string
			owner   followup.UserID
			id      int64
			wantErr error
		}{
			{"Owner", ada, d.ID, nil},
			{"OtherStudent", grace, d.ID, followup.ErrForbidden},
			{"Missing", ada, 9999, followup.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := db.Draft(ctx, tt.owner, tt.id)
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error: got %v, want %v", err, tt.wantErr)
				}
				if err == nil && got != d {
					t.Errorf("got %+v, want %+v", got, d)
				}
			})
		}
	})
}
