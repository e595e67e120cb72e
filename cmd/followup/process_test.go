package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
)

// The tests here run the real binary as its own process, as an operator
// or a container runtime would.

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// binary builds cmd/followup once per test run.
func binary(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "followup-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "followup")
		out, err := exec.Command("go", "build", "-tags", buildTags, "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		tb.Fatalf("build: %v", buildErr)
	}
	return builtBin
}

// safeBuffer is an io.Writer the process writes while the test reads.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestBinaryFailsFastOnBadConfig(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want string
	}{
		{"NoTokens", nil, "SLACK_BOT_TOKEN is not set"},
		{"SwappedTokens", []string{"SLACK_BOT_TOKEN=xapp-1-SECRETVALUE", "SLACK_APP_TOKEN=xoxb-SECRETVALUE"}, "SLACK_BOT_TOKEN must start with"},
		{"BadNow", []string{"SLACK_BOT_TOKEN=xoxb-SECRETVALUE", "SLACK_APP_TOKEN=xapp-SECRETVALUE", "FOLLOWUP_NOW=soon"}, "FOLLOWUP_NOW"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(binary(t))
			cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, tt.env...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 2 {
				t.Fatalf("exit: got %v, want status 2", err)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr: got %q, want it to contain %q", stderr.String(), tt.want)
			}
			if strings.Contains(stderr.String(), "SECRETVALUE") {
				t.Errorf("stderr repeats a token: %q", stderr.String())
			}
		})
	}
}

func TestBinaryRunsAndStopsOnSIGTERM(t *testing.T) {
	emu := slacktest.New()
	defer emu.Close()
	emu.AddUser(slacktest.User{ID: student, TeamID: team, Name: "ana", TZ: "Europe/Paris"})
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "data", "followup.db")
	cmd := exec.Command(binary(t))
	cmd.Env = []string{
		"SLACK_BOT_TOKEN=" + slacktest.BotToken,
		"SLACK_APP_TOKEN=" + slacktest.AppToken,
		"SLACK_API_URL=" + emu.APIURL(),
		"DATABASE_URL=" + dbPath,
		"FOLLOWUP_HTTP_ADDR=127.0.0.1:0",
		"FOLLOWUP_NOW=" + monday9.Format(time.RFC3339),
		"LOG_LEVEL=debug",
	}
	logs := &safeBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := emu.WaitConnected(ctx); err != nil {
		cmd.Process.Kill()
		t.Fatalf("not connected: %v\n%s", err, logs.String())
	}
	if _, err := emu.SlashCommand(ctx, slacktest.SlashCommand{TeamID: team, UserID: student, ChannelID: "C1", Text: "list"}); err != nil {
		t.Fatal(err)
	}
	if _, err := emu.WaitMessage(ctx, func(m slacktest.Message) bool { return m.Method == "response_url" }); err != nil {
		t.Fatal(err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: got %v, want status 0\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running 15s after SIGTERM")
	}
	out := logs.String()
	if !strings.Contains(out, "stopped taking events") {
		t.Errorf("no orderly stop in the log:\n%s", out)
	}
	for _, secret := range []string{slacktest.BotToken, slacktest.AppToken, "xoxb-", "xapp-"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q", secret)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "data", "*"))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s contains %q", f, secret)
			}
		}
	}
}
