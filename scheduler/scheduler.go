// Package scheduler is the nudge dispatcher: it finds the nudges that are
// due, sends each one to its student exactly once, and records the result.
//
// The store claims due nudges in a transaction for one instance, with a
// lease; the dispatcher sends each claimed nudge through a Sender (the
// bot), records the Slack ts and moves the interview along its lifecycle.
// While it runs, a heartbeat renews the leases of the claims it holds. A
// claim whose outcome is unknown (the instance died between send and
// record, or Slack did not answer and its history could not be read yet)
// has its lease run out, comes back from the store marked Unsure within
// seconds, and the dispatcher that claims it looks for the nudge's message
// metadata in the student's DM before it sends again. A nudge that fails
// is put back, due later, with its last error; it is never dropped.
//
// Several instances may run dispatchers on one database: claims never
// overlap, and they share the send rate through the heartbeat's count of
// live instances.
//
// Scan runs one pass; Start runs it on a cron schedule (robfig/cron/v3),
// once at start-up and whenever the heartbeat sees an expired claim; Stop
// waits for a running pass.
package scheduler

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/robfig/cron/v3"
	"golang.org/x/time/rate"
)

// Store is what the dispatcher needs of the database (store.DB meets it).
type Store interface {
	// ClaimDueNudges claims for instance, in one transaction, up to limit
	// nudges due at now with a lease until now+lease, and expired claims
	// marked Unsure.
	ClaimDueNudges(ctx context.Context, instance string, now time.Time, limit int, lease time.Duration) ([]followup.Nudge, error)
	// LetGoNudge leaves a claim whose outcome is unknown to come back,
	// Unsure, at at.
	LetGoNudge(ctx context.Context, nudgeID int64, lastErr string, at time.Time) error
	// Heartbeat says instance is alive, renews its leases and counts the
	// live instances and the expired claims.
	Heartbeat(ctx context.Context, instance string, now time.Time, lease, liveWithin time.Duration) (followup.Beat, error)
	// LeaveInstance ends instance's claims at now, and with gone removes it
	// from the live instances.
	LeaveInstance(ctx context.Context, instance string, now time.Time, gone bool) (int, error)
	// MarkNudgeSent records that a claimed nudge went out (or, with an
	// empty ts, that it is done without a DM). ErrConflict if it is no
	// longer claimed.
	MarkNudgeSent(ctx context.Context, nudgeID int64, channel, ts string, at time.Time) error
	// ReleaseNudge puts a claimed nudge back, due again at retryAt.
	ReleaseNudge(ctx context.Context, nudgeID int64, lastErr string, retryAt time.Time) error
	// UpdateInterview changes an interview in one transaction.
	UpdateInterview(ctx context.Context, owner followup.UserID, id int64, fn func(*followup.Interview) error) (followup.Interview, error)
	// Student returns a student's settings and time zone, so that a nudge
	// made late by an outage still never goes out at night.
	Student(ctx context.Context, id followup.UserID) (followup.Student, error)
}

// Sender is the Slack side (implemented by the bot).
//
// Deliver's errors speak the scheduler's language: *RetryAfterError (rate
// limited, nothing was posted), ErrRejected (Slack refused, nothing was
// posted); anything else, ErrUnknownOutcome or not, may or may not have
// posted, so the dispatcher calls Delivered before it tries again.
type Sender interface {
	// Deliver posts the nudge DM, carrying Slack message metadata (event type "followup_nudge",
	// payload nudge_id + interview_id), and returns where it landed.
	Deliver(ctx context.Context, n followup.Nudge) (channel, ts string, err error)
	// Delivered looks in the student's DM history for a message whose metadata names this nudge.
	Delivered(ctx context.Context, n followup.Nudge) (channel, ts string, found bool, err error)
}

// Sleeper is an optional interface of Config.Clock: when the clock has it,
// the dispatcher waits with it (rate limiter, Retry-After, backoff), so a
// test clock moves its own time instead of the test sleeping.
type Sleeper interface {
	Sleep(ctx context.Context, d time.Duration) error
}

