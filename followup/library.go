package followup

import "strings"

// Fits lists the kinds of item that answer a diagnosis, best first. A
// kind that is missing does not fit: company news helps a light check but
// is no case for whoever now holds the budget.
func Fits(d Diagnosis, l CareerLevel) []LibraryKind {
	switch d {
	case DiagnosisWhoDecides:
		if l == LevelProjectStarter {
			return []LibraryKind{KindComparisonChart, KindBossSummary, KindQuickWin, KindWorkSample, KindLink}
		}
		return []LibraryKind{KindBossSummary, KindComparisonChart, KindQuickWin, KindWorkSample, KindLink}
	case DiagnosisMissingInfo:
		// What the candidate can supply today, not what the company must.
		return []LibraryKind{KindWorkSample, KindBossSummary, KindQuickWin, KindLink}
	case DiagnosisTooBusy:
		return []LibraryKind{KindQuickWin, KindBossSummary, KindWorkSample, KindLink, KindCompanyNews}
	}
	switch l {
	case LevelProtectsStrategy:
		return []LibraryKind{KindBossSummary, KindCompanyNews, KindComparisonChart, KindQuickWin, KindWorkSample, KindLink}
	case LevelProjectStarter:
		return []LibraryKind{KindComparisonChart, KindQuickWin, KindCompanyNews, KindBossSummary, KindWorkSample, KindLink}
	}
	return []LibraryKind{KindQuickWin, KindWorkSample, KindCompanyNews, KindBossSummary, KindComparisonChart, KindLink}
}

// Usable reports whether an item has something a draft can deliver: a
// starter is a template still to be filled in, and an item without a
// title, summary or link has nothing to offer.
func (it LibraryItem) Usable() bool {
	if it.Starter {
		return false
	}
	return strings.TrimSpace(it.Title+it.Summary+it.Link) != ""
}

// PickItem chooses the item a first draft delivers for diagnosis d: the
// usable item of the best-fitting kind, the most recently updated among
// equals. Lists are searched in order and the first with a fit wins, so
// the student's own library goes before the career center's. Nil means
// nothing fits and the draft leaves a slot.
func PickItem(d Diagnosis, l CareerLevel, lists ...[]LibraryItem) *LibraryItem {
	fits := Fits(d, l)
	for _, items := range lists {
		var best *LibraryItem
		bestRank := len(fits)
		for i := range items {
			it := &items[i]
			if !it.Usable() {
				continue
			}
			rank := kindRank(fits, it.Kind)
			if rank < bestRank || rank == bestRank && best != nil && it.UpdatedAt.After(best.UpdatedAt) {
				best, bestRank = it, rank
			}
		}
		if best != nil {
			picked := *best
			return &picked
		}
	}
	return nil
}

// kindRank is the place of k in fits, len(fits) when it does not fit.
func kindRank(fits []LibraryKind, k LibraryKind) int {
	for i, f := range fits {
		if f == k {
			return i
		}
	}
	return len(fits)
}
