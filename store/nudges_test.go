package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store"
	"github.com/followup-coach/followup/store/storetest"
)

// nudgeSummary is a nudge as the sync test sees it.
type nudgeSummary struct {
	Kind   followup.NudgeKind
	DueAt  time.Time
	Status followup.NudgeStatus
}

func summarize(ns []followup.Nudge) []nudgeSummary {
	var out []nudgeSummary
	for _, n := range ns {
		out = append(out, nudgeSummary{n.Kind, n.DueAt.UTC(), n.Status})
	}
	return out
}

func TestNudgeSync(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		t1 := time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC)
		t2 := time.Date(2025, 3, 28, 8, 0, 0, 0, time.UTC)
		paris, _ := time.LoadLocation("Europe/Paris")
		second, closing := followup.NudgeSecondFollowUp, followup.NudgeClosingNote
		pending, cancelled, sent := followup.NudgePending, followup.NudgeCancelled, followup.NudgeSent

		type plan struct {
			at   time.Time
			kind followup.NudgeKind
		}
		tests := []struct {
			name    string
			create  plan
			updates []plan
			// sendFirst claims and sends the first nudge before the updates.
			sendFirst bool
			want      []nudgeSummary
		}{
			{"CreateWithoutPlan", plan{}, nil, false, nil},
			{"CreateWithPlan", plan{t1, second}, nil, false, []nudgeSummary{{second, t1, pending}}},
			{"UpdateSamePlanKeepsNudge", plan{t1, second}, []plan{{t1, second}, {t1.In(paris), second}}, false, []nudgeSummary{{second, t1, pending}}},
			{"UpdateNewTime", plan{t1, second}, []plan{{t2, second}}, false, []nudgeSummary{{second, t1, cancelled}, {second, t2, pending}}},
			{"UpdateNewKind", plan{t1, second}, []plan{{t1, closing}}, false, []nudgeSummary{{second, t1, cancelled}, {closing, t1, pending}}},
			{"UpdateClearsPlan", plan{t1, second}, []plan{{}}, false, []nudgeSummary{{second, t1, cancelled}}},
			{"PlanAfterNone", plan{}, []plan{{t2, closing}}, false, []nudgeSummary{{closing, t2, pending}}},
			{"SentNotSentAgain", plan{t1, second}, []plan{{t1, second}}, true, []nudgeSummary{{second, t1, sent}}},
			{"NextAfterSent", plan{t1, second}, []plan{{t2, closing}}, true, []nudgeSummary{{second, t1, sent}, {closing, t2, pending}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				db, _, _ := open(t, e)
				mustStudent(t, db, ada)
				iv := newInterview(ada, "Acme")
				iv.NextNudgeAt, iv.NextNudgeKind = tt.create.at, tt.create.kind
				iv = mustCreate(t, db, iv)
				if tt.sendFirst {
					claimed, err := db.ClaimDueNudges(ctx, "i1", tt.create.at, 10, 0)
					if err != nil || len(claimed) != 1 {
						t.Fatalf("ClaimDueNudges: got %v, %v, want one nudge", claimed, err)
					}
					if err := db.MarkNudgeSent(ctx, claimed[0].ID, "D1", "1.0", time.Time{}); err != nil {
						t.Fatal(err)
					}
				}
				for _, p := range tt.updates {
					_, err := db.UpdateInterview(ctx, ada, iv.ID, func(iv *followup.Interview) error {
						iv.NextNudgeAt, iv.NextNudgeKind = p.at, p.kind
						return nil
					})
					if err != nil {
						t.Fatalf("UpdateInterview: %v", err)
					}
				}
				ns, err := db.NudgesFor(ctx, iv.ID)
				if err != nil {
					t.Fatal(err)
				}
				got := summarize(ns)
				if fmt.Sprint(got) != fmt.Sprint(tt.want) {
					t.Errorf("nudges:\ngot  %v\nwant %v", got, tt.want)
				}
				for _, n := range ns {
					if n.Student != ada || n.InterviewID != iv.ID {
						t.Errorf("nudge %d: got student %v interview %d, want %v %d", n.ID, n.Student, n.InterviewID, ada, iv.ID)
					}
				}
			})
		}
	})
}

