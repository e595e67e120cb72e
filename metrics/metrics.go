//go:build scaleout

// Package metrics exposes what the bot and the dispatcher do in the
// Prometheus text format, at /metrics. It is the one package that knows
// Prometheus; bot and scheduler report through small observer interfaces
// of their own.
package metrics

import (
	"net/http"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/scheduler"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the collectors, in a registry of its own (no global
// state: two instances in one test process do not collide).
type Metrics struct {
	reg    *prometheus.Registry
	nudges *prometheus.CounterVec
	scan   prometheus.Histogram
	ack    *prometheus.HistogramVec
	api    *prometheus.CounterVec
	held   *prometheus.GaugeVec
}

// Enabled says whether this build serves metrics.
const Enabled = true

// New returns the metrics of one instance.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		nudges: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "followup_nudges_total",
			Help: "Nudges by what became of them: due (claimed to send), sent, failed (put back or left for a check), unsure (claimed with an unknown earlier outcome), recovered (found already delivered), deferred, skipped.",
		}, []string{"outcome"}),
		scan: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "followup_scan_duration_seconds",
			Help:    "How long one due-nudge scan took, sends included.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 10),
		}),
		ack: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "followup_ack_latency_seconds",
			Help:    "From a Socket Mode envelope's arrival to its ack, by envelope type (Slack gives up after 3 s).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2, 3},
		}, []string{"type"}),
		api: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "followup_slack_api_calls_total",
			Help: "Slack Web API calls by method and outcome: ok, Slack's error code (ratelimited, channel_not_found, …), http_<status> for an HTTP failure, no_answer when none came.",
		}, []string{"method", "code"}),
		held: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "followup_claims_held",
			Help: "Nudge claims this instance holds, at its last heartbeat.",
		}, []string{"instance"}),
	}
	m.reg.MustRegister(m.nudges, m.scan, m.ack, m.api, m.held)
	for _, o := range []string{"due", "sent", "failed", "unsure", "recovered", "deferred", "skipped"} {
		m.nudges.WithLabelValues(o) // present at 0, so rate() and alerts see them from the start
	}
	return m
}

// Handler serves the metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Scanned records one scan. It implements scheduler.Observer.
func (m *Metrics) Scanned(r scheduler.Result, took time.Duration) {
	m.scan.Observe(took.Seconds())
	for o, n := range map[string]int{
		"due": r.Claimed - r.Unsure, "sent": r.Sent, "failed": r.Failed, "unsure": r.Unsure,
		"recovered": r.Recovered, "deferred": r.Deferred, "skipped": r.Skipped,
	} {
		if n > 0 {
			m.nudges.WithLabelValues(o).Add(float64(n))
		}
	}
}

// Beat records a heartbeat. It implements scheduler.Observer.
func (m *Metrics) Beat(instance string, b followup.Beat) {
	m.held.WithLabelValues(instance).Set(float64(b.Held))
}

// Acked records an envelope's ack latency. It implements bot.Observer.
func (m *Metrics) Acked(envelope string, d time.Duration) {
	m.ack.WithLabelValues(envelope).Observe(d.Seconds())
}

// SlackCall records one Web API call. It implements bot.Observer.
func (m *Metrics) SlackCall(method, code string) {
	m.api.WithLabelValues(method, code).Inc()
}
