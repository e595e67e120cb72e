package main

import (
	"strings"
	"testing"
	"time"
)

func TestConfigFromEnv(t *testing.T) {
	const bot, app = "xoxb-1234-secret-bot", "xapp-1-secret-app"
	base := map[string]string{"SLACK_BOT_TOKEN": bot, "SLACK_APP_TOKEN": app}
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // a substring; "" means no error
		check   func(t *testing.T, c Config)
	}{
		{"Defaults", nil, "", func(t *testing.T, c Config) {
			if c.APIURL != defaultAPIURL || c.DatabaseURL != defaultDatabaseURL || c.Schedule != defaultSchedule || c.HTTPAddr != defaultHTTPAddr || !c.Now.IsZero() || c.SendRate != defaultSendRate {
				t.Errorf("defaults: got %+v", c)
			}
		}},
		{"MissingBotToken", map[string]string{"SLACK_BOT_TOKEN": ""}, "SLACK_BOT_TOKEN is not set", nil},
		{"MissingAppToken", map[string]string{"SLACK_APP_TOKEN": " "}, "SLACK_APP_TOKEN is not set", nil},
		{"SwappedTokens", map[string]string{"SLACK_BOT_TOKEN": app, "SLACK_APP_TOKEN": bot}, `SLACK_BOT_TOKEN must start with "xoxb-"`, nil},
		{"AppTokenWrongPrefix", map[string]string{"SLACK_APP_TOKEN": "xoxp-user-token"}, `SLACK_APP_TOKEN must start with "xapp-"`, nil},
		{"APIURLGetsSlash", map[string]string{"SLACK_API_URL": "http://127.0.0.1:9/api"}, "", func(t *testing.T, c Config) {
			if c.APIURL != "http://127.0.0.1:9/api/" {
				t.Errorf("api url: got %q, want a trailing slash", c.APIURL)
			}
		}},
		{"APIURLNotURL", map[string]string{"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL", nil},
		{"BadSchedule", map[string]string{"FOLLOWUP_SCHEDULE": "every minute"}, "FOLLOWUP_SCHEDULE", nil},
		{"SecondsSchedule", map[string]string{"FOLLOWUP_SCHEDULE": "@every 30s"}, "", nil},
		{"Now", map[string]string{"FOLLOWUP_NOW": "2026-03-02T09:00:00+01:00"}, "", func(t *testing.T, c Config) {
			if want := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC); !c.Now.Equal(want) {
				t.Errorf("now: got %s, want %s", c.Now, want)
			}
		}},
		{"BadNow", map[string]string{"FOLLOWUP_NOW": "tomorrow"}, "FOLLOWUP_NOW", nil},
		{"BadLogLevel", map[string]string{"LOG_LEVEL": "loud"}, "LOG_LEVEL", nil},
		{"BadSendRate", map[string]string{"FOLLOWUP_SEND_RATE": "-1"}, "FOLLOWUP_SEND_RATE", nil},
		{"NoLimit", map[string]string{"FOLLOWUP_SEND_RATE": "0"}, "", func(t *testing.T, c Config) {
			if c.SendRate != 0 {
				t.Errorf("send rate: got %v, want 0", c.SendRate)
			}
		}},
		{"Staff", map[string]string{"FOLLOWUP_STAFF": " U0CARA, W0DEV ,,"}, "", func(t *testing.T, c Config) {
			if strings.Join(c.Staff, ",") != "U0CARA,W0DEV" {
				t.Errorf("staff: got %q, want U0CARA and W0DEV", c.Staff)
			}
		}},
		{"StaffByName", map[string]string{"FOLLOWUP_STAFF": "U0CARA,@cara"}, "FOLLOWUP_STAFF", nil},
		{"BadCalendar", map[string]string{"FOLLOWUP_DEFAULT_CALENDAR": "atlantis"}, "FOLLOWUP_DEFAULT_CALENDAR", nil},
		{"Calendar", map[string]string{"FOLLOWUP_DEFAULT_CALENDAR": "gb"}, "", func(t *testing.T, c Config) {
			if c.DefaultCalendar != "gb" {
				t.Errorf("calendar: got %q, want gb", c.DefaultCalendar)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range base {
				env[k] = v
			}
			for k, v := range tt.env {
				env[k] = v
			}
			c, err := ConfigFromEnv(func(k string) string { return env[k] })
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("error: got %v, want none", err)
				}
				if tt.check != nil {
					tt.check(t, c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error: got %v, want one containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error repeats a token: %v", err)
			}
		})
	}
}
