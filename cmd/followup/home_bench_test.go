package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
	"github.com/followup-coach/followup/store"
)

// homeBench runs Main in process against the emulator for a student
// with n interviews, logged through the store before the start.
func homeBench(b *testing.B, n int) (*slacktest.Server, *Main) {
	b.Helper()
	emu := slacktest.New()
	b.Cleanup(emu.Close)
	emu.AddUser(slacktest.User{ID: student, TeamID: team, Name: "ana", TZ: "Europe/Paris", TZOffset: 3600})
	path := filepath.Join(b.TempDir(), "home.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path, followup.ClockFunc(func() time.Time { return monday9 }))
	if err != nil {
		b.Fatal(err)
	}
	id := followup.UserID{Team: team, User: student}
	if _, _, err := db.EnsureStudent(ctx, id, "Europe/Paris", followup.DefaultSettings(), nil); err != nil {
		b.Fatal(err)
	}
	for k := range n {
		stage := followup.StageLogged
		if k%5 == 0 {
			stage = followup.StageReplied
		}
		iv := followup.Interview{Student: id, Company: fmt.Sprintf("Company %03d", k), Role: "Data Engineer",
			InterviewDate:     followup.Date{Year: 2026, Month: 2, Day: 1 + k%20},
			FirstFollowUpDate: followup.Date{Year: 2026, Month: 2, Day: 2 + k%20},
			SecondDue:         followup.Date{Year: 2026, Month: 3, Day: 1 + k%28}, Stage: stage}
		if err := db.CreateInterview(ctx, &iv); err != nil {
			b.Fatal(err)
		}
	}
	db.Close()

	m := NewMain(Config{BotToken: slacktest.BotToken, AppToken: slacktest.AppToken, APIURL: emu.APIURL(),
		DatabaseURL: path, Schedule: defaultSchedule, HTTPAddr: "127.0.0.1:0", Now: monday9, LogLevel: slog.LevelError}, io.Discard)
	rctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(rctx) }()
	b.Cleanup(func() { cancel(); <-done; m.Close() })
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	<-m.Ready()
	if err := emu.WaitConnected(wctx); err != nil {
		b.Fatal(err)
	}
	for !m.Connected() {
		time.Sleep(5 * time.Millisecond)
	}
	return emu, m
}

// openHomeAndWait sends app_home_opened and waits for the publish.
func openHomeAndWait(b *testing.B, emu *slacktest.Server) slacktest.View {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	mark := emu.Mark()
	if _, err := emu.SendEvent(ctx, team, map[string]any{"type": "app_home_opened", "user": student, "tab": "home", "channel": "D" + student}); err != nil {
		b.Fatal(err)
	}
	v, err := emu.WaitViewTo(ctx, mark, student, func(v slacktest.View) bool { return v.Method == "views.publish" })
	if err != nil {
		b.Fatal(err)
	}
	return v
}

// BenchmarkHomePublish is one app_home_opened for a student with 200
// interviews until the Home is published: the event through Socket Mode,
// the reads, building the view and views.publish to the emulator.
func BenchmarkHomePublish(b *testing.B) {
	emu, _ := homeBench(b, 200)
	openHomeAndWait(b, emu) // warm: the student's zone, prepared reads
	b.ResetTimer()
	for range b.N {
		openHomeAndWait(b, emu)
	}
}

// BenchmarkHomeBurst is 20 Pause/Resume clicks on the Home as fast as a
// person can't; it reports the publishes they caused (goal: 1).
func BenchmarkHomeBurst(b *testing.B) {
	emu, _ := homeBench(b, 200)
	home := openHomeAndWait(b, emu)
	ctx := context.Background()
	var publishes int
	b.ResetTimer()
	for range b.N {
		time.Sleep(time.Second) // the previous burst's publish has gone
		emu.ResetStats()
		for i := range 20 {
			action := messages.ActionPause
			if i%2 == 1 {
				action = messages.ActionResume
			}
			if _, err := emu.ClickButton(ctx, slacktest.Click{TeamID: team, UserID: student, ViewID: home.ID, ActionID: action}); err != nil {
				b.Fatal(err)
			}
		}
		time.Sleep(2 * time.Second)
		publishes += emu.Calls("views.publish")
	}
	b.ReportMetric(float64(publishes)/float64(b.N), "publishes/burst")
}
