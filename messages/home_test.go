package messages

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
)

// homeInterviews is a student's typical mix on Wed 14 Jan 2026 in New
// York: one due this week, one draft waiting, one later, one snoozed,
// two outcomes.
func homeTypical(t *testing.T) []followup.Interview {
	loc := newYork(t)
	at := func(s string) time.Time { return date(t, s).In(loc, 9, 0) }
	return []followup.Interview{
		{ID: 6, Company: "Later Inc", Role: "Analyst", Stage: followup.StageLogged, InterviewDate: date(t, "2026-01-12"),
			SecondDue: date(t, "2026-01-23"), NextNudgeAt: at("2026-01-23"), NextNudgeKind: followup.NudgeSecondFollowUp},
		{ID: 5, Company: "Acme <&>", Role: "Data Engineer", Stage: followup.StageLogged, InterviewDate: date(t, "2026-01-02"),
			SecondDue: date(t, "2026-01-16"), NextNudgeAt: at("2026-01-16"), NextNudgeKind: followup.NudgeSecondFollowUp},
		{ID: 4, Company: "Globex", Role: "PM", Stage: followup.StageDrafted, InterviewDate: date(t, "2025-12-20"), SecondDue: date(t, "2026-01-12")},
		{ID: 3, Company: "Snoozy", Role: "QA", Stage: followup.StageSnoozed, StageBeforeSnooze: followup.StageNudged,
			InterviewDate: date(t, "2025-12-18"), SnoozedUntil: at("2026-01-26"), NextNudgeAt: at("2026-01-26")},
		{ID: 2, Company: "Initech", Role: "QA Lead", Stage: followup.StageOffer, InterviewDate: date(t, "2025-12-01"), UpdatedAt: at("2026-01-10")},
		{ID: 1, Company: "Hooli", Role: "SRE", Stage: followup.StageNoReply, InterviewDate: date(t, "2025-11-01"), UpdatedAt: at("2026-01-05")},
	}
}

func manyInterviews(t *testing.T, n int) []followup.Interview {
	loc := newYork(t)
	var ivs []followup.Interview
	for i := range n {
		due := date(t, "2026-01-15").AddDays(i % 40)
		ivs = append(ivs, followup.Interview{ID: int64(n - i), Company: fmt.Sprintf("Company %03d with a long name", i), Role: "Senior Data Analyst",
			Stage: followup.StageLogged, InterviewDate: date(t, "2026-01-02"), SecondDue: due, NextNudgeAt: due.In(loc, 9, 0),
			NextNudgeKind: followup.NudgeSecondFollowUp})
	}
	return ivs
}

func communityItems(t *testing.T, n int) []followup.LibraryItem {
	loc := newYork(t)
	base := []followup.LibraryItem{
		{Kind: followup.KindBossSummary, Title: "Budget one-pager template", Summary: "One page an interviewer can forward to whoever holds the budget.",
			ForDiagnosis: followup.DiagnosisWhoDecides},
		{Kind: followup.KindCompanyNews, Title: "Sector news digest", Link: "https://career.example.edu/news", ForLevel: followup.LevelProtectsStrategy},
		{Kind: followup.KindQuickWin, Title: "Quick-win story <worksheet>", Summary: "Three lines: problem, what you did, result."},
	}
	var items []followup.LibraryItem
	for i := range n {
		it := base[i%len(base)]
		it.ID, it.Community = int64(100+i), true
		it.Student = followup.UserID{Team: "T1", User: "U0STAFF"}
		it.CreatedAt = date(t, "2026-01-05").In(loc, 10, 0)
		it.UpdatedAt = it.CreatedAt
		if i > 0 {
			it.Title = fmt.Sprintf("%s %d", it.Title, i)
		}
		items = append(items, it)
	}
	if n > 1 {
		items[1].UpdatedAt = date(t, "2026-01-09").In(loc, 10, 0)
	}
	return items
}

