package bot

import (
	"net/http"
	"strings"
	"time"
)

// Observer is told what the bot does, for metrics (metrics.Metrics meets
// it). Calls must be cheap: they run on the Socket Mode read loop.
type Observer interface {
	// Acked reports how long an envelope of a type waited for its ack.
	Acked(envelope string, d time.Duration)
	// SlackCall reports one Web API call: its method and HTTP status (0
	// when no answer came).
	SlackCall(method string, status int)
}

// acked reports an ack that came d after arrival, if anyone listens.
func (b *Bot) acked(envelope string, arrived time.Time) {
	if b.obs != nil {
		b.obs.Acked(envelope, time.Since(arrived))
	}
}

// observedTransport counts Web API calls by method and status.
type observedTransport struct {
	base http.RoundTripper
	obs  Observer
}

// RoundTrip implements http.RoundTripper.
func (t observedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	method := "response_url"
	if _, m, ok := strings.Cut(req.URL.Path, "/api/"); ok {
		method = m
	}
	status := 0
	if err == nil {
		status = resp.StatusCode
	}
	t.obs.SlackCall(method, status)
	return resp, err
}

// observed returns c with its calls counted by obs.
func observed(c *http.Client, obs Observer) *http.Client {
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	cp := *c
	cp.Transport = observedTransport{base: base, obs: obs}
	return &cp
}
