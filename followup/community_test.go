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

func TestSplitLibrary(t *testing.T) {
	items := []LibraryItem{{ID: 1}, {ID: 2, Community: true}, {ID: 3}, {ID: 4, Community: true}}
	own, center := SplitLibrary(items)
	ids := func(its []LibraryItem) (out []int64) {
		for _, it := range its {
			out = append(out, it.ID)
		}
		return out
	}
	if got := ids(own); len(got) != 2 || got[0] != 1 || got[1] != 3 {
		t.Errorf("own: got %v, want [1 3]", got)
	}
	if got := ids(center); len(got) != 2 || got[0] != 2 || got[1] != 4 {
		t.Errorf("center: got %v, want [2 4]", got)
	}
}
