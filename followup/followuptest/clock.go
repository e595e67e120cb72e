// Package followuptest holds test helpers shared by the packages that
// depend on followup. It is imported by tests only.
package followuptest

import (
	"sync"
	"time"
)

// Clock is a followup.Clock that moves only when a test moves it. It is
// safe for concurrent use: the code under test reads it from its own
// goroutines while the test moves it.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a Clock that reads t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's reading.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
