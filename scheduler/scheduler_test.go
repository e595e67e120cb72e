package scheduler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
)

func TestScanSendsEachDueNudgeOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		due := []followup.Interview{
			seed(t, db, "U1", "UTC", tuesday10.Add(-time.Hour)),
			seed(t, db, "U2", "UTC", tuesday10),
		}
		later := seed(t, db, "U3", "UTC", tuesday10.Add(time.Hour))
		sender := newSender(clock)
		d := New(Config{Store: db, Sender: sender, Clock: clock})

		got := scan(t, d)
		if want := (Result{Claimed: 2, Sent: 2}); got != want {
			t.Fatalf("first scan: got %+v, want %+v", got, want)
		}
		for _, iv := range due {
			n := onlyNudge(t, db, iv.ID)
			if n.Status != followup.NudgeSent || n.TS == "" || n.Channel != "D"+iv.Student.User {
				t.Errorf("nudge of %s: got status %s channel %q ts %q, want sent with a ts in D%s", iv.Student.User, n.Status, n.Channel, n.TS, iv.Student.User)
			}
			stored, err := db.Interview(ctx, iv.ID)
			if err != nil {
				t.Fatal(err)
			}
			if stored.Stage != followup.StageNudged {
				t.Errorf("interview of %s: got stage %s, want %s", iv.Student.User, stored.Stage, followup.StageNudged)
			}
		}
		if n := onlyNudge(t, db, later.ID); n.Status != followup.NudgePending {
			t.Errorf("nudge not yet due: got %s, want pending", n.Status)
		}

		if got := scan(t, d); got != (Result{}) {
			t.Errorf("second scan: got %+v, want nothing", got)
		}
		clock.Add(time.Hour)
		if got := scan(t, d); got != (Result{Claimed: 1, Sent: 1}) {
			t.Errorf("scan an hour later: got %+v, want the third nudge sent", got)
		}
		if got := len(sender.deliveries()); got != 3 {
			t.Errorf("got %d DMs, want 3", got)
		}
	})
}

func TestScanSkipsInterviewClosedMeanwhile(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		ctx := context.Background()
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		iv := seed(t, db, "U1", "UTC", tuesday10)
		// The student says "they replied" right after the claim.
		hs := &hookStore{DB: db, afterClaim: func(ctx context.Context, ns []followup.Nudge) {
			for _, n := range ns {
				_, err := db.UpdateInterview(ctx, n.Student, n.InterviewID, func(iv *followup.Interview) error {
					return iv.CloseAs(followup.StageReplied)
				})
				if err != nil {
					t.Errorf("close: %v", err)
				}
			}
		}}
		sender := newSender(clock)
		d := New(Config{Store: hs, Sender: sender, Clock: clock})

		if got, want := scan(t, d), (Result{Claimed: 1, Skipped: 1}); got != want {
			t.Fatalf("got %+v, want %+v", got, want)
		}
		if got := len(sender.deliveries()); got != 0 {
			t.Errorf("got %d DMs, want 0", got)
		}
		clock.Add(24 * time.Hour)
		hs.afterClaim = nil
		if got := scan(t, d); got != (Result{}) {
			t.Errorf("a day later: got %+v, want nothing (the nudge must not come back)", got)
		}
		ns, err := db.NudgesFor(ctx, iv.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range ns {
			if n.Status == followup.NudgePending || n.Status == followup.NudgeClaimed {
				t.Errorf("nudge %d: got %s, want done", n.ID, n.Status)
			}
		}
	})
}

func TestExactlyOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		tests := []struct {
			name string
			run  func(t *testing.T, path string, clock *fakeClock, sender *fakeSender) Result
			want Result // of the last scan
		}{
			{"Restart", func(t *testing.T, path string, clock *fakeClock, sender *fakeSender) Result {
				scan(t, New(Config{Store: openStoreAt(t, path, clock), Sender: sender, Clock: clock}))
				clock.Add(time.Hour)
				return scan(t, New(Config{Store: openStoreAt(t, path, clock), Sender: sender, Clock: clock}))
			}, Result{}},
			{"CrashBetweenSendAndRecord", func(t *testing.T, path string, clock *fakeClock, sender *fakeSender) Result {
				hs := &hookStore{DB: openStoreAt(t, path, clock), markSent: func(int64) error { return errCrash }}
				scan(t, New(Config{Store: hs, Sender: sender, Clock: clock}))
				if got := len(sender.deliveries()); got != 1 {
					t.Fatalf("before the crash: got %d DMs, want 1", got)
				}
				// The process is gone; once its lease runs out a new one sees the claim as Unsure.
				clock.Add(DefaultLease + time.Second)
				return scan(t, New(Config{Store: openStoreAt(t, path, clock), Sender: sender, Clock: clock}))
			}, Result{Claimed: 1, Unsure: 1, Recovered: 1}},
			{"CrashBeforeLeaseEnds", func(t *testing.T, path string, clock *fakeClock, sender *fakeSender) Result {
				hs := &hookStore{DB: openStoreAt(t, path, clock), markSent: func(int64) error { return errCrash }}
				scan(t, New(Config{Store: hs, Sender: sender, Clock: clock}))
				clock.Add(DefaultLease / 2)
				d := New(Config{Store: openStoreAt(t, path, clock), Sender: sender, Clock: clock})
				if res := scan(t, d); res != (Result{}) {
					t.Errorf("while the claim is fresh: got %+v, want nothing (it may still be in flight)", res)
				}
				clock.Add(DefaultLease/2 + time.Second)
				return scan(t, d)
			}, Result{Claimed: 1, Unsure: 1, Recovered: 1}},
			{"NetworkErrorAfterPosting", func(t *testing.T, path string, clock *fakeClock, sender *fakeSender) Result {
				sender.fail = func(_ followup.Nudge, try int) (error, bool) {
					if try == 1 {
						return &net.OpError{Op: "read", Err: errors.New("connection reset")}, true
					}
					return nil, false
				}
				return scan(t, New(Config{Store: openStoreAt(t, path, clock), Sender: sender, Clock: clock}))
			}, Result{Claimed: 1, Recovered: 1}},
			{"SenderPanicsAfterPosting", func(t *testing.T, path string, clock *fakeClock, sender *fakeSender) Result {
				sender.fail = func(n followup.Nudge, try int) (error, bool) {
					if try == 1 {
						sender.postLocked(n)
						panic("boom")
					}
					return nil, false
				}
				return scan(t, New(Config{Store: openStoreAt(t, path, clock), Sender: sender, Clock: clock}))
			}, Result{Claimed: 1, Recovered: 1}},
			{"UnsureButHistoryUnreadable", func(t *testing.T, path string, clock *fakeClock, sender *fakeSender) Result {
				hs := &hookStore{DB: openStoreAt(t, path, clock), markSent: func(int64) error { return errCrash }}
				scan(t, New(Config{Store: hs, Sender: sender, Clock: clock}))
				clock.Add(DefaultLease + time.Second)
				sender.failCheck = errors.New("slack down")
				res := scan(t, New(Config{Store: openStoreAt(t, path, clock), Sender: sender, Clock: clock}))
				if res != (Result{Claimed: 1, Unsure: 1, Failed: 1}) {
					t.Errorf("while history is unreadable: got %+v, want claimed 1 unsure 1 failed 1", res)
				}
				sender.failCheck = nil
				// Slack answers again: the check comes within seconds, not a lease later.
				clock.Add(unsureRecheck + time.Nanosecond)
				return scan(t, New(Config{Store: openStoreAt(t, path, clock), Sender: sender, Clock: clock}))
			}, Result{Claimed: 1, Unsure: 1, Recovered: 1}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				clock := newClock(tuesday10)
				path := storetest.DSN(t, e)
				db := openStoreAt(t, path, clock)
				iv := seed(t, db, "U1", "UTC", tuesday10)
				sender := newSender(clock)

				if got := tt.run(t, path, clock, sender); got != tt.want {
					t.Errorf("last scan: got %+v, want %+v", got, tt.want)
				}
				posts := sender.deliveries()
				if len(posts) != 1 {
					t.Fatalf("got %d DMs, want exactly 1", len(posts))
				}
				n := onlyNudge(t, db, iv.ID)
				if n.Status != followup.NudgeSent || n.TS != posts[0].ts {
					t.Errorf("nudge: got status %s ts %q, want sent with ts %q", n.Status, n.TS, posts[0].ts)
				}
				if stored, _ := db.Interview(context.Background(), iv.ID); stored.Stage != followup.StageNudged {
					t.Errorf("interview: got stage %s, want %s", stored.Stage, followup.StageNudged)
				}
			})
		}
	})
}

