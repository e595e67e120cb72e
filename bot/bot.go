// Package bot wires Follow-up Coach to Slack: the Socket Mode loop, a router
// from slash commands, interactions and events to small handlers, and the
// Web API calls those handlers make. It knows Slack and nothing of SQL; the
// store is reached through the small Store interface below.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// interactiveRetries is how many times an interactive Web API call is
// retried after a 429 (each after the Retry-After Slack gives).
const interactiveRetries = 3

// Config is what the bot needs to talk to Slack.
type Config struct {
	BotToken string // xoxb-…
	AppToken string // xapp-…
	// APIURL is Slack's Web API base, ending with "/". Empty means Slack's own.
	APIURL string
	// Workers bounds how many envelopes are worked on at once after their ack.
	Workers int
	// HTTPClient is used for Web API calls and response_url posts.
	HTTPClient *http.Client
	Log        *slog.Logger
	Clock      followup.Clock
	// DefaultCalendar is the holiday calendar a new student starts with
	// ("" for none); each student can change theirs in /followup settings.
	DefaultCalendar string
	// Observer, if set, is told of acks and Web API calls (metrics).
	Observer Observer
	// Staff are user ids that are career-center staff without a stored
	// grant (FOLLOWUP_STAFF).
	Staff []string
	// HomeDelay is how long the Home waits for a burst of changes to end
	// before it is published again (default 300 ms).
	HomeDelay time.Duration
}

// Bot is a running Follow-up Coach Slack app.
type Bot struct {
	api      *slack.Client // interactive calls, 429s retried
	nudgeAPI *slack.Client // scheduled nudges, no retries
	sm       *socketmode.Client
	http     *http.Client
	store    Store
	clock    followup.Clock
	log      *slog.Logger
	planner  followup.Planner
	// calendar is the workspace's default holiday calendar.
	calendar string
	// staff are the FOLLOWUP_STAFF user ids; see IsStaff.
	staff map[string]bool
	homes *homePublisher
	// gates keep a nudge's post and a forget of the same student apart.
	gates *gates
	// advice caches each team's numbers for the coach's community figure.
	advice adviceCache

	routes struct {
		commands    map[string]commandHandler
		actions     map[string]actionHandler
		submissions map[string]submitHandler
	}

	// helpReply is the response_url body of /followup help, encoded once
	// (nil if that failed: cmdHelp then encodes it each time).
	helpReply []byte

	// zones caches time zones by name: time.LoadLocation reads and parses
	// the zoneinfo file on every call, and every handler needs one.
	zones sync.Map // string -> *time.Location

	obs       Observer // nil: nobody listens
	sem       chan struct{}
	inflight  sync.WaitGroup
	connected atomic.Bool
	botUserID atomic.Value // string
}

// New returns a bot that uses store for persistence. Run starts it.
func New(cfg Config, store Store) *Bot {
	if cfg.Workers <= 0 {
		cfg.Workers = 64
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = newHTTPClient()
	}
	if cfg.Observer != nil {
		cfg.HTTPClient = observed(cfg.HTTPClient, cfg.Observer)
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Clock == nil {
		cfg.Clock = followup.ClockFunc(time.Now)
	}
	opts := []slack.Option{
		slack.OptionAppLevelToken(cfg.AppToken),
		slack.OptionHTTPClient(cfg.HTTPClient),
	}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	plain := slack.New(cfg.BotToken, opts...)
	b := &Bot{
		// What a student is waiting for (replies, drafts, in-place
		// updates) retries a 429 after its Retry-After: Slack allows about
		// one post per second per channel, and a student clicking through
		// the check posts faster than that.
		api: slack.New(cfg.BotToken, append(opts, slack.OptionRetry(interactiveRetries))...),
		// Nudges go out without retries: the scheduler must see a 429 to
		// hold every send, and must see any failure to keep the nudge due.
		nudgeAPI: plain,
		sm:       socketmode.New(plain, socketmode.OptionLog(discardLogger{})),
		http:     cfg.HTTPClient,
		store:    store,
		clock:    cfg.Clock,
		log:      cfg.Log,
		planner:  followup.NewPlanner(),
		calendar: cfg.DefaultCalendar,
		gates:    newGates(),
		sem:      make(chan struct{}, cfg.Workers),
		obs:      cfg.Observer,
	}
	b.helpReply, _ = encodeResponse(messages.Help(), false)
	b.staff = make(map[string]bool, len(cfg.Staff))
	for _, u := range cfg.Staff {
		b.staff[u] = true
	}
	b.homes = newHomePublisher(b, cfg.HomeDelay)
	b.store = watchedStore{Store: store, changed: b.homes.changed}
	b.routes.commands = b.commands()
	b.routes.actions = b.actions()
	b.routes.submissions = b.submissions()
	b.registerCareerCenter(b.routes.commands, b.routes.actions, b.routes.submissions)
	return b
}

// discardLogger keeps slack-go's own logger quiet; we log what matters
// ourselves, through slog, without payloads that could hold user data.
type discardLogger struct{}

func (discardLogger) Output(int, string) error { return nil }

// Connected reports whether the Socket Mode connection is up.
func (b *Bot) Connected() bool { return b.connected.Load() }

// Run connects to Slack and handles envelopes until ctx is done. It then
// stops taking new envelopes and waits for in-flight work before returning.
func (b *Bot) Run(ctx context.Context) error {
	auth, err := b.api.AuthTestContext(ctx)
	if err != nil {
		return fmt.Errorf("slack auth.test: %w", err)
	}
	b.botUserID.Store(auth.UserID)
	b.log.Info("authenticated with Slack", "team", auth.TeamID, "bot_user", auth.UserID)

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- b.runSocket(runCtx) }()

	defer b.inflight.Wait()
	// Runs first: no debounced Home publish may start once workers drain.
	defer b.homes.stop()
	for {
		select {
		case <-ctx.Done():
			b.connected.Store(false)
			return nil
		case err := <-runErr:
			b.connected.Store(false)
			return err
		case evt := <-b.sm.Events:
			b.handle(runCtx, evt)
		}
	}
}

