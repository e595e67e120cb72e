// Package demo serves a local web page that shows the emulated Slack
// (bot/slacktest) as a student sees it: a DM with Follow-up Coach, modals,
// the Home tab, and a clock that can skip to the next nudge. The bot on the
// other side is the real one; the page only does what a Slack user does
// (slash commands, clicks, modal submissions) through the emulator.
//
// The page is plain HTML, CSS and JavaScript embedded in the binary; it
// follows the emulator over server-sent events.
package demo

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/followup-coach/followup/bot/slacktest"
)

//go:embed web
var webFS embed.FS

// Coach is what the page asks of the bot beyond Slack, for its clock
// controls.
type Coach interface {
	// NextNudge is when the student's next planned nudge is due; ok is
	// false when none is planned.
	NextNudge(ctx context.Context, team, user string) (due time.Time, ok bool, err error)
	// NextBusinessDay is the same time of day on the student's next
	// business day, by their zone and holiday calendar.
	NextBusinessDay(ctx context.Context, team, user string, now time.Time) (time.Time, error)
	// Scan sends the nudges due now, as the schedule would.
	Scan(ctx context.Context) error
}

// Person is a demo member of the workspace.
type Person struct {
	slacktest.User
	// Role is how the page introduces them, e.g. "student".
	Role string
}

// People are the demo's workspace members: two students, so that one can
// try to act on the other's messages, and a career-center adviser (a
// workspace admin, so staff) who sees the staff part of the Home tab.
func People() []Person {
	return []Person{
		{User: slacktest.User{ID: "U0ANA", TeamID: slacktest.DefaultTeamID, Name: "ana", RealName: "Ana Lima", TZ: "Europe/Paris", TZLabel: "Central European Time", TZOffset: 3600}, Role: "student"},
		{User: slacktest.User{ID: "U0BEN", TeamID: slacktest.DefaultTeamID, Name: "ben", RealName: "Ben Okafor", TZ: "America/New_York", TZLabel: "Eastern Time", TZOffset: -18000}, Role: "student"},
		{User: slacktest.User{ID: "U0SAM", TeamID: slacktest.DefaultTeamID, Name: "sam", RealName: "Sam Rivera", TZ: "Europe/London", TZLabel: "Greenwich Mean Time", IsAdmin: true}, Role: "career-center staff"},
	}
}

// Server is the demo page and its bridge to the emulator.
type Server struct {
	emu    *slacktest.Server
	clock  *Clock
	coach  Coach
	people []Person
	log    *slog.Logger

	mu      sync.Mutex
	errs    map[string]map[string]string // view id -> block id -> field error
	changed chan struct{}                // closed on a change the emulator does not see
	done    chan struct{}                // closed by Close: event streams end
	close   sync.Once
}

// New returns the page for emu, whose members must include people.
func New(emu *slacktest.Server, clock *Clock, coach Coach, people []Person, log *slog.Logger) *Server {
	return &Server{emu: emu, clock: clock, coach: coach, people: people, log: log,
		errs: map[string]map[string]string{}, changed: make(chan struct{}), done: make(chan struct{})}
}

// Close ends the event streams, which otherwise last as long as the page
// is open, so that the HTTP server can shut down.
func (s *Server) Close() { s.close.Do(func() { close(s.done) }) }

// Handler serves the page, its event stream and the actions it sends.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(webFS, "web")
	mux.Handle("GET /", http.FileServerFS(static))
	mux.HandleFunc("GET /events", s.serveEvents)
	mux.HandleFunc("POST /api/command", s.post(s.command))
	mux.HandleFunc("POST /api/action", s.post(s.action))
	mux.HandleFunc("POST /api/submit", s.post(s.submit))
	mux.HandleFunc("POST /api/close", s.post(s.closeModal))
	mux.HandleFunc("POST /api/home", s.post(s.openHome))
	mux.HandleFunc("POST /api/time", s.post(s.moveTime))
	return mux
}

func (s *Server) person(id string) (Person, bool) {
	for _, p := range s.people {
		if p.ID == id {
			return p, true
		}
	}
	return Person{}, false
}