// Defaults of Config.
const (
	DefaultBatchSize = 500
	DefaultLease     = 15 * time.Second
	DefaultStagger   = 3 * time.Minute
	DefaultWorkers   = 8
	DefaultInstance  = "local"
)

// unsureRecheck is how soon a nudge whose outcome is unknown, and whose DM
// history could not be read, is checked again: Slack's outages are often
// seconds long, and a student should not wait minutes once it answers.
const unsureRecheck = 3 * time.Second

// batchWindow is how long one batch may take to send at this instance's
// share of the rate. The rate is shared evenly among live instances, not
// by the work each holds: an instance that claimed a minute's worth would
// send the last of it alone at its share while the others sat idle, and a
// kill would leave that much to recover. A few seconds' worth keeps every
// instance claiming, so together they send at the whole rate to the end.
const batchWindow = 5 * time.Second

// Config configures a Dispatcher. Store, Sender and Clock are required.
type Config struct {
	Store  Store
	Sender Sender
	Clock  followup.Clock
	Log    *slog.Logger // nil: discard
	// Planner decides the allowed hours; the zero value means
	// followup.NewPlanner().
	Planner followup.Planner
	// Instance names this dispatcher's instance in its claims; it must be
	// unique among live instances and stay the same across a restart, so
	// the new process takes back its predecessor's claims at once
	// (default "local").
	Instance string
	// Rate is the most sends per second, all students and all live
	// instances together (each takes an equal share); 0 means no limit.
	Rate float64
	// Burst is how many sends may go at once under Rate (default 1).
	Burst int
	// BatchSize is how many nudges one claim takes (default 500). With a
	// Rate it is cut so that a batch is sent within a few seconds at this
	// instance's share of the rate.
	BatchSize int
	// Lease is how long a claim holds without renewal (default 15s). The
	// heartbeat renews it every Lease/3, so a dead instance's claims come
	// back within Lease.
	Lease time.Duration
	// Stagger is the gap between several late nudges of one student
	// (default 3m; negative means no gap).
	Stagger time.Duration
	// Workers is how many students are served at once (default 8).
	Workers int
	// Observer, if set, is told of every scan and heartbeat (metrics).
	Observer Observer
}

// Observer is told what the dispatcher did.
type Observer interface {
	// Scanned reports one scan's Result and how long it took.
	Scanned(r Result, took time.Duration)
	// Beat reports one heartbeat of instance.
	Beat(instance string, b followup.Beat)
}

// Result counts what one scan did.
type Result struct {
	Claimed   int // nudges claimed
	Unsure    int // of those, claims whose earlier outcome was unknown
	Sent      int // DMs posted and recorded
	Recovered int // found already delivered (metadata in the DM) and recorded, no second DM
	Skipped   int // the interview no longer plans the nudge (closed, moved): done without a DM
	Deferred  int // put back for later on purpose: stagger, night or holiday, long Retry-After
	Failed    int // put back with an error, or left claimed because the outcome is unknown
}

func (r *Result) add(o Result) {
	r.Claimed += o.Claimed
	r.Unsure += o.Unsure
	r.Sent += o.Sent
	r.Recovered += o.Recovered
	r.Skipped += o.Skipped
	r.Deferred += o.Deferred
	r.Failed += o.Failed
}

// Dispatcher sends due nudges exactly once. It is safe for concurrent use;
// overlapping scans never claim the same nudge.
type Dispatcher struct {
	cfg     Config
	log     *slog.Logger
	batch   atomic.Int64  // nudges per claim: BatchSize, cut to the share of Rate
	limiter *rate.Limiter // nil: no limit

	holdMu    sync.Mutex
	holdUntil time.Time // after a 429 every send waits until then

	mu       sync.Mutex // guards cron, cancel, quit
	cron     *cron.Cron
	cancel   context.CancelFunc
	quit     chan struct{}  // closed by Stop: the heartbeat ends
	startup  sync.WaitGroup // the start-up scan, the heartbeat and its scans
	stopping atomic.Bool    // Stop was called: finish the batch, claim no more
}

