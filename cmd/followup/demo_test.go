package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// postDemo sends one page action and returns the status and the answer.
func postDemo(t *testing.T, d *Demo, path string, body map[string]any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(d.URL()+strings.TrimPrefix(path, "/"), "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("POST %s: answer: %v", path, err)
	}
	return resp.StatusCode, out
}

// TestDemoPage checks the page's actions without a browser: what a
// newcomer may get wrong gets a sentence that says what to do, and the
// clock controls move the bot's clock the way the student's calendar says.
func TestDemoPage(t *testing.T) {
	// Friday 6 March 2026, 10:00 in Paris.
	start := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)
	d := startDemo(t, start)

	t.Run("ServesThePage", func(t *testing.T) {
		resp, err := http.Get(d.URL())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(`<script src="app.js">`)) {
			t.Errorf("GET /: got %d and %d bytes, want 200 and the page", resp.StatusCode, len(body))
		}
	})
	for _, tc := range []struct {
		name, path string
		body       map[string]any
		code       int
		want       string // part of the error shown
	}{
		{"UnknownMember", "/api/command", map[string]any{"as": "U0NOBODY", "text": "/followup help"}, http.StatusBadRequest, "Reload the page"},
		{"TypedText", "/api/command", map[string]any{"as": "U0ANA", "text": "hello"}, http.StatusUnprocessableEntity, "/followup help"},
		{"OtherCommand", "/api/command", map[string]any{"as": "U0ANA", "text": "/remind me"}, http.StatusUnprocessableEntity, "one app command"},
		{"SkipWithNothingLogged", "/api/time", map[string]any{"as": "U0BEN", "to": "nudge"}, http.StatusUnprocessableEntity, "Log an interview"},
		{"UnknownTimeControl", "/api/time", map[string]any{"as": "U0ANA", "to": "yesterday"}, http.StatusUnprocessableEntity, "Unknown time control"},
		{"CloseNoModal", "/api/close", map[string]any{"as": "U0ANA", "view_id": "V404"}, http.StatusUnprocessableEntity, "did not go through"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := postDemo(t, d, tc.path, tc.body)
			msg, _ := out["error"].(string)
			if code != tc.code || !strings.Contains(msg, tc.want) {
				t.Errorf("got %d %q, want %d and an error containing %q", code, msg, tc.code, tc.want)
			}
		})
	}
	t.Run("StaffSeeTheStaffHome", func(t *testing.T) {
		for _, tc := range []struct {
			user  string
			staff bool
		}{{"U0SAM", true}, {"U0BEN", false}} {
			if code, out := postDemo(t, d, "/api/home", map[string]any{"as": tc.user}); code != http.StatusOK {
				t.Fatalf("%s opens Home: got %d %v", tc.user, code, out)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			_, err := d.emu.WaitView(ctx, func(v slacktest.View) bool { return v.UserID == tc.user && v.Method == "views.publish" })
			cancel()
			if err != nil {
				t.Fatalf("%s's Home: %v", tc.user, err)
			}
			home, _ := d.emu.Home(tc.user)
			if got := bytes.Contains(home, []byte(`"`+messages.BlockStaffIntro+`"`)); got != tc.staff {
				t.Errorf("%s's Home has the staff part: got %v, want %v", tc.user, got, tc.staff)
			}
		}
	})
	t.Run("NextBusinessDaySkipsTheWeekend", func(t *testing.T) {
		if code, out := postDemo(t, d, "/api/command", map[string]any{"as": "U0ANA", "text": "/followup help"}); code != http.StatusOK {
			t.Fatalf("help: got %d %v", code, out)
		}
		before := d.main.Clock.Now()
		if code, out := postDemo(t, d, "/api/time", map[string]any{"as": "U0ANA", "to": "day"}); code != http.StatusOK {
			t.Fatalf("+1 business day: got %d %v", code, out)
		}
		paris, _ := time.LoadLocation("Europe/Paris")
		got := d.main.Clock.Now().In(paris)
		// Friday 6 March → Monday 9 March, same time of day (worked out on a calendar).
		if y, m, day := got.Date(); y != 2026 || m != time.March || day != 9 || got.Hour() != 10 {
			t.Errorf("after +1 business day from %s: got %s, want Mon 9 Mar 2026 around 10:00 Paris", before.In(paris), got)
		}
	})
}

