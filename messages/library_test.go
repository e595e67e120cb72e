package messages

import (
	"fmt"
	"strings"
	"testing"

	"github.com/followup-coach/followup/followup"
	"github.com/slack-go/slack"
)

func TestLibraryViews(t *testing.T) {
	items := coachItems()
	var many []followup.LibraryItem
	for i := 1; i <= 60; i++ {
		many = append(many, followup.LibraryItem{ID: int64(i), Kind: followup.KindQuickWin, Title: fmt.Sprintf("Win %d", i)})
	}
	tests := []struct {
		name string
		v    slack.ModalViewRequest
	}{
		{"library_modal", LibraryModal(items, nil, nil)},
		{"library_modal_empty", LibraryModal(nil, nil, nil)},
		{"library_modal_over_cap", LibraryModal(many, nil, nil)},
		{"library_item_modal_add", LibraryItemModal(nil)},
		{"library_item_modal_edit", LibraryItemModal(&items[3])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkView(t, tt.name, tt.v) })
	}
	t.Run("EditMetadata", func(t *testing.T) {
		if got := LibraryItemModal(&items[3]).PrivateMetadata; got != "9" {
			t.Errorf("got %q, want %q", got, "9")
		}
	})
	t.Run("EmptyIsHonest", func(t *testing.T) {
		js := fmt.Sprint(asJSON(t, LibraryModal(nil, nil, nil)))
		if !strings.Contains(js, "Your library is empty") {
			t.Errorf("got no empty state, want one")
		}
	})
}

func TestParseLibraryItem(t *testing.T) {
	tests := []struct {
		name                       string
		kind, title, summary, link string
		want                       followup.LibraryItem
		wantErrs                   []followup.Field
	}{
		{"Full", "quick_win", " Q3 churn fix ", "Cut churn 4%.", "https://ex.com/q3",
			followup.LibraryItem{Kind: followup.KindQuickWin, Title: "Q3 churn fix", Summary: "Cut churn 4%.", Link: "https://ex.com/q3"}, nil},
		{"TitleOnly", "boss_summary", "Plan", "", "", followup.LibraryItem{Kind: followup.KindBossSummary, Title: "Plan"}, nil},
		{"Missing", "", "", "", "", followup.LibraryItem{}, []followup.Field{FieldItemKind, FieldItemTitle}},
		{"UnknownKind", "poem", "T", "", "", followup.LibraryItem{Kind: "poem", Title: "T"}, []followup.Field{FieldItemKind}},
		{"TooLong", "link", strings.Repeat("t", MaxItemTitleLen+1), strings.Repeat("s", MaxItemSummaryLen+1), "https://ex.com",
			followup.LibraryItem{Kind: followup.KindLink, Title: strings.Repeat("t", MaxItemTitleLen+1), Summary: strings.Repeat("s", MaxItemSummaryLen+1), Link: "https://ex.com"},
			[]followup.Field{FieldItemTitle, FieldItemSummary}},
		{"BadLink", "link", "T", "", "javascript:alert(1)", followup.LibraryItem{Kind: followup.KindLink, Title: "T", Link: "javascript:alert(1)"}, []followup.Field{FieldItemLink}},
		{"LinkKindNeedsLink", "link", "T", "", "", followup.LibraryItem{Kind: followup.KindLink, Title: "T"}, []followup.Field{FieldItemLink}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := ParseLibraryItem(values(map[[2]string]slack.BlockAction{
				{BlockItemKind, ActionItemKind}:       {SelectedOption: slack.OptionBlockObject{Value: tt.kind}},
				{BlockItemTitle, ActionItemTitle}:     {Value: tt.title},
				{BlockItemSummary, ActionItemSummary}: {Value: tt.summary},
				{BlockItemLink, ActionItemLink}:       {Value: tt.link},
			}))
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if len(errs) != len(tt.wantErrs) {
				t.Errorf("errors: got %v, want on %v", errs, tt.wantErrs)
			}
			for _, f := range tt.wantErrs {
				if errs[f] == "" {
					t.Errorf("errors: got none on %s, want one", f)
				}
			}
			if len(LibraryItemErrors(errs)) != len(errs) {
				t.Errorf("LibraryItemErrors: got %v, want one block per error", LibraryItemErrors(errs))
			}
		})
	}
}
