package scheduler

import "fmt"

// ValidSchedule checks a FOLLOWUP_SCHEDULE spec with the parser Start uses.
func ValidSchedule(spec string) error {
	if _, err := parser.Parse(spec); err != nil {
		return fmt.Errorf("schedule %q: %w", spec, err)
	}
	return nil
}