func TestOverlappingScansNeverSendTwice(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		const students = 120
		for i := range students {
			seed(t, db, "U"+itoa(i), "UTC", tuesday10.Add(-time.Duration(i)*time.Second))
		}
		sender := newSender(clock)
		var ds []*Dispatcher
		for range 2 {
			ds = append(ds, New(Config{Store: db, Sender: sender, Clock: clock, BatchSize: 7, Workers: 4}))
		}
		wantEachOnce(t, sender, scanAll(t, ds, 1), students)
	})
}

func itoa(i int) string {
	return string(rune('A'+i/26%26)) + string(rune('A'+i%26)) + string(rune('0'+i/676))
}

func TestSlackFaults(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		serverErr := fmt.Errorf("%w: 503 Service Unavailable", ErrUnknownOutcome)
		tests := []struct {
			name string
			fail func(n followup.Nudge, try int) (error, bool)
			// want is the first scan's Result; dms the DMs it made.
			want Result
			dms  int
			// retryAfter, if set, is how far the nudge must have been put off.
			retryAfter time.Duration
			// clockMoved is how far waiting must have moved the clock, at least.
			clockMoved time.Duration
		}{
			{"RateLimitedThenOK", func(_ followup.Nudge, try int) (error, bool) {
				if try == 1 {
					return &RetryAfterError{After: 2 * time.Second}, false
				}
				return nil, false
			}, Result{Claimed: 1, Sent: 1}, 1, 0, 2 * time.Second},
			{"RateLimitedLong", func(followup.Nudge, int) (error, bool) {
				return &RetryAfterError{After: 10 * time.Minute}, false
			}, Result{Claimed: 1, Deferred: 1}, 0, 10 * time.Minute, 0},
			{"ServerErrorTwiceThenOK", func(_ followup.Nudge, try int) (error, bool) {
				if try <= 2 {
					return serverErr, false
				}
				return nil, false
			}, Result{Claimed: 1, Sent: 1}, 1, 0, 3 * time.Second},
			{"ServerErrorAlways", func(followup.Nudge, int) (error, bool) {
				return serverErr, false
			}, Result{Claimed: 1, Failed: 1}, 0, unsureRecheck, 0},
			{"Refused", func(followup.Nudge, int) (error, bool) {
				return fmt.Errorf("%w: channel_not_found", ErrRejected), false
			}, Result{Claimed: 1, Failed: 1}, 0, time.Minute, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				clock := newClock(tuesday10)
				db := openStore(t, e, clock)
				iv := seed(t, db, "U1", "UTC", tuesday10)
				sender := newSender(clock)
				sender.fail = tt.fail
				d := New(Config{Store: db, Sender: sender, Clock: clock})

				if got := scan(t, d); got != tt.want {
					t.Errorf("got %+v, want %+v", got, tt.want)
				}
				if got := len(sender.deliveries()); got != tt.dms {
					t.Errorf("got %d DMs, want %d", got, tt.dms)
				}
				if moved := clock.Now().Sub(tuesday10); moved < tt.clockMoved {
					t.Errorf("waited %s, want at least %s", moved, tt.clockMoved)
				}
				n := onlyNudge(t, db, iv.ID)
				if tt.dms == 1 {
					if n.Status != followup.NudgeSent {
						t.Errorf("nudge: got %s, want sent", n.Status)
					}
					return
				}
				// Never dropped: still due, later, with the error on record.
				if n.Status != followup.NudgePending || n.LastError == "" || n.DueAt.Before(clock.Now().Add(tt.retryAfter)) {
					t.Errorf("nudge: got status %s due %s last error %q, want pending, due at or after %s, with an error",
						n.Status, n.DueAt, n.LastError, clock.Now().Add(tt.retryAfter))
				}
				// Once Slack is well again the nudge goes out.
				sender.fail = nil
				clock.Add(time.Hour)
				if got := scan(t, d); got != (Result{Claimed: 1, Sent: 1}) {
					t.Errorf("after recovery: got %+v, want sent", got)
				}
			})
		}
	})
}

