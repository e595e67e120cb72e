package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/demo/browsertest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// startDemo runs `followup demo` in the test, on a free port, with the
// clock starting at now, and returns it once the bot is connected.
func startDemo(t *testing.T, now time.Time) *Demo {
	t.Helper()
	d := NewDemo(demoOptions{Addr: "127.0.0.1:0", Now: now}, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && ctx.Err() == nil {
			t.Errorf("demo Run: %v", err)
		}
		if err := d.Close(); err != nil {
			t.Errorf("demo Close: %v", err)
		}
	})
	select {
	case <-d.Ready():
	case err := <-done:
		t.Fatalf("demo did not start: %v", err)
	}
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if err := d.emu.WaitConnected(wctx); err != nil {
		t.Fatalf("bot not connected to the demo's Slack: %v", err)
	}
	return d
}

// TestDemoTakesNoShortcuts checks that the demo's Slack checks every
// payload in full, as Slack does: the emulator's benchmark shortcuts stay
// out of the demo's path.
func TestDemoTakesNoShortcuts(t *testing.T) {
	d := startDemo(t, time.Time{})
	if got := d.emu.Shortcuts(); len(got) != 0 {
		t.Errorf("demo emulator shortcuts: got %v, want none", got)
	}
}

// stepTimeout bounds one step of a browser test. It is generous: on a
// loaded two-core machine Chromium and the race detector share the CPU.
const stepTimeout = time.Minute

// click clicks the element the selector finds. The page redraws a
// message when the bot edits it; if that happens between finding the
// element and clicking it, nothing was clicked, and it clicks again, as a
// person would.
func click(selector string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		var err error
		for range 5 {
			_, err = chromedp.Click(sel(selector))(ctx, t)
			if err == nil || !strings.Contains(err.Error(), "Could not find node") {
				break
			}
		}
		return chromedp.Void{}, err
	}
}

// sel is a CSS selector for the page.
func sel(s string) chromedp.CSS { return chromedp.CSS(s) }

// block is the selector of a block the bot sent, by block id.
func block(id string) string { return `.msg [data-block-id="` + id + `"]` }

