package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/followup-coach/followup/messages"
)

// Exit codes of `followup check`.
const (
	checkPassed = 0
	checkFailed = 1
	checkUsage  = 2
)

// maxCheckInput bounds what `followup check` reads: a draft is a few
// hundred words, and a file that is not a draft should fail fast.
const maxCheckInput = 1 << 20

// runCheck is `followup check [FILE]`: the Test from the command line, for
// coaches and scripts. It reads the draft from FILE, or standard input
// without one (or with "-"), prints each point with its feedback and
// returns 0 when the draft passes, 1 when it does not and 2 on a usage
// error, which it explains in one line on stderr.
func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "followup check: "+msg)
		return checkUsage
	}
	if len(args) > 1 {
		return usage("give one file, or none to read standard input (usage: followup check [FILE])")
	}
	in, name := stdin, "standard input"
	if len(args) == 1 && args[0] != "-" {
		if strings.HasPrefix(args[0], "-") {
			return usage("unknown option " + args[0] + " (usage: followup check [FILE])")
		}
		f, err := os.Open(args[0])
		if err != nil {
			return usage("cannot read " + args[0] + ": " + pathErr(err))
		}
		defer f.Close()
		in, name = f, args[0]
	}
	b, err := io.ReadAll(io.LimitReader(in, maxCheckInput+1))
	if err != nil {
		return usage("cannot read " + name + ": " + pathErr(err))
	}
	if len(b) > maxCheckInput {
		return usage(name + " is over 1 MiB; paste one draft")
	}
	if strings.TrimSpace(string(b)) == "" {
		return usage(name + " is empty; give the draft to check")
	}

	r := messages.Check(string(b), messages.CheckOptions{})
	ok := 0
	for _, p := range r.Points {
		mark := "✗"
		if p.OK {
			mark, ok = "✓", ok+1
		}
		fmt.Fprintf(stdout, "%s %s: %s\n", mark, p.Name, p.Feedback)
	}
	if r.Passed {
		fmt.Fprintf(stdout, "Passes the Test: %d of %d points, %d words.\n", ok, len(r.Points), r.Words)
		return checkPassed
	}
	fmt.Fprintf(stdout, "Not yet: %d of %d points, %d words. Most fixes are one line.\n", ok, len(r.Points), r.Words)
	return checkFailed
}

// pathErr is an error without the path os already printed in front of it.
func pathErr(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
