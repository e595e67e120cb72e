package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/robfig/cron/v3"
	"golang.org/x/time/rate"
)

// parser reads FOLLOWUP_SCHEDULE: the five standard fields, an optional
// leading seconds field, or a descriptor such as "@every 5m".
var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom |
	cron.Month | cron.Dow | cron.Descriptor)

// chain wraps the scan job. The order matters: in cron v3.0.1
// SkipIfStillRunning takes its lock back only when the job returns, so a
// panic that escapes it keeps the lock forever and every later scan is
// skipped (robfig/cron#366). With Recover innermost the panic stops inside
// the skip wrapper and the lock is released.
func chain(l cron.Logger) []cron.JobWrapper {
	return []cron.JobWrapper{cron.SkipIfStillRunning(l), cron.Recover(l)}
}

// Start takes back the claims a predecessor of this instance left, then
// runs a scan on the cron spec and one right away, in the background, and
// a heartbeat every Lease/3 that renews this instance's leases, sets its
// share of the send rate and runs a scan when a claim's lease has run out.
// Runs never overlap: a run that comes while one is still going is
// skipped. Cancelling ctx does not cut a scan short (a SIGTERM must let the
// batch finish); only Stop does.
func (d *Dispatcher) Start(ctx context.Context, spec string) error {
	sched, err := parser.Parse(spec)
	if err != nil {
		return fmt.Errorf("start scheduler: schedule %q: %w", spec, err)
	}
	return d.start(ctx, sched)
}

func (d *Dispatcher) start(ctx context.Context, sched cron.Schedule) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cron != nil {
		return errors.New("start scheduler: already started")
	}
	n, err := d.cfg.Store.LeaveInstance(ctx, d.cfg.Instance, d.now(), false)
	if err != nil {
		return fmt.Errorf("start scheduler: take back claims: %w", err)
	}
	if n > 0 {
		d.log.Info("scheduler: claims of a previous run come back for a check", "instance", d.cfg.Instance, "claims", n)
	}
	// Values (the logger's) pass on, cancellation does not.
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	l := cronLogger{d.log}
	c := cron.New(cron.WithLogger(l), cron.WithChain(chain(l)...))
	id := c.Schedule(sched, cron.FuncJob(func() { d.runScan(ctx) }))
	// The start-up scan and the heartbeat's run the same wrapped job, so
	// they share the skip lock.
	job := c.Entry(id).WrappedJob
	d.cron, d.cancel = c, cancel
	d.quit = make(chan struct{})
	d.stopping.Store(false)
	d.beat(ctx) // the share of the rate is known before the first send
	c.Start()
	d.startup.Go(job.Run)
	quit := d.quit
	d.startup.Go(func() { d.heartbeat(ctx, quit, job) })
	return nil
}

// heartbeat beats every Lease/3 until quit closes, and starts job when a
// claim has expired: a dead instance's nudges go out within seconds, not
// at the next cron tick. The job runs on its own goroutine, so the beats
// (and the leases they renew) go on while it sends.
func (d *Dispatcher) heartbeat(ctx context.Context, quit <-chan struct{}, job cron.Job) {
	t := time.NewTicker(d.cfg.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-quit:
			return
		case <-t.C:
		}
		if b, ok := d.beat(ctx); ok && b.Expired > 0 {
			d.startup.Go(job.Run) // skipped if a scan is running
		}
	}
}

// beat records one heartbeat and sets this instance's share of the rate.
func (d *Dispatcher) beat(ctx context.Context) (followup.Beat, bool) {
	b, err := d.cfg.Store.Heartbeat(ctx, d.cfg.Instance, d.now(), d.cfg.Lease, d.cfg.Lease)
	if err != nil {
		d.log.Error("scheduler: heartbeat", "err", err)
		return b, false
	}
	d.share(b.Live)
	if d.cfg.Observer != nil {
		d.cfg.Observer.Beat(d.cfg.Instance, b)
	}
	return b, true
}

// share sets the limiter to an equal share of Rate among live instances:
// Slack's limit is the app's, not each process's. The batch follows the
// share.
func (d *Dispatcher) share(live int) {
	if d.limiter == nil {
		return
	}
	live = max(live, 1)
	d.setBatch(live)
	now := d.now()
	d.limiter.SetLimitAt(now, rate.Limit(d.cfg.Rate/float64(live)))
	d.limiter.SetBurstAt(now, max(1, d.cfg.Burst/live))
}

// setBatch sets how many nudges one claim takes when live instances share
// Rate: what this instance sends in batchWindow, at most BatchSize.
func (d *Dispatcher) setBatch(live int) {
	n := d.cfg.BatchSize
	if d.cfg.Rate > 0 {
		n = min(n, max(1, int(math.Ceil(d.cfg.Rate/float64(live)*batchWindow.Seconds()))))
	}
	d.batch.Store(int64(n))
}

// runScan is one scheduled scan; it reports through the log.
func (d *Dispatcher) runScan(ctx context.Context) {
	res, err := d.Scan(ctx)
	if err != nil {
		d.log.Error("scan failed", "err", err, "claimed", res.Claimed)
		return
	}
	if res.Claimed > 0 {
		d.log.Info("scan", "claimed", res.Claimed, "sent", res.Sent, "recovered", res.Recovered,
			"skipped", res.Skipped, "deferred", res.Deferred, "failed", res.Failed)
	}
}

// Stop ends the schedule and the heartbeat and waits for a running scan to
// finish its batch (it claims no more). If ctx ends first, the scan is
// cancelled, Stop waits for it to return and gives ctx's error. Either way
// the claims this instance still holds are let go, to come back at once as
// Unsure to another instance, and the instance leaves the live ones.
func (d *Dispatcher) Stop(ctx context.Context) error {
	d.mu.Lock()
	c, cancel, quit := d.cron, d.cancel, d.quit
	d.cron, d.cancel = nil, nil
	d.mu.Unlock()
	if c == nil {
		return nil
	}
	d.stopping.Store(true)
	close(quit)
	done := make(chan struct{})
	go func() {
		<-c.Stop().Done()
		d.startup.Wait()
		close(done)
	}()
	var err error
	select {
	case <-done:
		cancel()
	case <-ctx.Done():
		cancel()
		<-done
		err = fmt.Errorf("stop scheduler: %w", ctx.Err())
	}
	lctx, lcancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer lcancel()
	if _, lerr := d.cfg.Store.LeaveInstance(lctx, d.cfg.Instance, d.now(), true); lerr != nil {
		err = errors.Join(err, fmt.Errorf("stop scheduler: %w", lerr))
	}
	return err
}

// cronLogger sends cron's log to slog. Cron's Info is chatty (every
// wake-up), so it goes to Debug, except skipped runs.
type cronLogger struct{ log *slog.Logger }

// Info logs a cron event.
func (l cronLogger) Info(msg string, kv ...any) {
	level := slog.LevelDebug
	if msg == "skip" {
		level = slog.LevelInfo
		msg = "scan skipped: the previous one is still running"
	}
	l.log.Log(context.Background(), level, "cron: "+msg, kv...)
}

// Error logs a cron failure, such as a recovered panic.
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{"err", err}, kv...)...)
}
