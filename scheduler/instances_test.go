package scheduler

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
	"golang.org/x/time/rate"
)

// TestThreeInstancesNeverDouble runs three dispatchers, each on its own
// handle of one database as three processes would be, scanning over and
// over while 300 students fall due at once: every nudge goes out exactly
// once.
func TestThreeInstancesNeverDouble(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		dsn := storetest.DSN(t, e)
		first := openStoreAt(t, dsn, clock)
		const students = 300
		for i := range students {
			seed(t, first, "U"+itoa(i), "UTC", tuesday10)
		}
		sender := newSender(clock)
		var ds []*Dispatcher
		for i, name := range []string{"a", "b", "c"} {
			db := first
			if i > 0 {
				db = openStoreAt(t, dsn, clock)
			}
			ds = append(ds, New(Config{Store: db, Sender: sender, Clock: clock, Instance: name, BatchSize: 9, Workers: 4}))
		}
		// Later rounds find nothing left, and must not send it again.
		wantEachOnce(t, sender, scanAll(t, ds, 3), students)
	})
}

// TestDeadInstanceRecovered has instance a claim and die mid-send, one DM
// out and one not: another instance recovers both within the lease (the
// sent one by its metadata, without a second DM), and a restarted a takes
// them back at once.
func TestDeadInstanceRecovered(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		tests := []struct {
			name  string
			after time.Duration // from the claim to the next scan
			by    string        // the instance that scans next
			start bool          // it starts (takes back its claims) rather than scans
			want  Result
		}{
			{"OtherWithinLease", DefaultLease + time.Nanosecond, "b", false, Result{Claimed: 2, Unsure: 2, Sent: 1, Recovered: 1}},
			{"OtherBeforeLeaseEnds", DefaultLease - time.Second, "b", false, Result{}},
			{"RestartAtOnce", time.Second, "a", true, Result{Claimed: 2, Unsure: 2, Sent: 1, Recovered: 1}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				clock := newClock(tuesday10)
				db := openStore(t, e, clock)
				iv1 := seed(t, db, "U1", "UTC", tuesday10)
				iv2 := seed(t, db, "U2", "UTC", tuesday10)
				sender := newSender(clock)
				ns, err := db.ClaimDueNudges(context.Background(), "a", clock.Now(), 10, DefaultLease)
				if err != nil || len(ns) != 2 {
					t.Fatalf("claim by a: got %d, %v", len(ns), err)
				}
				// a posted the first DM and died before recording it.
				sender.mu.Lock()
				sender.postLocked(ns[0])
				sender.mu.Unlock()

				clock.Add(tt.after)
				d := New(Config{Store: db, Sender: sender, Clock: clock, Instance: tt.by})
				var got Result
				if tt.start {
					n, err := db.LeaveInstance(context.Background(), tt.by, clock.Now(), false)
					if err != nil || n != 2 {
						t.Fatalf("take back: got %d, %v, want 2", n, err)
					}
				}
				got = scan(t, d)
				if got != tt.want {
					t.Errorf("scan by %s: got %+v, want %+v", tt.by, got, tt.want)
				}
				if tt.want.Claimed == 0 {
					return
				}
				for _, iv := range []followup.Interview{iv1, iv2} {
					if n := onlyNudge(t, db, iv.ID); n.Status != followup.NudgeSent {
						t.Errorf("interview %d: got nudge %s, want sent", iv.ID, n.Status)
					}
				}
				for id, c := range sender.postsPerNudge() {
					if c != 1 {
						t.Errorf("nudge %d: got %d DMs, want 1", id, c)
					}
				}
			})
		}
	})
}

// TestStartTakesBackPredecessorsClaims starts a dispatcher under the name
// of an instance that died holding a claim: its start-up scan sends the
// nudge at once, without waiting for the lease.
func TestStartTakesBackPredecessorsClaims(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		iv := seed(t, db, "U1", "UTC", tuesday10)
		if ns, err := db.ClaimDueNudges(context.Background(), "a", clock.Now(), 10, time.Hour); err != nil || len(ns) != 1 {
			t.Fatalf("claim by the dead a: got %d, %v", len(ns), err)
		}
		d := New(Config{Store: db, Sender: newSender(clock), Clock: clock, Instance: "a"})
		if err := d.start(context.Background(), every{time.Hour}); err != nil {
			t.Fatal(err)
		}
		if err := d.Stop(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := onlyNudge(t, db, iv.ID); n.Status != followup.NudgeSent {
			t.Errorf("after restart: got nudge %s, want sent (lease was an hour)", n.Status)
		}
	})
}

