package messages

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
)

// Limits of the Home tab, so it never passes Slack's 100 blocks: the
// student's part takes at most about 40 blocks, the staff's about 45.
const (
	// HomePageRows is how many interviews one page of the Home lists
	// (due, drafts and what's next together); "More" shows the next ones.
	HomePageRows = 20
	// homeOutcomes is how many closed interviews "Last outcomes" shows.
	homeOutcomes = 5
	// homeWeek is how far ahead "Due this week" looks, in days.
	homeWeek = 7
)

// HomeView is everything the Home tab shows.
type HomeView struct {
	// Interviews are the student's, newest first.
	Interviews []followup.Interview
	Paused     bool
	Loc        *time.Location // the student's zone
	Today      followup.Date  // the student's local date
	// Page is the page of interviews shown, from 0.
	Page int
	// Staff is set for staff: the community library, shown under the
	// student's own part. Students never get it.
	Staff *StaffHome
}

// StaffHome is the staff part of the Home tab.
type StaffHome struct {
	// Items are the community items on offer, oldest first.
	Items []followup.LibraryItem
}

// homeRow is one interview in one group of the Home.
type homeRow struct {
	group string // the group's block id
	iv    followup.Interview
}

// Home is the App Home tab: what is due this week, drafts waiting, what
// comes next and the last outcomes, the student's buttons, and for staff
// the community library. A student with nothing logged gets the method in
// three lines. private_metadata is the page shown.
func Home(v HomeView) slack.HomeTabViewRequest {
	loc := v.Loc
	if loc == nil {
		loc = time.UTC
	}
	blocks := []slack.Block{header(BlockHomeHeader, "Your follow-ups"), section(BlockHomeStatus, homeStatus(v))}
	pause := button(ActionPause, "", "Pause nudges")
	if v.Paused {
		pause = button(ActionResume, "", "Resume nudges")
	}
	blocks = append(blocks, slack.NewActionBlock(BlockHomeActions,
		button(ActionOpenLog, "", "Log an interview").WithStyle(slack.StylePrimary),
		button(ActionOpenList, "", "My list"),
		button(ActionOpenLibrary, "", "My library"),
		button(ActionOpenSettings, "", "Settings"),
		pause,
	))
	if len(v.Interviews) == 0 {
		blocks = append(blocks, section(BlockHomeEmpty, "*How it works*\n"+
			"1. After an interview, log it here. Your thank-you note counts as the first follow-up.\n"+
			"2. About 7 to 10 business days later, I tell you the second follow-up is due.\n"+
			"3. We work out why they're quiet, and I hand you a short draft that brings something useful."))
	} else {
		blocks = append(blocks, homeInterviews(v, loc)...)
	}
	if v.Staff != nil {
		blocks = append(blocks, staffHome(*v.Staff, loc)...)
	}
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}, PrivateMetadata: PageValue(v.Page)}
}

// homeStatus is the line under the header.
func homeStatus(v HomeView) string {
	if v.Paused {
		return "Nudges are paused. I keep your interviews; press *Resume nudges* when you're ready."
	}
	open := 0
	for _, iv := range v.Interviews {
		if iv.Open() {
			open++
		}
	}
	if len(v.Interviews) == 0 {
		return "Log your next interview and I'll remind you when the second follow-up is due."
	}
	return fmt.Sprintf("%d open %s. I message you on the morning each follow-up is due.", open, plural(open, "interview", "interviews"))
}

