package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/store"
)

// BenchmarkSlashCommands runs the real binary, as its own process, against
// the emulator and pushes 4,000 slash commands (help and list, half each)
// at 50 and at 200 concurrent. It reports ack latency p50/p99, acks and
// replies per second (replies counted until the last reply arrived), the
// bot's idle and peak resident memory, and the time from start to
// connected. Run it with: make bench-slack
func BenchmarkSlashCommands(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "followup")
	build := exec.Command("go", "build", "-tags", buildTags, "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("build: %v", err)
	}
	for _, conc := range []int{50, 200} {
		b.Run(fmt.Sprintf("concurrent=%d", conc), func(b *testing.B) {
			for range b.N {
				benchCommands(b, bin, 4000, conc)
			}
		})
	}
}

const benchStudents = 100

func benchCommands(b *testing.B, bin string, total, conc int) {
	emu := slacktest.New(slacktest.WithVerdictCache())
	defer emu.Close()
	dbPath := filepath.Join(b.TempDir(), "bench.db")
	seedStudents(b, emu, dbPath)

	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(),
		"SLACK_BOT_TOKEN="+slacktest.BotToken,
		"SLACK_APP_TOKEN="+slacktest.AppToken,
		"SLACK_API_URL="+emu.APIURL(),
		"DATABASE_URL="+dbPath,
		"FOLLOWUP_HTTP_ADDR=127.0.0.1:0",
		"FOLLOWUP_NOW="+monday9.Format(time.RFC3339),
		"LOG_LEVEL=error",
	)
	cmd.Stderr = os.Stderr
	started := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := emu.WaitConnected(ctx); err != nil {
		b.Fatalf("bot never connected: %v", err)
	}
	toConnected := time.Since(started)
	time.Sleep(time.Second) // let start-up garbage be collected
	idle := procKB(b, cmd.Process.Pid, "VmRSS")
	emu.ResetStats()
	botCPU0, emuCPU0 := procCPU(b, cmd.Process.Pid), selfCPU(b)

	var (
		next    atomic.Int64
		lat     = make([]time.Duration, total)
		lastAck atomic.Int64
		wg      sync.WaitGroup
	)
	begin := time.Now()
	for range conc {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= total {
					return
				}
				text := "help"
				if i%2 == 1 {
					text = "list"
				}
				u := fmt.Sprintf("U%05d", i%benchStudents)
				ack, err := emu.SlashCommand(ctx, slacktest.SlashCommand{TeamID: team, UserID: u, ChannelID: "C0GENERAL", Command: "/followup", Text: text})
				if err != nil {
					b.Errorf("command %d: %v", i, err)
					return
				}
				lat[i] = ack.Latency
				lastAck.Store(int64(time.Since(begin)))
			}
		})
	}
	wg.Wait()
	if _, err := emu.WaitMessages(ctx, total, func(m slacktest.Message) bool { return m.Method == "response_url" }); err != nil {
		b.Fatalf("replies: %v", err)
	}
	replied := time.Since(begin)
	peak := procKB(b, cmd.Process.Pid, "VmHWM")
	botCPU, emuCPU := procCPU(b, cmd.Process.Pid)-botCPU0, selfCPU(b)-emuCPU0

	slices.Sort(lat)
	b.ReportMetric(float64(lat[total/2].Microseconds())/1000, "p50-ack-ms")
	b.ReportMetric(float64(lat[total*99/100].Microseconds())/1000, "p99-ack-ms")
	b.ReportMetric(float64(total)/time.Duration(lastAck.Load()).Seconds(), "acks/s")
	b.ReportMetric(float64(total)/replied.Seconds(), "replies/s")
	b.ReportMetric(float64(idle)/1024, "idle-MB")
	b.ReportMetric(float64(peak)/1024, "peak-MB")
	b.ReportMetric(float64(toConnected.Milliseconds()), "start-to-connected-ms")
	// CPU per command is steadier than rates on a shared machine: it says
	// whether a change made the work cheaper even when a neighbour's tests
	// steal cores during the run.
	b.ReportMetric(float64(botCPU.Microseconds())/float64(total), "bot-cpu-µs/cmd")
	b.ReportMetric(float64(emuCPU.Microseconds())/float64(total), "emu-cpu-µs/cmd")
}

// seedStudents creates the students (and a few interviews each) in the
// emulator and the database, so list has something to render.
func seedStudents(b *testing.B, emu *slacktest.Server, dbPath string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath, followup.ClockFunc(func() time.Time { return monday9 }))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for s := range benchStudents {
		u := fmt.Sprintf("U%05d", s)
		emu.AddUser(slacktest.User{ID: u, TeamID: team, Name: u, TZ: "Europe/Paris", TZOffset: 3600})
		id := followup.UserID{Team: team, User: u}
		if _, _, err := db.EnsureStudent(ctx, id, "Europe/Paris", followup.Settings{}, nil); err != nil {
			b.Fatal(err)
		}
		for k := range 3 {
			iv := followup.Interview{
				Student: id, Company: fmt.Sprintf("Company %d", k), Role: "Engineer",
				InterviewDate:     followup.Date{Year: 2026, Month: 2, Day: 10 + k},
				FirstFollowUpDate: followup.Date{Year: 2026, Month: 2, Day: 11 + k},
				SecondDue:         followup.Date{Year: 2026, Month: 2, Day: 23 + k},
				Stage:             followup.StageLogged,
			}
			if err := db.CreateInterview(ctx, &iv); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// procCPU reads the user plus system CPU time a process has used so far.
func procCPU(b *testing.B, pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	_, rest, ok := strings.Cut(string(data), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		b.Fatalf("/proc/%d/stat: unexpected format", pid)
	}
	// utime and stime are fields 14 and 15 of stat(5), in clock ticks of
	// 1/100 s on Linux.
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		b.Fatalf("/proc/%d/stat: utime %v, stime %v", pid, err1, err2)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// selfCPU is the CPU time the benchmark process (the emulator and the
// senders) has used so far.
func selfCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procKB reads a memory figure (VmRSS, VmHWM) of a process, in kB.
func procKB(b *testing.B, pid int, field string) int {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				b.Fatal(err)
			}
			return n
		}
	}
	b.Fatalf("%s not in /proc/%d/status", field, pid)
	return 0
}
