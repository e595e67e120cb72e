package slacktest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"
)

// responseTarget is where a response_url leads: the conversation an
// interaction came from and, for a click, the message clicked.
type responseTarget struct {
	channel string
	user    string
	origTS  string
	uses    int
	expires time.Time
}

// A response_url takes up to five posts within thirty minutes
// (docs.slack.dev/interactivity/handling-user-interaction).
const (
	responseURLUses = 5
	responseURLTTL  = 30 * time.Minute
)

// newResponseURLLocked hands out a response_url for one interaction.
func (s *Server) newResponseURLLocked(t *responseTarget) string {
	id := s.id("")
	t.expires = s.cfg.now().Add(responseURLTTL)
	s.responses[id] = t
	return s.base + "/response/" + id
}

// serveResponseURL answers posts to a response_url. Like Slack, it needs no
// token, defaults to an ephemeral reply and allows five posts per URL within
// thirty minutes of the interaction (by the emulator's clock).
func (s *Server) serveResponseURL(w http.ResponseWriter, r *http.Request) {
	const method = "response_url"
	f, faulty := s.countCall(method)
	if faulty && s.failBefore(w, r, f) {
		return
	}
	var body struct {
		Text            string               `json:"text"`
		Blocks          json.RawMessage      `json:"blocks"`
		ResponseType    string               `json:"response_type"`
		ReplaceOriginal bool                 `json:"replace_original"`
		DeleteOriginal  bool                 `json:"delete_original"`
		ThreadTS        string               `json:"thread_ts"`
		Metadata        *slack.SlackMetadata `json:"metadata"`
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil || json.Unmarshal(data, &body) != nil {
		writeJSON(w, errorResp("invalid_payload"))
		return
	}
	if body.Metadata != nil && body.Metadata.EventType == "" {
		body.Metadata = nil // slack-go always sends a metadata object
	}
	var blocks json.RawMessage
	if len(body.Blocks) > 0 && string(body.Blocks) != "null" {
		n, code := s.verdicts.check(body.Blocks, 50)
		if code != "" {
			writeJSON(w, errorResp(code))
			return
		}
		if n > 0 {
			blocks = body.Blocks
		}
	}
	if !body.DeleteOriginal && body.Text == "" && blocks == nil {
		writeJSON(w, errorResp("no_text"))
		return
	}
	url := s.base + r.URL.Path
	id := strings.TrimPrefix(r.URL.Path, "/response/")

	s.mu.Lock()
	t := s.responses[id]
	switch {
	case t == nil || t.uses >= responseURLUses:
		s.mu.Unlock()
		http.Error(w, "used_url", http.StatusNotFound)
		return
	case s.cfg.now().After(t.expires):
		s.mu.Unlock()
		http.Error(w, "expired_url", http.StatusNotFound)
		return
	}
	t.uses++
	m := Message{Method: method, Channel: t.channel, User: t.user, Text: body.Text, ThreadTS: body.ThreadTS,
		ResponseURL: url, Blocks: blocks, Metadata: body.Metadata}
	orig := s.byTS[t.origTS]
	switch {
	case body.DeleteOriginal && orig != nil:
		s.deleteLocked(orig)
		m.TS, m.Deleted, m.Ephemeral, m.Text, m.Blocks = orig.ts, true, orig.ephemeral, "", nil
	case body.ReplaceOriginal && orig != nil:
		orig.text, orig.blocks = body.Text, blocks
		if body.Metadata != nil {
			orig.metadata = body.Metadata
		}
		m.TS, m.Replaced, m.Ephemeral = orig.ts, true, orig.ephemeral
	case body.DeleteOriginal:
		m.Deleted = true
	default:
		m.TS = s.nextTSLocked()
		m.Ephemeral = body.ResponseType != "in_channel"
		sm := &storedMsg{channel: t.channel, user: t.user, ts: m.TS, threadTS: body.ThreadTS, text: body.Text,
			blocks: blocks, metadata: body.Metadata, ephemeral: m.Ephemeral}
		s.byTS[sm.ts] = sm
		if !sm.ephemeral {
			s.history[sm.channel] = append(s.history[sm.channel], sm)
		}
	}
	s.recordLocked(m)
	s.mu.Unlock()

	if faulty && f.DropAfterHandling {
		hangUp(w)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = io.WriteString(w, okBody)
}

// okBody is the answer to a post that went through, the same every time.
const okBody = `{"ok":true}`