func TestNudgePlanWithoutKind(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)
		iv := newInterview(ada, "Acme")
		iv.NextNudgeAt = clock.Now()
		err := db.CreateInterview(context.Background(), &iv)
		if !errors.Is(err, followup.ErrConflict) {
			t.Fatalf("got %v, want ErrConflict", err)
		}
	})
}

// planNudges creates one interview per due time and returns their nudges'
// interview ids in order.
func planNudges(t *testing.T, db *store.DB, owner followup.UserID, due ...time.Time) []int64 {
	t.Helper()
	var ids []int64
	for _, at := range due {
		iv := newInterview(owner, "Acme")
		iv.NextNudgeAt, iv.NextNudgeKind = at, followup.NudgeSecondFollowUp
		ids = append(ids, mustCreate(t, db, iv).ID)
	}
	return ids
}

func TestClaimDueNudges(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)
		now := clock.Now()
		ivs := planNudges(t, db, ada, now.Add(-time.Hour), now.Add(-2*time.Hour), now, now.Add(time.Nanosecond), now.Add(time.Hour))

		tests := []struct {
			name  string
			now   time.Time
			limit int
			want  []int64 // interview ids, in order
		}{
			{"LimitTakesEarliest", now, 1, []int64{ivs[1]}},
			{"RestDueInclusive", now, 10, []int64{ivs[0], ivs[2]}},
			{"NothingMoreDue", now, 10, nil},
			{"LaterNow", now.Add(time.Hour), 0, []int64{ivs[3], ivs[4]}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := db.ClaimDueNudges(ctx, "i1", tt.now, tt.limit, time.Hour*24)
				if err != nil {
					t.Fatal(err)
				}
				var gotIvs []int64
				for _, n := range got {
					gotIvs = append(gotIvs, n.InterviewID)
					if n.Status != followup.NudgeClaimed || n.Attempts != 1 || !n.ClaimedAt.Equal(tt.now) || n.Unsure {
						t.Errorf("nudge %d: got status %s attempts %d claimed %v unsure %v, want claimed 1 %v false",
							n.ID, n.Status, n.Attempts, n.ClaimedAt, n.Unsure, tt.now)
					}
					if n.Student != ada || n.Kind != followup.NudgeSecondFollowUp {
						t.Errorf("nudge %d: got %v %s, want %v %s", n.ID, n.Student, n.Kind, ada, followup.NudgeSecondFollowUp)
					}
				}
				if fmt.Sprint(gotIvs) != fmt.Sprint(tt.want) {
					t.Errorf("interviews: got %v, want %v", gotIvs, tt.want)
				}
			})
		}
		n, err := db.PendingNudgeCount(ctx)
		if err != nil || n != 0 {
			t.Errorf("PendingNudgeCount: got %d, %v, want 0", n, err)
		}
	})
}

// TestClaimNeverTwice races claimers in two goroutines per handle, on two
// handles of one file, over the same due nudges.
func TestClaimNeverTwice(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db1, clock, path := open(t, e)
		db2 := openAt(t, path, clock)
		mustStudent(t, db1, ada)
		now := clock.Now()
		const total = 200
		due := make([]time.Time, total)
		for i := range due {
			due[i] = now.Add(-time.Duration(i) * time.Second)
		}
		planNudges(t, db1, ada, due...)

		var (
			mu   sync.Mutex
			seen = map[int64]int{}
			wg   sync.WaitGroup
		)
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db := []*store.DB{db1, db2}[g%2]
				for {
					ns, err := db.ClaimDueNudges(ctx, "i1", now, 7, time.Hour)
					if err != nil {
						t.Errorf("ClaimDueNudges: %v", err)
						return
					}
					if len(ns) == 0 {
						return
					}
					mu.Lock()
					for _, n := range ns {
						seen[n.ID]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(seen) != total {
			t.Errorf("claimed nudges: got %d, want %d", len(seen), total)
		}
		for id, c := range seen {
			if c != 1 {
				t.Errorf("nudge %d: claimed %d times, want 1", id, c)
			}
		}
	})
}

