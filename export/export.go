// Package export writes a student's record as the files they take with
// them: a CSV that opens safely in a spreadsheet, one row per event, and a
// JSON document with everything. Dates are ISO 8601, instants in the
// student's own time zone. It is pure: it writes bytes and does no I/O.
package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/followup-coach/followup/followup"
)

// CSVHeader is the first row of the CSV; the README documents each column.
var CSVHeader = []string{
	"interview_id", "company", "role", "interviewer_name", "interviewer_email",
	"interview_date", "first_follow_up_date", "event", "at", "detail",
}

// Events of the CSV's "event" column.
const (
	EventStage      = "stage"       // the interview entered the stage in detail
	EventNudge      = "nudge_sent"  // the bot sent a nudge; detail is its kind
	EventDraft      = "draft_made"  // the bot made a draft; detail is its subject
	EventSecondSent = "second_sent" // the student marked the second follow-up sent (a date)
	EventOutcome    = "outcome"     // the interview closed; detail is the outcome
)

// instant formats t in loc as ISO 8601 with the offset.
func instant(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

func day(d followup.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// Safe makes a cell harmless in a spreadsheet: text that starts with =, +,
// -, @ (or a tab or carriage return) would be read as a formula, so it
// gets a leading apostrophe, which spreadsheets show as text.
func Safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Unsafe undoes Safe, for reading a cell back.
func Unsafe(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// CSV is the student's record as CSV, one row per event of each interview,
// interviews newest first and events in time order.
func CSV(rec followup.Record, loc *time.Location) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	write := func(row ...string) {
		for i := range row {
			row[i] = Safe(row[i])
		}
		_ = w.Write(row) // errors surface from w.Error below
	}
	write(CSVHeader...)
	for _, r := range rec.Interviews {
		iv := r.Interview
		id := strconv.FormatInt(iv.ID, 10)
		row := func(event, at, detail string) {
			write(id, iv.Company, iv.Role, iv.InterviewerName, iv.InterviewerEmail,
				day(iv.InterviewDate), day(iv.FirstFollowUpDate), event, at, detail)
		}
		for _, ev := range events(r, loc) {
			row(ev.event, ev.at, ev.detail)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("export csv: %w", err)
	}
	return b.Bytes(), nil
}

type event struct {
	when              time.Time
	event, at, detail string
}

// events are an interview's rows in time order: stage changes, nudges,
// drafts, the second follow-up and the outcome.
func events(r followup.InterviewRecord, loc *time.Location) []event {
	var out []event
	for _, s := range r.Stages {
		out = append(out, event{s.At, EventStage, instant(s.At, loc), string(s.Stage)})
	}
	for _, n := range r.Nudges {
		out = append(out, event{n.SentAt, EventNudge, instant(n.SentAt, loc), string(n.Kind)})
	}
	for _, d := range r.Drafts {
		out = append(out, event{d.CreatedAt, EventDraft, instant(d.CreatedAt, loc), d.Subject})
	}
	if d := r.Interview.SecondSentDate; d != nil {
		out = append(out, event{d.In(loc, 23, 59), EventSecondSent, d.String(), ""})
	}
	if !r.Interview.Open() {
		out = append(out, event{r.Interview.UpdatedAt, EventOutcome, instant(r.Interview.UpdatedAt, loc), string(r.Interview.Stage)})
	}
	// A stable sort keeps same-time events in the order above.
	slices.SortStableFunc(out, func(a, b event) int { return a.when.Compare(b.when) })
	return out
}

// Document is the JSON export.
type Document struct {
	ExportedAt string      `json:"exported_at"`
	TimeZone   string      `json:"time_zone"`
	Settings   Settings    `json:"settings"`
	Interviews []Interview `json:"interviews"`
	Library    []Item      `json:"library"`
}

// Settings are the student's preferences as exported.
type Settings struct {
	WaitBusinessDays int    `json:"wait_business_days"`
	NudgeHour        int    `json:"nudge_hour"`
	Calendar         string `json:"calendar"`
	CareerLevel      string `json:"career_level"`
	Paused           bool   `json:"paused"`
	CountedInStats   bool   `json:"counted_in_stats"`
}

// Interview is one interview as exported.
type Interview struct {
	ID                int64         `json:"id"`
	Company           string        `json:"company"`
	Role              string        `json:"role"`
	InterviewerName   string        `json:"interviewer_name"`
	InterviewerEmail  string        `json:"interviewer_email"`
	Notes             string        `json:"notes"`
	Topic             string        `json:"topic"`
	InterviewDate     string        `json:"interview_date"`
	FirstFollowUpDate string        `json:"first_follow_up_date"`
	DecisionDate      string        `json:"decision_date"`
	SecondDue         string        `json:"second_follow_up_due"`
	SecondSentDate    string        `json:"second_follow_up_sent"`
	Stage             string        `json:"stage"`
	Outcome           string        `json:"outcome"`
	Diagnosis         string        `json:"diagnosis"`
	LoggedAt          string        `json:"logged_at"`
	Stages            []StageChange `json:"stage_changes"`
	NudgesSent        []NudgeSent   `json:"nudges_sent"`
	Drafts            []Draft       `json:"drafts"`
}

// StageChange is one stage an interview entered.
type StageChange struct {
	Stage string `json:"stage"`
	At    string `json:"at"`
}

// NudgeSent is one nudge the bot sent.
type NudgeSent struct {
	Kind   string `json:"kind"`
	SentAt string `json:"sent_at"`
}

// Draft is one draft the bot made.
type Draft struct {
	Kind      string `json:"kind"`
	Diagnosis string `json:"diagnosis"`
	Subject   string `json:"subject"`
	Body      string `json:"body"`
	Edited    bool   `json:"edited"`
	CreatedAt string `json:"created_at"`
}

// Item is one library item.
type Item struct {
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Link    string `json:"link"`
}

// NewDocument is the JSON export of rec, made at now.
func NewDocument(rec followup.Record, loc *time.Location, now time.Time) Document {
	st := rec.Student.Settings
	doc := Document{
		ExportedAt: instant(now, loc),
		TimeZone:   loc.String(),
		Settings: Settings{WaitBusinessDays: st.WaitBusinessDays, NudgeHour: st.NudgeHour,
			Calendar: st.Calendar, CareerLevel: string(st.CareerLevel), Paused: st.Paused,
			CountedInStats: !st.HideFromStats},
		Interviews: []Interview{},
		Library:    []Item{},
	}
	for _, r := range rec.Interviews {
		iv := r.Interview
		out := Interview{
			ID: iv.ID, Company: iv.Company, Role: iv.Role, InterviewerName: iv.InterviewerName,
			InterviewerEmail: iv.InterviewerEmail, Notes: iv.Notes, Topic: iv.Topic,
			InterviewDate: day(iv.InterviewDate), FirstFollowUpDate: day(iv.FirstFollowUpDate),
			SecondDue: day(iv.SecondDue), Stage: string(iv.Stage), Diagnosis: string(iv.Diagnosis),
			LoggedAt: instant(iv.CreatedAt, loc),
			Stages:   []StageChange{}, NudgesSent: []NudgeSent{}, Drafts: []Draft{},
		}
		if iv.DecisionDate != nil {
			out.DecisionDate = iv.DecisionDate.String()
		}
		if iv.SecondSentDate != nil {
			out.SecondSentDate = iv.SecondSentDate.String()
		}
		if !iv.Open() {
			out.Outcome = string(iv.Stage)
		}
		for _, s := range r.Stages {
			out.Stages = append(out.Stages, StageChange{string(s.Stage), instant(s.At, loc)})
		}
		for _, n := range r.Nudges {
			out.NudgesSent = append(out.NudgesSent, NudgeSent{string(n.Kind), instant(n.SentAt, loc)})
		}
		for _, d := range r.Drafts {
			out.Drafts = append(out.Drafts, Draft{string(d.Kind), string(d.Diagnosis), d.Subject, d.Body, d.Edited, instant(d.CreatedAt, loc)})
		}
		doc.Interviews = append(doc.Interviews, out)
	}
	for _, it := range rec.Library {
		doc.Library = append(doc.Library, Item{string(it.Kind), it.Title, it.Summary, it.Link})
	}
	return doc
}

// JSON is the student's record as an indented JSON document.
func JSON(rec followup.Record, loc *time.Location, now time.Time) ([]byte, error) {
	b, err := json.MarshalIndent(NewDocument(rec, loc, now), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export json: %w", err)
	}
	return append(b, '\n'), nil
}