// TestDemoKeepsItsDatabase checks --db: the demo's data is kept in the
// file named, and a fresh demo starts from an empty temporary one.
func TestDemoKeepsItsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	d := NewDemo(demoOptions{Addr: "127.0.0.1:0", DB: path}, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	<-d.Ready()
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if err := d.emu.WaitConnected(wctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.emu.SlashCommand(wctx, slacktest.SlashCommand{UserID: "U0ANA", Text: "list"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.emu.WaitMessage(wctx, func(m slacktest.Message) bool { return m.User == "U0ANA" }); err != nil {
		t.Fatal(err)
	}
	cancel()
	<-done
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("--db %s after the demo: %v", path, err)
	}
	if d.tmp != "" {
		t.Errorf("with --db the demo made a temporary folder %s", d.tmp)
	}

	fresh := startDemo(t, time.Time{})
	if fresh.tmp == "" || !strings.HasPrefix(fresh.main.Config.DatabaseURL, fresh.tmp) {
		t.Errorf("without --db: database %q, want a file in a temporary folder", fresh.main.Config.DatabaseURL)
	}
	if _, err := fresh.main.DB().Student(context.Background(), followup.UserID{Team: slacktest.DefaultTeamID, User: "U0ANA"}); err == nil {
		t.Errorf("a fresh demo already knows U0ANA, want an empty database")
	}
}

// TestUsageListsCommands checks that followup --help lists the subcommands, one line
// each, instead of asking for a token.
func TestUsageListsCommands(t *testing.T) {
	var b bytes.Buffer
	usage(&b)
	out := b.String()
	for _, c := range commands() {
		line := ""
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "followup "+c.name+" ") {
				line = l
			}
		}
		if line == "" {
			t.Errorf("--help has no line for %q:\n%s", c.name, out)
		}
	}
	for _, name := range []string{"demo", "check", "healthcheck"} {
		if !strings.Contains(out, "followup "+name) {
			t.Errorf("--help does not list %s:\n%s", name, out)
		}
	}
	if strings.Contains(out, "is not set") {
		t.Errorf("--help complains about a token:\n%s", out)
	}
}

// BenchmarkDemoStart measures `followup demo` from the start of Run to the
// page answering, and to the bot connected to the demo's Slack.
func BenchmarkDemoStart(b *testing.B) {
	var page, connected time.Duration
	for b.Loop() {
		d := NewDemo(demoOptions{Addr: "127.0.0.1:0"}, io.Discard)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- d.Run(ctx) }()
		<-d.Ready()
		resp, err := http.Get(d.URL())
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		page += time.Since(start)
		if err := d.emu.WaitConnected(ctx); err != nil {
			b.Fatal(err)
		}
		connected += time.Since(start)
		cancel()
		<-done
		if err := d.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(page.Microseconds())/float64(b.N)/1000, "ms-to-page")
	b.ReportMetric(float64(connected.Microseconds())/float64(b.N)/1000, "ms-to-connected")
}

// TestBinaryHelpAndDemo runs the built binary as a newcomer would, with no
// token set: --help lists the subcommands, and `followup demo` prints the
// page's URL, serves it, and stops cleanly on SIGTERM.
func TestBinaryHelpAndDemo(t *testing.T) {
	bin := binary(t)
	env := []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + t.TempDir()}

	help := exec.Command(bin, "--help")
	help.Env = env
	out, err := help.CombinedOutput()
	if err != nil {
		t.Fatalf("--help: %v\n%s", err, out)
	}
	for _, name := range []string{"demo", "check", "healthcheck"} {
		if !strings.Contains(string(out), "followup "+name+" ") {
			t.Errorf("--help: got\n%s\nwant a line for %s", out, name)
		}
	}

	unknown := exec.Command(bin, "demoo")
	unknown.Env = env
	var exit *exec.ExitError
	if out, err := unknown.CombinedOutput(); !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), `unknown command "demoo"`) {
		t.Errorf("followup demoo: got %v\n%s\nwant status 2 naming the command", err, out)
	}

	demoCmd := exec.Command(bin, "demo", "--addr", "127.0.0.1:0")
	demoCmd.Env = env
	stdout, err := demoCmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr safeBuffer
	demoCmd.Stderr = &stderr
	if err := demoCmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer demoCmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("demo printed no URL: %v (stderr %s)", err, stderr.String())
	}
	url := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if url == "" {
		t.Fatalf("demo's first line: got %q, want the page's URL", line)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: got %s, want 200", url, resp.Status)
	}
	if err := demoCmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := demoCmd.Wait(); err != nil {
		t.Errorf("demo after SIGTERM: got %v, want exit 0 (stderr %s)", err, stderr.String())
	}
}
