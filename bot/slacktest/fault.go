package slacktest

import (
	"net/http"
	"strconv"
	"time"
)

// Fault is a failure injected into the next calls of one Web API method.
type Fault struct {
	// Status, if not 0 or 200, is the HTTP status to answer with, e.g. 429 or 500.
	// A 429 always carries a Retry-After header.
	Status int
	// RetryAfter is sent as Retry-After, rounded up to whole seconds.
	RetryAfter time.Duration
	// Err, with a 200, is a Slack error code: {"ok":false,"error":Err}.
	Err string
	// Count is how many calls fail this way; 0 means 1.
	Count int
	// Delay holds the answer back; alone it makes a slow but successful call.
	Delay time.Duration
	// DropAfterHandling does the work, then cuts the connection without an
	// answer: the client sees a network error though the message was posted.
	DropAfterHandling bool
}

// FailNext makes the next f.Count calls of method fail as f says. Faults
// queue up in the order they were added. Method "response_url" targets posts
// to response URLs.
func (s *Server) FailNext(method string, f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	s.mu.Lock()
	s.faults[method] = append(s.faults[method], f)
	s.mu.Unlock()
}

// countCall counts a call of method and takes the fault it must suffer, if any.
func (s *Server) countCall(method string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
	q := s.faults[method]
	if len(q) == 0 {
		return Fault{}, false
	}
	f := q[0]
	q[0].Count--
	if q[0].Count == 0 {
		q = q[1:]
	}
	if len(q) == 0 {
		delete(s.faults, method)
	} else {
		s.faults[method] = q
	}
	return f, true
}

// failBefore applies the part of a fault that comes before the work. It
// reports whether it has answered the request.
func (s *Server) failBefore(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		case <-s.done:
			t.Stop()
			return true
		}
	}
	if f.DropAfterHandling {
		return false
	}
	if f.Status != 0 && f.Status != http.StatusOK {
		if f.Status == http.StatusTooManyRequests {
			secs := int64((f.RetryAfter + time.Second - 1) / time.Second)
			w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
		}
		http.Error(w, http.StatusText(f.Status), f.Status)
		return true
	}
	if f.Err != "" {
		writeJSON(w, errorResp(f.Err))
		return true
	}
	return false
}

// hangUp cuts the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	_ = conn.Close()
}
