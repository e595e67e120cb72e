package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
)

var starters = []followup.LibraryItem{
	{Kind: followup.KindBossSummary, Title: "One-page summary for your future boss", Summary: "What you would do in your first 30 days."},
	{Kind: followup.KindQuickWin, Title: "A quick win", Summary: "One small fix you noticed."},
}

func TestEnsureStudent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		created0 := clock.Now()

		tests := []struct {
			name        string
			tz          string
			wantCreated bool
			wantTZ      string
		}{
			{"New", "Europe/Paris", true, "Europe/Paris"},
			{"SameAgain", "Europe/Paris", false, "Europe/Paris"},
			{"EmptyTZKeepsOld", "", false, "Europe/Paris"},
			{"NewTZ", "America/Chicago", false, "America/Chicago"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				clock.Add(time.Minute)
				st, created, err := db.EnsureStudent(ctx, ada, tt.tz, followup.Settings{}, starters)
				if err != nil {
					t.Fatalf("EnsureStudent: %v", err)
				}
				if created != tt.wantCreated {
					t.Errorf("created: got %v, want %v", created, tt.wantCreated)
				}
				if st.TZ != tt.wantTZ {
					t.Errorf("TZ: got %q, want %q", st.TZ, tt.wantTZ)
				}
				if st.ID != ada {
					t.Errorf("ID: got %v, want %v", st.ID, ada)
				}
				if st.Settings != followup.DefaultSettings() {
					t.Errorf("Settings: got %+v, want defaults %+v", st.Settings, followup.DefaultSettings())
				}
				if !st.CreatedAt.Equal(created0.Add(time.Minute)) {
					t.Errorf("CreatedAt: got %v, want %v", st.CreatedAt, created0.Add(time.Minute))
				}
				got, err := db.Student(ctx, ada)
				if err != nil {
					t.Fatalf("Student: %v", err)
				}
				if got != st {
					t.Errorf("Student: got %+v, want %+v", got, st)
				}
			})
		}

		t.Run("StartersOnceAndUntouched", func(t *testing.T) {
			items, err := db.LibraryItems(ctx, ada)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != len(starters) {
				t.Fatalf("library items: got %d, want %d", len(items), len(starters))
			}
			for i, it := range items {
				if !it.Starter || it.Student != ada || it.Title != starters[i].Title || it.ID == 0 {
					t.Errorf("item %d: got %+v, want starter %q of %v", i, it, starters[i].Title, ada)
				}
			}
			for i, it := range starters {
				if it.ID != 0 || it.Starter || it.Student != (followup.UserID{}) {
					t.Errorf("starters[%d] was modified: got %+v", i, it)
				}
			}
		})
	})
}

// TestEnsureStudentSettings checks that a new student is created with the
// settings asked for in the same transaction, and that an existing
// student's settings are never overwritten by them.
func TestEnsureStudentSettings(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, _, _ := open(t, e)
		us := followup.DefaultSettings()
		us.Calendar = "us"

		st, created, err := db.EnsureStudent(ctx, grace, "America/New_York", us, nil)
		if err != nil || !created {
			t.Fatalf("EnsureStudent(new): got created %v, err %v; want created", created, err)
		}
		if st.Settings != us {
			t.Errorf("new student's settings: got %+v, want %+v", st.Settings, us)
		}
		gb := followup.DefaultSettings()
		gb.Calendar = "gb"
		st, created, err = db.EnsureStudent(ctx, grace, "", gb, nil)
		if err != nil || created {
			t.Fatalf("EnsureStudent(existing): got created %v, err %v; want not created", created, err)
		}
		if st.Settings != us {
			t.Errorf("existing student's settings: got %+v, want still %+v", st.Settings, us)
		}
	})
}

func TestStudentNotFound(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db, _, _ := open(t, e)
		_, err := db.Student(context.Background(), grace)
		if !errors.Is(err, followup.ErrNotFound) {
			t.Fatalf("got %v, want ErrNotFound", err)
		}
		_, _, err = db.UpdateStudent(context.Background(), grace, func(*followup.Student) error { return nil }, nil)
		if !errors.Is(err, followup.ErrNotFound) {
			t.Fatalf("UpdateStudent: got %v, want ErrNotFound", err)
		}
	})
}

func TestUpdateStudent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		orig := mustStudent(t, db, ada)
		clock.Add(time.Hour)

		errStop := errors.New("stop")
		tests := []struct {
			name    string
			fn      func(*followup.Student) error
			wantErr error
			want    func(followup.Student) followup.Student
		}{
			{
				name: "Settings",
				fn: func(s *followup.Student) error {
					s.Settings.WaitBusinessDays = 10
					s.Settings.NudgeHour = 7
					s.Settings.Calendar = "us"
					s.Settings.CareerLevel = followup.LevelProtectsStrategy
					s.Settings.Paused = true
					s.TZ = "Asia/Tokyo"
					return nil
				},
				want: func(s followup.Student) followup.Student {
					s.Settings = followup.Settings{WaitBusinessDays: 10, NudgeHour: 7, Calendar: "us", CareerLevel: followup.LevelProtectsStrategy, Paused: true}
					s.TZ = "Asia/Tokyo"
					s.UpdatedAt = clock.Now()
					return s
				},
			},
			{
				name:    "FnErrorAborts",
				fn:      func(s *followup.Student) error { s.TZ = "UTC"; return errStop },
				wantErr: errStop,
			},
			{
				name: "IDAndCreatedAtKept",
				fn: func(s *followup.Student) error {
					s.ID = grace
					s.CreatedAt = time.Time{}
					return nil
				},
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, err := db.Student(ctx, ada)
				if err != nil {
					t.Fatal(err)
				}
				got, _, err := db.UpdateStudent(ctx, ada, tt.fn, nil)
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error: got %v, want %v", err, tt.wantErr)
				}
				stored, err2 := db.Student(ctx, ada)
				if err2 != nil {
					t.Fatal(err2)
				}
				if err != nil {
					if stored != before {
						t.Errorf("stored after abort: got %+v, want %+v", stored, before)
					}
					return
				}
				if got != stored {
					t.Errorf("returned %+v, stored %+v", got, stored)
				}
				if got.ID != ada || !got.CreatedAt.Equal(orig.CreatedAt) {
					t.Errorf("ID/CreatedAt: got %v/%v, want %v/%v", got.ID, got.CreatedAt, ada, orig.CreatedAt)
				}
				if tt.want != nil {
					if w := tt.want(before); got != w {
						t.Errorf("got %+v, want %+v", got, w)
					}
				}
			})
		}
	})
}

