package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
)

func TestCommunityLibrary(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		staff := followup.UserID{Team: "T1", User: "U_STAFF"}
		outsider := followup.UserID{Team: "T2", User: "U_OUT"}
		for _, id := range []followup.UserID{staff, ada, outsider} {
			mustStudent(t, db, id)
		}
		pub := followup.LibraryItem{Student: staff, Kind: followup.KindBossSummary, Title: "Budget one-pager",
			Summary: "One page your interviewer can forward.", ForDiagnosis: followup.DiagnosisWhoDecides}
		if err := db.SaveCommunityItem(ctx, &pub); err != nil {
			t.Fatalf("SaveCommunityItem: %v", err)
		}
		if pub.ID == 0 || !pub.Community || !pub.CreatedAt.Equal(clock.Now()) {
			t.Fatalf("published: got %+v, want an id, community, created now", pub)
		}

		t.Run("NotInThePublishersOwnLibrary", func(t *testing.T) {
			own, err := db.LibraryItems(ctx, staff)
			if err != nil || len(own) != 0 {
				t.Errorf("staff's own library: got %v %v, want empty", own, err)
			}
			if _, err := db.LibraryItem(ctx, staff, pub.ID); !errors.Is(err, followup.ErrForbidden) {
				t.Errorf("LibraryItem of a community item: got %v, want ErrForbidden", err)
			}
			if err := db.DeleteLibraryItem(ctx, staff, pub.ID); !errors.Is(err, followup.ErrForbidden) {
				t.Errorf("DeleteLibraryItem of a community item: got %v, want ErrForbidden", err)
			}
		})
		t.Run("OfferedToTheTeamOnly", func(t *testing.T) {
			items, err := db.CommunityItems(ctx, "T1")
			if err != nil || len(items) != 1 || items[0].ID != pub.ID || items[0].ForDiagnosis != followup.DiagnosisWhoDecides {
				t.Errorf("T1's community items: got %+v %v, want the one published", items, err)
			}
			if items, _ := db.CommunityItems(ctx, "T2"); len(items) != 0 {
				t.Errorf("T2's community items: got %d, want 0", len(items))
			}
			if _, err := db.UsableLibraryItem(ctx, ada, pub.ID); err != nil {
				t.Errorf("UsableLibraryItem for a student of the team: %v", err)
			}
			if _, err := db.UsableLibraryItem(ctx, outsider, pub.ID); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("UsableLibraryItem for another team: got %v, want ErrNotFound", err)
			}
		})
		t.Run("EditKeepsPublisher", func(t *testing.T) {
			clock.Add(time.Hour)
			ed := pub
			ed.Student = followup.UserID{Team: "T1", User: "U_OTHER_STAFF"}
			ed.Title = "Budget one-pager, 2026"
			if err := db.SaveCommunityItem(ctx, &ed); err != nil {
				t.Fatal(err)
			}
			got, err := db.CommunityItem(ctx, "T1", pub.ID)
			if err != nil || got.Title != ed.Title || got.Student != staff || !got.CreatedAt.Equal(pub.CreatedAt) || !got.UpdatedAt.Equal(clock.Now()) {
				t.Errorf("edited: got %+v %v, want new title, publisher %v, created %v", got, err, staff, pub.CreatedAt)
			}
			other := ed
			other.Student = outsider
			if err := db.SaveCommunityItem(ctx, &other); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("edit from another team: got %v, want ErrNotFound", err)
			}
		})
		t.Run("CopyIsOwnAndEditable", func(t *testing.T) {
			cp, err := db.CopyCommunityItem(ctx, ada, pub.ID)
			if err != nil {
				t.Fatal(err)
			}
			if cp.ID == pub.ID || cp.Community || cp.Student != ada || cp.Title != "Budget one-pager, 2026" {
				t.Errorf("copy: got %+v, want ada's own item with the title", cp)
			}
			cp.Title = "My version"
			if err := db.SaveLibraryItem(ctx, &cp); err != nil {
				t.Errorf("edit the copy: %v", err)
			}
			if got, _ := db.CommunityItem(ctx, "T1", pub.ID); got.Title == "My version" {
				t.Errorf("editing the copy changed the community item")
			}
			if _, err := db.CopyCommunityItem(ctx, outsider, pub.ID); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("copy from another team: got %v, want ErrNotFound", err)
			}
		})
		t.Run("RetireLeavesDraftsAlone", func(t *testing.T) {
			iv := followup.Interview{Student: ada, Company: "Acme", Role: "Analyst", Stage: followup.StageNudged}
			if err := db.CreateInterview(ctx, &iv); err != nil {
				t.Fatal(err)
			}
			d := followup.Draft{InterviewID: iv.ID, Kind: followup.NudgeSecondFollowUp, LibraryItemID: pub.ID, Subject: "S", Body: "With the one-pager."}
			if err := db.SaveDraft(ctx, &d); err != nil {
				t.Fatal(err)
			}
			if err := db.RetireCommunityItem(ctx, "T2", pub.ID); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("retire from another team: got %v, want ErrNotFound", err)
			}
			if err := db.RetireCommunityItem(ctx, "T1", pub.ID); err != nil {
				t.Fatal(err)
			}
			if items, _ := db.CommunityItems(ctx, "T1"); len(items) != 0 {
				t.Errorf("after retire: got %d items offered, want 0", len(items))
			}
			if _, err := db.UsableLibraryItem(ctx, ada, pub.ID); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("UsableLibraryItem of a retired item: got %v, want ErrNotFound", err)
			}
			got, err := db.Draft(ctx, ada, d.ID)
			if err != nil || got.Body != d.Body || got.LibraryItemID != pub.ID {
				t.Errorf("draft after retire: got %+v %v, want its text and item kept", got, err)
			}
			if err := db.RetireCommunityItem(ctx, "T1", pub.ID); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("retire twice: got %v, want ErrNotFound", err)
			}
		})
	})
}

func TestStaffGrants(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, _, _ := open(t, e)
		g := followup.StaffGrant{ID: ada, GrantedBy: "U_BOSS"}
		if added, err := db.GrantStaff(ctx, &g); err != nil || !added {
			t.Fatalf("GrantStaff: got %v %v, want added", added, err)
		}
		if added, err := db.GrantStaff(ctx, &followup.StaffGrant{ID: ada, GrantedBy: "U_OTHER"}); err != nil || added {
			t.Errorf("GrantStaff twice: got %v %v, want not added", added, err)
		}
		for _, tt := range []struct {
			id   followup.UserID
			want bool
		}{{ada, true}, {grace, false}, {followup.UserID{Team: "T2", User: ada.User}, false}} {
			if got, err := db.IsGrantedStaff(ctx, tt.id); err != nil || got != tt.want {
				t.Errorf("IsGrantedStaff(%v): got %v %v, want %v", tt.id, got, err, tt.want)
			}
		}
		gs, err := db.StaffGrants(ctx, "T1")
		if err != nil || len(gs) != 1 || gs[0].GrantedBy != "U_BOSS" {
			t.Errorf("StaffGrants: got %+v %v, want ada by U_BOSS", gs, err)
		}
		if removed, err := db.RevokeStaff(ctx, ada); err != nil || !removed {
			t.Errorf("RevokeStaff: got %v %v, want removed", removed, err)
		}
		if got, _ := db.IsGrantedStaff(ctx, ada); got {
			t.Errorf("IsGrantedStaff after revoke: got true, want false")
		}
		if removed, _ := db.RevokeStaff(ctx, ada); removed {
			t.Errorf("RevokeStaff twice: got removed, want not")
		}
	})
}
