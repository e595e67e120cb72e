// Package slacktest runs a local Slack for tests and benchmarks of the bot.
//
// A Server answers the Web API methods the bot calls (chat.*, conversations.*,
// users.info, views.*, files.uploadV2's three steps, apps.connections.open), speaks Socket Mode over a real
// WebSocket, and records what the bot said and showed so tests can assert on it.
// It listens on 127.0.0.1 only. Point the real slack-go client at it:
//
//	emu := slacktest.New()
//	defer emu.Close()
//	api := slack.New(slacktest.BotToken,
//		slack.OptionAPIURL(emu.APIURL()),
//		slack.OptionAppLevelToken(slacktest.AppToken))
//	client := socketmode.New(api)
//
// Unlike slack-go's own slacktest, it speaks Socket Mode rather than RTM and
// knows views.* and conversations.open.
package slacktest

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Tokens the emulator accepts. Web API calls must carry BotToken (form field
// "token" or "Authorization: Bearer"); apps.connections.open must carry AppToken.
const (
	BotToken = "xoxb-emulator-bot-token"
	AppToken = "xapp-emulator-app-token"
)

// Identities of the emulated workspace and app, as auth.test reports them.
const (
	DefaultTeamID = "T0EMULATOR"
	BotUserID     = "U0EMUBOT"
	BotID         = "B0EMUBOT"
	AppID         = "A0EMUAPP"
)

// User is a workspace member known to users.info and used to fill in payloads.
type User struct {
	ID       string
	TeamID   string
	Name     string
	RealName string
	TZ       string // IANA name, e.g. "Europe/Paris"
	TZLabel  string
	TZOffset int // seconds east of UTC
	// IsAdmin and IsOwner are what users.info reports as is_admin and
	// is_owner: workspace admins and owners.
	IsAdmin bool
	IsOwner bool
}

// Option configures a Server.
type Option func(*config)

type config struct {
	pingInterval time.Duration
	ackTimeout   time.Duration
	triggerTTL   time.Duration
	postBurst    int
	logger       *slog.Logger
	now          func() time.Time
	verdictCache bool
	spread       bool
}

// WithPingInterval sets how often the emulator sends a WebSocket ping to each
// Socket Mode connection (default 10 s); slack-go reconnects after ~30 s without one.
func WithPingInterval(d time.Duration) Option {
	return func(c *config) { c.pingInterval = d }
}

// WithLogger makes the emulator log what it does. It is quiet by default.
// Tokens are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithAckTimeout sets how long a push waits for the bot's ack before it fails
// with ErrAckTimeout (default 5 s).
func WithAckTimeout(d time.Duration) Option {
	return func(c *config) { c.ackTimeout = d }
}

// WithTriggerTTL sets how long a trigger_id stays valid for views.open and
// views.push (default 3 s, as on Slack).
func WithTriggerTTL(d time.Duration) Option {
	return func(c *config) { c.triggerTTL = d }
}

// WithPostBurst sets how many chat.postMessage calls to one channel pass
// at once before the emulator answers 429 with Retry-After: 1, as Slack does
// past its "one message per second per channel, short bursts allowed"
// (docs.slack.dev/apis/web-api/rate-limits). The allowance refills at one
// message per second by the emulator's clock. Slack does not publish the
// burst size; the default is 5. 0 or less turns the limit off.
func WithPostBurst(n int) Option {
	return func(c *config) { c.postBurst = n }
}

// WithVerdictCache makes the emulator remember its verdict on blocks posted
// to response URLs it has already checked, a shortcut for load benchmarks.
// Answers do not change; only the cost of checking the same bytes again.
// Off by default, so tests and the demo check every payload in full.
func WithVerdictCache() Option {
	return func(c *config) { c.verdictCache = true }
}

// WithSpread sends envelopes to the app's open connections in turn, as
// Slack spreads them over up to 10 when several instances of an app are
// connected. By default every envelope goes to the newest connection.
func WithSpread() Option {
	return func(c *config) { c.spread = true }
}

// Shortcuts names the benchmark shortcuts this emulator takes (today only
// "verdict cache"), so a caller that must behave like Slack can check it
// takes none.
func (s *Server) Shortcuts() []string {
	if s.cfg.verdictCache {
		return []string{"verdict cache"}
	}
	return nil
}

// WithClock sets the clock used for message timestamps, Message.At and trigger
// expiry, so tests can move time without sleeping. Ack latencies always use
// the real clock.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// Server is a local Slack: Web API, Socket Mode and recordings.
// It is safe for concurrent use.
type Server struct {
	cfg      config
	log      *slog.Logger
	ln       net.Listener
	srv      *http.Server
	base     string // "http://127.0.0.1:PORT"
	upgrader websocket.Upgrader
	done     chan struct{}
	close    sync.Once
	wg       sync.WaitGroup
	seq      atomic.Uint64

	// lastSubmission and lastClick are the last view_submission and
	// block_actions delivered, for RedeliverSubmission and RedeliverClick.
	lastSubmission atomic.Pointer[delivery]
	lastClick      atomic.Pointer[delivery]

	pendMu  sync.Mutex
	pending map[string]chan ackFrame

	verdicts verdicts // of blocks already checked

	mu      sync.Mutex
	closed  bool
	changed chan struct{} // closed and replaced on every change, to wake waiters

	// Socket Mode.
	conns       map[*wsConn]struct{}
	live        *wsConn // newest connection that was not asked to disconnect
	connections int
	turn        int         // WithSpread: the next connection's turn
	envelopes   map[int]int // by connection number: envelopes written to it
	tickets     map[string]struct{}

	// Workspace.
	users     map[string]User
	dms       map[string]bool // DM channel ids opened with conversations.open
	history   map[string][]*storedMsg
	byTS      map[string]*storedMsg
	lastTS    int64
	triggers  map[string]*trigger
	responses map[string]*responseTarget

	views     map[string]*viewState
	external  map[string]string // external_id -> view id
	stacks    map[string][]string
	homes     map[string]*viewState
	viewLog   []View
	messages  []Message
	ackStats  []AckStat
	calls     map[string]int
	faults    map[string][]Fault
	storms    map[string]*storm
	nTriggers int
	buckets   map[string]*bucket // chat.postMessage allowance per channel
	uploads   map[string]*upload // files.uploadV2 in progress, by file id
	files     []File
}

// New starts an emulator listening on 127.0.0.1 on a free port. Like
// httptest.NewServer, it panics if it cannot listen.
func New(opts ...Option) *Server {
	cfg := config{
		pingInterval: 10 * time.Second,
		ackTimeout:   5 * time.Second,
		triggerTTL:   3 * time.Second,
		postBurst:    5,
		logger:       slog.New(slog.DiscardHandler),
		now:          time.Now,
	}
	for _, o := range opts {
		o(&cfg)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("slacktest: listen: %v", err))
	}
	s := &Server{
		cfg:       cfg,
		log:       cfg.logger,
		ln:        ln,
		base:      "http://" + ln.Addr().String(),
		done:      make(chan struct{}),
		pending:   make(map[string]chan ackFrame),
		changed:   make(chan struct{}),
		conns:     make(map[*wsConn]struct{}),
		envelopes: map[int]int{},
		tickets:   make(map[string]struct{}),
		users:     make(map[string]User),
		dms:       make(map[string]bool),
		history:   make(map[string][]*storedMsg),
		byTS:      make(map[string]*storedMsg),
		triggers:  make(map[string]*trigger),
		responses: make(map[string]*responseTarget),
		views:     make(map[string]*viewState),
		external:  make(map[string]string),
		stacks:    make(map[string][]string),
		homes:     make(map[string]*viewState),
		calls:     make(map[string]int),
		faults:    make(map[string][]Fault),
		storms:    make(map[string]*storm),
		buckets:   make(map[string]*bucket),
		uploads:   make(map[string]*upload),
	}
	s.verdicts.on = cfg.verdictCache
	// slack-go dials with "Origin: https://api.slack.com"; the default check
	// would refuse it because it differs from the Host.
	s.upgrader = websocket.Upgrader{
		CheckOrigin:     func(*http.Request) bool { return true },
		ReadBufferSize:  4096,
		WriteBufferSize: 32 * 1024,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/ws", s.serveWS)
	mux.HandleFunc("/response/", s.serveResponseURL)
	mux.HandleFunc("/upload/", s.serveUpload)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s
}

// Close stops the server, closes every socket and fails pending pushes with ErrClosed.
func (s *Server) Close() {
	s.close.Do(func() {
		close(s.done)
		s.mu.Lock()
		s.closed = true
		conns := make([]*wsConn, 0, len(s.conns))
		for c := range s.conns {
			conns = append(conns, c)
		}
		s.notifyLocked()
		s.mu.Unlock()
		_ = s.srv.Close()
		for _, c := range conns {
			c.shut()
		}
		s.wg.Wait()
	})
}

// APIURL is the Web API base URL for slack.OptionAPIURL. It ends with "/".
func (s *Server) APIURL() string { return s.base + "/api/" }

// AddUser adds or replaces a workspace member.
func (s *Server) AddUser(u User) {
	if u.TeamID == "" {
		u.TeamID = DefaultTeamID
	}
	s.mu.Lock()
	s.users[u.ID] = u
	s.mu.Unlock()
}

// SetUserTZ changes a member's time zone as users.info reports it. It sends
// no event; push a user_change with SendEvent if the bot should hear of it.
func (s *Server) SetUserTZ(id, tz string, offset int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		u = User{ID: id, TeamID: DefaultTeamID, Name: id}
	}
	u.TZ, u.TZLabel, u.TZOffset = tz, tz, offset
	s.users[id] = u
}

