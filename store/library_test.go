package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
)

func TestLibraryOwnership(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)
		mustStudent(t, db, grace)

		mine := followup.LibraryItem{Student: ada, Kind: followup.KindComparisonChart, Title: "Options side by side", Summary: "A vs B", Link: "https://example.com/chart"}
		if err := db.SaveLibraryItem(ctx, &mine); err != nil {
			t.Fatalf("SaveLibraryItem: %v", err)
		}
		if mine.ID == 0 || !mine.CreatedAt.Equal(clock.Now()) {
			t.Fatalf("saved item: got ID %d CreatedAt %v, want an ID and %v", mine.ID, mine.CreatedAt, clock.Now())
		}

		tests := []struct {
			name    string
			op      func() error
			wantErr error
		}{
			{"ReadOwn", func() error { _, err := db.LibraryItem(ctx, ada, mine.ID); return err }, nil},
			{"ReadOthers", func() error { _, err := db.LibraryItem(ctx, grace, mine.ID); return err }, followup.ErrForbidden},
			{"ReadMissing", func() error { _, err := db.LibraryItem(ctx, ada, 9999); return err }, followup.ErrNotFound},
			{"UpdateAsOther", func() error {
				it := mine
				it.Student, it.Title = grace, "stolen"
				return db.SaveLibraryItem(ctx, &it)
			}, followup.ErrForbidden},
			{"UpdateMissing", func() error {
				it := mine
				it.ID = 9999
				return db.SaveLibraryItem(ctx, &it)
			}, followup.ErrNotFound},
			{"DeleteOthers", func() error { return db.DeleteLibraryItem(ctx, grace, mine.ID) }, followup.ErrForbidden},
			{"DeleteMissing", func() error { return db.DeleteLibraryItem(ctx, ada, 9999) }, followup.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := tt.op(); !errors.Is(err, tt.wantErr) {
					t.Fatalf("got %v, want %v", err, tt.wantErr)
				}
				got, err := db.LibraryItem(ctx, ada, mine.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got != mine {
					t.Errorf("item after %s: got %+v, want %+v", tt.name, got, mine)
				}
			})
		}

		t.Run("UpdateOwn", func(t *testing.T) {
			clock.Add(time.Minute)
			it := mine
			it.Title, it.Summary = "Options, side by side", "Now with costs"
			if err := db.SaveLibraryItem(ctx, &it); err != nil {
				t.Fatal(err)
			}
			got, err := db.LibraryItem(ctx, ada, mine.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got != it || !got.CreatedAt.Equal(mine.CreatedAt) || !got.UpdatedAt.Equal(clock.Now()) {
				t.Errorf("got %+v, want %+v created %v updated %v", got, it, mine.CreatedAt, clock.Now())
			}
		})

		t.Run("ListOnlyOwn", func(t *testing.T) {
			theirs := followup.LibraryItem{Student: grace, Kind: followup.KindLink, Title: "Portfolio"}
			if err := db.SaveLibraryItem(ctx, &theirs); err != nil {
				t.Fatal(err)
			}
			items, err := db.LibraryItems(ctx, ada)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != 1 || items[0].ID != mine.ID {
				t.Errorf("ada's items: got %+v, want only %d", items, mine.ID)
			}
		})

		t.Run("DeleteOwnKeepsDraft", func(t *testing.T) {
			iv := mustCreate(t, db, newInterview(ada, "Acme"))
			d := followup.Draft{InterviewID: iv.ID, Kind: followup.NudgeSecondFollowUp, LibraryItemID: mine.ID, Body: "Here is a chart."}
			if err := db.SaveDraft(ctx, &d); err != nil {
				t.Fatal(err)
			}
			if err := db.DeleteLibraryItem(ctx, ada, mine.ID); err != nil {
				t.Fatalf("DeleteLibraryItem: %v", err)
			}
			if _, err := db.LibraryItem(ctx, ada, mine.ID); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("after delete: got %v, want ErrNotFound", err)
			}
			got, err := db.LatestDraft(ctx, iv.ID, followup.NudgeSecondFollowUp)
			if err != nil {
				t.Fatal(err)
			}
			if got.LibraryItemID != 0 || got.Body != d.Body {
				t.Errorf("draft after delete: got item %d body %q, want 0 %q", got.LibraryItemID, got.Body, d.Body)
			}
		})
	})
}
