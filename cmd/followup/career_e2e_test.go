package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/bot/slacktest"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/followup/followuptest"
	"github.com/followup-coach/followup/messages"
)

// The career-center edition end to end: who is staff, the Home tab, and
// the community library from a staff member's form to a student's draft.

const (
	admin    = "U0ADMIN" // a workspace admin
	owner    = "U0OWNER" // a workspace owner
	envStaff = "U0ENV"   // in FOLLOWUP_STAFF
	cara     = "U0CARA"  // made staff with /followup staff add
)

const notStaff = "That's for career-center staff"

// withStaffWorkspace adds the staff people and FOLLOWUP_STAFF.
func withStaffWorkspace(h *harness) {
	h.emu.AddUser(slacktest.User{ID: admin, TeamID: team, Name: "ada", RealName: "Ada Admin", TZ: "Europe/Paris", IsAdmin: true})
	h.emu.AddUser(slacktest.User{ID: owner, TeamID: team, Name: "olu", RealName: "Olu Owner", TZ: "Europe/Paris", IsOwner: true})
	h.emu.AddUser(slacktest.User{ID: envStaff, TeamID: team, Name: "eve", RealName: "Eve Env", TZ: "Europe/Paris"})
	h.emu.AddUser(slacktest.User{ID: cara, TeamID: team, Name: "cara", RealName: "Cara Coach", TZ: "Europe/Paris"})
	h.cfg.Staff = []string{envStaff}
}

// openHome opens user's Home tab and returns the view published for it.
func (h *harness) openHome(user string) slacktest.View {
	h.t.Helper()
	mark := h.emu.Mark()
	if _, err := h.emu.SendEvent(h.ctx(), team, map[string]any{"type": "app_home_opened", "user": user, "tab": "home", "channel": "D" + user}); err != nil {
		h.t.Fatal(err)
	}
	return h.nextHome(mark, user)
}

// nextHome waits for the next Home published to user after mark.
func (h *harness) nextHome(mark slacktest.Mark, user string) slacktest.View {
	h.t.Helper()
	v, err := h.emu.WaitViewTo(h.ctx(), mark, user, func(v slacktest.View) bool { return v.Method == "views.publish" })
	if err != nil {
		h.t.Fatalf("no Home published to %s: %v", user, err)
	}
	return v
}

// replyTo types a command as user and returns the reply to them.
func (h *harness) replyTo(user, text string) string {
	h.t.Helper()
	h.command(user, text)
	m, err := h.emu.WaitMessageTo(h.ctx(), h.last, user, func(m slacktest.Message) bool { return m.Method == "response_url" })
	if err != nil {
		h.t.Fatalf("/followup %s: no reply to %s: %v", text, user, err)
	}
	return all(m)
}

// ephemeralTo waits for the next ephemeral to user after mark.
func (h *harness) ephemeralTo(mark slacktest.Mark, user string) string {
	h.t.Helper()
	m, err := h.emu.WaitMessageTo(h.ctx(), mark, user, func(m slacktest.Message) bool { return m.Method == "chat.postEphemeral" })
	if err != nil {
		h.t.Fatalf("no ephemeral to %s: %v; messages since: %s", user, err, dump(h.emu.MessagesSince(mark)))
	}
	return all(m)
}

// viewAfter waits for a modal with callbackID opened for user after mark.
func (h *harness) viewAfter(mark slacktest.Mark, user, callbackID string) slacktest.View {
	h.t.Helper()
	v, err := h.emu.WaitViewTo(h.ctx(), mark, user, func(v slacktest.View) bool { return v.CallbackID == callbackID && !v.Closed })
	if err != nil {
		h.t.Fatalf("no %s view for %s: %v", callbackID, user, err)
	}
	return v
}

