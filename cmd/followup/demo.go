package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/demo"
	"github.com/followup-coach/followup/followup"
)

// demoOptions are the flags of `followup demo`.
type demoOptions struct {
	Addr string // where the page is served
	DB   string // SQLite file to keep; "" for a fresh one in a temporary folder
	// Now is the instant the demo's clock starts at (zero: the wall clock).
	Now time.Time
}

const defaultDemoAddr = "127.0.0.1:8090"

// parseDemo reads the demo's flags; FOLLOWUP_NOW sets the starting instant.
func parseDemo(args []string, getenv func(string) string, stderr io.Writer) (demoOptions, error) {
	fs := flag.NewFlagSet("followup demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := demoOptions{}
	fs.StringVar(&o.Addr, "addr", defaultDemoAddr, "address the demo page is served on")
	fs.StringVar(&o.DB, "db", "", "SQLite file to keep the demo's data in (default: a fresh file in a temporary folder)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: followup demo [--addr 127.0.0.1:8090] [--db PATH]")
		fmt.Fprintln(stderr, "Runs the real bot against a built-in Slack and serves it as a web page. No token, no network.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if v := getenv("FOLLOWUP_NOW"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return o, fmt.Errorf("FOLLOWUP_NOW must be an RFC 3339 instant such as 2026-03-02T09:00:00Z, got %q", v)
		}
		o.Now = t
	}
	return o, nil
}

// Demo is `followup demo`: the emulated Slack, the real bot and store, and
// the page, in one process.
type Demo struct {
	Options demoOptions
	Log     *slog.Logger

	emu   *slacktest.Server
	main  *Main
	page  *http.Server
	pages *demo.Server
	addr  string
	tmp   string
	ready chan struct{}
}

// NewDemo returns a demo that logs warnings and errors to w.
func NewDemo(o demoOptions, w io.Writer) *Demo {
	return &Demo{Options: o, Log: slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn})),
		ready: make(chan struct{})}
}

// Ready is closed once the page is served.
func (d *Demo) Ready() <-chan struct{} { return d.ready }

// URL is the page's address once Ready.
func (d *Demo) URL() string { return "http://" + d.addr + "/" }

// Run serves the page first, then starts the bot, and blocks until ctx is
// done or the bot fails.
func (d *Demo) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", d.Options.Addr)
	if err != nil {
		return fmt.Errorf("demo --addr %s: %w (is another demo running? pick another with --addr)", d.Options.Addr, err)
	}
	d.addr = ln.Addr().String()

	dbPath := d.Options.DB
	if dbPath == "" {
		if d.tmp, err = os.MkdirTemp("", "followup-demo-"); err != nil {
			ln.Close()
			return fmt.Errorf("demo: temporary folder: %w", err)
		}
		dbPath = filepath.Join(d.tmp, "followup.db")
	}

	clock := demo.NewClock(d.Options.Now)
	// No benchmark shortcuts here: every payload is checked in full, as Slack does.
	d.emu = slacktest.New(slacktest.WithClock(clock.Now))
	people := demo.People()
	for _, p := range people {
		d.emu.AddUser(p.User)
	}
	d.main = &Main{
		Config: Config{
			BotToken: slacktest.BotToken, AppToken: slacktest.AppToken, APIURL: d.emu.APIURL(),
			DatabaseURL: dbPath, Schedule: "@every 5s", HTTPAddr: "127.0.0.1:0", LogLevel: slog.LevelWarn,
			SendRate: defaultSendRate,
		},
		Clock: clock,
		Log:   d.Log,
		ready: make(chan struct{}),
	}
	d.pages = demo.New(d.emu, clock, demoCoach{m: d.main}, people, d.Log)
	d.page = &http.Server{Handler: d.pages.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := d.page.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.Log.Error("demo page", "err", err)
		}
	}()
	close(d.ready)
	return d.main.Run(ctx)
}

// Close stops the page, the bot's store and the emulator, and removes the
// temporary database. Call it after Run has returned.
func (d *Demo) Close() error {
	var errs []error
	if d.page != nil {
		d.pages.Close() // the event streams never end by themselves
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		if err := d.page.Shutdown(ctx); err != nil {
			errs = append(errs, d.page.Close())
		}
		cancel()
	}
	if d.main != nil {
		errs = append(errs, d.main.Close())
	}
	if d.emu != nil {
		d.emu.Close()
	}
	if d.tmp != "" {
		errs = append(errs, os.RemoveAll(d.tmp))
	}
	return errors.Join(errs...)
}

// demoCoach answers the page's clock controls from the store and the
// scheduler of the running Main.
type demoCoach struct{ m *Main }

// started reports whether Main has opened the store and the scheduler.
func (c demoCoach) started() bool {
	select {
	case <-c.m.Ready():
		return true
	default:
		return false
	}
}

var errStarting = errors.New("the bot is still starting; try again in a moment")

func (c demoCoach) NextNudge(ctx context.Context, team, user string) (time.Time, bool, error) {
	if !c.started() {
		return time.Time{}, false, errStarting
	}
	db := c.m.DB()
	ivs, err := db.ListInterviews(ctx, followup.UserID{Team: team, User: user}, 1000)
	if err != nil {
		return time.Time{}, false, err
	}
	var due time.Time
	for _, iv := range ivs {
		ns, err := db.NudgesFor(ctx, iv.ID)
		if err != nil {
			return time.Time{}, false, err
		}
		for _, n := range ns {
			if n.Status == followup.NudgePending && (due.IsZero() || n.DueAt.Before(due)) {
				due = n.DueAt
			}
		}
	}
	return due, !due.IsZero(), nil
}

func (c demoCoach) NextBusinessDay(ctx context.Context, team, user string, now time.Time) (time.Time, error) {
	var (
		loc = time.UTC
		cal string
	)
	if c.started() {
		st, err := c.m.DB().Student(ctx, followup.UserID{Team: team, User: user})
		switch {
		case err == nil:
			loc, cal = st.Location(), st.Settings.Calendar
		case !errors.Is(err, followup.ErrNotFound):
			return time.Time{}, err
		}
	}
	local := now.In(loc)
	next := followup.NewBusinessDays().AddBusinessDays(followup.DateOf(local), 1, cal)
	return time.Date(next.Year, next.Month, next.Day, local.Hour(), local.Minute(), local.Second(), 0, loc), nil
}

func (c demoCoach) Scan(ctx context.Context) error {
	if !c.started() {
		return errStarting
	}
	_, err := c.m.Scan(ctx)
	return err
}