// New returns a Dispatcher with cfg, defaults filled in.
func New(cfg Config) *Dispatcher {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Planner.Days == nil {
		cfg.Planner = followup.NewPlanner()
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.Instance == "" {
		cfg.Instance = DefaultInstance
	}
	if cfg.Stagger == 0 {
		cfg.Stagger = DefaultStagger
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.Burst <= 0 {
		cfg.Burst = 1
	}
	d := &Dispatcher{cfg: cfg, log: cfg.Log}
	if cfg.Rate > 0 {
		d.limiter = rate.NewLimiter(rate.Limit(cfg.Rate), cfg.Burst)
	}
	d.setBatch(1)
	return d
}

// Scan claims every due nudge, batch by batch, and delivers them. It
// returns an error only when claiming fails; failures of single nudges are
// counted in the Result, logged, and the nudges stay due.
func (d *Dispatcher) Scan(ctx context.Context) (total Result, err error) {
	if d.cfg.Observer != nil {
		start := time.Now() // elapsed real time, not the domain clock
		defer func() { d.cfg.Observer.Scanned(total, time.Since(start)) }()
	}
	for {
		size := int(d.batch.Load())
		batch, err := d.cfg.Store.ClaimDueNudges(ctx, d.cfg.Instance, d.now(), size, d.cfg.Lease)
		if err != nil {
			return total, fmt.Errorf("scan: %w", err)
		}
		total.Claimed += len(batch)
		unsure := 0
		for _, n := range batch {
			if n.Unsure {
				unsure++
			}
		}
		total.Unsure += unsure
		if len(batch) > 0 {
			d.log.Debug("scan: claimed", "claimed", len(batch), "unsure", unsure)
		}
		total.add(d.dispatch(ctx, batch))
		// Everything put back is due strictly later, so a full batch means
		// there may be more due now, never the same nudges again.
		if len(batch) < size || ctx.Err() != nil || d.stopping.Load() {
			return total, nil
		}
	}
}

// dispatch delivers one claimed batch, one student per worker at a time,
// so a student's nudges go out in order and one slow student does not hold
// up the others.
func (d *Dispatcher) dispatch(ctx context.Context, batch []followup.Nudge) Result {
	if len(batch) == 0 {
		return Result{}
	}
	var order []followup.UserID
	byStudent := make(map[followup.UserID][]followup.Nudge)
	for _, n := range batch {
		if _, ok := byStudent[n.Student]; !ok {
			order = append(order, n.Student)
		}
		byStudent[n.Student] = append(byStudent[n.Student], n)
	}

	jobs := make(chan []followup.Nudge)
	var (
		mu    sync.Mutex
		total Result
		wg    sync.WaitGroup
	)
	for range min(d.cfg.Workers, len(order)) {
		wg.Go(func() {
			for ns := range jobs {
				r := d.student(ctx, ns)
				mu.Lock()
				total.add(r)
				mu.Unlock()
			}
		})
	}
	for _, id := range order {
		jobs <- byStudent[id]
	}
	close(jobs)
	wg.Wait()
	return total
}

// student delivers one student's claimed nudges: the earliest now, the
// rest put back Stagger apart so a student back from an outage gets them
// in order and not as a burst.
func (d *Dispatcher) student(ctx context.Context, ns []followup.Nudge) Result {
	slices.SortStableFunc(ns, func(a, b followup.Nudge) int {
		return cmp.Or(a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID, b.ID))
	})
	var res Result
	st, err := d.cfg.Store.Student(ctx, ns[0].Student)
	if err != nil {
		d.log.Error("nudge: read student", "team", ns[0].Student.Team, "user", ns[0].Student.User, "err", err)
		for _, n := range ns {
			res.add(d.release(ctx, n, err.Error(), d.now().Add(retryDelay(n.Attempts)), Result{Failed: 1}))
		}
		return res
	}
	loc := st.Location()
	if now := d.now(); !d.cfg.Planner.Allowed(now, st.Settings, loc) {
		// Late after an outage, but never at night, on a weekend or a holiday.
		at := d.cfg.Planner.NextAllowed(now, st.Settings, loc)
		for i, n := range ns {
			res.add(d.release(ctx, n, "", at.Add(time.Duration(i)*max(d.cfg.Stagger, 0)), Result{Deferred: 1}))
		}
		return res
	}
	for i, n := range ns {
		if ctx.Err() != nil {
			// Shutting down: the rest stay claimed and come back as Unsure.
			res.Failed += len(ns) - i
			return res
		}
		o := d.deliver(ctx, n)
		res.add(o.Result)
		rest := ns[i+1:]
		if len(rest) == 0 {
			return res
		}
		if o.Skipped == 1 || (d.cfg.Stagger < 0 && o.next.IsZero()) {
			continue // no DM went out, or no gap wanted: the next one may go now
		}
		step := max(d.cfg.Stagger, 0)
		next := o.next
		if next.IsZero() {
			next = d.now().Add(step)
		}
		for j, m := range rest {
			res.add(d.release(ctx, m, "", next.Add(time.Duration(j)*step), Result{Deferred: 1}))
		}
		return res
	}
	return res
}

// outcome is the Result of one nudge and, if it was put back or left
// claimed, when the student's next nudge may follow it.
type outcome struct {
	Result
	next time.Time
}

// Errors that end UpdateInterview's transaction without a write.
var (
	errSkip     = errors.New("interview no longer plans this nudge")
	errNoChange = errors.New("no change")
)

// deliver sends one claimed nudge at most once and records it.
func (d *Dispatcher) deliver(ctx context.Context, n followup.Nudge) outcome {
	log := d.log.With("nudge", n.ID, "interview", n.InterviewID, "kind", n.Kind)
	if n.Unsure {
		ch, ts, found, err := d.cfg.Sender.Delivered(ctx, n)
		if err != nil {
			// Still unknown: it comes back as Unsure in a few seconds.
			log.Warn("nudge: check earlier delivery", "err", err)
			return d.letGo(ctx, n, err)
		}
		if found {
			d.record(ctx, log, n, ch, ts)
			return outcome{Result: Result{Recovered: 1}}
		}
	}

	now := d.now()
	_, err := d.cfg.Store.UpdateInterview(ctx, n.Student, n.InterviewID, func(iv *followup.Interview) error {
		if !plans(iv, n, now) {
			return errSkip
		}
		if n.Kind == followup.NudgeSecondFollowUp && iv.Stage != followup.StageDue {
			return iv.MarkDue()
		}
		return errNoChange
	})
	switch {
	case err == nil, errors.Is(err, errNoChange):
	case errors.Is(err, errSkip), errors.Is(err, followup.ErrTransition),
		errors.Is(err, followup.ErrNotFound), errors.Is(err, followup.ErrForbidden):
		// Closed or re-planned meanwhile: mark it done so it never comes
		// back. An empty ts says no DM was sent.
		log.Info("nudge: skipped", "reason", err)
		d.markSkipped(ctx, log, n, now)
		return outcome{Result: Result{Skipped: 1}}
	default:
		log.Error("nudge: prepare interview", "err", err)
		at := now.Add(retryDelay(n.Attempts))
		return outcome{d.release(ctx, n, err.Error(), at, Result{Failed: 1}), at}
	}
	return d.send(ctx, log, n)
}

// plans reports whether iv still plans nudge n: open, the same kind, and
// not moved to a later time (a snooze cancels the claimed nudge and plans
// a new one).
func plans(iv *followup.Interview, n followup.Nudge, now time.Time) bool {
	return iv.Open() && iv.NextNudgeKind == n.Kind && !iv.NextNudgeAt.IsZero() && !iv.NextNudgeAt.After(now)
}

// In-scan retry budget: a few quick attempts, then the nudge is put back.
const (
	maxTries    = 3                // attempts after a 5xx or network error
	maxHolds    = 3                // waits after a 429
	maxHold     = 30 * time.Second // a longer Retry-After puts the nudge back
	backoffBase = time.Second      // first in-scan backoff, doubled each try
)

// send posts the nudge, retrying what Slack lets us retry.
func (d *Dispatcher) send(ctx context.Context, log *slog.Logger, n followup.Nudge) outcome {
	tries, holds := 0, 0
	for {
		if err := d.wait(ctx); err != nil {
			// Nothing left this time; but an earlier try may have.
			return d.giveUp(ctx, n, tries > 0, err)
		}
		ch, ts, err := d.safeDeliver(ctx, n)
		if err == nil {
			d.record(ctx, log, n, ch, ts)
			return outcome{Result: Result{Sent: 1}}
		}
		var rl *RetryAfterError
		switch {
		case errors.Is(err, followup.ErrNotFound):
			// The student was forgotten (or the interview deleted) after
			// the claim: nothing was posted, and nothing ever will be.
			log.Info("nudge: dropped, student or interview gone", "err", err)
			d.markSkipped(ctx, log, n, d.now())
			return outcome{Result: Result{Skipped: 1}}
		case errors.As(err, &rl):
			d.hold(rl.After)
			if holds++; rl.After <= maxHold && holds < maxHolds {
				log.Info("nudge: rate limited, waiting", "retry_after", rl.After)
				continue
			}
			// Nothing was posted; the next scan after Retry-After tries again.
			at := d.now().Add(max(rl.After, time.Second))
			return outcome{d.release(ctx, n, err.Error(), at, Result{Deferred: 1}), at}
		case errors.Is(err, ErrRejected):
			log.Warn("nudge: slack refused", "err", err)
			at := d.now().Add(retryDelay(n.Attempts))
			return outcome{d.release(ctx, n, err.Error(), at, Result{Failed: 1}), at}
		case ctx.Err() != nil:
			return d.giveUp(ctx, n, true, err)
		}
		// A 5xx or network error: the post may have landed.
		tries++
		log.Warn("nudge: send failed", "try", tries, "err", err)
		if tries >= maxTries {
			return d.giveUp(ctx, n, true, err)
		}
		if err := d.sleep(ctx, backoffBase<<(tries-1)); err != nil {
			return d.giveUp(ctx, n, true, err)
		}
		found, o := d.check(ctx, log, n)
		if found || !o.next.IsZero() {
			return o
		}
	}
}

// check looks for a delivery whose outcome was unknown. found means it was
// there and is recorded; a non-zero o.next means the check failed and the
// claim is left as it is.
func (d *Dispatcher) check(ctx context.Context, log *slog.Logger, n followup.Nudge) (found bool, o outcome) {
	ch, ts, found, err := d.cfg.Sender.Delivered(ctx, n)
	if err != nil {
		log.Warn("nudge: check delivery", "err", err)
		return false, d.letGo(ctx, n, err)
	}
	if found {
		d.record(ctx, log, n, ch, ts)
		return true, outcome{Result: Result{Recovered: 1}}
	}
	return false, outcome{}
}

// giveUp ends the in-scan attempts. When a try may have posted (unsure),
// the DM history decides; if it cannot be read the claim is let go, so the
// next attempt checks again instead of sending blind.
func (d *Dispatcher) giveUp(ctx context.Context, n followup.Nudge, unsure bool, cause error) outcome {
	log := d.log.With("nudge", n.ID, "interview", n.InterviewID, "kind", n.Kind)
	if ctx.Err() != nil {
		log.Warn("nudge: interrupted, claim let go for a check", "err", cause)
		return d.letGo(ctx, n, cause)
	}
	if unsure {
		if found, o := d.check(ctx, log, n); found || !o.next.IsZero() {
			return o
		}
	}
	// Slack failing (5xx, timeouts) is usually over in seconds: try again
	// soon, not in the minutes a refusal waits. The wait does not grow with
	// Attempts, which counts claims: a claim cut short by a killed or
	// stopped instance counts too, so a few restarts would make every
	// nudge wait its longest, long after Slack answers again. The shared
	// rate limit and the in-scan backoff pace the calls in a long outage.
	at := d.now().Add(retryDelay(n.Attempts))
	if unsure {
		at = d.now().Add(unsureRecheck)
	}
	log.Warn("nudge: put back", "retry_at", at, "err", cause)
	return outcome{d.release(ctx, n, cause.Error(), at, Result{Failed: 1}), at}
}

// letGo leaves n claimed by nobody, to come back Unsure in a few seconds
// (at once when ctx is done: this instance is stopping). If that cannot be
// written, the lease runs out by itself within Lease.
func (d *Dispatcher) letGo(ctx context.Context, n followup.Nudge, cause error) outcome {
	at := d.now().Add(unsureRecheck)
	if ctx.Err() != nil {
		at = d.now()
	}
	// The note must reach the database even when ctx is cancelled.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	switch err := d.cfg.Store.LetGoNudge(wctx, n.ID, cause.Error(), at); {
	case errors.Is(err, followup.ErrConflict):
		// Another instance took it over (our lease ran out) and finished it.
		d.log.Info("nudge: let go of claim: no longer ours", "nudge", n.ID, "err", err)
	case err != nil:
		d.log.Error("nudge: let go of claim", "nudge", n.ID, "err", err)
		at = d.now().Add(d.cfg.Lease)
	}
	return outcome{Result{Failed: 1}, at}
}

