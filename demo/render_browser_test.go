package demo_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/demo"
	"github.com/followup-coach/followup/demo/browsertest"
)

// TestRenderKinds renders one payload with every kind of block and element
// the page knows, and one it does not know: the known ones are drawn with
// their formatting, the unknown one is shown as a labelled block.
func TestRenderKinds(t *testing.T) {
	raw, err := os.ReadFile("testdata/kitchen_sink.json")
	if err != nil {
		t.Fatal(err)
	}
	ctx := openPage(t)
	var out struct {
		Blocks      int      `json:"blocks"`
		Shown       int      `json:"shown"`
		Unsupported []string `json:"unsupported"`
		HTML        string   `json:"html"`
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage]("followupDemo.renderPayload("+string(raw)+", true)"))
	if err != nil || json.Unmarshal(res, &out) != nil {
		t.Fatalf("render: %s %v", res, err)
	}
	if len(out.Unsupported) > 0 || out.Shown != out.Blocks {
		t.Errorf("got %d of %d blocks shown, unsupported %v; want all shown", out.Shown, out.Blocks, out.Unsupported)
	}
	for _, want := range []string{
		"<b>bold</b>", "<i>italic</i>", "<s>struck</s>", "<code>code</code>",
		`href="https://example.com/a?b=1&amp;c=2"`, ">a link</a>", "@Ana Lima", "<blockquote>a quote &amp; more</blockquote>",
		"👋", "bk-overflow", "<hr", `type="date"`, "<textarea", `type="radio"`, `type="checkbox"`, `type="email"`,
		"<li>first</li>", "<pre>Hi Dana,</pre>", "(optional)", "a hint", "a logo",
	} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("rendered HTML lacks %s", want)
		}
	}

	unknown := `{"blocks":[{"type":"video","title":{"type":"plain_text","text":"x"}},{"type":"actions","elements":[{"type":"workflow_button","text":{"type":"plain_text","text":"Run"}}]}]}`
	res, err = chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage]("followupDemo.renderPayload("+unknown+")"))
	if err != nil || json.Unmarshal(res, &out) != nil {
		t.Fatalf("render unknown: %s %v", res, err)
	}
	if got := strings.Join(out.Unsupported, ","); got != "video,workflow_button" {
		t.Errorf("unknown kinds: got %q shown as unsupported, want video,workflow_button", got)
	}
}

// openPage opens the demo page, without a bot, in a fresh Chromium.
func openPage(t *testing.T) context.Context {
	t.Helper()
	ctx := browsertest.New(t, 5*time.Minute)
	emu := slacktest.New()
	t.Cleanup(emu.Close)
	page := demo.New(emu, demo.NewClock(time.Time{}), nil, demo.People(), nil)
	srv := httptest.NewServer(page.Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(page.Close)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/?as=U0ANA"), chromedp.WaitVisible(chromedp.CSS("#box"))); err != nil {
		t.Fatalf("open the page: %v", err)
	}
	return ctx
}

// TestRenderGoldenPayloads renders every golden Block Kit payload of
// messages/testdata on the page and fails if any block or element is shown
// as unsupported, or missing.
func TestRenderGoldenPayloads(t *testing.T) {
	files, err := filepath.Glob("../messages/testdata/*.golden.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("golden files: %v (found %d)", err, len(files))
	}
	ctx := openPage(t)
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
