package messages

import (
	"net/url"
	"strings"
	"testing"
)

func TestMailtoURL(t *testing.T) {
	tests := []struct {
		name, email, subject, body string
		want                       string
		ok                         bool
	}{
		{"Plain", "dana@acme.example", "Hi there", "Line one\nLine two & more+",
			"mailto:dana@acme.example?subject=Hi%20there&body=Line%20one%0D%0ALine%20two%20%26%20more%2B", true},
		{"Empty", "", "s", "b", "", false},
		{"NotAnAddress", "dana", "s", "b", "", false},
		{"DisplayName", "Dana <dana@acme.example>", "s", "b", "", false},
		{"InjectsHeader", "dana@acme.example?cc=x@y.z", "s", "b", "", false},
		{"TooLong", "dana@acme.example", "s", strings.Repeat("x", MaxMailtoLen), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := MailtoURL(tt.email, tt.subject, tt.body)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
	t.Run("RoundTrip", func(t *testing.T) {
		body := "Hi Dana,\n\nIs it 50% done? Yes/no.\n\nSam"
		link, ok := MailtoURL("dana@acme.example", "Role: a quick question", body)
		if !ok {
			t.Fatal("got ok=false, want true")
		}
		u, err := url.Parse(link)
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		if got, want := u.Query().Get("body"), strings.ReplaceAll(body, "\n", "\r\n"); got != want {
			t.Errorf("body: got %q, want %q", got, want)
		}
	})
}
