package bot

import (
	"io"
	"strings"
	"testing"
)

func TestCallCode(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"OK", 200, `{"ok":true,"channel":"D1","ts":"1.2"}`, "ok"},
		{"SlackError", 200, `{"ok":false,"error":"channel_not_found"}`, "channel_not_found"},
		{"RateLimited", 429, `{"ok":false,"error":"ratelimited"}`, "ratelimited"},
		{"RateLimitedPlain", 429, "Too Many Requests", "http_429"},
		{"ServerError", 503, `upstream down`, "http_503"},
		{"ResponseURL", 200, "ok", "ok"},
		{"Unreadable", 200, `<html>`, "unknown"},
		{"ErrorWithText", 200, `{"ok":false,"error":"Bad {value}"}`, "unknown"},
		{"ErrorTooLong", 200, `{"ok":false,"error":"` + strings.Repeat("a", 41) + `"}`, "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := callCode(tt.status, []byte(tt.body)); got != tt.want {
				t.Errorf("callCode(%d, %s): got %q, want %q", tt.status, tt.body, got, tt.want)
			}
		})
	}
}

// TestSniffedBodyReportsOnce reads a body to EOF, then closes it: one
// report, and the reader got every byte.
func TestSniffedBodyReportsOnce(t *testing.T) {
	body := `{"ok":false,"error":"not_in_channel","warning":"` + strings.Repeat("x", 1000) + `"}`
	var got []string
	b := &sniffedBody{ReadCloser: io.NopCloser(strings.NewReader(body)), status: 200,
		report: func(code string) { got = append(got, code) }}
	read, err := io.ReadAll(b)
	if err != nil || string(read) != body {
		t.Fatalf("read %d bytes (%v), want the whole %d", len(read), err, len(body))
	}
	b.Close()
	if len(got) != 1 || got[0] != "not_in_channel" {
		t.Errorf("reports: got %q, want one not_in_channel", got)
	}
}