// communityForm is what staff type into CommunityItemModal.
func communityForm(kind, title, summary, link, diagnosis string) map[string]map[string]slack.BlockAction {
	sel := func(action, v string) map[string]slack.BlockAction {
		return map[string]slack.BlockAction{action: {ActionID: action, Type: "static_select", SelectedOption: slack.OptionBlockObject{Value: v}}}
	}
	text := func(action, v string) map[string]slack.BlockAction {
		return map[string]slack.BlockAction{action: {ActionID: action, Type: "plain_text_input", Value: v}}
	}
	return map[string]map[string]slack.BlockAction{
		messages.BlockItemKind:      sel(messages.ActionItemKind, kind),
		messages.BlockItemTitle:     text(messages.ActionItemTitle, title),
		messages.BlockItemSummary:   text(messages.ActionItemSummary, summary),
		messages.BlockItemLink:      text(messages.ActionItemLink, link),
		messages.BlockItemDiagnosis: sel(messages.ActionItemDiagnosis, diagnosis),
		messages.BlockItemLevel:     sel(messages.ActionItemLevel, messages.AnyValue),
	}
}

func (h *harness) community() []followup.LibraryItem {
	h.t.Helper()
	items, err := h.main.DB().CommunityItems(context.Background(), team)
	if err != nil {
		h.t.Fatal(err)
	}
	return items
}

func (h *harness) grants() []followup.StaffGrant {
	h.t.Helper()
	gs, err := h.main.DB().StaffGrants(context.Background(), team)
	if err != nil {
		h.t.Fatal(err)
	}
	return gs
}

// publishItem shares an item as user from their Home and returns it.
func (h *harness) publishItem(user, title, diagnosis string) followup.LibraryItem {
	h.t.Helper()
	home := h.openHome(user)
	mark := h.emu.Mark()
	h.click(slacktest.Click{UserID: user, ViewID: home.ID, ActionID: messages.ActionCommunityAdd})
	form := h.viewAfter(mark, user, messages.CallbackCommunityItem)
	ack, err := h.emu.SubmitView(h.ctx(), user, form.ID, communityForm(string(followup.KindBossSummary), title,
		"One page your interviewer can forward to whoever holds the budget.", "https://career.example.edu/one-pager", diagnosis))
	if err != nil || ack.ResponseAction != "" {
		h.t.Fatalf("publish %q: got %q %v (%v), want a plain ack", title, ack.ResponseAction, ack.Errors, err)
	}
	for _, it := range h.community() {
		if it.Title == title {
			return it
		}
	}
	h.t.Fatalf("item %q not stored", title)
	return followup.LibraryItem{}
}

func TestWhoIsStaff(t *testing.T) {
	h := start(t, withStaffWorkspace)
	tests := []struct {
		name  string
		user  string
		staff bool
	}{
		{"AdminFlag", admin, true},
		{"OwnerFlag", owner, true},
		{"FOLLOWUP_STAFF", envStaff, true},
		{"Student", other, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reply := h.replyTo(tt.user, "staff")
			if got := !strings.Contains(reply, notStaff); got != tt.staff {
				t.Errorf("/followup staff as %s: got staff %v, want %v; reply: %.200s", tt.user, got, tt.staff, reply)
			}
			home := string(h.openHome(tt.user).View)
			if got := strings.Contains(home, messages.ActionCommunityAdd); got != tt.staff {
				t.Errorf("Home of %s shows the staff part: got %v, want %v", tt.user, got, tt.staff)
			}
			if got := strings.Contains(home, messages.ActionOpenStats); got != tt.staff {
				t.Errorf("Home of %s has the Numbers button: got %v, want %v", tt.user, got, tt.staff)
			}
		})
	}
}

