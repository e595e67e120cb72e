package scheduler

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/followup-coach/followup/followup"
)

// safeDeliver calls the Sender and turns a panic into an error: it runs on
// a worker goroutine, where cron's Recover cannot catch it and the whole
// bot would go down. The outcome of a panicking send is unknown.
func (d *Dispatcher) safeDeliver(ctx context.Context, n followup.Nudge) (ch, ts string, err error) {
	defer func() {
		if r := recover(); r != nil {
			d.log.Error("nudge: sender panicked", "nudge", n.ID, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("deliver nudge %d: panic: %v", n.ID, r)
		}
	}()
	return d.cfg.Sender.Deliver(ctx, n)
}

// hold makes every send wait until after, counted from now: a 429 is about
// the whole app, so one student's 429 slows everyone down.
func (d *Dispatcher) hold(after time.Duration) {
	until := d.now().Add(after)
	d.holdMu.Lock()
	if until.After(d.holdUntil) {
		d.holdUntil = until
	}
	d.holdMu.Unlock()
}

// wait blocks until a send is allowed: after any 429 hold, then under the
// rate limit.
func (d *Dispatcher) wait(ctx context.Context) error {
	d.holdMu.Lock()
	until := d.holdUntil
	d.holdMu.Unlock()
	if wait := until.Sub(d.now()); wait > 0 {
		if err := d.sleep(ctx, wait); err != nil {
			return err
		}
	}
	if d.limiter == nil {
		return nil
	}
	// Reserve on our clock, not the limiter's, so time comes only from Config.Clock.
	now := d.now()
	r := d.limiter.ReserveN(now, 1)
	if !r.OK() {
		return fmt.Errorf("rate limit: burst %d too small", d.cfg.Burst)
	}
	if err := d.sleep(ctx, r.DelayFrom(now)); err != nil {
		r.CancelAt(d.now())
		return err
	}
	return nil
}

// sleep waits d with the clock's Sleep if it has one, else a timer.
func (d *Dispatcher) sleep(ctx context.Context, dur time.Duration) error {
	if dur <= 0 {
		return ctx.Err()
	}
	if s, ok := d.cfg.Clock.(Sleeper); ok {
		return s.Sleep(ctx, dur)
	}
	t := time.NewTimer(dur)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