// TestServerErrorRetriedSoonAfterRestarts: a nudge whose claims were cut
// short by instances that died (each claim counts as an attempt) and that
// Slack now fails with a 5xx is put back for unsureRecheck, like any other:
// the kills say nothing about how long Slack's trouble lasts.
func TestServerErrorRetriedSoonAfterRestarts(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		iv := seed(t, db, "U1", "UTC", tuesday10)
		ctx := context.Background()
		for range 5 { // five instances claim it and die; each successor takes the claim back
			if ns, err := db.ClaimDueNudges(ctx, "dead", clock.Now(), 10, DefaultLease); err != nil || len(ns) != 1 {
				t.Fatalf("claim: got %d nudges, %v; want 1", len(ns), err)
			}
			if _, err := db.LeaveInstance(ctx, "dead", clock.Now(), false); err != nil {
				t.Fatal(err)
			}
		}
		sender := newSender(clock)
		sender.fail = func(followup.Nudge, int) (error, bool) {
			return fmt.Errorf("%w: 503 Service Unavailable", ErrUnknownOutcome), false
		}
		d := New(Config{Store: db, Sender: sender, Clock: clock})
		if got, want := scan(t, d), (Result{Claimed: 1, Unsure: 1, Failed: 1}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
		n := onlyNudge(t, db, iv.ID)
		if n.Attempts != 6 {
			t.Errorf("attempts: got %d, want 6", n.Attempts)
		}
		if latest := clock.Now().Add(unsureRecheck); n.Status != followup.NudgePending || n.DueAt.After(latest) {
			t.Errorf("nudge: got %s due %s, want pending, due by %s", n.Status, n.DueAt.Format(time.TimeOnly), latest.Format(time.TimeOnly))
		}
	})
}

func TestOneFailingStudentDoesNotHoldUpOthers(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		bad := seed(t, db, "UBAD", "UTC", tuesday10)
		for _, u := range []string{"U1", "U2", "U3"} {
			seed(t, db, u, "UTC", tuesday10)
		}
		sender := newSender(clock)
		sender.fail = func(n followup.Nudge, _ int) (error, bool) {
			if n.InterviewID == bad.ID {
				return fmt.Errorf("%w: 500", ErrUnknownOutcome), false
			}
			return nil, false
		}
		d := New(Config{Store: db, Sender: sender, Clock: clock, Workers: 1})
		if got, want := scan(t, d), (Result{Claimed: 4, Sent: 3, Failed: 1}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
}

func TestRateLimiter(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		tests := []struct {
			name string
			rate float64
			// minSpan is the least time between the first and the last DM.
			minSpan, maxSpan time.Duration
		}{
			{"Off", 0, 0, 0},
			{"TenPerSecond", 10, 1900 * time.Millisecond, time.Hour},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				clock := newClock(tuesday10)
				db := openStore(t, e, clock)
				for i := range 20 {
					seed(t, db, "U"+itoa(i), "UTC", tuesday10)
				}
				sender := newSender(clock)
				// One worker: concurrent Sleeps on the shared test clock would blur the span.
				d := New(Config{Store: db, Sender: sender, Clock: clock, Rate: tt.rate, Burst: 1, Workers: 1})
				if got := scan(t, d); got.Sent != 20 {
					t.Fatalf("got %+v, want 20 sent", got)
				}
				posts := sender.deliveries()
				first, last := posts[0].at, posts[0].at
				for _, p := range posts {
					first, last = minTime(first, p.at), maxTime(last, p.at)
				}
				if span := last.Sub(first); span < tt.minSpan || span > tt.maxSpan {
					t.Errorf("20 DMs spread over %s, want between %s and %s", span, tt.minSpan, tt.maxSpan)
				}
			})
		}
	})
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func TestLateNudgesOfOneStudentAreStaggered(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		// Three nudges that came due while the bot was down, logged out of order.
		b := seed(t, db, "U1", "UTC", tuesday10.Add(-2*time.Hour))
		c := seed(t, db, "U1", "UTC", tuesday10.Add(-1*time.Hour))
		a := seed(t, db, "U1", "UTC", tuesday10.Add(-3*time.Hour))
		other := seed(t, db, "U2", "UTC", tuesday10.Add(-time.Hour))
		sender := newSender(clock)
		d := New(Config{Store: db, Sender: sender, Clock: clock})

		if got, want := scan(t, d), (Result{Claimed: 4, Sent: 2, Deferred: 2}); got != want {
			t.Errorf("first scan: got %+v, want %+v", got, want)
		}
		for i, iv := range []followup.Interview{b, c} {
			n := onlyNudge(t, db, iv.ID)
			if want := tuesday10.Add(time.Duration(i+1) * DefaultStagger); n.Status != followup.NudgePending || !n.DueAt.Equal(want) {
				t.Errorf("nudge %d: got %s due %s, want pending due %s", i+2, n.Status, n.DueAt, want)
			}
		}
		for range 2 {
			clock.Add(DefaultStagger)
			if got := scan(t, d); got != (Result{Claimed: 1, Sent: 1}) {
				t.Errorf("scan at %s: got %+v, want one sent", clock.Now(), got)
			}
		}
		var order []int64
		for _, p := range sender.deliveries() {
			order = append(order, p.nudgeID)
		}
		want := []int64{onlyNudge(t, db, a.ID).ID, onlyNudge(t, db, b.ID).ID, onlyNudge(t, db, c.ID).ID}
		got := []int64{}
		otherID := onlyNudge(t, db, other.ID).ID
		for _, id := range order {
			if id != otherID {
				got = append(got, id)
			}
		}
		if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Errorf("U1's DMs in order %v, want %v (by due time)", got, want)
		}
	})
}