func checkHome(t *testing.T, name string, v slack.HomeTabViewRequest) {
	t.Helper()
	if err := ValidateHome(v); err != nil {
		t.Errorf("ValidateHome(%s): %v", name, err)
	}
	if name != "" {
		golden(t, name, v)
	}
}

func homeJSON(t *testing.T, v slack.HomeTabViewRequest) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHome(t *testing.T) {
	loc, today := newYork(t), date(t, "2026-01-14")
	t.Run("Empty", func(t *testing.T) {
		v := Home(HomeView{Loc: loc, Today: today})
		checkHome(t, "home_empty", v)
		if js := homeJSON(t, v); !strings.Contains(js, "How it works") || !strings.Contains(js, ActionOpenLog) {
			t.Errorf("empty Home: got %s, want the method in three lines and a Log button", js)
		}
	})
	t.Run("Typical", func(t *testing.T) {
		v := Home(HomeView{Interviews: homeTypical(t), Loc: loc, Today: today})
		checkHome(t, "home_typical", v)
		js := homeJSON(t, v)
		for _, want := range []string{"Due this week", `Acme \u0026lt;\u0026amp;`, "Drafts waiting", "Globex", "What's next", "Later Inc",
			"Last outcomes", "Offer received", ActionOpenList, ActionOpenLibrary, ActionOpenSettings, ActionPause} {
			if !strings.Contains(js, want) {
				t.Errorf("typical Home lacks %q", want)
			}
		}
		if i, j := strings.Index(js, "Acme"), strings.Index(js, "Later Inc"); i < 0 || j < i {
			t.Errorf("due this week (Acme) should come before what's next (Later Inc)")
		}
	})
	t.Run("Paused", func(t *testing.T) {
		js := homeJSON(t, Home(HomeView{Interviews: homeTypical(t), Paused: true, Loc: loc, Today: today}))
		if !strings.Contains(js, ActionResume) || strings.Contains(js, ActionPause) {
			t.Errorf("paused Home: want Resume and no Pause")
		}
	})
	t.Run("OverTheBlockLimit", func(t *testing.T) {
		ivs := manyInterviews(t, 200)
		v := Home(HomeView{Interviews: ivs, Loc: loc, Today: today})
		checkHome(t, "home_over_limit", v)
		js := homeJSON(t, v)
		if !strings.Contains(js, `"value":"1"`) || !strings.Contains(js, "/followup list") {
			t.Errorf("first page: want a More button to page 1 and a pointer to /followup list")
		}
		last := Home(HomeView{Interviews: ivs, Loc: loc, Today: today, Page: 9})
		checkHome(t, "", last)
		if js := homeJSON(t, last); !strings.Contains(js, "Page 10 of 10") || strings.Contains(js, ">More<") {
			t.Errorf("last page: got no 'Page 10 of 10'")
		}
		if got := Home(HomeView{Interviews: ivs, Loc: loc, Today: today, Page: 50}).PrivateMetadata; got != "50" {
			t.Errorf("metadata: got %q, want the page asked", got)
		}
	})
	t.Run("Staff", func(t *testing.T) {
		v := Home(HomeView{Interviews: homeTypical(t)[:2], Loc: loc, Today: today, Staff: &StaffHome{Items: communityItems(t, 3)}})
		checkHome(t, "home_staff", v)
		js := homeJSON(t, v)
		for _, want := range []string{"Career center", ActionCommunityAdd, ActionCommunityEdit, ActionCommunityRetire, ActionOpenStats, `Published by \u003c@U0STAFF\u003e`} {
			if !strings.Contains(js, want) {
				t.Errorf("staff Home lacks %q", want)
			}
		}
		checkHome(t, "home_staff_empty", Home(HomeView{Loc: loc, Today: today, Staff: &StaffHome{}}))
	})
	t.Run("StudentsNeverSeeTheStaffPart", func(t *testing.T) {
		js := homeJSON(t, Home(HomeView{Interviews: homeTypical(t), Loc: loc, Today: today}))
		for _, staffOnly := range []string{ActionCommunityAdd, ActionCommunityEdit, ActionCommunityRetire, ActionOpenStats, "Career center"} {
			if strings.Contains(js, staffOnly) {
				t.Errorf("student Home shows %q", staffOnly)
			}
		}
	})
	t.Run("WorstCaseStaysInLimits", func(t *testing.T) {
		v := Home(HomeView{Interviews: manyInterviews(t, 500), Loc: loc, Today: today, Staff: &StaffHome{Items: communityItems(t, 80)}})
		checkHome(t, "", v)
		if n := len(v.Blocks.BlockSet); n > 100 {
			t.Errorf("blocks: got %d, want at most 100", n)
		}
	})
}

