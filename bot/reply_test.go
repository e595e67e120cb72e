package bot

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// TestEncodeResponse checks that the hand-assembled response_url body says
// what slack.WebhookMessage, which the bot used to post, said.
func TestEncodeResponse(t *testing.T) {
	today := followup.Date{Year: 2026, Month: 3, Day: 2}
	tests := []struct {
		name    string
		m       messages.Message
		replace bool
	}{
		{"Help", messages.Help(), false},
		{"Unknown", messages.UnknownCommand(`"<weird>" \ cmd`), false},
		{"EmptyList", messages.InterviewList(nil, time.UTC, today), true},
		{"List", messages.InterviewList([]followup.Interview{{
			ID: 7, Company: "Acme & Co", Role: "Data <analyst>", Stage: followup.StageLogged,
			InterviewDate:     followup.Date{Year: 2026, Month: 2, Day: 10},
			FirstFollowUpDate: followup.Date{Year: 2026, Month: 2, Day: 11},
			SecondDue:         followup.Date{Year: 2026, Month: 2, Day: 24},
		}}, time.UTC, today), false},
		{"TextOnly", messages.Message{Text: "Line one\nline two — ok"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := encodeResponse(tt.m, tt.replace)
			if err != nil {
				t.Fatalf("encodeResponse: %v", err)
			}
			wm := &slack.WebhookMessage{Text: tt.m.Text, ResponseType: slack.ResponseTypeEphemeral, ReplaceOriginal: tt.replace}
			if len(tt.m.Blocks) > 0 {
				wm.Blocks = &slack.Blocks{BlockSet: tt.m.Blocks}
			}
			want, err := json.Marshal(wm)
			if err != nil {
				t.Fatal(err)
			}
			var g, w map[string]any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatalf("body is not JSON: %v\n%s", err, got)
			}
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			delete(w, "delete_original") // always false: Slack's default
			if !reflect.DeepEqual(g, w) {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

// TestPostResponseKeepsURLOutOfErrors checks that a failed post does not
// put the response_url, which works like a password, into the error.
func TestPostResponseKeepsURLOutOfErrors(t *testing.T) {
	gone := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "used_url", http.StatusNotFound)
	}))
	defer gone.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	tests := []struct {
		name string
		url  string
	}{
		{"Refused", gone.URL + "/response/SECRET123"},
		{"Unreachable", closed.URL + "/response/SECRET123"},
	}
	b := &Bot{http: &http.Client{Timeout: 5 * time.Second}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := b.postResponse(context.Background(), tt.url, []byte(`{"text":"hi"}`))
			if err == nil {
				t.Fatal("got no error, want one")
			}
			if strings.Contains(err.Error(), "SECRET123") {
				t.Errorf("got error %q, want it without the URL", err)
			}
		})
	}
	t.Run("CanceledStaysCanceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := b.postResponse(ctx, gone.URL+"/response/SECRET123", []byte(`{}`))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	})
}
