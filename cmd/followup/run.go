package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"sync"
	"time"

	"github.com/followup-coach/followup/bot"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/metrics"
	"github.com/followup-coach/followup/scheduler"
	"github.com/followup-coach/followup/store"
)

// Main is the program: it wires the store, the bot and the health server.
// End-to-end tests use it to start exactly what production starts.
type Main struct {
	Config Config
	// Clock overrides the clock (tests); nil means the wall clock, shifted
	// to start at Config.Now when that is set.
	Clock followup.Clock
	Log   *slog.Logger

	db       *store.DB
	bot      *bot.Bot
	nudges   *scheduler.Dispatcher
	metrics  *metrics.Metrics
	http     *http.Server
	httpAddr string
	ready    chan struct{}
	closeMu  sync.Mutex
}

// NewMain returns a Main that logs JSON lines to w.
func NewMain(cfg Config, w io.Writer) *Main {
	return &Main{
		Config: cfg,
		Log:    slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: cfg.LogLevel})),
		ready:  make(chan struct{}),
	}
}

// startClock returns a clock that reads start at the moment it is made and
// moves with the wall clock from there, for demos and end-to-end tests.
func startClock(start time.Time) followup.Clock {
	if start.IsZero() {
		return followup.ClockFunc(time.Now)
	}
	base := time.Now()
	return followup.ClockFunc(func() time.Time { return start.Add(time.Since(base)) })
}

// Run starts everything and blocks until ctx is done or the bot fails.
// On return, events are no longer taken and in-flight work has finished.
func (m *Main) Run(ctx context.Context) error {
	if m.Clock == nil {
		m.Clock = startClock(m.Config.Now)
	}
	// A stop asked for during start-up lets the migrations finish: cut
	// short, one would fail with a confusing error and be redone at the
	// next start. Then Run stops before connecting.
	db, err := store.Open(context.WithoutCancel(ctx), m.Config.DatabaseURL, m.Clock)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	m.db = db
	if ctx.Err() != nil {
		m.Log.Info("stopped during start-up, before connecting")
		return nil
	}
	m.metrics = metrics.New()
	// Without metrics, Web API answers are not read twice for nothing.
	var slackObs bot.Observer
	if metrics.Enabled {
		slackObs = m.metrics
	}
	m.bot = bot.New(bot.Config{
		BotToken: m.Config.BotToken,
		AppToken: m.Config.AppToken,
		APIURL:   m.Config.APIURL,
		Log:      m.Log,
		Clock:    m.Clock,
		// New students start on the workspace's holiday calendar.
		DefaultCalendar: m.Config.DefaultCalendar,
		Observer:        slackObs,
		Staff:           m.Config.Staff,
		HomeDelay:       m.Config.HomeDelay,
	}, db)

	m.nudges = scheduler.New(scheduler.Config{
		Store:    db,
		Sender:   m.bot,
		Clock:    m.Clock,
		Log:      m.Log,
		Instance: m.Config.Instance,
		Observer: m.metrics,
		Rate:     m.Config.SendRate,
		Burst:    max(1, int(m.Config.SendRate)),
	})

	if err := m.startHTTP(); err != nil {
		return err
	}
	close(m.ready)
	// Start-up (migrations, templates, calendars) leaves garbage the
	// bot never needs again: hand it back now rather than at the next GC.
	debug.FreeOSMemory()
	m.Log.Info("starting", "instance", m.Config.Instance, "database", redactDSN(m.Config.DatabaseURL), "engine", db.Engine(), "http", m.httpAddr, "now", m.Clock.Now().Format(time.RFC3339))
	if err := m.nudges.Start(ctx, m.Config.Schedule); err != nil {
		return err
	}
	err = m.bot.Run(ctx)
	m.Log.Info("stopped taking events")
	// A scan in progress finishes its batch (ctx ending did not cut it
	// short); nudges it could not send stay due, or are let go and checked
	// against Slack by the next instance that claims them.
	stopCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if serr := m.nudges.Stop(stopCtx); serr != nil {
		m.Log.Warn("stopping the nudge scan", "err", serr)
	}
	return err
}

// Scan runs one due-nudge scan now, as the schedule would (tests).
func (m *Main) Scan(ctx context.Context) (scheduler.Result, error) { return m.nudges.Scan(ctx) }

// Ready is closed once Run has opened the store and the health server.
func (m *Main) Ready() <-chan struct{} { return m.ready }

// HTTPAddr is the health server's address once Ready.
func (m *Main) HTTPAddr() string { return m.httpAddr }

// DB is the store once Ready (tests inspect it).
func (m *Main) DB() *store.DB { return m.db }

// Bot is the bot once Ready (tests play the dispatcher's part with it).
func (m *Main) Bot() *bot.Bot { return m.bot }

// Connected reports whether the bot is connected to Slack.
func (m *Main) Connected() bool { return m.bot != nil && m.bot.Connected() }

// Close stops the health server and closes the database. Call it after Run
// has returned.
func (m *Main) Close() error {
	m.closeMu.Lock()
	defer m.closeMu.Unlock()
	var errs []error
	if m.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		errs = append(errs, m.http.Shutdown(ctx))
		cancel()
		m.http = nil
	}
	if m.db != nil {
		errs = append(errs, m.db.Close())
		m.db = nil
	}
	return errors.Join(errs...)
}

// startHTTP serves /healthz (the process is up), /readyz (connected to
// Slack and the database answers) and /metrics (Prometheus).
func (m *Main) startHTTP() error {
	ln, err := net.Listen("tcp", m.Config.HTTPAddr)
	if err != nil {
		return fmt.Errorf("FOLLOWUP_HTTP_ADDR %q: %w", m.Config.HTTPAddr, err)
	}
	m.httpAddr = ln.Addr().String()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusOK, map[string]any{"status": "ok"})
	})
	mux.Handle("GET /metrics", m.metrics.Handler())
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		dbOK := m.db.Ping(ctx) == nil
		slackOK := m.bot.Connected()
		code := http.StatusOK
		if !dbOK || !slackOK {
			code = http.StatusServiceUnavailable
		}
		writeStatus(w, code, map[string]any{"slack_connected": slackOK, "database": dbOK})
	})
	m.http = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := m.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Log.Error("health server", "err", err)
		}
	}()
	return nil
}

func writeStatus(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// redactDSN keeps a PostgreSQL password, when there is one, out of the log.
func redactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return dsn
}
