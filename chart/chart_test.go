package chart

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/stats"
)

var update = flag.Bool("update", false, "rewrite testdata/chart.golden.png")

// sample is a workspace of 90 students; the "Not sure" row stays under 10.
func sample() stats.Report {
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	p := stats.Period{From: start, To: start.AddDate(0, 1, 0), Name: "30d"}
	diags := []followup.Diagnosis{followup.DiagnosisWhoDecides, followup.DiagnosisMissingInfo, followup.DiagnosisTooBusy}
	var acts []followup.Activity
	var drafts []followup.DraftMade
	for i := range 90 {
		s := fmt.Sprintf("U%02d", i)
		sent := followup.DateOf(start.AddDate(0, 0, 10+i%10))
		st := followup.StageNoReply
		if i%5 < 2+i%3/2 {
			st = followup.StageReplied
		}
		d := diags[i%3]
		if i < 4 {
			d = followup.DiagnosisNotSure
		}
		acts = append(acts, followup.Activity{Student: s, LoggedAt: start.AddDate(0, 0, 1+i%5),
			FirstSent: sent.AddDays(-8 - i%3), SecondDue: sent, SecondSent: sent, Diagnosis: d, Stage: st,
			ChangedAt: start.AddDate(0, 0, 25)})
		drafts = append(drafts, followup.DraftMade{Student: s, At: start.AddDate(0, 0, 9)})
	}
	days := func(a, b followup.Date, _ string) int { return a.DaysUntil(b) }
	return stats.Suppress(stats.Aggregate(p, acts, drafts, days), stats.MinStudents)
}

// TestPNGGolden checks the chart decodes as a PNG of the promised size
// and matches the reviewed picture pixel for pixel.
func TestPNGGolden(t *testing.T) {
	b, err := PNG(sample())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if got := img.Bounds().Size(); got != (image.Point{Width, Height}) {
		t.Errorf("size: got %v, want %dx%d", got, Width, Height)
	}
	if len(b) > 200<<10 {
		t.Errorf("file: got %d bytes, want under 200 KiB for a quick upload", len(b))
	}
	golden := filepath.Join("testdata", "chart.golden.png")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./chart -update)", err)
	}
	wimg, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if !samePixels(img, wimg) {
		t.Errorf("the chart differs from %s; look at it and rerun with -update if it is right", golden)
	}
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

func BenchmarkPNG(b *testing.B) {
	r := sample()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PNG(r); err != nil {
			b.Fatal(err)
		}
	}
}
