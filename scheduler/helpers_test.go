package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/followup/followuptest"
	"github.com/followup-coach/followup/store"
	"github.com/followup-coach/followup/store/storetest"
)

// tuesday10 is a business-day morning in UTC, inside the allowed hours.
var tuesday10 = time.Date(2025, 3, 18, 10, 0, 0, 0, time.UTC)

// fakeClock is a clock the test moves. Sleep moves it too, so waits for
// the rate limiter, Retry-After and backoff cost no real time.
type fakeClock struct{ *followuptest.Clock }

func newClock(t time.Time) *fakeClock { return &fakeClock{followuptest.NewClock(t)} }

// Sleep implements Sleeper.
func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Add(d)
	return nil
}

// openStore opens a fresh store on engine e, closed after the test.
func openStore(t testing.TB, e storetest.Engine, clock followup.Clock) *store.DB {
	t.Helper()
	return openStoreAt(t, storetest.DSN(t, e), clock)
}

// openStoreAt opens the store at dsn, closed after the test.
func openStoreAt(t testing.TB, dsn string, clock followup.Clock) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, clock)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// seed logs an interview for user whose second-follow-up nudge is due at
// due, and returns it.
func seed(t testing.TB, db *store.DB, user, tz string, due time.Time) followup.Interview {
	t.Helper()
	ctx := context.Background()
	id := followup.UserID{Team: "T1", User: user}
	if _, _, err := db.EnsureStudent(ctx, id, tz, followup.Settings{}, nil); err != nil {
		t.Fatalf("ensure student: %v", err)
	}
	iv := followup.Interview{
		Student:           id,
		Company:           "Acme " + user,
		Role:              "Analyst",
		InterviewDate:     followup.DateOf(due.AddDate(0, 0, -20)),
		FirstFollowUpDate: followup.DateOf(due.AddDate(0, 0, -19)),
		Stage:             followup.StageLogged,
		NextNudgeAt:       due,
		NextNudgeKind:     followup.NudgeSecondFollowUp,
	}
	if err := db.CreateInterview(ctx, &iv); err != nil {
		t.Fatalf("create interview: %v", err)
	}
	return iv
}

// onlyNudge returns the one nudge of an interview that is not cancelled.
func onlyNudge(t testing.TB, db *store.DB, interviewID int64) followup.Nudge {
	t.Helper()
	ns, err := db.NudgesFor(context.Background(), interviewID)
	if err != nil {
		t.Fatalf("nudges for %d: %v", interviewID, err)
	}
	var live []followup.Nudge
	for _, n := range ns {
		if n.Status != followup.NudgeCancelled {
			live = append(live, n)
		}
	}
	if len(live) != 1 {
		t.Fatalf("interview %d: got %d live nudges, want 1 (%+v)", interviewID, len(live), ns)
	}
	return live[0]
}

// delivery is one DM the fake Sender posted.
type delivery struct {
	nudgeID int64
	ts      string
	at      time.Time
}

// fakeSender is an in-memory Slack: it records posts and can fail or
// panic on demand. fail, if set, is asked before each post.
type fakeSender struct {
	clock followup.Clock

	mu        sync.Mutex
	posts     []delivery
	seq       int
	checks    int
	fail      func(n followup.Nudge, try int) (err error, postAnyway bool)
	tries     map[int64]int
	failCheck error
}

func newSender(clock followup.Clock) *fakeSender {
	return &fakeSender{clock: clock, tries: map[int64]int{}}
}

func (s *fakeSender) Deliver(ctx context.Context, n followup.Nudge) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[n.ID]++
	if s.fail != nil {
		if err, post := s.fail(n, s.tries[n.ID]); err != nil {
			if post {
				s.postLocked(n)
			}
			return "", "", err
		}
	}
	ts := s.postLocked(n)
	return "D" + n.Student.User, ts, nil
}

func (s *fakeSender) postLocked(n followup.Nudge) string {
	s.seq++
	ts := fmt.Sprintf("1700000000.%06d", s.seq)
	s.posts = append(s.posts, delivery{n.ID, ts, s.clock.Now()})
	return ts
}

func (s *fakeSender) Delivered(ctx context.Context, n followup.Nudge) (string, string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.checks++
	if s.failCheck != nil {
		return "", "", false, s.failCheck
	}
	for _, p := range s.posts {
		if p.nudgeID == n.ID {
			return "D" + n.Student.User, p.ts, true, nil
		}
	}
	return "", "", false, nil
}

func (s *fakeSender) deliveries() []delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]delivery(nil), s.posts...)
}

// postsPerNudge counts DMs per nudge id.
func (s *fakeSender) postsPerNudge() map[int64]int {
	m := map[int64]int{}
	for _, p := range s.deliveries() {
		m[p.nudgeID]++
	}
	return m
}

// hookStore is the real store with hooks, to inject a crash or a change
// at a chosen moment.
type hookStore struct {
	*store.DB
	afterClaim  func(ctx context.Context, ns []followup.Nudge)
	beforeClaim func(ctx context.Context) error
	markSent    func(id int64) error
}

func (h *hookStore) ClaimDueNudges(ctx context.Context, instance string, now time.Time, limit int, lease time.Duration) ([]followup.Nudge, error) {
	if h.beforeClaim != nil {
		if err := h.beforeClaim(ctx); err != nil {
			return nil, err
		}
	}
	ns, err := h.DB.ClaimDueNudges(ctx, instance, now, limit, lease)
	if err == nil && h.afterClaim != nil {
		h.afterClaim(ctx, ns)
	}
	return ns, err
}

func (h *hookStore) MarkNudgeSent(ctx context.Context, id int64, channel, ts string, at time.Time) error {
	if h.markSent != nil {
		if err := h.markSent(id); err != nil {
			return err
		}
	}
	return h.DB.MarkNudgeSent(ctx, id, channel, ts, at)
}

var errCrash = errors.New("process died")

func scan(t testing.TB, d *Dispatcher) Result {
	t.Helper()
	res, err := d.Scan(context.Background())
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return res
}

// scanAll runs rounds scans on every dispatcher at once, as instances do,
// and sums their Results.
func scanAll(t testing.TB, ds []*Dispatcher, rounds int) Result {
	t.Helper()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total Result
	)
	for _, d := range ds {
		wg.Go(func() {
			for range rounds {
				res, err := d.Scan(context.Background())
				if err != nil {
					t.Errorf("scan by %s: %v", d.cfg.Instance, err)
				}
				mu.Lock()
				total.add(res)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return total
}

// wantEachOnce checks that n nudges were claimed and sent, one DM each.
func wantEachOnce(t testing.TB, sender *fakeSender, total Result, n int) {
	t.Helper()
	if total.Sent != n || total.Claimed != n {
		t.Errorf("got %+v, want %d claimed and sent", total, n)
	}
	per := sender.postsPerNudge()
	if len(per) != n {
		t.Errorf("got DMs for %d nudges, want %d", len(per), n)
	}
	for id, c := range per {
		if c != 1 {
			t.Errorf("nudge %d: got %d DMs, want 1", id, c)
		}
	}
}
