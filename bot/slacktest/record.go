package slacktest

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/slack-go/slack"
)

// Message is one thing the bot said, in the order Slack received it.
//
// Method is "chat.postMessage", "chat.postEphemeral", "chat.update",
// "chat.delete", "response_url", or "ack" for the text or blocks of a slash
// command's ack payload (which Slack shows to the user).
type Message struct {
	Method      string
	Channel     string
	User        string // the DM's member, the ephemeral's recipient, or the user who acted
	Text        string
	TS          string
	ThreadTS    string
	ResponseURL string // set for Method "response_url"
	Blocks      json.RawMessage
	Metadata    *slack.SlackMetadata
	Ephemeral   bool
	// Replaced is set on the entry that replaced an earlier message: every
	// chat.update, and response_url posts with replace_original. TS is then
	// the replaced message's ts.
	Replaced bool
	// Deleted is set for chat.delete and response_url posts with delete_original.
	Deleted bool
	At      time.Time
}

// View is one views.* call (or response_action) the bot made, as recorded.
type View struct {
	ID     string
	UserID string
	// Method is "views.open", "views.update", "views.push", "views.publish",
	// "response_action.update" or "response_action.push".
	Method string
	// View is the slack.ModalViewRequest or slack.HomeTabViewRequest as sent.
	View            json.RawMessage
	CallbackID      string
	PrivateMetadata string
	ExternalID      string
	Hash            string // the hash after this call
	// Closed is set on every entry of a view once the modal has been closed.
	Closed bool
}

func (s *Server) recordLocked(m Message) {
	m.At = s.cfg.now()
	s.messages = append(s.messages, m)
	s.notifyLocked()
}

// Messages returns every recorded message, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.messages)
}

// Mark is a place in the emulator's logs. A wait from a mark looks only at
// what was recorded after it, so an earlier reply cannot satisfy it.
type Mark struct{ messages, views int }

// Mark returns the current end of the message and view logs.
func (s *Server) Mark() Mark {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Mark{messages: len(s.messages), views: len(s.viewLog)}
}

// MessagesSince returns the messages recorded after mark, in order.
func (s *Server) MessagesSince(mark Mark) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.messages[min(mark.messages, len(s.messages)):])
}

// ViewsSince returns the views.* calls recorded after mark, in order.
func (s *Server) ViewsSince(mark Mark) []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.viewLog[min(mark.views, len(s.viewLog)):])
}

// WaitMessageTo waits for the first message recorded after since whose
// recipient is user (Message.User: the DM's member, the ephemeral's or the
// response_url's recipient) and that matches. A nil match accepts any.
func (s *Server) WaitMessageTo(ctx context.Context, since Mark, user string, match func(Message) bool) (Message, error) {
	var got Message
	next := since.messages
	err := s.waitFor(ctx, func() bool {
		for ; next < len(s.messages); next++ {
			m := s.messages[next]
			if m.User == user && (match == nil || match(m)) {
				got = m
				return true
			}
		}
		return false
	})
	return got, err
}

// WaitViewTo waits for the first views.* call recorded after since for
// user that matches. A nil match accepts any.
func (s *Server) WaitViewTo(ctx context.Context, since Mark, user string, match func(View) bool) (View, error) {
	var got View
	next := since.views
	err := s.waitFor(ctx, func() bool {
		for ; next < len(s.viewLog); next++ {
			v := s.viewLog[next]
			if v.UserID == user && (match == nil || match(v)) {
				got = v
				return true
			}
		}
		return false
	})
	return got, err
}

// WaitMessage waits until a recorded message matches and returns the first
// one that does. A nil match accepts any message. It searches the whole
// log: prefer WaitMessageTo, which names a mark and a recipient.
func (s *Server) WaitMessage(ctx context.Context, match func(Message) bool) (Message, error) {
	ms, err := s.WaitMessages(ctx, 1, match)
	if err != nil {
		return Message{}, err
	}
	return ms[0], nil
}

// WaitMessages waits until n recorded messages match and returns the first n.
// A nil match accepts any message.
func (s *Server) WaitMessages(ctx context.Context, n int, match func(Message) bool) ([]Message, error) {
	var (
		got  []Message
		next int // the log only grows, so each message is looked at once
	)
	err := s.waitFor(ctx, func() bool {
		for ; next < len(s.messages) && len(got) < n; next++ {
			if match == nil || match(s.messages[next]) {
				got = append(got, s.messages[next])
			}
		}
		return len(got) >= n
	})
	if err != nil {
		return got, err
	}
	return got, nil
}

// Views returns every recorded views.* call, in order.
func (s *Server) Views() []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.viewLog)
}

// WaitView waits until a recorded view matches and returns the first one that does.
func (s *Server) WaitView(ctx context.Context, match func(View) bool) (View, error) {
	var got View
	err := s.waitFor(ctx, func() bool {
		for _, v := range s.viewLog {
			if match == nil || match(v) {
				got = v
				return true
			}
		}
		return false
	})
	return got, err
}

// Home returns the view last published to userID's App Home.
func (s *Server) Home(userID string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.homes[userID]
	if !ok {
		return nil, false
	}
	return slices.Clone(h.raw), true
}

// AckStats returns the timing of every acked envelope since the last ResetStats.
func (s *Server) AckStats() []AckStat {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ackStats)
}

// ResetStats forgets ack timings and Web API call counts; recordings stay.
func (s *Server) ResetStats() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ackStats = nil
	clear(s.calls)
}

// Calls reports how many times the bot called a Web API method ("response_url"
// counts posts to response URLs), failed calls included.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}