func TestLateNudgeWaitsForMorning(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		tests := []struct {
			name string
			tz   string
			now  time.Time
			want time.Time // when the nudge is due again
		}{
			// 10:00 UTC is 3:00 in Los Angeles (PDT).
			{"NightInLosAngeles", "America/Los_Angeles", tuesday10, time.Date(2025, 3, 18, 14, 0, 0, 0, time.UTC)},
			// Saturday morning in Paris: Monday 7:00 local.
			{"WeekendInParis", "Europe/Paris", time.Date(2025, 3, 22, 10, 0, 0, 0, time.UTC), time.Date(2025, 3, 24, 6, 0, 0, 0, time.UTC)},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				clock := newClock(tt.now)
				db := openStore(t, e, clock)
				iv := seed(t, db, "U1", tt.tz, tt.now.Add(-48*time.Hour))
				sender := newSender(clock)
				d := New(Config{Store: db, Sender: sender, Clock: clock})
				if got, want := scan(t, d), (Result{Claimed: 1, Deferred: 1}); got != want {
					t.Errorf("got %+v, want %+v", got, want)
				}
				if n := onlyNudge(t, db, iv.ID); !n.DueAt.Equal(tt.want) {
					t.Errorf("due again at %s, want %s", n.DueAt, tt.want)
				}
				if got := len(sender.deliveries()); got != 0 {
					t.Errorf("got %d DMs at night, want 0", got)
				}
			})
		}
	})
}

// TestScanDropsNudgeOfForgottenStudent: the student is forgotten after the
// claim, so Deliver finds them gone. The nudge is dropped at once, never
// retried and never posted.
func TestScanDropsNudgeOfForgottenStudent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		seed(t, db, "U1", "UTC", tuesday10)
		sender := newSender(clock)
		tries := 0
		sender.fail = func(n followup.Nudge, try int) (error, bool) {
			tries++
			if _, err := db.EraseStudent(context.Background(), n.Student); err != nil {
				t.Errorf("erase: %v", err)
			}
			return fmt.Errorf("nudge %d: %w", n.ID, followup.ErrNotFound), false
		}
		d := New(Config{Store: db, Sender: sender, Clock: clock})
		if got, want := scan(t, d), (Result{Claimed: 1, Skipped: 1}); got != want {
			t.Fatalf("got %+v, want %+v", got, want)
		}
		if tries != 1 || len(sender.deliveries()) != 0 {
			t.Errorf("got %d tries and %d DMs, want 1 try and no DM", tries, len(sender.deliveries()))
		}
		clock.Add(24 * time.Hour)
		if got := scan(t, d); got != (Result{}) {
			t.Errorf("a day later: got %+v, want nothing", got)
		}
	})
}