func TestCommunityViews(t *testing.T) {
	loc := newYork(t)
	items := communityItems(t, 3)
	checkView(t, "community_modal", CommunityModal(items, loc))
	checkView(t, "community_modal_empty", CommunityModal(nil, loc))
	checkView(t, "community_item_modal_add", CommunityItemModal(nil))
	checkView(t, "community_item_modal_edit", CommunityItemModal(&items[0]))
	checkView(t, "library_modal_with_center", LibraryModal(coachItems(), items, loc))
	if err := ValidateView(CommunityModal(communityItems(t, 80), loc)); err != nil {
		t.Errorf("community modal with 80 items: %v", err)
	}
	var own []followup.LibraryItem
	for i := range 80 {
		own = append(own, followup.LibraryItem{ID: int64(i + 1), Kind: followup.KindQuickWin, Title: fmt.Sprintf("Win %d", i)})
	}
	if err := ValidateView(LibraryModal(own, communityItems(t, 80), loc)); err != nil {
		t.Errorf("library modal with 80 own and 80 center items: %v", err)
	}
}

func TestParseCommunityItem(t *testing.T) {
	vals := func(kind, title, link, diag, level string) map[string]map[string]slack.BlockAction {
		sel := func(v string) slack.BlockAction {
			return slack.BlockAction{SelectedOption: slack.OptionBlockObject{Value: v}}
		}
		return map[string]map[string]slack.BlockAction{
			BlockItemKind:      {ActionItemKind: sel(kind)},
			BlockItemTitle:     {ActionItemTitle: {Value: title}},
			BlockItemLink:      {ActionItemLink: {Value: link}},
			BlockItemDiagnosis: {ActionItemDiagnosis: sel(diag)},
			BlockItemLevel:     {ActionItemLevel: sel(level)},
		}
	}
	tests := []struct {
		name     string
		values   map[string]map[string]slack.BlockAction
		want     followup.LibraryItem
		wantErrs []followup.Field
	}{
		{"ForEveryone", vals("quick_win", "Story", "", AnyValue, AnyValue), followup.LibraryItem{Kind: followup.KindQuickWin, Title: "Story"}, nil},
		{"ForOneFit", vals("boss_summary", "Plan", "https://ex.com", "who_decides", "project_starter"),
			followup.LibraryItem{Kind: followup.KindBossSummary, Title: "Plan", Link: "https://ex.com", ForDiagnosis: followup.DiagnosisWhoDecides, ForLevel: followup.LevelProjectStarter}, nil},
		{"EmptyTitle", vals("quick_win", "  ", "", AnyValue, AnyValue), followup.LibraryItem{Kind: followup.KindQuickWin}, []followup.Field{FieldItemTitle}},
		{"NotHTTP", vals("link", "T", "ftp://ex.com/x", AnyValue, AnyValue), followup.LibraryItem{Kind: followup.KindLink, Title: "T", Link: "ftp://ex.com/x"}, []followup.Field{FieldItemLink}},
		{"UnknownFit", vals("quick_win", "T", "", "vibes", "ceo"), followup.LibraryItem{Kind: followup.KindQuickWin, Title: "T"}, []followup.Field{FieldItemDiagnosis, FieldItemLevel}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := ParseCommunityItem(tt.values)
			if got != tt.want {
				t.Errorf("item: got %+v, want %+v", got, tt.want)
			}
			if len(errs) != len(tt.wantErrs) {
				t.Errorf("errors: got %v, want on %v", errs, tt.wantErrs)
			}
			for _, f := range tt.wantErrs {
				if errs[f] == "" {
					t.Errorf("errors: got %v, want one on %s", errs, f)
				}
			}
			for blockID := range CommunityItemErrors(errs) {
				if !inputBlockOf(CommunityItemModal(nil), blockID) {
					t.Errorf("error on %q, which is not an input block of the modal", blockID)
				}
			}
		})
	}
}

