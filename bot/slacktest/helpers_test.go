package slacktest

import (
	"context"
	"io"
	"log"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// testBot is a minimal bot: the real slack-go client and Socket Mode client,
// acking every envelope with whatever reply returns.
type testBot struct {
	api    *slack.Client
	events chan socketmode.Event
}

func startBot(t testing.TB, emu *Server, reply func(socketmode.Event) any) *testBot {
	t.Helper()
	api := slack.New(BotToken, slack.OptionAPIURL(emu.APIURL()), slack.OptionAppLevelToken(AppToken))
	sm := socketmode.New(api, socketmode.OptionLog(log.New(io.Discard, "", 0)))
	b := &testBot{api: api, events: make(chan socketmode.Event, 100)}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = sm.RunContext(ctx) })
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case evt := <-sm.Events:
				if evt.Request == nil || evt.Request.EnvelopeID == "" {
					continue
				}
				var payload any
				if reply != nil {
					payload = reply(evt)
				}
				if payload != nil {
					_ = sm.AckCtx(ctx, evt.Request.EnvelopeID, payload)
				} else {
					_ = sm.AckCtx(ctx, evt.Request.EnvelopeID, nil)
				}
				select {
				case b.events <- evt:
				default: // nobody is looking; a benchmark, say
				}
			}
		}
	})
	t.Cleanup(func() {
		cancel()
		wg.Wait()
	})
	ctxW, cancelW := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancelW()
	if err := emu.WaitConnected(ctxW); err != nil {
		t.Fatalf("WaitConnected: %v", err)
	}
	return b
}

// next returns the next event the bot acked.
func (b *testBot) next(t *testing.T) socketmode.Event {
	t.Helper()
	select {
	case evt := <-b.events:
		return evt
	case <-time.After(10 * time.Second):
		t.Fatal("the bot received no envelope")
		return socketmode.Event{}
	}
}

func newEmulator(t testing.TB, opts ...Option) *Server {
	t.Helper()
	emu := New(opts...)
	t.Cleanup(emu.Close)
	return emu
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}
