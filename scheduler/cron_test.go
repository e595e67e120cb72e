package scheduler

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/followup-coach/followup/store/storetest"
	"github.com/robfig/cron/v3"
)

// every is a schedule faster than cron's one-second minimum, for tests.
type every struct{ d time.Duration }

func (e every) Next(t time.Time) time.Time { return t.Add(e.d) }

// msgHandler sends the message of every log record to a channel.
type msgHandler struct{ msgs chan string }

func (h msgHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h msgHandler) Handle(_ context.Context, r slog.Record) error {
	select {
	case h.msgs <- r.Message:
	default:
	}
	return nil
}
func (h msgHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h msgHandler) WithGroup(string) slog.Handler      { return h }

func waitFor(t *testing.T, what string, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("gave up waiting for %s", what)
	}
}

func TestChainRecoversInsideSkip(t *testing.T) {
	l := cronLogger{slog.New(slog.DiscardHandler)}
	tests := []struct {
		name     string
		wrappers []cron.JobWrapper
		wantRuns int
	}{
		{"Ours", chain(l), 2},
		// The trap of robfig/cron#366, kept here to show the test can tell.
		{"RecoverOutsideSkip", []cron.JobWrapper{cron.Recover(l), cron.SkipIfStillRunning(l)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := 0
			job := cron.NewChain(tt.wrappers...).Then(cron.FuncJob(func() {
				runs++
				if runs == 1 {
					panic("first scan fails")
				}
			}))
			job.Run()
			job.Run()
			if runs != tt.wantRuns {
				t.Errorf("got %d runs, want %d", runs, tt.wantRuns)
			}
		})
	}
}

func TestStartSurvivesPanickingScan(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		var calls atomic.Int32
		later := make(chan struct{})
		hs := &hookStore{DB: openStore(t, e, clock), beforeClaim: func(context.Context) error {
			switch calls.Add(1) {
			case 1:
				panic("store exploded")
			case 2:
				close(later)
			}
			return nil
		}}
		d := New(Config{Store: hs, Sender: newSender(clock), Clock: clock})
		if err := d.start(context.Background(), every{20 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "a scan after the one that panicked", later)
		if err := d.Stop(context.Background()); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
}

func TestStartSkipsOverlappingScan(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		var calls atomic.Int32
		release, inside := make(chan struct{}), make(chan struct{})
		hs := &hookStore{DB: openStore(t, e, clock), beforeClaim: func(context.Context) error {
			if calls.Add(1) == 1 {
				close(inside)
				<-release
			}
			return nil
		}}
		msgs := make(chan string, 100)
		d := New(Config{Store: hs, Sender: newSender(clock), Clock: clock, Log: slog.New(msgHandler{msgs})})
		if err := d.start(context.Background(), every{10 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the first scan", inside)
		skipped := make(chan struct{})
		go func() {
			for m := range msgs {
				if m == "cron: scan skipped: the previous one is still running" {
					close(skipped)
					return
				}
			}
		}()
		waitFor(t, "a skipped run", skipped)
		if got := calls.Load(); got != 1 {
			t.Errorf("got %d scans while the first was running, want 1", got)
		}
		close(release)
		if err := d.Stop(context.Background()); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
}

func TestStopWaitsForRunningScan(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		tests := []struct {
			name    string
			timeout time.Duration // for Stop; the scan is let go after 20ms
			wantErr error
		}{
			{"ScanFinishes", time.Minute, nil},
			{"StopTimesOut", 0, context.DeadlineExceeded},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				clock := newClock(tuesday10)
				var returned atomic.Bool
				inside, release := make(chan struct{}), make(chan struct{})
				hs := &hookStore{DB: openStore(t, e, clock), beforeClaim: func(ctx context.Context) error {
					defer returned.Store(true)
					close(inside)
					select {
					case <-release:
						return nil
					case <-ctx.Done():
						return ctx.Err()
					}
				}}
				d := New(Config{Store: hs, Sender: newSender(clock), Clock: clock})
				if err := d.start(context.Background(), every{time.Hour}); err != nil {
					t.Fatal(err)
				}
				waitFor(t, "the start-up scan", inside)
				if tt.timeout > 0 {
					go func() {
						time.Sleep(20 * time.Millisecond)
						close(release)
					}()
				}
				ctx, cancel := context.WithTimeout(context.Background(), max(tt.timeout, time.Millisecond))
				defer cancel()
				err := d.Stop(ctx)
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("stop: got %v, want %v", err, tt.wantErr)
				}
				if !returned.Load() {
					t.Errorf("Stop returned while the scan was still running")
				}
			})
		}
	})
}

func TestStartScansAtStartUp(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e storetest.Engine) {
		clock := newClock(tuesday10)
		db := openStore(t, e, clock)
		iv := seed(t, db, "U1", "UTC", tuesday10)
		d := New(Config{Store: db, Sender: newSender(clock), Clock: clock})
		if err := d.Start(context.Background(), "not a schedule"); err == nil {
			t.Errorf("Start with a bad spec: got no error, want one")
		}
		// Once a year: only the start-up scan runs during the test.
		if err := d.Start(context.Background(), "0 0 1 1 *"); err != nil {
			t.Fatal(err)
		}
		if err := d.Start(context.Background(), "0 0 1 1 *"); err == nil {
			t.Errorf("second Start: got no error, want one")
		}
		if err := d.Stop(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := onlyNudge(t, db, iv.ID); n.TS == "" {
			t.Errorf("after start-up: got nudge %s without ts, want sent", n.Status)
		}
	})
}
