package scheduler

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store/storetest"
)

// BenchmarkDispatch10k sends 10,000 due nudges, one per student, through
// the real slack-go client to the emulator, on the wall clock (shifted to a
// Tuesday morning). With the limiter off it measures the dispatcher and the
// store; with Rate 1000 it shows the limiter holding the pace.
func BenchmarkDispatch10k(b *testing.B) {
	const due = 10_000
	for _, tc := range []struct {
		name string
		rate float64
	}{{"limiter=off", 0}, {"rate=1000", 1000}} {
		b.Run(tc.name, func(b *testing.B) {
			emu, clock := benchSetup(b)
			sent := 0
			for b.Loop() {
				b.StopTimer()
				db := openStore(b, storetest.SQLite, clock)
				at := clock.Now().Add(-time.Minute)
				for i := range due {
					seed(b, db, "U"+strconv.Itoa(i), "UTC", at)
				}
				d := New(Config{Store: db, Sender: newSlackSender(emu), Clock: clock, Rate: tc.rate, Burst: 10, Workers: 32})
				b.StartTimer()
				res, err := d.Scan(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				if res.Sent != due {
					b.Fatalf("got %+v, want %d sent", res, due)
				}
				sent += res.Sent
			}
			b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "nudges/s")
		})
	}
}

// BenchmarkDispatch10kThreeInstances sends 10,000 due nudges with three
// dispatchers, each on its own handle of one database (PostgreSQL too when
// TEST_DATABASE_URL is set), sharing one FOLLOWUP_SEND_RATE of 1000/s: the
// three shares add up to the one limit, and no nudge goes out twice.
func BenchmarkDispatch10kThreeInstances(b *testing.B) {
	const due = 10_000
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			emu, clock := benchSetup(b)
			sent := 0
			for b.Loop() {
				b.StopTimer()
				dsn := storetest.DSN(b, e)
				first := openStoreAt(b, dsn, clock)
				at := clock.Now().Add(-time.Minute)
				for i := range due {
					seed(b, first, "U"+strconv.Itoa(i), "UTC", at)
				}
				var ds []*Dispatcher
				for i, name := range []string{"a", "b", "c"} {
					db := first
					if i > 0 {
						db = openStoreAt(b, dsn, clock)
					}
					ds = append(ds, New(Config{Store: db, Sender: newSlackSender(emu), Clock: clock,
						Instance: name, Rate: 1000, Burst: 10, Workers: 32}))
				}
				for _, d := range ds {
					d.beat(context.Background())
				}
				for _, d := range ds { // every share is known before the first send
					d.beat(context.Background())
				}
				b.StartTimer()
				total := scanAll(b, ds, 1)
				if total.Sent != due || total.Claimed != due {
					b.Fatalf("got %+v, want %d claimed and sent, none twice", total, due)
				}
				sent += total.Sent
			}
			b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "nudges/s")
		})
	}
}

// benchSetup starts the emulator and a wall clock shifted to a Tuesday
// morning, so the nudges' business hours hold.
func benchSetup(b *testing.B) (*slacktest.Server, followup.Clock) {
	emu := slacktest.New()
	b.Cleanup(emu.Close)
	offset := tuesday10.Sub(time.Now())
	return emu, followup.ClockFunc(func() time.Time { return time.Now().Add(offset) })
}