// TestDemoInBrowser walks the whole demo as a newcomer would, in a real
// Chromium: log an interview (with one mistake), skip to the nudge, pick a
// reason, get a draft, pick a library item, copy it, mark it sent, skip to
// the closing note; then a second student tries to act on the first one's
// messages. It asserts on what the page shows and saves screenshots of the
// nudge and the draft.
func TestDemoInBrowser(t *testing.T) {
	ctx := browsertest.New(t, 5*time.Minute)
	// Monday 2 March 2026, 9:00 in Paris.
	d := startDemo(t, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	art := browsertest.Artefacts(t)

	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, stepTimeout)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			// Say what the page showed, to tell a slow bot from a wrong one.
			shown, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll(".msg")].map(m => [...m.querySelectorAll("[data-block-id]")].map(b => b.dataset.blockId).join(",")).join(" | ") + " || notice: " + document.getElementById("notice").textContent`))
			t.Fatalf("%s: %v\npage shows: %s", step, err, shown)
		}
	}
	text := func(step, selector string) string {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, stepTimeout)
		defer cancel()
		s, err := chromedp.Run(sctx, chromedp.Text(sel(selector)))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return s
	}
	count := func(selector string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(selector)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", selector, err)
		}
		return n
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		path := filepath.Join(art, name)
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}
	pick := func(step, selector, value string) {
		t.Helper()
		// A person opens the menu and picks; headless Chromium has no native
		// menu to click, so set the choice: SetValue fires the one change
		// event a pick makes.
		do(step, chromedp.SetValue(sel(selector), value))
	}

	do("open the page", chromedp.Navigate(d.URL()), chromedp.WaitVisible(sel("#box")),
		chromedp.WaitVisible(sel("#messages .empty")))
	if got := text("empty state", "#messages .empty"); !strings.Contains(got, "/followup log") {
		t.Errorf("empty DM: got %q, want a way forward naming /followup log", got)
	}

	// Log an interview, with a typo in the email first.
	do("type /followup log", chromedp.SendKeys(sel("#box"), "/followup log Acme Robotics | Data Engineer\r"),
		chromedp.WaitVisible(sel(".modal")))
	modalInput := func(blockID string) string {
		return `.modal [data-block-id="` + blockID + `"] [data-action-id]`
	}
	do("fill the log modal",
		chromedp.SendKeys(sel(modalInput(messages.BlockInterviewerName)), "Dana Reyes"),
		chromedp.SendKeys(sel(modalInput(messages.BlockInterviewerEmail)), "dana at acme"),
		chromedp.SetValue(sel(modalInput(messages.BlockInterviewDate)), "2026-02-24"),
		chromedp.SetValue(sel(modalInput(messages.BlockFirstFollowUp)), "2026-02-25"),
		click(`.modal-foot button[type="submit"]`))
	emailError := `.modal [data-block-id="` + messages.BlockInterviewerEmail + `"] .bk-error`
	do("field error shows", chromedp.WaitVisible(sel(emailError)))
	shot("demo-field-error.png")
	if got := text("field error", emailError); strings.TrimSpace(got) == "" {
		t.Errorf("email field error: got an empty message, want an explanation")
	}
	do("fix the email and save",
		// Select what was typed, as a person would, and type over it.
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(modalInput(messages.BlockInterviewerEmail))+`).select()`),
		chromedp.SendKeys(sel(modalInput(messages.BlockInterviewerEmail)), "dana@acme.example"),
		click(`.modal-foot button[type="submit"]`),
		chromedp.WaitNotPresent(sel(".modal")),
		chromedp.WaitVisible(sel(block(messages.BlockLogSaved))))
	if got := text("confirmation", block(messages.BlockLogSaved)); !strings.Contains(got, "Acme Robotics") {
		t.Errorf("confirmation: got %q, want it to name Acme Robotics", got)
	}

	// Skip to the nudge and answer the 3-way check.
	do("skip to the nudge", click("#skip-nudge"), chromedp.WaitVisible(sel(block(messages.BlockNudgeDiagnose))))
	if got := text("clock", "#now"); !strings.Contains(got, "9 Mar 2026") {
		t.Errorf("clock after the skip: got %q, want Mon 9 Mar 2026 (8 business days after 25 Feb)", got)
	}
	shot("demo-nudge.png")
	do("pick who decides",
		click(block(messages.BlockNudgeDiagnose)+` [data-action-id="`+messages.ActionDiagnoseWhoDecides+`"]`),
		chromedp.WaitVisible(sel(block(messages.BlockDraftText))),
		chromedp.WaitNotPresent(sel(block(messages.BlockNudgeDiagnose))))
	draft := text("draft", block(messages.BlockDraftText))
	if !strings.Contains(draft, "Data Engineer") && !strings.Contains(draft, "Acme Robotics") {
		t.Errorf("draft: got %q, want it to name the role or the company", draft)
	}
	// The draft's top in view, as a student reading it would scroll.
	do("scroll to the draft", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll(".msg")].pop().scrollIntoView({block: "start"})`))
	shot("demo-draft.png")

	// A library item, then copy, then mark as sent.
	useItem := block(messages.BlockDraftActions) + ` select[data-action-id="` + messages.ActionUseItem + `"]`
	do("the library menu", chromedp.WaitVisible(sel(useItem)))
	item, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelector(`+jsString(useItem)+`).options].map(o => o.value).filter(v => v && !v.startsWith("0:")).pop() || ""`))
	if err != nil || item == "" {
		t.Fatalf("library menu options: %q, %v", item, err)
	}
	pick("use a library item", useItem, item)
	do("the draft with the item", chromedp.Poll[chromedp.Void](`(() => { const e = [...document.querySelectorAll(`+jsString(block(messages.BlockDraftText))+`)].pop(); return !!e && e.innerText !== `+jsString(draft)+`; })()`, chromedp.WithPollingTimeout(stepTimeout)))
	do("copy the draft",
		click(block(messages.BlockDraftActions)+` [data-action-id="`+messages.ActionCopyDraft+`"]`),
		chromedp.WaitVisible(sel(`.modal [data-block-id="`+messages.BlockCopyBody+`"] textarea`)))
	body, err := chromedp.Run(ctx, chromedp.Value(sel(`.modal [data-block-id="`+messages.BlockCopyBody+`"] textarea`)))
	if err != nil || !strings.Contains(body, "Dana") {
		t.Errorf("copy modal body: got %q (%v), want the draft to Dana", body, err)
	}
	do("close the copy modal", click(".modal-x"), chromedp.WaitNotPresent(sel(".modal")))
	do("mark as sent",
		click(block(messages.BlockDraftActions)+` [data-action-id="`+messages.ActionMarkSent+`"]`),
		chromedp.WaitVisible(sel(block(messages.BlockDraftSent))))
	if n := count(block(messages.BlockDraftActions)); n != 0 {
		t.Errorf("draft buttons after marking it sent: got %d blocks, want 0", n)
	}

	// The closing note, after the second follow-up went unanswered.
	do("skip to the closing nudge", click("#skip-nudge"), chromedp.WaitVisible(sel(block(messages.BlockClosingActions))))
	do("write the closing note",
		click(block(messages.BlockClosingActions)+` [data-action-id="`+messages.ActionWriteClosing+`"]`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll(`+jsString(block(messages.BlockDraftText))+`).length >= 2`, chromedp.WithPollingTimeout(stepTimeout)))

	// The Home tab lists the interview.
	do("open the Home tab", click("#tab-home"), chromedp.WaitVisible(sel("#home .bk-block")))
	if got := text("home", "#home"); !strings.Contains(got, "Acme Robotics") {
		t.Errorf("Home tab: got %q, want it to list Acme Robotics", got)
	}
	shot("demo-home.png")
	do("back to messages", click("#tab-messages"), chromedp.WaitVisible(sel("#box")))

	// Ben looks at Ana's DM and tries her buttons: nothing changes for Ana.
	before := count(block(messages.BlockDraftActions))
	pick("switch to Ben", "#who", "U0BEN")
	// Ben's own view first: his DM is the one marked active.
	do("open Ana's DM as Ben", chromedp.Poll[chromedp.Void](`(() => { const b = document.querySelector('#dms [data-channel="DU0BEN"]'); return !!b && b.classList.contains("active"); })()`, chromedp.WithPollingTimeout(stepTimeout)),
		click(`#dms [data-channel="DU0ANA"]`), chromedp.WaitVisible(sel("#peek-banner")),
		chromedp.WaitVisible(sel(block(messages.BlockDraftActions))))
	do("Ben clicks Ana's mark as sent",
		click(block(messages.BlockDraftActions)+` [data-action-id="`+messages.ActionMarkSent+`"]`),
		chromedp.WaitVisible(sel(`.msg.ephemeral [data-block-id="`+messages.BlockEphemeral+`"]`)))
	shot("demo-not-yours.png")
	if got := text("only visible", ".msg.ephemeral .only-you"); !strings.Contains(got, "Only visible to you") {
		t.Errorf("Ben's answer: got %q, want it marked Only visible to you", got)
	}
	if n := count(block(messages.BlockDraftActions)); n != before {
		t.Errorf("Ana's closing draft after Ben's click: got %d draft action blocks, want %d (unchanged)", n, before)
	}
	pick("back to Ana", "#who", "U0ANA")
	// Ana's own view: the banner of Ben's peek is gone once her snapshot came.
	do("Ana's DM", chromedp.Poll[chromedp.Void](`document.getElementById("peek-banner").hidden`, chromedp.WithPollingTimeout(stepTimeout)),
		chromedp.WaitVisible(sel(block(messages.BlockDraftSent))))
	if n := count(".msg.ephemeral"); n != 0 {
		t.Errorf("Ana sees %d ephemeral messages meant for Ben, want 0", n)
	}
}