// TestSendRateIsShared starts three dispatchers on one database with one
// FOLLOWUP_SEND_RATE: each one's limiter takes a third, and when one stops
// the others grow back to a half.
func TestSendRateIsShared(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		var ds []*Dispatcher
		for _, name := range []string{"a", "b", "c"} {
			d := New(Config{Store: db, Sender: newSender(clock), Clock: clock, Instance: name, Rate: 9, Burst: 9})
			if err := d.start(context.Background(), every{time.Hour}); err != nil {
				t.Fatal(err)
			}
			ds = append(ds, d)
		}
		beatAll := func() {
			for _, d := range ds {
				if d.cron != nil {
					d.beat(context.Background())
				}
			}
		}
		beatAll()
		for _, d := range ds {
			if got := d.limiter.Limit(); got != rate.Limit(3) {
				t.Errorf("%s with 3 live: got %v sends/s, want 3", d.cfg.Instance, got)
			}
		}
		if err := ds[2].Stop(context.Background()); err != nil {
			t.Fatal(err)
		}
		beatAll()
		for _, d := range ds[:2] {
			if got := d.limiter.Limit(); got != rate.Limit(4.5) {
				t.Errorf("%s with 2 live: got %v sends/s, want 4.5", d.cfg.Instance, got)
			}
			if err := d.Stop(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestStartContextDoesNotCutTheScan cancels the context Start was given
// (SIGTERM) while a scan is inside its batch: the batch still goes out,
// and only Stop ends the scan.
func TestStartContextDoesNotCutTheScan(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		iv := seed(t, db, "U1", "UTC", tuesday10)
		inside, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		hs := &hookStore{DB: db, afterClaim: func(ctx context.Context, ns []followup.Nudge) {
			once.Do(func() {
				close(inside)
				<-release
			})
		}}
		d := New(Config{Store: hs, Sender: newSender(clock), Clock: clock})
		ctx, cancel := context.WithCancel(context.Background())
		if err := d.start(ctx, every{time.Hour}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the start-up scan's claim", inside)
		cancel() // the signal
		close(release)
		if err := d.Stop(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := onlyNudge(t, db, iv.ID); n.Status != followup.NudgeSent {
			t.Errorf("after SIGTERM mid-batch: got nudge %s, want sent", n.Status)
		}
	})
}

// TestClaimIsAFewSecondsOfTheShare: with FOLLOWUP_SEND_RATE 9 among three
// live instances (3/s each), one claim takes batchWindow's worth of the
// share (15 nudges), not everything due, so the others find work and
// together they send at the whole rate until the last nudge.
func TestClaimIsAFewSecondsOfTheShare(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		for i := range 60 {
			seed(t, db, "U"+itoa(i), "UTC", tuesday10)
		}
		for _, other := range []string{"b", "c"} {
			if _, err := db.Heartbeat(context.Background(), other, clock.Now(), DefaultLease, DefaultLease); err != nil {
				t.Fatal(err)
			}
		}
		var claims []int
		hs := &hookStore{DB: db, afterClaim: func(_ context.Context, ns []followup.Nudge) { claims = append(claims, len(ns)) }}
		d := New(Config{Store: hs, Sender: newSender(clock), Clock: clock, Instance: "a", Rate: 9, Burst: 9})
		if _, ok := d.beat(context.Background()); !ok {
			t.Fatal("heartbeat failed")
		}
		if got := scan(t, d); got.Sent != 60 {
			t.Errorf("got %+v, want 60 sent", got)
		}
		if want := []int{15, 15, 15, 15, 0}; !slices.Equal(claims, want) {
			t.Errorf("claims: got %v nudges each, want %v", claims, want)
		}
	})
}