func (s *Server) bump() {
	s.mu.Lock()
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// snapshot is everything the page shows to one member.
type snapshot struct {
	Me       string          `json:"me"`
	People   []personJSON    `json:"people"`
	Channel  string          `json:"channel"`
	Now      string          `json:"now"`
	Zone     string          `json:"zone"`
	Messages []shownMessage  `json:"messages"`
	Modals   []modalJSON     `json:"modals"`
	Home     json.RawMessage `json:"home"`
	HomeID   string          `json:"homeId,omitempty"`
}

type personJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"realName"`
	Role     string `json:"role"`
	TZ       string `json:"tz"`
}

type modalJSON struct {
	ID     string            `json:"id"`
	Hash   string            `json:"hash"`
	View   json.RawMessage   `json:"view"`
	Errors map[string]string `json:"errors,omitempty"`
}

func (s *Server) snapshot(me Person, channel string) snapshot {
	loc, err := time.LoadLocation(me.TZ)
	if err != nil {
		loc = time.UTC
	}
	snap := snapshot{Me: me.ID, Channel: channel, Zone: me.TZ,
		Now:      s.clock.Now().In(loc).Format("Mon 2 Jan 2006, 3:04 PM"),
		Messages: timeline(s.emu.Messages(), channel, me.ID, loc)}
	for _, p := range s.people {
		snap.People = append(snap.People, personJSON{ID: p.ID, Name: p.Name, RealName: p.RealName, Role: p.Role, TZ: p.TZ})
	}
	s.mu.Lock()
	for _, v := range s.emu.OpenModals(me.ID) {
		snap.Modals = append(snap.Modals, modalJSON{ID: v.ID, Hash: v.Hash, View: v.View, Errors: s.errs[v.ID+"/"+v.Hash]})
	}
	s.mu.Unlock()
	if h, ok := s.emu.HomeView(me.ID); ok {
		snap.Home, snap.HomeID = h.View, h.ID
	}
	return snap
}

// serveEvents streams a snapshot to the page whenever what it shows changes.
// ?as= is the member looking; ?channel= the DM shown (their own by default).
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	me, ok := s.person(r.URL.Query().Get("as"))
	if !ok {
		http.Error(w, "unknown member", http.StatusBadRequest)
		return
	}
	channel := r.URL.Query().Get("channel")
	if channel == "" {
		channel = "D" + me.ID
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	var last []byte
	// The clock runs on its own: refresh the time shown now and then.
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		emuChanged := s.emu.Changed()
		s.mu.Lock()
		ownChanged := s.changed
		s.mu.Unlock()
		b, err := json.Marshal(s.snapshot(me, channel))
		if err != nil {
			s.log.Error("demo snapshot", "err", err)
			return
		}
		if string(b) != string(last) {
			if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
				return
			}
			flusher.Flush()
			last = b
		}
		select {
		case <-emuChanged:
		case <-ownChanged:
		case <-tick.C:
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// problem is an answer the page shows to the person, as a notice.
type problem struct{ msg string }

func (p problem) Error() string { return p.msg }

// post decodes a JSON action from the page, runs it as the member named
// in "as", and answers {"ok":true} or {"error": "…"}.
func (s *Server) post(do func(ctx context.Context, me Person, body json.RawMessage) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		var who struct {
			As string `json:"as"`
		}
		if err == nil {
			err = json.Unmarshal(body, &who)
		}
		me, ok := s.person(who.As)
		if err != nil || !ok {
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": "The page sent something the demo does not understand. Reload the page."})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
		defer cancel()
		out, err := do(ctx, me, body)
		if err != nil {
			var p problem
			if !errors.As(err, &p) {
				s.log.Warn("demo action", "path", r.URL.Path, "err", err)
				err = problem{"That did not go through: " + err.Error()}
			}
			w.WriteHeader(http.StatusUnprocessableEntity)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
			return
		}
		if out == nil {
			out = map[string]bool{"ok": true}
		}
		_ = json.NewEncoder(w).Encode(out)
	}
}

func (s *Server) command(ctx context.Context, me Person, body json.RawMessage) (any, error) {
	var in struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	text := strings.TrimSpace(in.Text)
	cmd, rest, _ := strings.Cut(text, " ")
	if cmd != "/followup" {
		if strings.HasPrefix(text, "/") {
			return nil, problem{"This workspace has one app command: /followup. Try /followup help."}
		}
		return nil, problem{"Follow-up Coach does not read messages typed in its DM. Start with /followup help or /followup log."}
	}
	_, err := s.emu.SlashCommand(ctx, slacktest.SlashCommand{UserID: me.ID, Text: strings.TrimSpace(rest)})
	return nil, err
}

func (s *Server) action(ctx context.Context, me Person, body json.RawMessage) (any, error) {
	var in struct {
		Channel  string `json:"channel"`
		TS       string `json:"ts"`
		ViewID   string `json:"view_id"`
		ActionID string `json:"action_id"`
		BlockID  string `json:"block_id"`
		Type     string `json:"type"`
		Value    string `json:"value"`
		Selected string `json:"selected"`
		Label    string `json:"label"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	c := slacktest.Click{UserID: me.ID, ChannelID: in.Channel, MessageTS: in.TS, ViewID: in.ViewID,
		ActionID: in.ActionID, BlockID: in.BlockID, Value: in.Value, SelectedOption: in.Selected, SelectedText: in.Label}
	if in.Type != "button" && in.Type != "static_select" {
		c.Element = in.Type
	}
	_, err := s.emu.ClickButton(ctx, c)
	return nil, err
}

