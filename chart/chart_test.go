package chart

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
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
	var acts []followup.StudentActivity
	for i := range 90 {
		replied := i%5 < 2+i%3/2
		d := diags[i%3]
		if i < 4 {
			d = followup.DiagnosisNotSure
		}
		a := followup.StudentActivity{Student: fmt.Sprintf("U%02d", i), Logged: 1, Due: 1, Drafts: 1,
			ByDiagnosis: make([]followup.Replies, len(followup.StatsDiagnoses())), ByWait: make([]followup.Replies, len(followup.WaitRanges()))}
		r := followup.Replies{Sent: 1}
		if replied {
			r.Replied = 1
		} else {
			a.NoReplies = 1
		}
		a.SecondSent = r
		a.ByDiagnosis[slices.Index(followup.StatsDiagnoses(), d)] = r
		a.ByWait[2] = r // 8–9 days
		acts = append(acts, a)
	}
	return stats.Suppress(stats.Aggregate(p, acts), stats.MinStudents)
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
