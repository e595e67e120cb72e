// Package chart draws the career center's numbers as one PNG: the funnel
// of the period and the reply rate by diagnosis, side by side. It uses
// go-analyze/charts, a maintained Go charting library whose fonts load
// only when a chart is drawn; a hidden cell is drawn as no bar, its name
// starred, "* fewer than 10 students".
package chart

import (
	"fmt"
	"strconv"

	"github.com/go-analyze/charts"

	"github.com/followup-coach/followup/stats"
)

// Size of the picture, in pixels.
const (
	Width  = 1200
	Height = 500
)

// shortLabels are the x-axis words of the cells, short enough to sit side
// by side under the bars.
var shortLabels = map[string]string{
	"Interviews logged":      "Logged",
	"Second follow-ups due":  "2nd due",
	"Drafts made":            "Drafts",
	"Second follow-ups sent": "2nd sent",
	"Who decides":            "Decider",
	"Missing information":    "Missing",
	"Too busy":               "Busy",
	"Not sure":               "Unsure",
	"No check done":          "No check",
	"All second follow-ups":  "All",
}

// PNG draws a suppressed report as a PNG.
func PNG(r stats.Report) ([]byte, error) {
	var funnel []stats.Cell
	for _, c := range r.Table("funnel").Cells {
		if !c.IsRate() && c.Label != "Students active" {
			funnel = append(funnel, c)
		}
	}
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: charts.ChartOutputPNG, Width: Width, Height: Height})
	left := p.Child(charts.PainterBoxOption(charts.NewBox(0, 0, Width/2, Height)))
	right := p.Child(charts.PainterBoxOption(charts.NewBox(Width/2, 0, Width, Height)))
	if err := left.BarChart(bars("The funnel: "+periodName(r), funnel, false)); err != nil {
		return nil, fmt.Errorf("chart: funnel: %w", err)
	}
	if err := right.BarChart(bars("Reply rate after the second follow-up, by diagnosis (%)", r.Table("by_diagnosis").Cells, true)); err != nil {
		return nil, fmt.Errorf("chart: reply rate: %w", err)
	}
	b, err := p.Bytes()
	if err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return b, nil
}

func periodName(r stats.Report) string {
	if r.Period.From.IsZero() {
		return "all time"
	}
	return r.Period.From.UTC().Format("Jan 2") + " – " + r.Period.To.UTC().Format("Jan 2, 2006")
}

// bars is one bar chart of cells: counts, or rates in percent. A hidden
// cell gets no bar and a star on its name.
func bars(title string, cells []stats.Cell, rate bool) charts.BarChartOption {
	vals := make([]float64, len(cells))
	labels := make([]string, len(cells))
	for i, c := range cells {
		labels[i] = shortLabels[c.Label]
		if labels[i] == "" {
			labels[i] = c.Label
		}
		switch {
		case c.Suppressed:
			labels[i] += "*"
		case rate:
			vals[i] = float64(c.Percent())
		default:
			vals[i] = float64(c.Count)
		}
	}
	whole := func(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) }
	opt := charts.NewBarChartOptionWithData([][]float64{vals})
	opt.Title.Text = title
	opt.CategoryAxis.Labels = labels
	opt.ValueFormatter = whole
	opt.SeriesList[0].Label.Show = charts.Ptr(true)
	// The formatter is not told which bar it labels, so a hidden bar (0)
	// gets no label and its name a star; a true 0 has no star.
	opt.SeriesList[0].Label.LabelFormatter = func(_ int, _ string, v float64) (string, *charts.LabelStyle) {
		switch {
		case v == 0:
			return "", nil
		case rate:
			return whole(v) + " %", nil
		}
		return whole(v), nil
	}
	opt.Title.Subtext = "* fewer than 10 students: hidden"
	opt.CategoryAxis.LabelCount = len(labels)
	opt.ValueAxis[0].Min = charts.Ptr(0.0)
	if rate {
		opt.ValueAxis[0].Max = charts.Ptr(100.0)
		opt.ValueAxis[0].LabelCount = 6
	}
	opt.Padding = charts.NewBoxEqual(20)
	return opt
}