func (s *Server) submit(ctx context.Context, me Person, body json.RawMessage) (any, error) {
	var in struct {
		ViewID string                                  `json:"view_id"`
		Hash   string                                  `json:"hash"`
		Values map[string]map[string]slack.BlockAction `json:"values"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	ack, err := s.emu.SubmitView(ctx, me.ID, in.ViewID, in.Values)
	if err != nil {
		return nil, err
	}
	if ack.ResponseAction == "errors" {
		// Slack shows them under the inputs until the view changes.
		s.mu.Lock()
		s.errs[in.ViewID+"/"+in.Hash] = ack.Errors
		s.mu.Unlock()
		s.bump()
	}
	return map[string]any{"ok": true, "errors": ack.Errors}, nil
}

func (s *Server) closeModal(_ context.Context, me Person, body json.RawMessage) (any, error) {
	var in struct {
		ViewID string `json:"view_id"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	return nil, s.emu.CloseModal(me.ID, in.ViewID)
}

func (s *Server) openHome(ctx context.Context, me Person, _ json.RawMessage) (any, error) {
	_, err := s.emu.SendEvent(ctx, me.TeamID, slackevents.AppHomeOpenedEvent{
		Type: "app_home_opened", User: me.ID, Channel: "D" + me.ID, Tab: "home",
		EventTimeStamp: fmt.Sprintf("%d.000000", s.clock.Now().Unix()),
	})
	return nil, err
}

// moveTime moves the bot's clock: "nudge" to the member's next due nudge,
// "day" to the same time on their next business day. Nudges due by then
// go out at once.
func (s *Server) moveTime(ctx context.Context, me Person, body json.RawMessage) (any, error) {
	var in struct {
		To string `json:"to"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	var to time.Time
	switch in.To {
	case "nudge":
		due, ok, err := s.coach.NextNudge(ctx, me.TeamID, me.ID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, problem{"No nudge is planned for " + me.RealName + " yet. Log an interview with /followup log, then skip ahead."}
		}
		to = due
	case "day":
		var err error
		if to, err = s.coach.NextBusinessDay(ctx, me.TeamID, me.ID, s.clock.Now()); err != nil {
			return nil, err
		}
	default:
		return nil, problem{"Unknown time control " + in.To + "."}
	}
	s.clock.MoveTo(to)
	s.bump()
	if err := s.coach.Scan(ctx); err != nil {
		return nil, err
	}
	return nil, nil
}
