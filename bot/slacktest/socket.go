package slacktest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Errors returned by the driving methods.
var (
	// ErrAckTimeout means the bot did not ack an envelope within the ack timeout.
	ErrAckTimeout = errors.New("slacktest: no ack before the ack timeout")
	// ErrConnectionLost means the socket closed after the envelope was written
	// and before its ack arrived.
	ErrConnectionLost = errors.New("slacktest: socket closed before the ack")
	// ErrClosed means the emulator was closed.
	ErrClosed = errors.New("slacktest: emulator closed")
)

// Ack is the bot's answer to one envelope.
type Ack struct {
	EnvelopeID string
	Type       string
	// Payload is the raw "payload" of the ack; nil when the bot acked without one.
	Payload json.RawMessage
	// Latency runs from writing the envelope to reading its ack.
	Latency time.Duration
	// ResponseAction, Errors and View are decoded from a view_submission ack
	// such as {"response_action":"errors","errors":{"block":"message"}}.
	ResponseAction string
	Errors         map[string]string
	View           json.RawMessage
}

// AckStat is the timing of one acked envelope.
type AckStat struct {
	EnvelopeID string
	Type       string
	Latency    time.Duration
}

type ackFrame struct {
	payload json.RawMessage
	at      time.Time
}

// wsConn is one Socket Mode connection. Data writes are serialised by wmu;
// gorilla allows WriteControl and Close alongside them.
type wsConn struct {
	ws     *websocket.Conn
	wmu    sync.Mutex
	closed chan struct{}
	once   sync.Once

	// Guarded by Server.mu.
	n int // 1 for the app's first connection, and so on
}

func (c *wsConn) write(frame []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.ws.SetWriteDeadline(time.Now().Add(10 * time.Second)); err != nil {
		return err
	}
	return c.ws.WriteMessage(websocket.TextMessage, frame)
}

// shut closes the socket abruptly, without a close frame.
func (c *wsConn) shut() {
	c.once.Do(func() {
		close(c.closed)
		_ = c.ws.Close()
	})
}

// serveWS upgrades a Socket Mode connection opened with a ticket from
// apps.connections.open, says hello and makes it the live connection.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	_, ok := s.tickets[ticket]
	delete(s.tickets, ticket)
	s.mu.Unlock()
	if !ok {
		http.Error(w, "invalid ticket", http.StatusUnauthorized)
		return
	}
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.log.Debug("websocket upgrade failed", "err", err)
		return
	}
	c := &wsConn{ws: ws, closed: make(chan struct{})}
	// num_connections counts this app's open sockets, this one included.
	s.mu.Lock()
	open := len(s.conns) + 1
	s.mu.Unlock()
	hello := []byte(`{"type":"hello","num_connections":` + strconv.Itoa(open) + `,"debug_info":{"host":"slacktest","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"` + AppID + `"}}`)
	if err := c.write(hello); err != nil {
		c.shut()
		return
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.shut()
		return
	}
	s.conns[c] = struct{}{}
	s.live = c
	s.connections++
	n := s.connections
	c.n = n
	// Added under s.mu so that it happens before Close's Wait.
	s.wg.Add(2)
	s.notifyLocked()
	s.mu.Unlock()
	s.log.Debug("socket connected", "connection", n)

	go s.readLoop(c)
	go s.pingLoop(c)
}

// readLoop reads acks and hands each to the push waiting for it.
func (s *Server) readLoop(c *wsConn) {
	defer s.wg.Done()
	defer s.dropConn(c)
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			s.log.Debug("socket read ended", "err", err)
			return
		}
		var f struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(data, &f); err != nil || f.EnvelopeID == "" {
			s.log.Debug("unreadable frame from the bot", "err", err)
			continue
		}
		s.pendMu.Lock()
		ch := s.pending[f.EnvelopeID]
		delete(s.pending, f.EnvelopeID)
		s.pendMu.Unlock()
		if ch == nil {
			s.log.Debug("ack for an unknown or expired envelope", "envelope_id", f.EnvelopeID)
			continue
		}
		if string(f.Payload) == "null" {
			f.Payload = nil
		}
		ch <- ackFrame{payload: f.Payload, at: time.Now()}
	}
}

// pingLoop keeps slack-go's dead-man timer happy.
func (s *Server) pingLoop(c *wsConn) {
	defer s.wg.Done()
	t := time.NewTicker(s.cfg.pingInterval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(5*time.Second)); err != nil {
				c.shut()
				return
			}
		case <-c.closed:
			return
		case <-s.done:
			return
		}
	}
}

func (s *Server) dropConn(c *wsConn) {
	c.shut()
	s.mu.Lock()
	delete(s.conns, c)
	if s.live == c {
		s.live = nil
	}
	s.notifyLocked()
	s.mu.Unlock()
}

// liveConn waits for a connection that may receive envelopes: the live
// one (with WithSpread, each open one in turn), or any other open one than
// avoid when there is one.
func (s *Server) liveConn(ctx context.Context, avoid *wsConn) (*wsConn, error) {
	var c *wsConn
	err := s.waitFor(ctx, func() bool {
		c = s.live
		if s.cfg.spread || avoid != nil {
			var open []*wsConn
			for o := range s.conns {
				if o != avoid {
					open = append(open, o)
				}
			}
			if len(open) > 0 {
				slices.SortFunc(open, func(a, b *wsConn) int { return a.n - b.n })
				c = open[s.turn%len(open)]
				s.turn++
			}
		}
		if c != nil {
			s.envelopes[c.n]++
		}
		return c != nil
	})
	if err != nil {
		return nil, fmt.Errorf("slacktest: no socket connection: %w", err)
	}
	return c, nil
}