func TestStaffAddAndRemove(t *testing.T) {
	h := start(t, withStaffWorkspace)
	if reply := h.replyTo(cara, "community"); !strings.Contains(reply, notStaff) {
		t.Fatalf("cara before being added: got %.200s, want the not-staff line", reply)
	}
	t.Run("BadMention", func(t *testing.T) {
		if reply := h.replyTo(admin, "staff add @cara"); !strings.Contains(reply, "pick them from the list") {
			t.Errorf("staff add @cara (unescaped): got %.200s, want how to mention", reply)
		}
		if n := len(h.grants()); n != 0 {
			t.Errorf("grants after a bad mention: got %d, want 0", n)
		}
	})
	t.Run("Add", func(t *testing.T) {
		if reply := h.replyTo(admin, "staff add <@"+cara+"|cara>"); !strings.Contains(reply, "is now staff") {
			t.Fatalf("staff add: got %.200s", reply)
		}
		gs := h.grants()
		if len(gs) != 1 || gs[0].ID.User != cara || gs[0].GrantedBy != admin {
			t.Fatalf("grants: got %+v, want cara by %s", gs, admin)
		}
		mark := h.emu.Mark()
		h.command(cara, "community")
		h.viewAfter(mark, cara, messages.CallbackCommunity)
		if list := h.replyTo(cara, "staff"); !strings.Contains(list, cara) || !strings.Contains(list, admin) {
			t.Errorf("staff list: got %.300s, want cara added by the admin", list)
		}
	})
	t.Run("RemovedLosesAccessAtOnce", func(t *testing.T) {
		// Cara opened a form while staff; it must not save once she is not.
		home := h.openHome(cara)
		mark := h.emu.Mark()
		h.click(slacktest.Click{UserID: cara, ViewID: home.ID, ActionID: messages.ActionCommunityAdd})
		form := h.viewAfter(mark, cara, messages.CallbackCommunityItem)

		mark = h.emu.Mark()
		if reply := h.replyTo(admin, "staff remove <@"+cara+">"); !strings.Contains(reply, "no longer staff") {
			t.Fatalf("staff remove: got %.200s", reply)
		}
		if reply := h.replyTo(cara, "community"); !strings.Contains(reply, notStaff) {
			t.Errorf("cara after removal: got %.200s, want the not-staff line", reply)
		}
		ack, err := h.emu.SubmitView(h.ctx(), cara, form.ID, communityForm("quick_win", "Late item", "", "", messages.AnyValue))
		if err != nil || ack.ResponseAction != "errors" {
			t.Errorf("submit after removal: got %q %v, want errors", ack.ResponseAction, err)
		}
		if n := len(h.community()); n != 0 {
			t.Errorf("community items after a removed member's submit: got %d, want 0", n)
		}
		v := h.nextHome(mark, cara)
		if strings.Contains(string(v.View), messages.ActionCommunityAdd) {
			t.Errorf("cara's Home still shows the staff part after removal")
		}
	})
}

func TestStudentTriesEveryStaffAction(t *testing.T) {
	h := start(t, withStaffWorkspace)
	it := h.publishItem(admin, "Budget one-pager", messages.AnyValue)
	adminHome := h.openHome(admin)
	before := h.community()
	h.openHome(other)

	for _, text := range []string{"staff", "staff add <@" + other + ">", "staff remove <@" + admin + ">", "staff list", "community", "staff frobnicate"} {
		t.Run("Command/"+text, func(t *testing.T) {
			mark := h.emu.Mark()
			if reply := h.replyTo(other, text); !strings.Contains(reply, notStaff) {
				t.Errorf("/followup %s as a student: got %.200s, want the not-staff line", text, reply)
			}
			if vs := viewsSince(h, mark, other); len(vs) != 0 {
				t.Errorf("/followup %s as a student opened %d views", text, len(vs))
			}
		})
	}
	clicks := []slacktest.Click{
		{ActionID: messages.ActionCommunityOpen},
		{ActionID: messages.ActionCommunityAdd},
		{ActionID: messages.ActionCommunityEdit, Value: messages.IDValue(it.ID)},
		{ActionID: messages.ActionCommunityRetire, Value: messages.IDValue(it.ID)},
		{ActionID: messages.ActionOpenStats},
	}
	for _, c := range clicks {
		t.Run("Click/"+c.ActionID, func(t *testing.T) {
			// The student's own Home view, with a staff button forged in.
			mark := h.emu.Mark()
			home := h.openHome(other)
			c.UserID, c.ViewID = other, home.ID
			h.click(c)
			if got := h.ephemeralTo(mark, other); !strings.Contains(got, notStaff) {
				t.Errorf("%s as a student: got %.200s, want the not-staff line", c.ActionID, got)
			}
			for _, v := range viewsSince(h, mark, other) {
				if v.Method != "views.publish" {
					t.Errorf("%s as a student opened a %s view", c.ActionID, v.CallbackID)
				}
			}
		})
	}
	t.Run("SubmitForgedForm", func(t *testing.T) {
		mark := h.emu.Mark()
		h.click(slacktest.Click{UserID: admin, ViewID: adminHome.ID, ActionID: messages.ActionCommunityEdit, Value: messages.IDValue(it.ID)})
		form := h.viewAfter(mark, admin, messages.CallbackCommunityItem)
		ack, err := h.emu.SubmitView(h.ctx(), other, form.ID, communityForm("quick_win", "Hijacked", "", "", messages.AnyValue))
		if err != nil || ack.ResponseAction != "errors" {
			t.Errorf("a student submitting a staff form: got %q %v, want errors", ack.ResponseAction, err)
		}
	})
	if after := h.community(); len(after) != len(before) || after[0] != before[0] {
		t.Errorf("community library after a student's attempts: got %+v, want %+v", after, before)
	}
	if gs := h.grants(); len(gs) != 0 {
		t.Errorf("grants after a student's attempts: got %+v, want none", gs)
	}
}

