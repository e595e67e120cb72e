package followup

import "testing"

func TestCommunityItemSuits(t *testing.T) {
	tests := []struct {
		name string
		it   LibraryItem
		d    Diagnosis
		l    CareerLevel
		want bool
	}{
		{"ForEveryone", LibraryItem{}, DiagnosisTooBusy, LevelProjectStarter, true},
		{"SameDiagnosis", LibraryItem{ForDiagnosis: DiagnosisWhoDecides}, DiagnosisWhoDecides, LevelGetsThingsDone, true},
		{"OtherDiagnosis", LibraryItem{ForDiagnosis: DiagnosisWhoDecides}, DiagnosisTooBusy, LevelGetsThingsDone, false},
		{"NoAnswerYet", LibraryItem{ForDiagnosis: DiagnosisWhoDecides}, DiagnosisNone, LevelGetsThingsDone, false},
		{"SameLevel", LibraryItem{ForLevel: LevelProtectsStrategy}, DiagnosisTooBusy, LevelProtectsStrategy, true},
		{"OtherLevel", LibraryItem{ForLevel: LevelProtectsStrategy}, DiagnosisTooBusy, LevelProjectStarter, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.it.Suits(tt.d, tt.l); got != tt.want {
				t.Errorf("Suits(%s, %s): got %v, want %v", tt.d, tt.l, got, tt.want)
			}
			if got := len(CommunityFor([]LibraryItem{tt.it}, tt.d, tt.l)) == 1; got != tt.want {
				t.Errorf("CommunityFor kept it: got %v, want %v", got, tt.want)
			}
		})
	}
}
