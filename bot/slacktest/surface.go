package slacktest

import (
	"encoding/json"
	"fmt"
	"slices"
)

// What a person looking at this Slack sees: the demo page renders it, and
// tests can read it the same way.

// OpenView is one modal of a user's open stack.
type OpenView struct {
	ID   string
	Hash string
	// View is the view as the bot last sent it (views.open, views.update,
	// views.push or a response_action).
	View json.RawMessage
}

// Changed returns a channel that is closed at the next change: a message,
// a view call, a connection. Call it again after each wake-up.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// OpenModals returns the user's open modals, the one they see last.
func (s *Server) OpenModals(userID string) []OpenView {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stacks[userID]
	out := make([]OpenView, 0, len(st))
	for _, id := range st {
		v := s.views[id]
		out = append(out, OpenView{ID: v.id, Hash: v.hash, View: slices.Clone(v.raw)})
	}
	return out
}

// CloseModal is the user pressing the modal's close button: the view on top
// goes, and the one under it shows again, as Slack does for pushed views.
// Only the top view can be closed.
func (s *Server) CloseModal(userID, viewID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.views[viewID]
	if v == nil || v.closed || v.userID != userID || !s.onTopLocked(v) {
		return fmt.Errorf("slacktest: close view %s: not the modal %s sees", viewID, userID)
	}
	s.closeViewLocked(viewID)
	return nil
}

// HomeView returns the user's App Home as last published, with its id for
// clicks made in it.
func (s *Server) HomeView(userID string) (OpenView, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.homes[userID]
	if !ok {
		return OpenView{}, false
	}
	return OpenView{ID: h.id, Hash: h.hash, View: slices.Clone(h.raw)}, true
}