func TestStaleClaimComesBackUnsure(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)
		now := clock.Now()
		planNudges(t, db, ada, now.Add(-time.Minute), now)

		first, err := db.ClaimDueNudges(ctx, "i1", now, 1, 10*time.Minute)
		if err != nil || len(first) != 1 {
			t.Fatalf("first claim: got %v, %v, want one", first, err)
		}
		tests := []struct {
			name       string
			now        time.Time
			wantIDs    []int64
			wantUnsure []bool
		}{
			{"FreshClaimStays", now.Add(10 * time.Minute), []int64{first[0].ID + 1}, []bool{false}},
			{"StaleComesBack", now.Add(10*time.Minute + time.Nanosecond), []int64{first[0].ID}, []bool{true}},
			{"ReclaimedIsFreshAgain", now.Add(15 * time.Minute), nil, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := db.ClaimDueNudges(ctx, "i1", tt.now, 10, 10*time.Minute)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				var unsure []bool
				for _, n := range got {
					ids = append(ids, n.ID)
					unsure = append(unsure, n.Unsure)
				}
				if fmt.Sprint(ids, unsure) != fmt.Sprint(tt.wantIDs, tt.wantUnsure) {
					t.Errorf("got %v %v, want %v %v", ids, unsure, tt.wantIDs, tt.wantUnsure)
				}
			})
		}
		n, err := db.Nudge(ctx, first[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if n.Attempts != 2 {
			t.Errorf("attempts after reclaim: got %d, want 2", n.Attempts)
		}
	})
}

func TestReleaseNudgeKeepsItDue(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)
		now := clock.Now()
		planNudges(t, db, ada, now)

		claimed, err := db.ClaimDueNudges(ctx, "i1", now, 10, time.Hour)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: got %v, %v", claimed, err)
		}
		id := claimed[0].ID
		retry := now.Add(5 * time.Minute)
		if err := db.ReleaseNudge(ctx, id, "slack: ratelimited", retry); err != nil {
			t.Fatalf("ReleaseNudge: %v", err)
		}
		n, err := db.Nudge(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if n.Status != followup.NudgePending || !n.DueAt.Equal(retry) || n.LastError != "slack: ratelimited" || n.Attempts != 1 {
			t.Errorf("released: got %s due %v err %q attempts %d, want pending %v %q 1", n.Status, n.DueAt, n.LastError, n.Attempts, retry, "slack: ratelimited")
		}
		if c, _ := db.PendingNudgeCount(ctx); c != 1 {
			t.Errorf("PendingNudgeCount: got %d, want 1", c)
		}
		if got, _ := db.ClaimDueNudges(ctx, "i1", retry.Add(-time.Nanosecond), 10, time.Hour); len(got) != 0 {
			t.Errorf("claim before retryAt: got %d nudges, want 0", len(got))
		}
		got, err := db.ClaimDueNudges(ctx, "i1", retry, 10, time.Hour)
		if err != nil || len(got) != 1 || got[0].ID != id || got[0].Attempts != 2 || got[0].LastError != "slack: ratelimited" {
			t.Fatalf("claim at retryAt: got %+v, %v, want nudge %d attempt 2", got, err, id)
		}
		// A later, unrelated edit of the interview is not a new plan: the
		// retried nudge stays as it is.
		if _, err := db.UpdateInterview(ctx, ada, got[0].InterviewID, func(iv *followup.Interview) error {
			iv.Notes = "called them"
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		ns, _ := db.NudgesFor(ctx, got[0].InterviewID)
		if len(ns) != 1 || ns[0].Status != followup.NudgeClaimed {
			t.Errorf("nudges after unrelated edit: got %v, want the one claimed nudge", summarize(ns))
		}
	})
}