func inputBlockOf(v slack.ModalViewRequest, blockID string) bool {
	for _, b := range v.Blocks.BlockSet {
		if in, ok := b.(*slack.InputBlock); ok && in.BlockID == blockID {
			return true
		}
	}
	return false
}

func TestItemSelectGroupsTheCareerCenter(t *testing.T) {
	own := coachItems()
	center := communityItems(t, 3)
	t.Run("OwnOnly", func(t *testing.T) {
		sel := itemSelect(7, 0, own)
		if len(sel.OptionGroups) != 0 || len(sel.Options) != len(own)+1 {
			t.Errorf("own only: got %d options %d groups, want %d options, no groups", len(sel.Options), len(sel.OptionGroups), len(own)+1)
		}
	})
	t.Run("WithCenter", func(t *testing.T) {
		sel := itemSelect(7, center[1].ID, append(append([]followup.LibraryItem(nil), own...), center...))
		if len(sel.OptionGroups) != 2 || sel.OptionGroups[1].Label.Text != "From your career center" || len(sel.OptionGroups[1].Options) != 3 {
			t.Fatalf("groups: got %+v, want Your library and From your career center (3)", sel.OptionGroups)
		}
		if sel.InitialOption == nil || sel.InitialOption.Value != ItemValue(center[1].ID, 7) {
			t.Errorf("initial: got %+v, want the current career-center item", sel.InitialOption)
		}
	})
	t.Run("AtMostHundredOptions", func(t *testing.T) {
		var many []followup.LibraryItem
		for i := range 90 {
			many = append(many, followup.LibraryItem{ID: int64(i + 1), Kind: followup.KindLink, Title: strings.Repeat("t", 120)})
		}
		sel := itemSelect(7, 0, append(many, communityItems(t, 40)...))
		n := 0
		for _, g := range sel.OptionGroups {
			n += len(g.Options)
			for _, o := range g.Options {
				if len([]rune(o.Text.Text)) > 75 {
					t.Errorf("option text over 75: %q", o.Text.Text)
				}
			}
		}
		if n > 100 {
			t.Errorf("options: got %d, want at most 100", n)
		}
	})
}

func TestStaffMessages(t *testing.T) {
	loc := newYork(t)
	grants := []followup.StaffGrant{{ID: followup.UserID{Team: "T1", User: "U0CARA"}, GrantedBy: "U0ADMIN", CreatedAt: date(t, "2026-01-05").In(loc, 10, 0)}}
	for name, m := range map[string]Message{
		"staff_list":          StaffList(grants, loc),
		"staff_list_empty":    StaffList(nil, loc),
		"staff_added":         StaffAdded("U0CARA", false),
		"staff_removed":       StaffRemoved("U0CARA", true),
		"not_staff":           NotStaff(),
		"numbers_coming_soon": NumbersComingSoon(),
	} {
		t.Run(name, func(t *testing.T) { checkMessage(t, name, m) })
	}
}

func TestDraftNamesWhereThePickCameFrom(t *testing.T) {
	center := communityItems(t, 1)[0]
	own := coachItems()[3]
	for _, tt := range []struct {
		name string
		it   followup.LibraryItem
		want string
	}{{"Own", own, "from your library"}, {"CareerCenter", center, "from your career center"}} {
		t.Run(tt.name, func(t *testing.T) {
			got := draftCoaching(DraftView{Draft: followup.Draft{Diagnosis: followup.DiagnosisWhoDecides}, Picked: &tt.it})
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to say %q", got, tt.want)
			}
		})
	}
}
