package slacktest

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
)

// params reads Web API arguments from a form body or a JSON body alike.
type params struct {
	form url.Values
	js   map[string]json.RawMessage
}

func parseParams(w http.ResponseWriter, r *http.Request) (params, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
		if err != nil {
			return params{}, err
		}
		p := params{form: r.URL.Query(), js: map[string]json.RawMessage{}}
		if len(strings.TrimSpace(string(body))) == 0 {
			return p, nil
		}
		return p, json.Unmarshal(body, &p.js)
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<20)
	if err := r.ParseForm(); err != nil {
		return params{}, err
	}
	return params{form: r.Form}, nil
}

// str returns an argument as a string; JSON non-strings come back as their JSON text.
func (p params) str(key string) string {
	if raw, ok := p.js[key]; ok {
		var v string
		if json.Unmarshal(raw, &v) == nil {
			return v
		}
		if string(raw) == "null" {
			return ""
		}
		return string(raw)
	}
	return p.form.Get(key)
}

// raw returns an argument that holds JSON, whether sent as a JSON value or as
// a string containing JSON (as form posts do).
func (p params) raw(key string) json.RawMessage {
	v := p.str(key)
	if v == "" || v == "null" {
		return nil
	}
	return json.RawMessage(v)
}

func (p params) flag(key string) bool {
	v, _ := strconv.ParseBool(p.str(key))
	return v
}

type apiError struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

func errorResp(code string) apiError { return apiError{Error: code} }

// rateLimited is a method's answer past its rate limit: HTTP 429 with
// Retry-After.
type rateLimited struct{}

// bucket is one channel's allowance of chat.postMessage calls.
type bucket struct {
	tokens float64
	at     time.Time
}

// allowPostLocked spends one post from channel's allowance: a burst of
// cfg.postBurst, refilled at one per second.
func (s *Server) allowPostLocked(channel string) bool {
	burst := float64(s.cfg.postBurst)
	if burst <= 0 {
		return true
	}
	now := s.cfg.now()
	b := s.buckets[channel]
	if b == nil {
		b = &bucket{tokens: burst, at: now}
		s.buckets[channel] = b
	}
	b.tokens = min(burst, b.tokens+max(0, now.Sub(b.at).Seconds()))
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(b)
}

type apiMethod func(s *Server, p params) any

var apiMethods = map[string]apiMethod{
	"auth.test":             (*Server).authTest,
	"apps.connections.open": (*Server).appsConnectionsOpen,
	"chat.postMessage":      (*Server).chatPostMessage,
	"chat.postEphemeral":    (*Server).chatPostEphemeral,
	"chat.update":           (*Server).chatUpdate,
	"chat.delete":           (*Server).chatDelete,
	"conversations.open":    (*Server).conversationsOpen,
	"conversations.history": (*Server).conversationsHistory,
	"users.info":            (*Server).usersInfo,
	"views.open":            (*Server).viewsOpen,
	"views.update":          (*Server).viewsUpdate,
	"views.push":            (*Server).viewsPush,
	"views.publish":         (*Server).viewsPublish,
}