// viewsSince are the views.* calls for user after mark.
func viewsSince(h *harness, mark slacktest.Mark, user string) []slacktest.View {
	var out []slacktest.View
	for _, v := range h.emu.ViewsSince(mark) {
		if v.UserID == user {
			out = append(out, v)
		}
	}
	return out
}

// TestCommunityItemReachesTheDraft is the "done when": a new staff
// member publishes an item and a student sees it in the next draft's
// chooser, with no database command on the way.
func TestCommunityItemReachesTheDraft(t *testing.T) {
	clock := followuptest.NewClock(monday9)
	h := start(t, withClock(clock), withStaffWorkspace)
	if reply := h.replyTo(admin, "staff add <@"+cara+"|cara>"); !strings.Contains(reply, "is now staff") {
		t.Fatalf("staff add: %.200s", reply)
	}

	t.Run("BadInputStoresNothing", func(t *testing.T) {
		home := h.openHome(cara)
		for _, c := range []struct {
			name, title, link, block string
		}{
			{"EmptyTitle", "  ", "", messages.BlockItemTitle},
			{"NotHTTP", "Chart", "javascript:alert(1)", messages.BlockItemLink},
			{"FTP", "Chart", "ftp://career.example.edu/chart", messages.BlockItemLink},
		} {
			t.Run(c.name, func(t *testing.T) {
				mark := h.emu.Mark()
				h.click(slacktest.Click{UserID: cara, ViewID: home.ID, ActionID: messages.ActionCommunityAdd})
				form := h.viewAfter(mark, cara, messages.CallbackCommunityItem)
				ack, err := h.emu.SubmitView(h.ctx(), cara, form.ID, communityForm("comparison_chart", c.title, "", c.link, messages.AnyValue))
				if err != nil || ack.ResponseAction != "errors" || ack.Errors[c.block] == "" {
					t.Errorf("got %q %v (%v), want an error on %s", ack.ResponseAction, ack.Errors, err, c.block)
				}
				if n := len(h.community()); n != 0 {
					t.Errorf("community items: got %d, want 0", n)
				}
			})
		}
	})

	item := h.publishItem(cara, "Budget one-pager from the career center", messages.AnyValue)
	if item.Student.User != cara {
		t.Errorf("publisher: got %s, want %s", item.Student.User, cara)
	}
	t.Run("StaffHomeShowsWhoAndWhen", func(t *testing.T) {
		home := string(h.openHome(cara).View)
		if !strings.Contains(home, item.Title) || !strings.Contains(home, "Published by \\u003c@"+cara+"\\u003e") {
			t.Errorf("staff Home: want the item and who published it: %.600s", home)
		}
	})

	iv := h.logOld(student)
	nudge := h.waitNudges(student, 1)[0]
	diagnose := func(d followup.Diagnosis, after int64) (followup.Draft, slacktest.Message) {
		t.Helper()
		i := map[followup.Diagnosis]int{followup.DiagnosisWhoDecides: 0, followup.DiagnosisMissingInfo: 1, followup.DiagnosisTooBusy: 2, followup.DiagnosisNotSure: 3}[d]
		h.click(slacktest.Click{UserID: student, ChannelID: nudge.Channel, MessageTS: nudge.TS,
			ActionID: messages.DiagnoseActionIDs()[i], BlockID: messages.BlockNudgeDiagnose, Value: messages.DiagnoseValue(d, iv.ID)})
		return h.draftAfter(iv.ID, followup.NudgeSecondFollowUp, after)
	}
	first, m := diagnose(followup.DiagnosisWhoDecides, 0)
	t.Run("InTheChooser", func(t *testing.T) {
		s := string(m.Blocks)
		if !strings.Contains(s, "From your career center") || !strings.Contains(s, messages.ItemValue(item.ID, iv.ID)) {
			t.Errorf("draft chooser lacks the career-center item: %.800s", s)
		}
	})
	t.Run("PickedWhenTheStudentHasNone", func(t *testing.T) {
		if first.LibraryItemID != item.ID {
			t.Errorf("first draft's item: got %d, want the career center's %d (the student has only starters)", first.LibraryItemID, item.ID)
		}
	})

	// The student makes an item of their own, through their library.
	mark := h.emu.Mark()
	h.command(student, "library")
	lib := h.viewAfter(mark, student, messages.CallbackLibrary)
	if !strings.Contains(string(lib.View), "From your career center") || !strings.Contains(string(lib.View), messages.ActionLibraryCopy) {
		t.Errorf("library modal lacks the career center's items")
	}
	mark = h.emu.Mark()
	h.click(slacktest.Click{UserID: student, ViewID: lib.ID, ActionID: messages.ActionLibraryAdd})
	form := h.viewAfter(mark, student, messages.CallbackLibraryItem)
	ownForm := communityForm(string(followup.KindBossSummary), "My own 90-day plan", "What I'd do first.", "", messages.AnyValue)
	if ack, err := h.emu.SubmitView(h.ctx(), student, form.ID, ownForm); err != nil || ack.ResponseAction != "" {
		t.Fatalf("own item: %q %v %v", ack.ResponseAction, ack.Errors, err)
	}
	var own followup.LibraryItem
	for _, it := range mustLibrary(h, student) {
		if it.Title == "My own 90-day plan" {
			own = it
		}
	}
	t.Run("OwnItemWins", func(t *testing.T) {
		d, _ := diagnose(followup.DiagnosisWhoDecides, first.ID)
		if d.LibraryItemID != own.ID {
			t.Errorf("first draft's item: got %d, want the student's own %d over the career center's %d", d.LibraryItemID, own.ID, item.ID)
		}
		first = d
	})
	t.Run("OthersLibraryIsNotShown", func(t *testing.T) {
		mark := h.emu.Mark()
		h.command(other, "library")
		theirs := h.viewAfter(mark, other, messages.CallbackLibrary)
		if strings.Contains(string(theirs.View), "My own 90-day plan") {
			t.Errorf("%s's library shows %s's item", other, student)
		}
		if !strings.Contains(string(theirs.View), item.Title) {
			t.Errorf("%s's library lacks the career center's item", other)
		}
	})
	t.Run("CopyToMyLibrary", func(t *testing.T) {
		h.click(slacktest.Click{UserID: student, ViewID: lib.ID, ActionID: messages.ActionLibraryCopy, Value: messages.IDValue(item.ID)})
		h.waitFor("a copy in the student's library", func() bool {
			for _, it := range mustLibrary(h, student) {
				if it.Title == item.Title && !it.Community && it.ID != item.ID {
					return true
				}
			}
			return false
		})
	})
	t.Run("RetiredLeavesTheChooserDraftsKeepText", func(t *testing.T) {
		withItem, _ := h.main.DB().LatestDraft(context.Background(), iv.ID, followup.NudgeSecondFollowUp)
		home := h.openHome(cara)
		mark := h.emu.Mark()
		h.click(slacktest.Click{UserID: cara, ViewID: home.ID, ActionID: messages.ActionCommunityRetire, Value: messages.IDValue(item.ID)})
		if v := h.nextHome(mark, cara); strings.Contains(string(v.View), messages.ActionCommunityRetire) {
			t.Errorf("staff Home after retiring the only item still lists it")
		}
		if n := len(h.community()); n != 0 {
			t.Fatalf("offered items after retire: got %d, want 0", n)
		}
		_, m := diagnose(followup.DiagnosisTooBusy, withItem.ID)
		if strings.Contains(string(m.Blocks), messages.ItemValue(item.ID, iv.ID)) {
			t.Errorf("retired item still in the chooser")
		}
		got, err := h.main.DB().Draft(context.Background(), followup.UserID{Team: team, User: student}, first.ID)
		if err != nil || got.Body != first.Body {
			t.Errorf("a draft made before the retire changed: %v", err)
		}
	})
}