// TestDemoModalsInBrowser adds a library item the way a student does: the
// item form is pushed over the library (views.push, with a way back), a
// missing title shows a field error under its input, and saving closes the
// form and refreshes the library underneath (views.update). Then it saves
// settings through a select, radio buttons and a checkbox.
func TestDemoModalsInBrowser(t *testing.T) {
	ctx := browsertest.New(t, 5*time.Minute)
	d := startDemo(t, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, stepTimeout)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	input := func(blockID string) string { return `.modal [data-block-id="` + blockID + `"] [data-action-id]` }
	// A button on the Home tab opens the log modal, as it does in Slack.
	do("log from the Home tab",
		chromedp.Navigate(d.URL()), chromedp.WaitVisible(sel("#box")),
		click("#tab-home"),
		click(`#home [data-action-id="`+messages.ActionOpenLog+`"]`),
		chromedp.WaitVisible(sel(`.modal [data-block-id="`+messages.BlockCompany+`"]`)),
		click(".modal-x"), chromedp.WaitNotPresent(sel(".modal")),
		click("#tab-messages"))
	do("open the library",
		chromedp.SendKeys(sel("#box"), "/followup library\r"),
		chromedp.WaitVisible(sel(`.modal [data-action-id="`+messages.ActionLibraryAdd+`"]`)))
	libraryID, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".modal").dataset.viewId`))
	if err != nil {
		t.Fatal(err)
	}
	do("add an item: the form is pushed",
		click(`.modal [data-action-id="`+messages.ActionLibraryAdd+`"]`),
		chromedp.WaitVisible(sel(input(messages.BlockItemTitle))),
		chromedp.WaitVisible(sel(".modal .modal-back")))
	do("save without a title",
		chromedp.SetValue(sel(input(messages.BlockItemKind)), string(followup.KindQuickWin)),
		click(`.modal-foot button[type="submit"]`),
		chromedp.WaitVisible(sel(`.modal [data-block-id="`+messages.BlockItemTitle+`"] .bk-error`)))
	do("give it a title and save",
		chromedp.SendKeys(sel(input(messages.BlockItemTitle)), "Cut report time from 3 days to 1"),
		click(`.modal-foot button[type="submit"]`),
		chromedp.WaitNotPresent(sel(".modal .modal-back")),
		chromedp.Poll[chromedp.Void](`(() => { const m = document.querySelector(".modal"); return !!m && m.dataset.viewId === `+jsString(libraryID)+` && m.innerText.includes("Cut report time"); })()`, chromedp.WithPollingTimeout(stepTimeout)))
	do("close the library", click(".modal-x"), chromedp.WaitNotPresent(sel(".modal")))

	// Settings: a select, radio buttons and a checkbox go back to the bot
	// as Slack's state values.
	do("open settings",
		chromedp.SendKeys(sel("#box"), "/followup settings\r"),
		chromedp.WaitVisible(sel(`.modal [data-block-id="`+messages.BlockCareerLevel+`"] input[type="radio"]`)))
	do("change three settings and save",
		chromedp.SetValue(sel(input(messages.BlockWaitDays)), "10"),
		click(`.modal [data-block-id="`+messages.BlockCareerLevel+`"] input[value="`+string(followup.LevelProtectsStrategy)+`"]`),
		click(`.modal [data-block-id="`+messages.BlockPaused+`"] input[type="checkbox"]`),
		click(`.modal-foot button[type="submit"]`),
		chromedp.WaitNotPresent(sel(".modal")),
		chromedp.WaitVisible(sel(block(messages.BlockSettingsSaved))))
	st, err := d.main.DB().Student(context.Background(), followup.UserID{Team: slacktest.DefaultTeamID, User: "U0ANA"})
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Settings; got.WaitBusinessDays != 10 || got.CareerLevel != followup.LevelProtectsStrategy || !got.Paused {
		t.Errorf("settings saved: got %+v, want 10 business days, protects_strategy, paused", got)
	}
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}
