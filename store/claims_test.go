package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store"
	"github.com/followup-coach/followup/store/storetest"
)

// TestMigrationsHaveTwins checks that every migration of one dialect has a
// file of the same name in the other, so a schema change made for one
// engine cannot be forgotten for the other.
func TestMigrationsHaveTwins(t *testing.T) {
	names := func(dir string) map[string]bool {
		files, err := filepath.Glob(filepath.Join("migrations", dir, "*.sql"))
		if err != nil || len(files) == 0 {
			t.Fatalf("migrations/%s: %v (%d files)", dir, err, len(files))
		}
		out := map[string]bool{}
		for _, f := range files {
			out[filepath.Base(f)] = true
		}
		return out
	}
	sqlite, postgres := names("sqlite"), names("postgres")
	for _, pair := range [][2]map[string]bool{{sqlite, postgres}, {postgres, sqlite}} {
		for name := range pair[0] {
			if !pair[1][name] {
				t.Errorf("migration %s: got it in one dialect only, want it in both sqlite/ and postgres/", name)
			}
		}
	}
	if entries, _ := os.ReadDir("migrations"); len(entries) != 2 {
		t.Errorf("migrations/: got %d entries, want only the sqlite/ and postgres/ folders", len(entries))
	}
}

// TestLeases follows one claim through the lives of its holder: renewed
// while the holder beats, recovered by another instance once the lease
// runs out, taken back at once by a restarted holder.
func TestLeases(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		const lease = 15 * time.Second
		claimOne := func(t *testing.T, db interface {
			ClaimDueNudges(context.Context, string, time.Time, int, time.Duration) ([]followup.Nudge, error)
		}, who string, at time.Time) []followup.Nudge {
			t.Helper()
			ns, err := db.ClaimDueNudges(ctx, who, at, 10, lease)
			if err != nil {
				t.Fatalf("claim by %s: %v", who, err)
			}
			return ns
		}

		t.Run("RenewedWhileHolderBeats", func(t *testing.T) {
			db, clock, _ := open(t, e)
			mustStudent(t, db, ada)
			now := clock.Now()
			planNudges(t, db, ada, now)
			first := claimOne(t, db, "a", now)
			if len(first) != 1 || first[0].ClaimedBy != "a" || !first[0].LeaseUntil.Equal(now.Add(lease)) {
				t.Fatalf("claim: got %+v, want one held by a until %v", first, now.Add(lease))
			}
			b, err := db.Heartbeat(ctx, "a", now.Add(10*time.Second), lease, lease)
			if err != nil || b.Held != 1 || b.Live != 1 || b.Expired != 0 {
				t.Fatalf("heartbeat: got %+v, %v, want 1 held, 1 live, 0 expired", b, err)
			}
			if got := claimOne(t, db, "b", now.Add(20*time.Second)); len(got) != 0 {
				t.Errorf("claim by b while a beats: got %d nudges, want 0", len(got))
			}
			// a stops beating (it died): its renewed lease ends at +25s.
			later := now.Add(25*time.Second + time.Nanosecond)
			b, err = db.Heartbeat(ctx, "b", later, lease, lease)
			if err != nil || b.Expired != 1 || b.Live != 1 {
				t.Errorf("heartbeat of b: got %+v, %v, want 1 expired claim, 1 live instance (a is gone)", b, err)
			}
			got := claimOne(t, db, "b", later)
			if len(got) != 1 || !got[0].Unsure || got[0].ClaimedBy != "b" || got[0].Attempts != 2 {
				t.Errorf("claim by b after a died: got %+v, want the nudge, unsure, held by b, attempt 2", got)
			}
		})

		t.Run("RestartTakesBackAtOnce", func(t *testing.T) {
			db, clock, _ := open(t, e)
			mustStudent(t, db, ada)
			now := clock.Now()
			planNudges(t, db, ada, now, now)
			if got := claimOne(t, db, "a", now); len(got) != 2 {
				t.Fatalf("claim: got %d, want 2", len(got))
			}
			n, err := db.LeaveInstance(ctx, "a", now.Add(time.Second), false)
			if err != nil || n != 2 {
				t.Fatalf("LeaveInstance: got %d, %v, want 2", n, err)
			}
			got := claimOne(t, db, "a", now.Add(time.Second+time.Nanosecond))
			if len(got) != 2 || !got[0].Unsure || !got[1].Unsure {
				t.Errorf("claim after restart: got %+v, want both back, unsure, long before the lease", got)
			}
		})

		t.Run("LetGoComesBackSoonUnrenewed", func(t *testing.T) {
			db, clock, _ := open(t, e)
			mustStudent(t, db, ada)
			now := clock.Now()
			planNudges(t, db, ada, now)
			got := claimOne(t, db, "a", now)
			if err := db.LetGoNudge(ctx, got[0].ID, "slack: 503", now.Add(3*time.Second)); err != nil {
				t.Fatal(err)
			}
			// a is alive and beats, but no longer holds it.
			if b, err := db.Heartbeat(ctx, "a", now.Add(2*time.Second), lease, lease); err != nil || b.Held != 0 {
				t.Errorf("heartbeat: got %+v, %v, want nothing held", b, err)
			}
			again := claimOne(t, db, "c", now.Add(3*time.Second+time.Nanosecond))
			if len(again) != 1 || !again[0].Unsure || again[0].LastError != "slack: 503" {
				t.Errorf("claim after let go: got %+v, want it back unsure with its error", again)
			}
			if err := db.LetGoNudge(ctx, 9999, "", now); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("LetGoNudge of a missing nudge: got %v, want ErrNotFound", err)
			}
		})

		t.Run("LeavingShrinksLive", func(t *testing.T) {
			db, clock, _ := open(t, e)
			now := clock.Now()
			for _, who := range []string{"a", "b", "c"} {
				if _, err := db.Heartbeat(ctx, who, now, lease, lease); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.LeaveInstance(ctx, "c", now, true); err != nil {
				t.Fatal(err)
			}
			b, err := db.Heartbeat(ctx, "a", now.Add(time.Second), lease, lease)
			if err != nil || b.Live != 2 {
				t.Errorf("live after c left: got %+v, %v, want 2", b, err)
			}
		})
	})
}