// runSocket keeps the Socket Mode connection up. slack-go reconnects by
// itself after a disconnect or a dropped socket and only returns for bad
// credentials or when ctx ends; anything else is retried here so the bot
// never stops on a transient failure.
func (b *Bot) runSocket(ctx context.Context) error {
	backoff := time.Second
	for {
		err := b.sm.RunContext(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if isAuthError(err) {
			return fmt.Errorf("slack socket mode: %w", err)
		}
		b.log.Warn("socket mode stopped; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, time.Minute)
	}
}

func isAuthError(err error) bool {
	if err == nil {
		return false
	}
	switch err.Error() {
	case "invalid_auth", "account_inactive", "not_authed", "token_revoked":
		return true
	}
	var sc slack.StatusCodeError
	return errors.As(err, &sc) && sc.Code == http.StatusNotFound
}

// handle acks the envelope at once and hands the work to a worker.
func (b *Bot) handle(ctx context.Context, evt socketmode.Event) {
	arrived := time.Now() // elapsed real time, for the ack latency
	switch evt.Type {
	case socketmode.EventTypeConnected:
		b.connected.Store(true)
		b.log.Info("connected to Slack")
	case socketmode.EventTypeConnecting, socketmode.EventTypeConnectionError, socketmode.EventTypeDisconnect:
		b.connected.Store(false)
		b.log.Info("socket mode", "state", string(evt.Type))
	case socketmode.EventTypeInvalidAuth:
		b.connected.Store(false)
		b.log.Error("slack rejected the app token")
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		b.sm.Ack(*evt.Request)
		b.acked(string(evt.Type), arrived)
		b.work(ctx, string(evt.Type), func(ctx context.Context) { b.command(ctx, cmd) }, cmd.ResponseURL, cmd.UserID)
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok || evt.Request == nil {
			return
		}
		b.interactive(ctx, *evt.Request, cb, arrived)
	case socketmode.EventTypeEventsAPI:
		if evt.Request != nil {
			b.sm.Ack(*evt.Request)
			b.acked(string(evt.Type), arrived)
		}
		b.work(ctx, string(evt.Type), func(ctx context.Context) { b.event(ctx, evt) }, "", "")
	case socketmode.EventTypeErrorBadMessage:
		b.ackUnknown(evt)
	case socketmode.EventTypeHello:
		// Nothing to do: Connected already told us.
	default:
		b.log.Debug("ignored socket mode event", "type", string(evt.Type))
	}
}

// newHTTPClient keeps enough idle connections to Slack for the worker
// pool: the standard transport keeps two per host, so under load every
// other reply would pay for a new TCP (and TLS) connection.
func newHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	return &http.Client{Transport: t, Timeout: 10 * time.Second}
}

// work runs fn after the ack, bounded by the worker pool, with the panic
// guard. It never blocks the caller: the Socket Mode read loop must keep
// reading (and acking) while workers are busy, so waiting for a worker
// slot happens in the new goroutine. When a handler panics the user is
// told something went wrong, by response_url when there is one, else by DM.
func (b *Bot) work(ctx context.Context, kind string, fn func(context.Context), responseURL, userID string) {
	b.inflight.Add(1)
	go func() {
		defer b.inflight.Done()
		// Acked work is in flight even during shutdown: it still runs.
		b.sem <- struct{}{}
		defer func() { <-b.sem }()
		b.run(ctx, kind, fn, responseURL, userID)
	}()
}

// workBy is work for an envelope not yet acked, whose ack is due by
// deadline: if no worker is free by then, busy acks it instead (the
// student is asked to try again) and fn never runs.
func (b *Bot) workBy(ctx context.Context, kind string, deadline time.Time, busy, fn func(context.Context), userID string) {
	b.inflight.Add(1)
	go func() {
		defer b.inflight.Done()
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		select {
		case b.sem <- struct{}{}:
		case <-t.C:
			b.log.Warn("every worker busy: acked without saving", "envelope", kind)
			busy(ctx)
			return
		}
		defer func() { <-b.sem }()
		b.run(ctx, kind, fn, "", userID)
	}()
}

// run runs fn on a worker, outliving a shutdown signal, with the panic
// guard.
func (b *Bot) run(ctx context.Context, kind string, fn func(context.Context), responseURL, userID string) {
	// Work outlives a shutdown signal so in-flight replies still go out.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	defer b.recover(wctx, kind, responseURL, userID)
	fn(wctx)
}

// recover turns a handler panic into a log line and a polite message.
func (b *Bot) recover(ctx context.Context, kind, responseURL, userID string) {
	r := recover()
	if r == nil {
		return
	}
	b.log.Error("handler panicked", "envelope", kind, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
	b.sayWentWrong(ctx, responseURL, userID)
}

// location is the student's time zone, as followup.Student.Location
// resolves it (UTC when unset or unknown), loaded once per zone name.
func (b *Bot) location(st followup.Student) *time.Location {
	if loc, ok := b.zones.Load(st.TZ); ok {
		return loc.(*time.Location)
	}
	loc := st.Location()
	b.zones.Store(st.TZ, loc)
	return loc
}

// now is the bot's clock reading: the injected clock, so tests and
// FOLLOWUP_NOW demos move every handler's idea of today.
func (b *Bot) now() time.Time { return b.clock.Now() }