func TestUpdateStudentReplans(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, _, _ := open(t, e)
		mustStudent(t, db, ada)
		mustStudent(t, db, grace)
		due := time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC)
		planned := func(company string) followup.Interview {
			iv := newInterview(ada, company)
			iv.NextNudgeAt, iv.NextNudgeKind = due, followup.NudgeSecondFollowUp
			return mustCreate(t, db, iv)
		}
		open1, open2 := planned("Acme"), planned("Globex")
		closed := planned("Initech")
		if _, err := db.UpdateInterview(ctx, ada, closed.ID, func(iv *followup.Interview) error { return iv.CloseAs(followup.StageOffer) }); err != nil {
			t.Fatal(err)
		}
		others := mustCreate(t, db, newInterview(grace, "Hooli"))
		later := due.Add(2 * time.Hour)

		t.Run("ReplansOpenInterviewsOfThatStudentOnly", func(t *testing.T) {
			var seen []int64
			st, n, err := db.UpdateStudent(ctx, ada, func(st *followup.Student) error {
				st.Settings.NudgeHour = 10
				return nil
			}, func(st followup.Student, iv *followup.Interview) {
				if st.Settings.NudgeHour != 10 {
					t.Errorf("plan saw settings %+v, want the new ones", st.Settings)
				}
				seen = append(seen, iv.ID)
				iv.NextNudgeAt = later
			})
			if err != nil || n != 2 || st.Settings.NudgeHour != 10 {
				t.Fatalf("got %+v, %d, %v; want hour 10 and 2 re-planned", st.Settings, n, err)
			}
			if len(seen) != 2 || (seen[0] != open1.ID && seen[0] != open2.ID) {
				t.Errorf("planned %v, want only %d and %d", seen, open1.ID, open2.ID)
			}
			for _, id := range []int64{open1.ID, open2.ID} {
				ns, err := db.NudgesFor(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				var pending []followup.Nudge
				for _, n := range ns {
					if n.Status == followup.NudgePending {
						pending = append(pending, n)
					}
				}
				if len(pending) != 1 || !pending[0].DueAt.Equal(later) {
					t.Errorf("interview %d pending nudges: got %+v, want one at %s", id, pending, later)
				}
			}
			if got, _ := db.Interview(ctx, others.ID); !got.UpdatedAt.Equal(others.UpdatedAt) {
				t.Errorf("another student's interview was touched")
			}
		})

		t.Run("AllOrNothing", func(t *testing.T) {
			before, _ := db.Student(ctx, ada)
			beforeIv, _ := db.Interview(ctx, open1.ID)
			// A plan the store refuses (a time without a kind) on one interview
			// must leave the student and every interview as they were.
			_, _, err := db.UpdateStudent(ctx, ada, func(st *followup.Student) error {
				st.Settings.NudgeHour = 11
				return nil
			}, func(_ followup.Student, iv *followup.Interview) {
				iv.NextNudgeAt = later.Add(time.Hour)
				if iv.ID == open2.ID {
					iv.NextNudgeKind = ""
				}
			})
			if err == nil {
				t.Fatal("error: got nil, want the refused plan's error")
			}
			if after, _ := db.Student(ctx, ada); after.Settings != before.Settings {
				t.Errorf("settings after a failed re-plan: got %+v, want %+v", after.Settings, before.Settings)
			}
			if after, _ := db.Interview(ctx, open1.ID); !after.NextNudgeAt.Equal(beforeIv.NextNudgeAt) {
				t.Errorf("interview %d re-planned although the transaction failed", open1.ID)
			}
		})

		t.Run("FnErrorAborts", func(t *testing.T) {
			boom := errors.New("boom")
			if _, _, err := db.UpdateStudent(ctx, ada, func(*followup.Student) error { return boom },
				func(followup.Student, *followup.Interview) { t.Error("plan ran after fn failed") }); !errors.Is(err, boom) {
				t.Errorf("error: got %v, want boom", err)
			}
		})
		t.Run("NotFound", func(t *testing.T) {
			_, _, err := db.UpdateStudent(ctx, followup.UserID{Team: "T1", User: "U_NOBODY"},
				func(*followup.Student) error { return nil }, func(followup.Student, *followup.Interview) {})
			if !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("error: got %v, want ErrNotFound", err)
			}
		})
	})
}