// serveAPI answers POST /api/<method>.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	f, faulty := s.countCall(method)
	if faulty && s.failBefore(w, r, f) {
		return
	}
	h, ok := apiMethods[method]
	if !ok {
		writeJSON(w, errorResp("unknown_method"))
		return
	}
	p, err := parseParams(w, r)
	if err != nil {
		writeJSON(w, errorResp("invalid_form_data"))
		return
	}
	if code := checkToken(r, p, method); code != "" {
		// The token itself is never logged.
		s.log.Debug("web api auth failed", "method", method, "error", code)
		writeJSON(w, errorResp(code))
		return
	}
	resp := h(s, p)
	if faulty && f.DropAfterHandling {
		hangUp(w)
		return
	}
	switch e := resp.(type) {
	case apiError:
		s.log.Debug("web api error", "method", method, "error", e.Error)
	case rateLimited:
		s.log.Debug("web api rate limited", "method", method)
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"ok":false,"error":"ratelimited"}`)
		return
	}
	writeJSON(w, resp)
}

func checkToken(r *http.Request, p params, method string) string {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		tok = p.str("token")
	}
	want := BotToken
	if method == "apps.connections.open" {
		want = AppToken
	}
	switch tok {
	case "":
		return "not_authed"
	case want:
		return ""
	}
	return "invalid_auth"
}

func (s *Server) authTest(params) any {
	return map[string]any{
		"ok": true, "url": "https://slacktest.slack.com/", "team": "Emulator", "user": "followup",
		"team_id": DefaultTeamID, "user_id": BotUserID, "bot_id": BotID, "is_enterprise_install": false,
	}
}

func (s *Server) appsConnectionsOpen(params) any {
	ticket := s.id("ticket-")
	s.mu.Lock()
	s.tickets[ticket] = struct{}{}
	s.mu.Unlock()
	u := "ws" + strings.TrimPrefix(s.base, "http") + "/ws?ticket=" + ticket + "&app_id=" + AppID
	return map[string]any{"ok": true, "url": u}
}

// storedMsg is a message as it stands now (chat.update changes it).
type storedMsg struct {
	channel   string
	user      string // DM member or ephemeral recipient
	ts        string
	threadTS  string
	text      string
	blocks    json.RawMessage
	metadata  *slack.SlackMetadata
	ephemeral bool
}

func (m *storedMsg) toJSON(withMetadata bool) map[string]any {
	out := map[string]any{
		"type": "message", "user": BotUserID, "bot_id": BotID, "app_id": AppID, "team": DefaultTeamID,
		"text": m.text, "ts": m.ts,
	}
	if m.threadTS != "" {
		out["thread_ts"] = m.threadTS
	}
	if len(m.blocks) > 0 {
		out["blocks"] = m.blocks
	}
	if withMetadata && m.metadata != nil {
		out["metadata"] = m.metadata
	}
	return out
}

// content is the text, blocks and metadata of a post.
type content struct {
	text     string
	blocks   json.RawMessage
	metadata *slack.SlackMetadata
}

// readContent checks a post the way Slack does where it is cheap.
func readContent(p params) (content, string) {
	c := content{text: p.str("text")}
	if len(c.text) > 40000 {
		return c, "msg_too_long"
	}
	if b := p.raw("blocks"); b != nil {
		n, code := checkBlocks(b, 50)
		if code != "" {
			return c, code
		}
		if n > 0 {
			c.blocks = b
		}
	}
	if c.text == "" && c.blocks == nil && p.raw("attachments") == nil {
		return c, "no_text"
	}
	if m := p.raw("metadata"); m != nil {
		var md slack.SlackMetadata
		if err := json.Unmarshal(m, &md); err != nil || md.EventType == "" {
			return c, "invalid_metadata_format"
		}
		c.metadata = &md
	}
	return c, ""
}

// isUserID reports whether id names a member rather than a conversation.
func isUserID(id string) bool { return id != "" && (id[0] == 'U' || id[0] == 'W') }

// resolveChannel maps a user id to its DM channel "D"+id, as Slack does for posts.
func resolveChannel(ch string) (channel, user string, ok bool) {
	if ch == "" {
		return "", "", false
	}
	switch ch[0] {
	case 'U', 'W':
		return "D" + ch, ch, true
	case 'D':
		return ch, ch[1:], true
	case 'C', 'G':
		return ch, "", true
	}
	return "", "", false
}

func (s *Server) chatPostMessage(p params) any {
	channel, user, ok := resolveChannel(p.str("channel"))
	if !ok {
		return errorResp("channel_not_found")
	}
	c, code := readContent(p)
	if code != "" {
		return errorResp(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.allowPostLocked(channel) {
		return rateLimited{}
	}
	m := &storedMsg{channel: channel, user: user, ts: s.nextTSLocked(), threadTS: p.str("thread_ts"),
		text: c.text, blocks: c.blocks, metadata: c.metadata}
	s.history[channel] = append(s.history[channel], m)
	s.byTS[m.ts] = m
	s.recordLocked(Message{Method: "chat.postMessage", Channel: channel, User: user, Text: c.text,
		TS: m.ts, ThreadTS: m.threadTS, Blocks: c.blocks, Metadata: c.metadata})
	return map[string]any{"ok": true, "channel": channel, "ts": m.ts, "message": m.toJSON(true)}
}

func (s *Server) chatPostEphemeral(p params) any {
	channel, _, ok := resolveChannel(p.str("channel"))
	if !ok {
		return errorResp("channel_not_found")
	}
	user := p.str("user")
	if user == "" {
		return errorResp("user_not_in_channel")
	}
	c, code := readContent(p)
	if code != "" {
		return errorResp(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &storedMsg{channel: channel, user: user, ts: s.nextTSLocked(), threadTS: p.str("thread_ts"),
		text: c.text, blocks: c.blocks, metadata: c.metadata, ephemeral: true}
	s.byTS[m.ts] = m
	s.recordLocked(Message{Method: "chat.postEphemeral", Channel: channel, User: user, Text: c.text,
		TS: m.ts, ThreadTS: m.threadTS, Blocks: c.blocks, Metadata: c.metadata, Ephemeral: true})
	return map[string]any{"ok": true, "message_ts": m.ts}
}

func (s *Server) chatUpdate(p params) any {
	// Unlike chat.postMessage, chat.update does not map a user id to the DM:
	// "For direct messages, ensure that this value is a DM ID (starts with D)
	// instead of a User ID" (docs.slack.dev/reference/methods/chat.update).
	if isUserID(p.str("channel")) {
		return errorResp("channel_not_found")
	}
	channel, _, ok := resolveChannel(p.str("channel"))
	if !ok {
		return errorResp("channel_not_found")
	}
	ts := p.str("ts")
	c, code := readContent(p)
	if code != "" {
		return errorResp(code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.byTS[ts]
	if m == nil || m.channel != channel || m.ephemeral {
		return errorResp("message_not_found")
	}
	m.text, m.blocks = c.text, c.blocks
	if c.metadata != nil {
		m.metadata = c.metadata
	}
	s.recordLocked(Message{Method: "chat.update", Channel: channel, User: m.user, Text: c.text, TS: ts,
		ThreadTS: m.threadTS, Blocks: c.blocks, Metadata: m.metadata, Replaced: true})
	return map[string]any{"ok": true, "channel": channel, "ts": ts, "text": c.text, "message": m.toJSON(true)}
}

func (s *Server) chatDelete(p params) any {
	channel, _, ok := resolveChannel(p.str("channel"))
	if !ok {
		return errorResp("channel_not_found")
	}
	ts := p.str("ts")
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.byTS[ts]
	if m == nil || m.channel != channel || m.ephemeral {
		return errorResp("message_not_found")
	}
	s.deleteLocked(m)
	s.recordLocked(Message{Method: "chat.delete", Channel: channel, User: m.user, TS: ts, Deleted: true})
	return map[string]any{"ok": true, "channel": channel, "ts": ts}
}

func (s *Server) deleteLocked(m *storedMsg) {
	delete(s.byTS, m.ts)
	h := s.history[m.channel]
	if i := slicesIndex(h, m); i >= 0 {
		s.history[m.channel] = append(h[:i:i], h[i+1:]...)
	}
}

func slicesIndex(h []*storedMsg, m *storedMsg) int {
	for i := len(h) - 1; i >= 0; i-- {
		if h[i] == m {
			return i
		}
	}
	return -1
}

func (s *Server) conversationsOpen(p params) any {
	if ch := p.str("channel"); ch != "" {
		channel, _, ok := resolveChannel(ch)
		if !ok {
			return errorResp("channel_not_found")
		}
		return map[string]any{"ok": true, "channel": map[string]any{"id": channel}}
	}
	users := strings.Split(p.str("users"), ",")
	if len(users) != 1 || users[0] == "" {
		// Group DMs are not emulated.
		return errorResp("users_list_not_supplied")
	}
	channel, user, ok := resolveChannel(users[0])
	if !ok || user == "" {
		return errorResp("user_not_found")
	}
	s.mu.Lock()
	already := s.dms[channel]
	s.dms[channel] = true
	s.mu.Unlock()
	return map[string]any{"ok": true, "no_op": already, "already_open": already,
		"channel": map[string]any{"id": channel, "is_im": true, "user": user}}
}

func (s *Server) conversationsHistory(p params) any {
	channel, _, ok := resolveChannel(p.str("channel"))
	if !ok {
		return errorResp("channel_not_found")
	}
	limit := 100
	if v := p.str("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return errorResp("invalid_limit")
		}
		limit = min(n, 999)
	}
	inclusive := p.flag("inclusive")
	oldest, latest := int64(0), int64(1<<62)
	if v := p.str("oldest"); v != "" {
		if oldest, ok = parseTS(v); !ok {
			return errorResp("invalid_ts_oldest")
		}
	}
	if v := p.str("latest"); v != "" {
		if latest, ok = parseTS(v); !ok {
			return errorResp("invalid_ts_latest")
		}
	}
	// The cursor is the ts of the last message handed out: continue below it.
	below := int64(1 << 62)
	if v := strings.TrimPrefix(p.str("cursor"), "ts:"); v != "" {
		if below, ok = parseTS(v); !ok {
			return errorResp("invalid_cursor")
		}
	}
	withMeta := p.flag("include_all_metadata")

	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.history[channel]
	msgs := make([]map[string]any, 0, min(limit, len(h)))
	hasMore, next := false, ""
	for i := len(h) - 1; i >= 0; i-- {
		t, _ := parseTS(h[i].ts)
		if t >= below || t > latest || (t == latest && !inclusive) {
			continue
		}
		if t < oldest || (t == oldest && !inclusive) {
			break
		}
		if len(msgs) == limit {
			hasMore = true
			break
		}
		msgs = append(msgs, h[i].toJSON(withMeta))
		next = h[i].ts
	}
	resp := map[string]any{"ok": true, "messages": msgs, "has_more": hasMore, "pin_count": 0}
	if hasMore {
		resp["response_metadata"] = map[string]any{"next_cursor": "ts:" + next}
	}
	return resp
}

func (s *Server) usersInfo(p params) any {
	id := p.str("user")
	s.mu.Lock()
	u, ok := s.users[id]
	s.mu.Unlock()
	if !ok {
		return errorResp("user_not_found")
	}
	return map[string]any{"ok": true, "user": map[string]any{
		"id": u.ID, "team_id": u.TeamID, "name": u.Name, "real_name": u.RealName,
		"tz": u.TZ, "tz_label": u.TZLabel, "tz_offset": u.TZOffset, "deleted": false, "is_bot": false,
		"is_admin": u.IsAdmin, "is_owner": u.IsOwner,
		"profile": map[string]any{"real_name": u.RealName, "display_name": u.Name, "team": u.TeamID},
	}}
}
