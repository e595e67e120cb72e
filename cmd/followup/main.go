// Command followup runs the Follow-up Coach Slack bot.
//
// Configuration comes from the environment; see README.md.
// `followup check [FILE]` scores a draft against the Test (exit 0 pass, 1
// not yet, 2 usage error). `followup healthcheck` probes a running bot's /readyz (for container
// health checks, where no curl is installed).
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "check" {
		os.Exit(runCheck(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	}
	if len(os.Args) > 1 && os.Args[1] == "healthcheck" {
		if err := healthcheck(os.Getenv("FOLLOWUP_HTTP_ADDR")); err != nil {
			fmt.Fprintln(os.Stderr, "followup healthcheck:", err)
			os.Exit(1)
		}
		return
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cfg, err := ConfigFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "followup:", err)
		os.Exit(2)
	}
	m := NewMain(cfg, os.Stderr)
	runErr := m.Run(ctx)
	closeErr := m.Close()
	if runErr != nil {
		fmt.Fprintln(os.Stderr, "followup:", runErr)
		os.Exit(1)
	}
	if closeErr != nil {
		fmt.Fprintln(os.Stderr, "followup:", closeErr)
		os.Exit(1)
	}
}

// healthcheck asks the local health server whether the bot is ready.
func healthcheck(addr string) error {
	if addr == "" {
		addr = defaultHTTPAddr
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("FOLLOWUP_HTTP_ADDR %q: %w", addr, err)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	c := &http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get("http://" + net.JoinHostPort(host, port) + "/readyz")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("not ready: %s", resp.Status)
	}
	return nil
}