// TestSubmissionSavedOnce delivers one submission to two handles of one
// database, as a redelivered envelope may reach another instance: one
// interview, one library item; the repeat gives ErrDuplicate.
func TestSubmissionSavedOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db1, clock, dsn := open(t, e)
		db2 := openAt(t, dsn, clock)
		mustStudent(t, db1, ada)
		ctx := followup.WithSubmission(context.Background(), "view:V1")
		for i, db := range []*store.DB{db1, db2} {
			iv := newInterview(ada, "Acme")
			err := db.CreateInterview(ctx, &iv)
			if want := []error{nil, followup.ErrDuplicate}[i]; !errors.Is(err, want) {
				t.Errorf("CreateInterview, delivery %d: got %v, want %v", i+1, err, want)
			}
		}
		if ivs, _ := db1.ListInterviews(context.Background(), ada, 0); len(ivs) != 1 {
			t.Errorf("interviews: got %d, want 1", len(ivs))
		}
		lctx := followup.WithSubmission(context.Background(), "view:V2")
		for i, db := range []*store.DB{db2, db1} {
			it := followup.LibraryItem{Student: ada, Kind: followup.KindLink, Title: "Plan"}
			err := db.SaveLibraryItem(lctx, &it)
			if want := []error{nil, followup.ErrDuplicate}[i]; !errors.Is(err, want) {
				t.Errorf("SaveLibraryItem, delivery %d: got %v, want %v", i+1, err, want)
			}
		}
		// Another submission, and a write with no key, save as usual.
		iv := newInterview(ada, "Globex")
		if err := db2.CreateInterview(followup.WithSubmission(context.Background(), "view:V3"), &iv); err != nil {
			t.Errorf("another submission: %v", err)
		}
		iv = newInterview(ada, "Initech")
		if err := db2.CreateInterview(context.Background(), &iv); err != nil {
			t.Errorf("no key: %v", err)
		}
		// A day later the key is forgotten.
		if _, err := db1.Heartbeat(context.Background(), "a", clock.Now().Add(25*time.Hour), time.Minute, time.Minute); err != nil {
			t.Fatal(err)
		}
		iv = newInterview(ada, "Acme")
		if err := db1.CreateInterview(ctx, &iv); err != nil {
			t.Errorf("same key a day later: got %v, want it forgotten", err)
		}
	})
}

// TestClickSavedOnce delivers one click's writes to two handles of one
// database, as a retried envelope may reach another instance: the
// interview changes once, one draft and one community item are saved,
// and a write that failed leaves the key free for the retry.
func TestClickSavedOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db1, clock, dsn := open(t, e)
		db2 := openAt(t, dsn, clock)
		mustStudent(t, db1, ada)
		iv := newInterview(ada, "Acme")
		if err := db1.CreateInterview(context.Background(), &iv); err != nil {
			t.Fatal(err)
		}
		diagnose := func(db *store.DB, ctx context.Context) error {
			_, err := db.UpdateInterview(ctx, ada, iv.ID, func(iv *followup.Interview) error {
				iv.Notes += "+"
				return nil
			})
			return err
		}
		draft := func(db *store.DB, ctx context.Context) error {
			return db.SaveDraft(ctx, &followup.Draft{InterviewID: iv.ID, Kind: followup.NudgeSecondFollowUp, Subject: "s", Body: "b"})
		}
		publish := func(db *store.DB, ctx context.Context) error {
			return db.SaveCommunityItem(ctx, &followup.LibraryItem{Student: ada, Kind: followup.KindLink, Title: "Plan"})
		}
		for _, tc := range []struct {
			name  string
			write func(*store.DB, context.Context) error
		}{{"UpdateInterview", diagnose}, {"SaveDraft", draft}, {"SaveCommunityItem", publish}} {
			t.Run(tc.name, func(t *testing.T) {
				ctx := followup.WithSubmission(context.Background(), "click:"+tc.name)
				for i, db := range []*store.DB{db1, db2} {
					if err, want := tc.write(db, ctx), []error{nil, followup.ErrDuplicate}[i]; !errors.Is(err, want) {
						t.Errorf("delivery %d: got %v, want %v", i+1, err, want)
					}
				}
			})
		}
		if got, err := db2.Interview(context.Background(), iv.ID); err != nil || got.Notes != iv.Notes+"+" {
			t.Errorf("notes after two deliveries: got %q (%v), want %q (one change)", got.Notes, err, iv.Notes+"+")
		}
		if its, err := db1.CommunityItems(context.Background(), ada.Team); err != nil || len(its) != 1 {
			t.Errorf("community items after two deliveries: got %d (%v), want 1", len(its), err)
		}

		// A click whose write failed (a refused transition) leaves its key
		// free: the retry is judged afresh.
		ctx := followup.WithSubmission(context.Background(), "click:refused")
		_, err := db1.UpdateInterview(ctx, ada, iv.ID, func(*followup.Interview) error { return followup.ErrTransition })
		if !errors.Is(err, followup.ErrTransition) {
			t.Fatalf("refused write: got %v, want ErrTransition", err)
		}
		if err := diagnose(db2, ctx); err != nil {
			t.Errorf("retry after a refused write: got %v, want it applied", err)
		}
	})
}