// push writes one envelope to the live connection and waits for its ack.
func (s *Server) push(ctx context.Context, typ string, payload []byte) (Ack, error) {
	ack, _, err := s.deliver(ctx, typ, payload, nil)
	return ack, err
}

// deliver writes one envelope to the live connection, or to another than
// avoid when there is one, waits for its ack and says which connection
// got it.
func (s *Server) deliver(ctx context.Context, typ string, payload []byte, avoid *wsConn) (Ack, *wsConn, error) {
	id := s.id("e")
	buf := getBuf()
	defer putBuf(buf)
	frame := append((*buf)[:0], `{"envelope_id":"`...)
	frame = append(frame, id...)
	frame = append(frame, `","type":`...)
	frame = appendString(frame, typ)
	frame = append(frame, envelopeFields(typ, payload)...)
	frame = append(frame, `,"payload":`...)
	frame = append(frame, payload...)
	frame = append(frame, '}')
	*buf = frame

	ch := make(chan ackFrame, 1)
	s.pendMu.Lock()
	s.pending[id] = ch
	s.pendMu.Unlock()
	defer func() {
		s.pendMu.Lock()
		delete(s.pending, id)
		s.pendMu.Unlock()
	}()

	var (
		c     *wsConn
		start time.Time
	)
	for {
		var err error
		if c, err = s.liveConn(ctx, avoid); err != nil {
			return Ack{}, nil, err
		}
		start = time.Now()
		if err = c.write(frame); err == nil {
			break
		}
		// Nothing reached the bot: drop the socket and try the next one.
		s.log.Debug("socket write failed", "err", err)
		s.dropConn(c)
	}

	timer := time.NewTimer(s.cfg.ackTimeout)
	defer timer.Stop()
	var a ackFrame
	select {
	case a = <-ch:
	case <-c.closed:
		select {
		case a = <-ch:
		default:
			return Ack{}, c, fmt.Errorf("%s %s: %w", typ, id, ErrConnectionLost)
		}
	case <-timer.C:
		return Ack{}, c, fmt.Errorf("%s %s: %w", typ, id, ErrAckTimeout)
	case <-ctx.Done():
		return Ack{}, c, fmt.Errorf("%s %s: %w", typ, id, ctx.Err())
	case <-s.done:
		return Ack{}, c, ErrClosed
	}
	ack := Ack{EnvelopeID: id, Type: typ, Payload: a.payload, Latency: a.at.Sub(start)}
	s.mu.Lock()
	s.ackStats = append(s.ackStats, AckStat{EnvelopeID: id, Type: typ, Latency: ack.Latency})
	s.mu.Unlock()
	return ack, c, nil
}

// envelopeFields are the envelope fields between "type" and "payload", as
// Slack sends them (docs.slack.dev/apis/events-api/using-socket-mode): only
// slash commands and view submissions take a response payload in the ack,
// and only Events API envelopes carry retry_attempt and retry_reason.
func envelopeFields(typ string, payload []byte) string {
	switch typ {
	case "events_api":
		return `,"accepts_response_payload":false,"retry_attempt":0,"retry_reason":""`
	case "slash_commands":
		return `,"accepts_response_payload":true`
	case "interactive":
		if bytes.Contains(payload, []byte(`"type":"view_submission"`)) {
			return `,"accepts_response_payload":true`
		}
	}
	return `,"accepts_response_payload":false`
}

// WaitConnected waits until a Socket Mode client is connected and greeted.
func (s *Server) WaitConnected(ctx context.Context) error {
	return s.WaitConnections(ctx, 1)
}

// WaitConnections waits until at least n sockets have been opened so far and
// one of them is live, e.g. n=2 after SendDisconnect.
func (s *Server) WaitConnections(ctx context.Context, n int) error {
	return s.waitFor(ctx, func() bool { return s.connections >= n && s.live != nil })
}

// Connections reports how many Socket Mode connections have been opened so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connections
}

// Envelopes says how many envelopes each connection got, by the order the
// connections were opened (the first is [0]), open or closed since.
func (s *Server) Envelopes() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]int, s.connections)
	for n, e := range s.envelopes {
		out[n-1] = e
	}
	return out
}

// SendDisconnect asks the live client to reconnect, as Slack does before it
// recycles a server. Later pushes wait for the new connection; acks still
// arriving on the old one are accepted.
func (s *Server) SendDisconnect(reason string) {
	s.mu.Lock()
	c := s.live
	s.live = nil
	s.notifyLocked()
	s.mu.Unlock()
	if c == nil {
		return
	}
	frame := appendString([]byte(`{"type":"disconnect","reason":`), reason)
	frame = append(frame, `,"debug_info":{"host":"slacktest"}}`...)
	if err := c.write(frame); err != nil {
		c.shut()
	}
}

// DropConnections closes every socket abruptly, without a close frame; the
// client sees a network error and must reconnect.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := make([]*wsConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.live = nil
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.shut()
	}
}
