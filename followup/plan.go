package followup

// Rules of when the bot may speak and how long it waits.
const (
	// DecisionGraceBusinessDays is how long after a named decision date the
	// second follow-up waits: advice says 1–2 business days, we take 2 so the
	// team has really had time to decide.
	DecisionGraceBusinessDays = 2
	// AllowedFrom is the first local hour at which the bot may DM a student.
	AllowedFrom = 7
	// AllowedUntil is the local hour at which the bot stops DMing for the
	// day: DMs go out in [AllowedFrom:00, AllowedUntil:00).
	AllowedUntil = 20
)
