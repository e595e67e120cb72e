package followup

import "time"

// The career-center edition: staff who curate a community library that
// every student of the team can draw on.

// StaffGrant records that a staff member made someone staff with
// "/followup staff add". Admins, owners and FOLLOWUP_STAFF need none.
type StaffGrant struct {
	ID        UserID
	GrantedBy string // the Slack user id of the staff member who added them
	CreatedAt time.Time
}

// Suits reports whether a community item suits a student who answered the
// 3-way check with d and works at level l. An item made for one diagnosis
// does not fit a student who has not answered yet.
func (it LibraryItem) Suits(d Diagnosis, l CareerLevel) bool {
	if it.ForDiagnosis != DiagnosisNone && it.ForDiagnosis != d {
		return false
	}
	return it.ForLevel == "" || it.ForLevel == l
}

// SplitLibrary parts items into the student's own and the career
// center's, each in the order given.
func SplitLibrary(items []LibraryItem) (own, center []LibraryItem) {
	for _, it := range items {
		if it.Community {
			center = append(center, it)
		} else {
			own = append(own, it)
		}
	}
	return own, center
}

// CommunityFor keeps the community items that fit d and l, in order.
func CommunityFor(items []LibraryItem, d Diagnosis, l CareerLevel) []LibraryItem {
	var out []LibraryItem
	for _, it := range items {
		if it.Suits(d, l) {
			out = append(out, it)
		}
	}
	return out
}

// CopyFor is the student's own, editable copy of a community item.
func (it LibraryItem) CopyFor(owner UserID) LibraryItem {
	return LibraryItem{Student: owner, Kind: it.Kind, Title: it.Title, Summary: it.Summary, Link: it.Link}
}

// Diagnoses are the answers of the 3-way check a community item can be
// made for, in the order staff pick them.
func Diagnoses() []Diagnosis {
	return []Diagnosis{DiagnosisWhoDecides, DiagnosisMissingInfo, DiagnosisTooBusy, DiagnosisNotSure}
}

// CareerLevels are the career levels, in the order a person picks them.
func CareerLevels() []CareerLevel {
	return []CareerLevel{LevelGetsThingsDone, LevelProjectStarter, LevelProtectsStrategy}
}
