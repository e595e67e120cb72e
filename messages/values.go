package messages

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/followup-coach/followup/followup"
)

// Values of buttons, menu options and private_metadata carry ids only,
// never text a student typed: either one id, or "<part>:<id>" where the id
// names the interview. They come back from Slack, so every parser below
// checks what it reads rather than trusting it.

// IDValue is a value that is one id, such as the interview of
// ActionWriteClosing, the item of ActionLibraryEdit or the draft of
// CopyModal. ParseIDValue reads it back.
func IDValue(id int64) string { return strconv.FormatInt(id, 10) }

// ParseIDValue reads a value made by IDValue: one positive id.
func ParseIDValue(v string) (int64, error) {
	id, err := parseID(v)
	if err != nil {
		return 0, fmt.Errorf("parse id %q: %w", v, err)
	}
	return id, nil
}

// MenuValue is the value of a menu option: "<choice>:<interviewID>".
func MenuValue(choice string, interviewID int64) string { return pairValue(choice, interviewID) }

// ParseMenuValue splits a value made by MenuValue. It fails on an unknown
// choice or an id that is not positive.
func ParseMenuValue(v string) (choice string, interviewID int64, err error) {
	choice, interviewID, err = splitPairValue(v)
	if err != nil {
		return "", 0, fmt.Errorf("parse menu value %q: %w", v, err)
	}
	if !knownMenuChoice(choice) {
		return "", 0, fmt.Errorf("parse menu value %q: unknown choice %q", v, choice)
	}
	return choice, interviewID, nil
}

func knownMenuChoice(c string) bool {
	switch c {
	case MenuSnooze1D, MenuSnooze3D, MenuSnoozeNextWeek, MenuReplied, MenuOffer, MenuRejected, MenuWithdrawn, MenuDraftNow:
		return true
	}
	return false
}

// DiagnoseValue is the value of a 3-way check button: "<diagnosis>:<interviewID>".
func DiagnoseValue(d followup.Diagnosis, interviewID int64) string {
	return pairValue(string(d), interviewID)
}

// ParseDiagnoseValue splits a value made by DiagnoseValue. It fails on an
// unknown diagnosis or an id that is not positive.
func ParseDiagnoseValue(v string) (followup.Diagnosis, int64, error) {
	ds, interviewID, err := splitPairValue(v)
	if err != nil {
		return "", 0, fmt.Errorf("parse diagnose value %q: %w", v, err)
	}
	d := followup.Diagnosis(ds)
	switch d {
	case followup.DiagnosisWhoDecides, followup.DiagnosisMissingInfo, followup.DiagnosisTooBusy, followup.DiagnosisNotSure:
	default:
		return "", 0, fmt.Errorf("parse diagnose value %q: unknown diagnosis %q", v, ds)
	}
	return d, interviewID, nil
}

// DraftValue is the value of the draft buttons: "<draftID>:<interviewID>".
func DraftValue(d followup.Draft) string { return pairValue(IDValue(d.ID), d.InterviewID) }

// ParseDraftValue splits a value made by DraftValue.
func ParseDraftValue(v string) (draftID, interviewID int64, err error) {
	a, interviewID, err := splitPairValue(v)
	if err == nil {
		draftID, err = parseID(a)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("parse draft value %q: %w", v, err)
	}
	return draftID, interviewID, nil
}

// ItemValue is an option value of the library item menu of a draft:
// "<itemID>:<interviewID>", itemID 0 for "leave a slot".
func ItemValue(itemID, interviewID int64) string { return pairValue(IDValue(itemID), interviewID) }

// ParseItemValue splits a value made by ItemValue.
func ParseItemValue(v string) (itemID, interviewID int64, err error) {
	a, interviewID, err := splitPairValue(v)
	if err != nil {
		return 0, 0, fmt.Errorf("parse item value %q: %w", v, err)
	}
	if itemID, err = strconv.ParseInt(a, 10, 64); err != nil || itemID < 0 {
		return 0, 0, fmt.Errorf("parse item value %q: %w", v, errors.New("item id must be 0 or positive"))
	}
	return itemID, interviewID, nil
}

// pairValue is "<part>:<id>". part never holds a ':' (it is a code or an
// id), so the first ':' splits the two.
func pairValue(part string, id int64) string { return part + ":" + IDValue(id) }

// splitPairValue splits a value made by pairValue and reads its id, which
// must be positive.
func splitPairValue(v string) (part string, id int64, err error) {
	part, idText, ok := strings.Cut(v, ":")
	if !ok {
		return "", 0, errors.New("no ':'")
	}
	if id, err = parseID(idText); err != nil {
		return "", 0, err
	}
	return part, id, nil
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, err
	}
	if id <= 0 {
		return 0, errors.New("id must be positive")
	}
	// Only the form IDValue writes: "+7" or "007" did not come from us.
	if strconv.FormatInt(id, 10) != s {
		return 0, errors.New("id not in canonical form")
	}
	return id, nil
}
