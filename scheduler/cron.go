package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/robfig/cron/v3"
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

// Start runs a scan on the cron spec and one right away, in the
// background. Runs never overlap: a run that comes while one is still
// going is skipped. Scans use ctx; Stop ends the schedule.
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
	ctx, cancel := context.WithCancel(ctx)
	l := cronLogger{d.log}
	c := cron.New(cron.WithLogger(l), cron.WithChain(chain(l)...))
	id := c.Schedule(sched, cron.FuncJob(func() { d.runScan(ctx) }))
	// The start-up scan runs the same wrapped job, so it shares the skip lock.
	job := c.Entry(id).WrappedJob
	d.cron, d.cancel = c, cancel
	d.stopping.Store(false)
	c.Start()
	d.startup.Go(job.Run)
	return nil
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

// Stop ends the schedule and waits for a running scan to finish its batch
// (it claims no more). If ctx ends first, the scan is cancelled, Stop
// waits for it to return and gives ctx's error; nudges whose send was cut
// short stay claimed and are checked against Slack on the next run.
func (d *Dispatcher) Stop(ctx context.Context) error {
	d.mu.Lock()
	c, cancel := d.cron, d.cancel
	d.cron, d.cancel = nil, nil
	d.mu.Unlock()
	if c == nil {
		return nil
	}
	d.stopping.Store(true)
	done := make(chan struct{})
	go func() {
		<-c.Stop().Done()
		d.startup.Wait()
		close(done)
	}()
	select {
	case <-done:
		cancel()
		return nil
	case <-ctx.Done():
		cancel()
		<-done
		return fmt.Errorf("stop scheduler: %w", ctx.Err())
	}
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