func TestNudgeTransitions(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		db, clock, _ := open(t, e)
		mustStudent(t, db, ada)
		now := clock.Now()

		// setup returns a nudge in the named state.
		setup := map[followup.NudgeStatus]func(t *testing.T) int64{
			followup.NudgePending: func(t *testing.T) int64 {
				iv := planNudges(t, db, ada, now.Add(time.Hour))[0]
				ns, _ := db.NudgesFor(ctx, iv)
				return ns[0].ID
			},
			followup.NudgeClaimed: func(t *testing.T) int64 {
				planNudges(t, db, ada, now)
				ns, err := db.ClaimDueNudges(ctx, "i1", now, 1, 0)
				if err != nil || len(ns) != 1 {
					t.Fatalf("claim: %v %v", ns, err)
				}
				return ns[0].ID
			},
			followup.NudgeSent: func(t *testing.T) int64 {
				planNudges(t, db, ada, now)
				ns, _ := db.ClaimDueNudges(ctx, "i1", now, 1, 0)
				if err := db.MarkNudgeSent(ctx, ns[0].ID, "D1", "1.1", now); err != nil {
					t.Fatal(err)
				}
				return ns[0].ID
			},
			followup.NudgeCancelled: func(t *testing.T) int64 {
				iv := planNudges(t, db, ada, now)[0]
				ns, _ := db.ClaimDueNudges(ctx, "i1", now, 1, 0)
				if _, err := db.UpdateInterview(ctx, ada, iv, func(iv *followup.Interview) error {
					iv.NextNudgeAt = time.Time{}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				return ns[0].ID
			},
		}
		tests := []struct {
			name    string
			from    followup.NudgeStatus
			op      string
			wantErr error
			want    followup.NudgeStatus
		}{
			{"SentFromClaimed", followup.NudgeClaimed, "sent", nil, followup.NudgeSent},
			{"SentFromPending", followup.NudgePending, "sent", followup.ErrConflict, followup.NudgePending},
			{"SentTwice", followup.NudgeSent, "sent", followup.ErrConflict, followup.NudgeSent},
			{"SentAfterCancel", followup.NudgeCancelled, "sent", followup.ErrConflict, followup.NudgeCancelled},
			{"ReleaseFromClaimed", followup.NudgeClaimed, "release", nil, followup.NudgePending},
			{"ReleaseSent", followup.NudgeSent, "release", followup.ErrConflict, followup.NudgeSent},
			{"ReleaseCancelled", followup.NudgeCancelled, "release", followup.ErrConflict, followup.NudgeCancelled},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				id := setup[tt.from](t)
				var err error
				sentAt := now.Add(time.Second)
				switch tt.op {
				case "sent":
					err = db.MarkNudgeSent(ctx, id, "D42", "1712345678.000100", sentAt)
				case "release":
					err = db.ReleaseNudge(ctx, id, "boom", now.Add(time.Minute))
				}
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error: got %v, want %v", err, tt.wantErr)
				}
				n, err := db.Nudge(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if n.Status != tt.want {
					t.Errorf("status: got %s, want %s", n.Status, tt.want)
				}
				if tt.op == "sent" && tt.wantErr == nil && (n.Channel != "D42" || n.TS != "1712345678.000100" || !n.SentAt.Equal(sentAt)) {
					t.Errorf("sent nudge: got %q %q %v, want D42 1712345678.000100 %v", n.Channel, n.TS, n.SentAt, sentAt)
				}
			})
		}
		t.Run("Missing", func(t *testing.T) {
			if err := db.MarkNudgeSent(ctx, 9999, "D", "1", now); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("MarkNudgeSent: got %v, want ErrNotFound", err)
			}
			if err := db.ReleaseNudge(ctx, 9999, "x", now); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("ReleaseNudge: got %v, want ErrNotFound", err)
			}
			if _, err := db.Nudge(ctx, 9999); !errors.Is(err, followup.ErrNotFound) {
				t.Errorf("Nudge: got %v, want ErrNotFound", err)
			}
		})
	})
}

// TestClaimQueryUsesIndex asks SQLite how it runs the claim: a search of
// an index, never a scan of the nudges table, or the dispatcher's cost
// grows with every interview ever logged.
func TestClaimQueryUsesIndex(t *testing.T) {
	db, _, _ := open(t, storetest.SQLite)
	plans, err := store.ClaimQueryPlans(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, wantIndex string
	}{
		{"due", "nudges_status_due"},
		{"stale", "nudges_lease"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			plan := plans[tt.query]
			if !strings.Contains(plan, "SEARCH nudges USING") || !strings.Contains(plan, tt.wantIndex) {
				t.Errorf("plan: got %q, want a SEARCH using %s", plan, tt.wantIndex)
			}
			if strings.Contains(plan, "SCAN nudges") && !strings.Contains(plan, "USING") {
				t.Errorf("plan: got %q, want no table scan", plan)
			}
			if strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("plan: got %q, want the index to give the order", plan)
			}
		})
	}
}
