//go:build !scaleout

package metrics

import (
	"net/http"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/scheduler"
)

// Metrics is a no-op in the single-process build: the Prometheus client
// costs about 3 MiB of resident memory, and the embedded bot's budget is
// 20 MiB. Build with -tags scaleout for /metrics (see metrics.go).
type Metrics struct{}

// Enabled says whether this build serves metrics.
const Enabled = false

// New returns the no-op metrics.
func New() *Metrics { return &Metrics{} }

// Handler answers that this build has no metrics.
func (m *Metrics) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "this build has no metrics: build with -tags scaleout", http.StatusNotFound)
	})
}

// Scanned does nothing. It implements scheduler.Observer.
func (m *Metrics) Scanned(scheduler.Result, time.Duration) {}

// Beat does nothing. It implements scheduler.Observer.
func (m *Metrics) Beat(string, followup.Beat) {}

// Acked does nothing. It implements bot.Observer.
func (m *Metrics) Acked(string, time.Duration) {}

// SlackCall does nothing. It implements bot.Observer.
func (m *Metrics) SlackCall(string, string) {}
