package demo_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/demo"
	"github.com/followup-coach/followup/demo/browsertest"
)

// TestRenderGoldenPayloads renders every golden Block Kit payload of
// messages/testdata on the page and fails if any block or element is shown
// as unsupported, or missing.
func TestRenderGoldenPayloads(t *testing.T) {
	files, err := filepath.Glob("../messages/testdata/*.golden.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("golden files: %v (found %d)", err, len(files))
	}
	ctx := browsertest.New(t, 2*time.Minute)
	emu := slacktest.New()
	defer emu.Close()
	page := demo.New(emu, demo.NewClock(time.Time{}), nil, demo.People(), nil)
	srv := httptest.NewServer(page.Handler())
	defer srv.Close()
	defer page.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?as=U0ANA"), chromedp.WaitVisible(chromedp.CSS("#box"))); err != nil {
		t.Fatalf("open the page: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Blocks      int      `json:"blocks"`
				Shown       int      `json:"shown"`
				Unsupported []string `json:"unsupported"`
			}
			js := "followupDemo.renderPayload(" + string(raw) + ")"
			res, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](js))
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			if err := json.Unmarshal(res, &got); err != nil {
				t.Fatalf("render result %s: %v", res, err)
			}
			if len(got.Unsupported) > 0 {
				t.Errorf("shown as unsupported: %v", got.Unsupported)
			}
			if got.Shown != got.Blocks {
				t.Errorf("got %d blocks shown, want %d", got.Shown, got.Blocks)
			}
		})
	}
}