// homeInterviews are the groups of the student's part, one page of them,
// and the last outcomes on the first page.
func homeInterviews(v HomeView, loc *time.Location) []slack.Block {
	weekEnd := v.Today.AddDays(homeWeek - 1)
	var rows []homeRow
	var due, drafts, next []followup.Interview
	var closed []followup.Interview
	for _, iv := range v.Interviews {
		switch {
		case !iv.Open():
			closed = append(closed, iv)
		case iv.Stage == followup.StageDrafted:
			drafts = append(drafts, iv)
		case !homeDay(iv, loc).IsZero() && !weekEnd.Before(homeDay(iv, loc)):
			due = append(due, iv)
		default:
			next = append(next, iv)
		}
	}
	byDay := func(ivs []followup.Interview) {
		sort.SliceStable(ivs, func(i, j int) bool {
			a, b := homeDay(ivs[i], loc), homeDay(ivs[j], loc)
			if a.IsZero() != b.IsZero() {
				return b.IsZero()
			}
			return a.Before(b)
		})
	}
	byDay(due)
	byDay(next)
	for _, iv := range due {
		rows = append(rows, homeRow{BlockHomeDue, iv})
	}
	for _, iv := range drafts {
		rows = append(rows, homeRow{BlockHomeDrafts, iv})
	}
	for _, iv := range next {
		rows = append(rows, homeRow{BlockHomeNext, iv})
	}

	pages := (len(rows) + HomePageRows - 1) / HomePageRows
	page := min(max(v.Page, 0), max(pages-1, 0))
	from, to := page*HomePageRows, min((page+1)*HomePageRows, len(rows))
	var blocks []slack.Block
	if len(rows) == 0 {
		blocks = append(blocks, section(BlockHomeNext, "*Nothing open right now.* Log your next interview and I'll take it from there."))
	}
	group := ""
	for _, r := range rows[from:to] {
		if r.group != group {
			group = r.group
			blocks = append(blocks, section(group, homeGroupTitle(group)))
		}
		blocks = append(blocks, section(homeRowPrefix+IDValue(r.iv.ID), homeLine(r.iv, loc, v.Today)))
	}
	if pages > 1 {
		blocks = append(blocks, note(BlockHomeMore, fmt.Sprintf("Page %d of %d. `/followup list` shows everything in one message.", page+1, pages)))
		var nav []slack.BlockElement
		if page > 0 {
			nav = append(nav, button(ActionHomePage, PageValue(page-1), "Back"))
		}
		if page < pages-1 {
			nav = append(nav, button(ActionHomePage, PageValue(page+1), "More"))
		}
		blocks = append(blocks, slack.NewActionBlock(BlockHomePages, nav...))
	}
	if page == 0 && len(closed) > 0 {
		sort.SliceStable(closed, func(i, j int) bool { return closed[i].UpdatedAt.After(closed[j].UpdatedAt) })
		text := "*Last outcomes*"
		for i, iv := range closed {
			if i == homeOutcomes {
				break
			}
			text += "\n• " + interviewTitle(iv) + ": " + StageLabel(iv.Stage)
		}
		blocks = append(blocks, section(BlockHomeOutcomes, text))
	}
	return blocks
}

func homeGroupTitle(group string) string {
	switch group {
	case BlockHomeDue:
		return "*Due this week*"
	case BlockHomeDrafts:
		return "*Drafts waiting to be sent*"
	}
	return "*What's next*"
}

// homeDay is the student's local day of an interview's next step: its
// next nudge, else its second follow-up's due date.
func homeDay(iv followup.Interview, loc *time.Location) followup.Date {
	if !iv.NextNudgeAt.IsZero() {
		return followup.DateOf(iv.NextNudgeAt.In(loc))
	}
	return iv.SecondDue
}

// homeLine is one interview: company, role, stage and its day.
func homeLine(iv followup.Interview, loc *time.Location, today followup.Date) string {
	s := interviewTitle(iv) + "\n" + StageLabel(iv.Stage)
	if iv.Stage == followup.StageSnoozed && !iv.SnoozedUntil.IsZero() {
		s = interviewTitle(iv) + "\nSnoozed until " + dayWord(followup.DateOf(iv.SnoozedUntil.In(loc)), today)
	}
	if next := nextStep(iv, loc, today); next != "" {
		s += " · " + next
	}
	return s
}

// staffHome is the staff part: the community library and the numbers.
func staffHome(s StaffHome, loc *time.Location) []slack.Block {
	blocks := []slack.Block{
		slack.NewDividerBlock(),
		header(BlockStaffHeader, "Career center"),
		note(BlockStaffIntro, "Only staff see this part. Items you share here reach every student's library and draft chooser."),
		slack.NewActionBlock(BlockStaffActions,
			button(ActionCommunityAdd, "", "Share an item").WithStyle(slack.StylePrimary),
			button(ActionCommunityOpen, "", "All shared items"),
			button(ActionOpenStats, "", "Numbers"),
		),
	}
	if len(s.Items) == 0 {
		blocks = append(blocks, section(BlockStaffEmpty, communityEmpty))
	}
	return append(blocks, communityRows(s.Items, loc)...)
}

// PageValue is the value of a Home page button and the Home's
// private_metadata: the page number.
func PageValue(page int) string { return strconv.Itoa(page) }

// ParsePageValue reads a value made by PageValue: a page from 0 to 999.
func ParsePageValue(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 999 || v != strconv.Itoa(n) {
		return 0, fmt.Errorf("parse page %q: want a page number from 0 to 999", v)
	}
	return n, nil
}
