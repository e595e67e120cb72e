// Command followup runs the Follow-up Coach Slack bot.
//
// Configuration comes from the environment; see README.md.
// `followup demo` runs the real bot against a built-in Slack and shows it
// as a web page, with no token and no network. `followup check [FILE]`
// scores a draft against the Test (exit 0 pass, 1 not yet, 2 usage error).
// `followup healthcheck` probes a running bot's /readyz (for container
// health checks, where no curl is installed).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// command is a subcommand of the binary.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string) int
}

// commands are the subcommands `followup --help` lists, one line each.
func commands() []command {
	return []command{
		{"demo", "try the bot in a browser: a built-in Slack on http://" + defaultDemoAddr + "/, no token or network needed", runDemo},
		{"check", "[FILE] score a draft (FILE or standard input) against the Test: exit 0 pass, 1 not yet, 2 usage error", func(_ context.Context, args []string) int {
			return runCheck(args, os.Stdin, os.Stdout, os.Stderr)
		}},
		{"healthcheck", "ask a running bot's /readyz whether it is connected (for container health checks)", runHealthcheck},
	}
}

// usage is what `followup --help` prints.
func usage(w io.Writer) {
	fmt.Fprintln(w, "Follow-up Coach: a Slack bot that coaches job seekers through the second follow-up.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  followup              run the bot (needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN; see README.md)")
	for _, c := range commands() {
		fmt.Fprintf(w, "  followup %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  followup --help       this help")
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(dispatch(ctx, os.Args[1:]))
}

// dispatch runs the subcommand args name, or the bot when there is none,
// and returns the exit code.
func dispatch(ctx context.Context, args []string) int {
	if len(args) == 0 {
		return runBot(ctx)
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		usage(os.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:])
		}
	}
	fmt.Fprintf(os.Stderr, "followup: unknown command %q\n\n", args[0])
	usage(os.Stderr)
	return 2
}

func runHealthcheck(context.Context, []string) int {
	if err := healthcheck(os.Getenv("FOLLOWUP_HTTP_ADDR")); err != nil {
		fmt.Fprintln(os.Stderr, "followup healthcheck:", err)
		return 1
	}
	return 0
}

func runDemo(ctx context.Context, args []string) int {
	o, err := parseDemo(args, os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "followup demo:", err)
		return 2
	}
	d := NewDemo(o, os.Stderr)
	go func() {
		select {
		case <-d.Ready():
			fmt.Printf("Follow-up Coach demo: open %s in your browser (Ctrl-C to stop).\n", d.URL())
			if o.DB != "" {
				fmt.Printf("The demo's data is kept in %s.\n", o.DB)
			}
		case <-ctx.Done():
		}
	}()
	runErr := d.Run(ctx)
	if ctx.Err() != nil && errors.Is(runErr, context.Canceled) {
		runErr = nil // Ctrl-C while the bot was still starting: a clean stop
	}
	closeErr := d.Close()
	if err := errors.Join(runErr, closeErr); err != nil {
		fmt.Fprintln(os.Stderr, "followup demo:", err)
		return 1
	}
	return 0
}

// runBot is the bot itself, configured from the environment.
func runBot(ctx context.Context) int {

	cfg, err := ConfigFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "followup:", err)
		fmt.Fprintln(os.Stderr, "To try it without a Slack workspace: followup demo (see followup --help).")
		return 2
	}
	m := NewMain(cfg, os.Stderr)
	runErr := m.Run(ctx)
	closeErr := m.Close()
	if runErr != nil {
		fmt.Fprintln(os.Stderr, "followup:", runErr)
		return 1
	}
	if closeErr != nil {
		fmt.Fprintln(os.Stderr, "followup:", closeErr)
		return 1
	}
	return 0
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
