// Package chart draws the career center's numbers as one PNG: the funnel
// of the period and the reply rate by diagnosis, side by side. It uses
// gonum/plot (the maintained Go plotting library); a hidden cell is drawn
// as no bar, and its label says "fewer than 10".
package chart

import (
	"bytes"
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/followup-coach/followup/stats"
)

// Size of the picture, in pixels at DPI.
const (
	Width  = 1200
	Height = 500
	DPI    = 96
)

// PNG draws a suppressed report as a PNG.
func PNG(r stats.Report) ([]byte, error) {
	funnel := r.Table("funnel")
	var fcells []stats.Cell
	for _, c := range funnel.Cells {
		if !c.IsRate() && c.Label != "Students active" {
			fcells = append(fcells, c)
		}
	}
	left, err := bars("The funnel: "+periodName(r), "interviews", fcells, false)
	if err != nil {
		return nil, err
	}
	diag := r.Table("by_diagnosis")
	right, err := bars("Reply rate after the second follow-up, by diagnosis", "% replied", diag.Cells, true)
	if err != nil {
		return nil, err
	}

	w, h := vg.Length(Width)*vg.Inch/DPI, vg.Length(Height)*vg.Inch/DPI
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Millimeter * 6, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 4}
	plots := [][]*plot.Plot{{left, right}}
	canvases := plot.Align(plots, tiles, dc)
	left.Draw(canvases[0][0])
	right.Draw(canvases[0][1])

	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&b); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return b.Bytes(), nil
}

func periodName(r stats.Report) string {
	if r.Period.From.IsZero() {
		return "all time"
	}
	return r.Period.From.UTC().Format("Jan 2") + " – " + r.Period.To.UTC().Format("Jan 2, 2006")
}

// bars is one bar chart of cells: counts, or rates in percent. A hidden
// cell gets no bar and says so under its label.
func bars(title, yLabel string, cells []stats.Cell, rate bool) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = yLabel
	p.Y.Min = 0
	if rate {
		p.Y.Max = 100
	}
	vals := make(plotter.Values, len(cells))
	names := make([]string, len(cells))
	for i, c := range cells {
		names[i] = wrap(c.Label)
		switch {
		case c.Suppressed:
			names[i] += "\n(" + stats.Hidden + ")"
		case rate:
			vals[i] = float64(c.Percent())
			names[i] += fmt.Sprintf("\n%d %% of %d", c.Percent(), c.Of)
		default:
			vals[i] = float64(c.Count)
			names[i] += fmt.Sprintf("\n%d", c.Count)
		}
	}
	b, err := plotter.NewBarChart(vals, vg.Points(28))
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	b.LineStyle.Width = 0
	b.Color = plotColor
	p.Add(b)
	if !rate {
		// Headroom above the tallest bar, so it does not touch the title.
		top := 0.0
		for _, v := range vals {
			top = max(top, v)
		}
		p.Y.Max = top*1.15 + 1
	}
	p.NominalX(names...)
	p.X.Tick.Label.Font.Size = vg.Points(9)
	return p, nil
}

// wrap breaks a label in two at the space nearest its middle, so the
// nominal axis stays readable.
func wrap(s string) string {
	if len(s) < 14 {
		return s
	}
	best := -1
	for i, r := range s {
		if r == ' ' && (best < 0 || abs(i-len(s)/2) < abs(best-len(s)/2)) {
			best = i
		}
	}
	if best < 0 {
		return s
	}
	return s[:best] + "\n" + s[best+1:]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