// release puts n back, due at at. An Unsure nudge is checked first: putting
// it back would lose the flag and let the next send go out blind.
func (d *Dispatcher) release(ctx context.Context, n followup.Nudge, lastErr string, at time.Time, counted Result) Result {
	log := d.log.With("nudge", n.ID, "interview", n.InterviewID, "kind", n.Kind)
	if n.Unsure {
		if found, o := d.check(ctx, log, n); found || !o.next.IsZero() {
			return o.Result
		}
	}
	if err := d.cfg.Store.ReleaseNudge(ctx, n.ID, lastErr, at); err != nil {
		// The claim stays and its lease runs out; the next claim checks and retries.
		log.Error("nudge: put back", "err", err)
		return Result{Failed: 1}
	}
	return counted
}

// record stores the ts of a delivered nudge and moves the interview on.
// Errors are logged, not returned: the DM is out either way, and a claim
// that could not be marked has its lease run out and is found by its
// metadata.
func (d *Dispatcher) record(ctx context.Context, log *slog.Logger, n followup.Nudge, ch, ts string) {
	if err := d.cfg.Store.MarkNudgeSent(ctx, n.ID, ch, ts, d.now()); err != nil {
		if errors.Is(err, followup.ErrConflict) {
			// Re-planned while the DM was on its way; the new plan stands.
			log.Info("nudge: sent but no longer planned", "err", err)
		} else {
			log.Error("nudge: record sent", "ts", ts, "err", err)
		}
		return
	}
	log.Debug("nudge: recorded sent", "attempts", n.Attempts, "unsure", n.Unsure)
	_, err := d.cfg.Store.UpdateInterview(ctx, n.Student, n.InterviewID, func(iv *followup.Interview) error {
		if n.Kind == followup.NudgeSecondFollowUp && iv.Stage != followup.StageDue {
			if err := iv.MarkDue(); err != nil {
				return err
			}
		}
		return iv.MarkNudged(n.Kind)
	})
	switch {
	case errors.Is(err, followup.ErrTransition):
		// The student answered the check before we recorded the nudge.
		log.Info("nudge: interview already moved on", "err", err)
	case err != nil:
		log.Error("nudge: update interview", "err", err)
	}
}

// markSkipped marks a claimed nudge done without a DM (an empty ts), so it
// never comes back. A nudge cancelled or erased meanwhile needs nothing.
func (d *Dispatcher) markSkipped(ctx context.Context, log *slog.Logger, n followup.Nudge, at time.Time) {
	err := d.cfg.Store.MarkNudgeSent(ctx, n.ID, "", "", at)
	if err != nil && !errors.Is(err, followup.ErrConflict) && !errors.Is(err, followup.ErrNotFound) {
		log.Error("nudge: mark skipped", "err", err)
	}
}

// retryDelay is how long a failed nudge waits before the next scan tries
// it: a minute, doubled per attempt, at most an hour.
func retryDelay(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

func (d *Dispatcher) now() time.Time { return d.cfg.Clock.Now() }
