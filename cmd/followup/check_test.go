package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const passingDraft = `Subject: Data Analyst role: something you can pass on

Hi Dana,

Thank you again for our interview on Tuesday, March 3 for the Data Analyst role.
I put together a 1-page summary you can pass on as it is: https://example.com/plan

Shall I send the full version, or is it better to wait until next quarter?

Best regards,
Sam`

const failingDraft = "Hi Dana,\n\nJust checking in. Any news?\n\nSam"

// TestRunCheck drives `followup check` through its arguments, input and
// exit codes.
func TestRunCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, bad, empty := write("good.txt", passingDraft), write("bad.txt", failingDraft), write("empty.txt", " \n\n")
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		stdout   []string
		stderrIs string // the whole one-line message, when a usage error
	}{
		{"FilePasses", []string{good}, "", 0, []string{"✓ Timing:", "Passes the Test: 7 of 7 points"}, ""},
		{"FileFails", []string{bad}, "", 1, []string{"✗ No filler phrases:", "“just checking in”", "Not yet:"}, ""},
		{"StdinPasses", nil, passingDraft, 0, []string{"Passes the Test"}, ""},
		{"DashIsStdin", []string{"-"}, failingDraft, 1, []string{"Not yet"}, ""},
		{"EmptyStdin", nil, "  \n", 2, nil, "followup check: standard input is empty; give the draft to check\n"},
		{"EmptyFile", []string{empty}, "", 2, nil, "followup check: " + empty + " is empty; give the draft to check\n"},
		{"MissingFile", []string{filepath.Join(dir, "nope.txt")}, "", 2, nil, "followup check: cannot read " + filepath.Join(dir, "nope.txt") + ": no such file or directory\n"},
		{"Directory", []string{dir}, "", 2, nil, ""},
		{"TwoFiles", []string{good, bad}, "", 2, nil, "followup check: give one file, or none to read standard input (usage: followup check [FILE])\n"},
		{"UnknownOption", []string{"--fast"}, "", 2, nil, "followup check: unknown option --fast (usage: followup check [FILE])\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runCheck(tt.args, strings.NewReader(tt.stdin), &out, &errb)
			if code != tt.code {
				t.Errorf("exit: got %d, want %d (stderr %q)", code, tt.code, errb.String())
			}
			for _, w := range tt.stdout {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout: got %q, want it to contain %q", out.String(), w)
				}
			}
			if tt.code == 2 {
				if out.Len() != 0 {
					t.Errorf("stdout: got %q, want nothing on a usage error", out.String())
				}
				if strings.Count(errb.String(), "\n") != 1 {
					t.Errorf("stderr: got %q, want one line", errb.String())
				}
			}
			if tt.stderrIs != "" && errb.String() != tt.stderrIs {
				t.Errorf("stderr: got %q, want %q", errb.String(), tt.stderrIs)
			}
		})
	}
}

// TestBinaryCheck runs the real binary: the exit code is what scripts see.
func TestBinaryCheck(t *testing.T) {
	bin := binary(t)
	for _, tt := range []struct {
		name  string
		stdin string
		code  int
	}{{"Passes", passingDraft, 0}, {"Fails", failingDraft, 1}, {"Empty", "", 2}} {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(bin, "check")
			cmd.Stdin = strings.NewReader(tt.stdin)
			cmd.Env = []string{} // no token needed to check a draft
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code {
				t.Errorf("exit: got %d, want %d", code, tt.code)
			}
		})
	}
}
