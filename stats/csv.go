package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// CSVHeader is the first row of WriteCSV.
var CSVHeader = []string{"period_from", "period_to", "table", "row", "count", "of", "percent"}

// WriteCSV writes a suppressed report as CSV, one row per cell: a hidden
// cell has "fewer than 10" in count and empty of and percent, exactly as
// staff see it in Slack. Nothing in it is per student.
func WriteCSV(w io.Writer, r Report) error {
	cw := csv.NewWriter(w)
	from := "beginning"
	if !r.Period.From.IsZero() {
		from = r.Period.From.UTC().Format(time.RFC3339)
	}
	to := r.Period.To.UTC().Format(time.RFC3339)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("stats csv: %w", err)
	}
	for _, t := range r.Tables {
		for _, c := range t.Cells {
			row := []string{from, to, t.Name, c.Label, Hidden, "", ""}
			if !c.Suppressed {
				row[4] = strconv.Itoa(c.Count)
				if c.IsRate() {
					row[5], row[6] = strconv.Itoa(c.Of), strconv.Itoa(c.Percent())
				}
			}
			if err := cw.Write(row); err != nil {
				return fmt.Errorf("stats csv: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("stats csv: %w", err)
	}
	return nil
}
