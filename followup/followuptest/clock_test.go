package followuptest_test

import (
	"sync"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/followup/followuptest"
)

var _ followup.Clock = (*followuptest.Clock)(nil)

func TestClock(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := followuptest.NewClock(start)
	if got := c.Now(); !got.Equal(start) {
		t.Fatalf("Now: got %s, want %s", got, start)
	}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			c.Add(time.Minute)
			_ = c.Now()
		})
	}
	wg.Wait()
	if got, want := c.Now(), start.Add(10*time.Minute); !got.Equal(want) {
		t.Errorf("Now after ten Add(1m): got %s, want %s", got, want)
	}
}