func mustLibrary(h *harness, user string) []followup.LibraryItem {
	h.t.Helper()
	items, err := h.main.DB().LibraryItems(context.Background(), followup.UserID{Team: team, User: user})
	if err != nil {
		h.t.Fatal(err)
	}
	return items
}

func TestHomeFollowsTheStudent(t *testing.T) {
	h := start(t, func(h *harness) { h.cfg.HomeDelay = time.Second })
	home := h.openHome(student)
	if !strings.Contains(string(home.View), "How it works") {
		t.Errorf("empty Home: want the method in three lines: %.400s", home.View)
	}
	t.Run("RepublishedAfterALog", func(t *testing.T) {
		mark := h.emu.Mark()
		h.submit(student, h.openLog(student, ""), form{company: "Acme", role: "Engineer", interview: "2026-02-24", first: "2026-02-25"})
		v := h.nextHome(mark, student)
		if !strings.Contains(string(v.View), "Acme") {
			t.Errorf("Home after a log: want Acme: %.400s", v.View)
		}
	})
	t.Run("OnlyYourOwn", func(t *testing.T) {
		v := h.openHome(other)
		if strings.Contains(string(v.View), "Acme") {
			t.Errorf("%s's Home shows %s's interview", other, student)
		}
		if strings.Contains(string(v.View), messages.ActionCommunityAdd) {
			t.Errorf("a student's Home shows the staff part")
		}
	})
	t.Run("BurstOfClicksPublishesOnce", func(t *testing.T) {
		home := h.openHome(student)
		time.Sleep(50 * time.Millisecond)
		h.emu.ResetStats()
		for i := range 20 {
			action := messages.ActionPause
			if i%2 == 1 {
				action = messages.ActionResume
			}
			h.click(slacktest.Click{UserID: student, ViewID: home.ID, ActionID: action})
		}
		// Quiet for well over the delay: whatever was coming has come.
		h.waitFor("a publish after the burst", func() bool { return h.emu.Calls("views.publish") > 0 })
		time.Sleep(2500 * time.Millisecond)
		if got := h.emu.Calls("views.publish"); got != 1 {
			t.Errorf("publishes after 20 clicks: got %d, want 1", got)
		}
		st, err := h.main.DB().Student(context.Background(), followup.UserID{Team: team, User: student})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := h.emu.Home(student)
		if st.Settings.Paused != strings.Contains(string(raw), messages.ActionResume) {
			t.Errorf("Home shows paused %v, stored paused %v", !st.Settings.Paused, st.Settings.Paused)
		}
	})
	t.Run("StaleHashIsNotOverwrittenBlindly", func(t *testing.T) {
		// Another instance publishes over the Home: the bot's next publish
		// names a hash that is no longer current, is refused, and publishes
		// a fresh view instead.
		api := slack.New(slacktest.BotToken, slack.OptionAPIURL(h.emu.APIURL()))
		if _, err := api.PublishViewContext(h.ctx(), slack.PublishViewContextRequest{UserID: student,
			View: slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}}}}); err != nil {
			t.Fatal(err)
		}
		h.emu.ResetStats()
		mark := h.emu.Mark()
		h.submit(student, h.openLog(student, ""), form{company: "Globex", role: "Analyst", interview: "2026-02-24", first: "2026-02-25"})
		v := h.nextHome(mark, student)
		if !strings.Contains(string(v.View), "Globex") {
			t.Errorf("Home after the conflict: want a fresh view with Globex")
		}
		if got := h.emu.Calls("views.publish"); got != 2 {
			t.Errorf("publish calls: got %d, want 2 (refused with the stale hash, then fresh)", got)
		}
	})
}
