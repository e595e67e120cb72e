package demo

import (
	"sync"
	"time"
)

// Clock is the bot's clock in a demo: it runs with the wall clock from a
// starting instant, and the page can move it forward to the next nudge.
// It is safe for concurrent use.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	wall   func() time.Time
}

// NewClock returns a Clock that reads start now (the wall clock if start is zero).
func NewClock(start time.Time) *Clock {
	c := &Clock{wall: time.Now}
	if !start.IsZero() {
		c.offset = start.Sub(c.wall())
	}
	return c
}

// Now returns the clock's reading.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wall().Add(c.offset)
}

// MoveTo moves the clock to t. Time never runs backwards: the bot's
// records and Slack's message timestamps assume it, so an earlier t is
// ignored and MoveTo reports false.
func (c *Clock) MoveTo(t time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.wall()
	if !t.After(now.Add(c.offset)) {
		return false
	}
	c.offset = t.Sub(now)
	return true
}
