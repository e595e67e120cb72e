package slacktest

import (
	"encoding/json"
	"testing"
)

// TestVerdictsMatchCheckBlocks checks that a remembered verdict is the one
// checkBlocks gives, the first time and every time after, whatever the
// limit on the number of blocks.
func TestVerdictsMatchCheckBlocks(t *testing.T) {
	tests := []struct {
		name   string
		blocks string
		max    int
	}{
		{"Valid", `[{"type":"section","text":{"type":"mrkdwn","text":"hi"}}]`, 50},
		{"OverMax", `[{"type":"divider"},{"type":"divider"}]`, 1},
		{"AtMax", `[{"type":"divider"},{"type":"divider"}]`, 2},
		{"EmptySection", `[{"type":"section"}]`, 50},
		{"DuplicateBlockID", `[{"type":"divider","block_id":"a"},{"type":"divider","block_id":"a"}]`, 50},
		{"NotJSON", `[{"type":`, 50},
	}
	v := verdicts{on: true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantN, wantCode := checkBlocks(json.RawMessage(tt.blocks), tt.max)
			for i := range 3 {
				n, code := v.check(json.RawMessage(tt.blocks), tt.max)
				if n != wantN || code != wantCode {
					t.Errorf("check %d: got (%d, %q), want (%d, %q)", i+1, n, code, wantN, wantCode)
				}
			}
		})
	}
}
