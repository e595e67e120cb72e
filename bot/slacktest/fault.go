package slacktest

import (
	"math/rand/v2"
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

// FaultMix is a storm: the share of calls, in percent, that fail each way.
// The rest succeed.
type FaultMix struct {
	// RateLimited is the percentage answered 429 with Retry-After.
	RateLimited int
	// RetryAfter is the 429s' Retry-After, rounded up to whole seconds
	// (default 1s).
	RetryAfter time.Duration
	// ServerError is the percentage answered 503.
	ServerError int
	// Dropped is the percentage handled, then cut without an answer: the
	// client sees a network error though the work was done.
	Dropped int
	// Seed makes the draws repeatable.
	Seed uint64
}

// StormCount is what a storm did to one method's calls.
type StormCount struct {
	Calls, RateLimited, ServerError, Dropped int
}

// storm is a FaultMix in force until a time.
type storm struct {
	mix   FaultMix
	until time.Time
	rng   *rand.Rand
	count StormCount
}

// FailRate makes calls of method fail at random as mix says, from now
// until until by the emulator's clock: a stretch of time, however many
// calls come. A queued FailNext fault goes first. A later FailRate for
// method replaces the storm and its counts.
func (s *Server) FailRate(method string, mix FaultMix, until time.Time) {
	if mix.RetryAfter <= 0 {
		mix.RetryAfter = time.Second
	}
	s.mu.Lock()
	s.storms[method] = &storm{mix: mix, until: until, rng: rand.New(rand.NewPCG(mix.Seed, mix.Seed^0x5eed))}
	s.mu.Unlock()
}

// Storm returns what the storm of method did so far: the calls it saw and
// the faults it injected.
func (s *Server) Storm(method string) StormCount {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.storms[method]; st != nil {
		return st.count
	}
	return StormCount{}
}

// draw picks the fault of one call under the storm, if any. s.mu is held.
func (st *storm) draw(now time.Time) (Fault, bool) {
	if !now.Before(st.until) {
		return Fault{}, false
	}
	st.count.Calls++
	m := st.mix
	switch p := st.rng.IntN(100); {
	case p < m.RateLimited:
		st.count.RateLimited++
		return Fault{Status: http.StatusTooManyRequests, RetryAfter: m.RetryAfter}, true
	case p < m.RateLimited+m.ServerError:
		st.count.ServerError++
		return Fault{Status: http.StatusServiceUnavailable}, true
	case p < m.RateLimited+m.ServerError+m.Dropped:
		st.count.Dropped++
		return Fault{DropAfterHandling: true}, true
	}
	return Fault{}, false
}

// countCall counts a call of method and takes the fault it must suffer, if
// any: a queued one first, else a storm's draw.
func (s *Server) countCall(method string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
	q := s.faults[method]
	if len(q) == 0 {
		if st := s.storms[method]; st != nil {
			return st.draw(s.cfg.now())
		}
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