// notifyLocked wakes every waiter. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond, called with s.mu held, returns true.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		ch, closed := s.changed, s.closed
		s.mu.Unlock()
		if closed {
			return ErrClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// id returns a fresh identifier with the given prefix, e.g. "V00000042".
func (s *Server) id(prefix string) string {
	var b [24]byte
	out := append(b[:0], prefix...)
	n := s.seq.Add(1)
	for p := uint64(10000000); p > n && p > 1; p /= 10 {
		out = append(out, '0')
	}
	return string(strconv.AppendUint(out, n, 10))
}

// nextTSLocked returns a message timestamp such as "1700000000.000100" taken
// from the clock and strictly increasing, so timestamps are unique ids.
func (s *Server) nextTSLocked() string {
	us := s.cfg.now().UnixMicro()
	if us <= s.lastTS {
		us = s.lastTS + 1
	}
	s.lastTS = us
	return formatTS(us)
}

func formatTS(us int64) string {
	frac := us % 1e6
	b := strconv.AppendInt(make([]byte, 0, 20), us/1e6, 10)
	b = append(b, '.')
	for p := int64(100000); p > frac && p > 1; p /= 10 {
		b = append(b, '0')
	}
	return string(strconv.AppendInt(b, frac, 10))
}

// parseTS turns "1700000000.000100" into microseconds; ok is false for junk.
func parseTS(ts string) (int64, bool) {
	sec, frac, _ := cutDot(ts)
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return 0, false
	}
	var f int64
	if frac != "" {
		if len(frac) > 6 {
			frac = frac[:6]
		}
		for len(frac) < 6 {
			frac += "0"
		}
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return 0, false
		}
	}
	return s*1e6 + f, true
}

func cutDot(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func (s *Server) userLocked(id string) User {
	if u, ok := s.users[id]; ok {
		return u
	}
	return User{ID: id, TeamID: DefaultTeamID, Name: id}
}
