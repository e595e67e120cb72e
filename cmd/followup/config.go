package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/scheduler"
)

// Config is everything the binary reads from the environment.
type Config struct {
	BotToken    string
	AppToken    string
	APIURL      string
	DatabaseURL string
	Schedule    string
	Now         time.Time // zero: the wall clock
	HTTPAddr    string
	LogLevel    slog.Level
	// SendRate caps nudge DMs per second, all students together (0: none).
	SendRate float64
	// DefaultCalendar is the holiday calendar new students start with.
	DefaultCalendar string
	// Instance names this process among the instances on one database
	// (FOLLOWUP_INSTANCE, default the host name): unique among those
	// running, the same after a restart.
	Instance string
	// Staff are Slack user ids that are career-center staff from the start
	// (FOLLOWUP_STAFF, comma-separated), besides admins and owners.
	Staff []string
	// HomeDelay is how long the Home waits for a burst of changes to end
	// (tests shorten or lengthen it; not read from the environment).
	HomeDelay time.Duration
}

// Default values.
const (
	defaultAPIURL      = "https://slack.com/api/"
	defaultDatabaseURL = "data/followup.db"
	defaultSchedule    = "* * * * *"
	defaultHTTPAddr    = ":8080"
	// defaultSendRate stays well inside Slack's posting limits when
	// thousands of nudges fall due at 9:00.
	defaultSendRate = 10
)

// ConfigFromEnv reads and checks the configuration. Its errors name the
// variable at fault and never repeat a token's value.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		BotToken:    strings.TrimSpace(getenv("SLACK_BOT_TOKEN")),
		AppToken:    strings.TrimSpace(getenv("SLACK_APP_TOKEN")),
		APIURL:      or(getenv("SLACK_API_URL"), defaultAPIURL),
		DatabaseURL: or(getenv("DATABASE_URL"), defaultDatabaseURL),
		Schedule:    or(getenv("FOLLOWUP_SCHEDULE"), defaultSchedule),
		HTTPAddr:    or(getenv("FOLLOWUP_HTTP_ADDR"), defaultHTTPAddr),
	}
	if err := checkToken("SLACK_BOT_TOKEN", c.BotToken, "xoxb-"); err != nil {
		return c, err
	}
	if err := checkToken("SLACK_APP_TOKEN", c.AppToken, "xapp-"); err != nil {
		return c, err
	}
	u, err := url.Parse(c.APIURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("SLACK_API_URL must be an http(s) URL such as %s, got %q", defaultAPIURL, c.APIURL)
	}
	if !strings.HasSuffix(c.APIURL, "/") {
		// slack-go joins method names onto it directly.
		c.APIURL += "/"
	}
	if err := scheduler.ValidSchedule(c.Schedule); err != nil {
		return c, fmt.Errorf("FOLLOWUP_SCHEDULE must be a cron spec such as %q: %w", defaultSchedule, err)
	}
	if v := strings.TrimSpace(getenv("FOLLOWUP_NOW")); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return c, fmt.Errorf("FOLLOWUP_NOW must be an RFC 3339 instant such as 2026-03-02T09:00:00Z, got %q", v)
		}
		c.Now = t
	}
	c.SendRate = defaultSendRate
	if v := strings.TrimSpace(getenv("FOLLOWUP_SEND_RATE")); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r < 0 {
			return c, fmt.Errorf("FOLLOWUP_SEND_RATE must be a number of messages per second (0 for no limit), got %q", v)
		}
		c.SendRate = r
	}
	c.Instance = strings.TrimSpace(getenv("FOLLOWUP_INSTANCE"))
	if c.Instance == "" {
		c.Instance = hostname()
	}
	c.DefaultCalendar = strings.ToLower(strings.TrimSpace(getenv("FOLLOWUP_DEFAULT_CALENDAR")))
	if !followup.ValidCalendar(c.DefaultCalendar) {
		return c, fmt.Errorf("FOLLOWUP_DEFAULT_CALENDAR must be a calendar code such as us, gb or fr (or empty for none), got %q", c.DefaultCalendar)
	}
	for _, id := range strings.Split(getenv("FOLLOWUP_STAFF"), ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if !slackUserID(id) {
			return c, fmt.Errorf("FOLLOWUP_STAFF must be Slack user ids separated by commas, such as U012AB3CD,U045EF6GH; %q is not one", id)
		}
		c.Staff = append(c.Staff, id)
	}
	if v := strings.TrimSpace(getenv("LOG_LEVEL")); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL must be debug, info, warn or error, got %q", v)
		}
	}
	return c, nil
}

// slackUserID reports whether s looks like a Slack user id: U or W, then
// capital letters and digits.
func slackUserID(s string) bool {
	if len(s) < 3 || len(s) > 32 || (s[0] != 'U' && s[0] != 'W') {
		return false
	}
	for _, r := range s[1:] {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func checkToken(name, value, prefix string) error {
	if value == "" {
		return fmt.Errorf("%s is not set: copy it from your Slack app's settings (see README)", name)
	}
	if !strings.HasPrefix(value, prefix) {
		// Never echo the value: it may be a real secret pasted in the wrong place.
		return fmt.Errorf("%s must start with %q; the value set does not (check you did not swap the two tokens)", name, prefix)
	}
	return nil
}

// hostname is the default instance name: a container or host keeps it
// across a restart, so the new process takes back its predecessor's claims.
func hostname() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "local"
}

func or(v, def string) string {
	if v = strings.TrimSpace(v); v != "" {
		return v
	}
	return def
}
