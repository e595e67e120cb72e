//go:build scaleout

package main

import (
	"net/http"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestMetrics reads /metrics after a slash command and a logged interview
// whose confirmation DM Slack first rate-limits, then refuses, parsed by
// Prometheus' own text parser: the ack was timed under its envelope type,
// each Web API call counted under Slack's verdict, and the start-up scan
// and heartbeat reported.
func TestMetrics(t *testing.T) {
	h := start(t)
	h.command(student, "help")
	h.reply("/followup log")
	h.emu.FailNext("chat.postMessage", slacktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: time.Second})
	h.emu.FailNext("chat.postMessage", slacktest.Fault{Err: "not_in_channel"})
	h.submit(student, h.openLog(student, ""), oldInterview)
	var families map[string]*dto.MetricFamily
	find := func(name string, labels map[string]string) *dto.Metric {
		f := families[name]
		if f == nil {
			return nil
		}
	metrics:
		for _, m := range f.GetMetric() {
			for k, v := range labels {
				found := false
				for _, l := range m.GetLabel() {
					found = found || (l.GetName() == k && l.GetValue() == v)
				}
				if !found {
					continue metrics
				}
			}
			return m
		}
		return nil
	}
	// The emulator records a call before the bot has its answer and counts
	// it, so read until the last count is there (or time is up).
	refused := map[string]string{"method": "chat.postMessage", "code": "not_in_channel"}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		families = scrape(t, h)
		if find("followup_slack_api_calls_total", refused) != nil || time.Now().After(deadline) {
			break
		}
	}
	tests := []struct {
		name    string
		labels  map[string]string
		atLeast func(m *dto.Metric) bool
	}{
		{"followup_ack_latency_seconds", map[string]string{"type": "slash_commands"}, func(m *dto.Metric) bool { return m.GetHistogram().GetSampleCount() >= 1 }},
		{"followup_slack_api_calls_total", map[string]string{"method": "response_url", "code": "ok"}, func(m *dto.Metric) bool { return m.GetCounter().GetValue() >= 1 }},
		{"followup_slack_api_calls_total", map[string]string{"method": "chat.postMessage", "code": "http_429"}, func(m *dto.Metric) bool { return m.GetCounter().GetValue() == 1 }},
		{"followup_slack_api_calls_total", refused, func(m *dto.Metric) bool { return m.GetCounter().GetValue() == 1 }},
		{"followup_scan_duration_seconds", nil, func(m *dto.Metric) bool { return m.GetHistogram().GetSampleCount() >= 1 }},
		{"followup_nudges_total", map[string]string{"outcome": "failed"}, func(m *dto.Metric) bool { return m.GetCounter() != nil }},
		{"followup_claims_held", nil, func(m *dto.Metric) bool { return m.GetGauge() != nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := find(tt.name, tt.labels)
			if m == nil || !tt.atLeast(m) {
				t.Errorf("got %v, want %s%v recorded", m, tt.name, tt.labels)
			}
		})
	}
}

// scrape reads /metrics with Prometheus' own text parser.
func scrape(t *testing.T, h *harness) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get("http://" + h.main.HTTPAddr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return families
}
