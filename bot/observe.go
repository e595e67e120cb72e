package bot

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Observer is told what the bot does, for metrics (metrics.Metrics meets
// it). Calls must be cheap: they run on the Socket Mode read loop.
type Observer interface {
	// Acked reports how long an envelope of a type waited for its ack.
	Acked(envelope string, d time.Duration)
	// SlackCall reports one Web API call: its method and its outcome in
	// Slack's words (see callCode).
	SlackCall(method, code string)
}

// acked reports an ack that came d after arrival, if anyone listens.
func (b *Bot) acked(envelope string, arrived time.Time) {
	if b.obs != nil {
		b.obs.Acked(envelope, time.Since(arrived))
	}
}

// observedTransport counts Web API calls by method and outcome.
type observedTransport struct {
	base http.RoundTripper
	obs  Observer
}

// RoundTrip implements http.RoundTripper. The outcome is known once the
// caller has read or closed the body, which slack-go always does.
func (t observedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	method := "response_url"
	if _, m, ok := strings.Cut(req.URL.Path, "/api/"); ok {
		method = m
	}
	if err != nil {
		t.obs.SlackCall(method, codeNoAnswer)
		return resp, err
	}
	resp.Body = &sniffedBody{ReadCloser: resp.Body, status: resp.StatusCode,
		report: func(code string) { t.obs.SlackCall(method, code) }}
	return resp, nil
}

// codeNoAnswer is the outcome of a call that got no HTTP answer.
const codeNoAnswer = "no_answer"

// sniffLen is how much of a body is kept to find Slack's verdict: "ok" and
// "error" come first in every Web API answer.
const sniffLen = 256

// sniffedBody keeps the first bytes of an answer and reports its outcome
// at EOF or Close, whichever comes first.
type sniffedBody struct {
	io.ReadCloser
	status int
	head   []byte
	report func(code string)
	once   sync.Once
}

func (b *sniffedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if room := sniffLen - len(b.head); room > 0 {
		b.head = append(b.head, p[:min(n, room)]...)
	}
	if err == io.EOF {
		b.done()
	}
	return n, err
}

func (b *sniffedBody) Close() error {
	b.done()
	return b.ReadCloser.Close()
}

func (b *sniffedBody) done() { b.once.Do(func() { b.report(callCode(b.status, b.head)) }) }

// callCode is a call's outcome as the metrics label it: Slack's own error
// code ("ratelimited", "channel_not_found"), "ok", "http_503" for an HTTP
// failure that names none, or "unknown" for an answer it cannot read.
// Only [a-z0-9_] of at most 40 characters get through, so a label never
// carries text.
func callCode(status int, head []byte) string {
	head = bytes.TrimSpace(head)
	if _, rest, found := bytes.Cut(head, []byte(`"error":"`)); found {
		if code, _, closed := bytes.Cut(rest, []byte(`"`)); closed && len(code) > 0 && len(code) <= 40 && plainCode(code) {
			return string(code)
		}
	}
	switch {
	case status != http.StatusOK:
		return "http_" + strconv.Itoa(status)
	case bytes.Equal(head, []byte("ok")): // a response_url's answer
		return "ok"
	case bytes.Contains(head, []byte(`"ok":true`)):
		return "ok"
	}
	return "unknown"
}

func plainCode(b []byte) bool {
	for _, c := range b {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
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
