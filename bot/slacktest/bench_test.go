package slacktest

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// BenchmarkSlashCommandRoundTrip measures the emulator's own overhead: slash
// commands pushed to an echo bot (the real socketmode client acking at once)
// from 1, 50 and 200 concurrent senders. Allocations include the client's.
func BenchmarkSlashCommandRoundTrip(b *testing.B) {
	for _, workers := range []int{1, 50, 200} {
		b.Run("concurrency="+strconv.Itoa(workers), func(b *testing.B) {
			emu := newEmulator(b, WithVerdictCache())
			emu.AddUser(User{ID: "U1", Name: "ada"})
			startBot(b, emu, nil)
			ctx := context.Background()
			var (
				left    atomic.Int64
				wg      sync.WaitGroup
				errOnce sync.Once
				failed  error
			)
			left.Store(int64(b.N))
			b.ReportAllocs()
			b.ResetTimer()
			for range workers {
				wg.Go(func() {
					for left.Add(-1) >= 0 {
						if _, err := emu.SlashCommand(ctx, SlashCommand{UserID: "U1", Text: "list"}); err != nil {
							errOnce.Do(func() { failed = err })
							return
						}
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			if failed != nil {
				b.Fatalf("SlashCommand: %v", failed)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "envelopes/s")
		})
	}
}
