package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// The App Home tab. It is published when the student opens it and again
// after each change they make, coalesced: changes within homeDelay of each
// other make one publish, and a change during a publish makes exactly one
// more after it. Publishes for one student never overlap, and each names
// the hash of the view it replaces, so an older view cannot overwrite a
// newer one.

// defaultHomeDelay is how long the Home waits for a burst of clicks to end.
const defaultHomeDelay = 300 * time.Millisecond

// homePublisher coalesces and serialises Home publishes per user.
type homePublisher struct {
	b     *Bot
	delay time.Duration

	mu     sync.Mutex
	users  map[followup.UserID]*homeState
	closed bool
}

// homeState is one user's Home.
type homeState struct {
	timer   *time.Timer // a publish waiting for the burst to end
	running bool        // a publish is in flight
	again   bool        // something changed during it
	page    int         // the page the next publish shows
	hash    string      // the hash of the view Slack shows now
}

func newHomePublisher(b *Bot, delay time.Duration) *homePublisher {
	if delay <= 0 {
		delay = defaultHomeDelay
	}
	return &homePublisher{b: b, delay: delay, users: map[followup.UserID]*homeState{}}
}

// changed schedules a publish after a change id made. Only a Home this
// process has published is refreshed: a Home nobody opened since the
// start is published fresh when it is opened.
func (p *homePublisher) changed(id followup.UserID) {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := p.users[id]
	if st == nil || p.closed {
		return
	}
	st.page = 0
	switch {
	case st.running:
		st.again = true
	case st.timer != nil:
		st.timer.Reset(p.delay)
	default:
		st.timer = time.AfterFunc(p.delay, func() { p.fire(id) })
	}
}

// fire runs a debounced publish on the worker pool.
func (p *homePublisher) fire(id followup.UserID) {
	p.mu.Lock()
	st := p.users[id]
	if p.closed || st == nil || st.timer == nil {
		p.mu.Unlock()
		return
	}
	st.timer = nil
	if p.claimLocked(st) {
		// Still under the lock, so stop cannot slip in before the work is
		// counted in flight: work only counts it and starts a goroutine.
		p.b.work(context.Background(), "home", func(ctx context.Context) { p.run(ctx, id) }, "", "")
	}
	p.mu.Unlock()
}

// claimLocked makes the caller the one publisher of st and reports true,
// or, when a publish is in flight, asks it for one more and reports false.
func (p *homePublisher) claimLocked(st *homeState) bool {
	if st.running {
		st.again = true
		return false
	}
	st.running = true
	return true
}

// now publishes at once (the Home was opened, or a page asked for),
// unless a publish is in flight: one more then follows it. hash is the
// hash Slack reported for the view on screen, "" if unknown.
func (p *homePublisher) now(ctx context.Context, id followup.UserID, page int, hash string) {
	p.mu.Lock()
	st := p.users[id]
	if st == nil {
		st = &homeState{}
		p.users[id] = st
	}
	st.page = page
	if hash != "" {
		st.hash = hash
	}
	if st.timer != nil {
		st.timer.Stop()
		st.timer = nil
	}
	claimed := p.claimLocked(st)
	p.mu.Unlock()
	if claimed {
		p.run(ctx, id)
	}
}

// run publishes until no change is left waiting. The caller has set
// running.
func (p *homePublisher) run(ctx context.Context, id followup.UserID) {
	defer func() {
		// A panic in publish must not leave the Home stuck as running.
		if r := recover(); r != nil {
			p.mu.Lock()
			p.users[id].running = false
			p.mu.Unlock()
			panic(r)
		}
	}()
	for {
		p.mu.Lock()
		st := p.users[id]
		page, hash := st.page, st.hash
		st.again = false
		p.mu.Unlock()

		newHash := p.b.publishHome(ctx, id, page, hash)

		p.mu.Lock()
		if newHash != "" {
			st.hash = newHash
		}
		if !st.again || p.closed {
			st.running = false
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
	}
}

// stop cancels waiting publishes; Run calls it before waiting for workers.
func (p *homePublisher) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for _, st := range p.users {
		if st.timer != nil {
			st.timer.Stop()
			st.timer = nil
		}
	}
}

// publishHome builds id's Home and publishes it over the view with hash
// ("" for none), and returns the new view's hash ("" when it failed).
// When Slack reports the Home changed elsewhere (hash_conflict), the view
// is built again from what is stored now and published over whatever is
// there, since nothing can be newer than a fresh read.
func (b *Bot) publishHome(ctx context.Context, id followup.UserID, page int, hash string) string {
	view, err := b.homeView(ctx, id, page)
	if err != nil {
		b.log.Error("home", "err", err)
		return ""
	}
	req := slack.PublishViewContextRequest{UserID: id.User, View: view}
	if hash != "" {
		req.Hash = &hash
	}
	resp, err := b.api.PublishViewContext(ctx, req)
	if err != nil && err.Error() == "hash_conflict" {
		b.log.Info("home changed elsewhere; publishing a fresh view")
		if view, err = b.homeView(ctx, id, page); err == nil {
			resp, err = b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: id.User, View: view})
		}
	}
	if err != nil {
		b.log.Error("views.publish", "err", err)
		return ""
	}
	return resp.Hash
}

// homeView is id's Home: their interviews and, for staff only, the
// community library. Opening the Home stores nothing: someone the bot
// does not know (never used it, or forgotten) sees the empty Home.
func (b *Bot) homeView(ctx context.Context, id followup.UserID, page int) (slack.HomeTabViewRequest, error) {
	v := messages.HomeView{Loc: time.UTC, Today: followup.DateOf(b.now().UTC()), Page: page}
	st, err := b.store.Student(ctx, id)
	switch {
	case err == nil:
		ivs, err := b.store.ListInterviews(ctx, st.ID, listLimit)
		if err != nil {
			return slack.HomeTabViewRequest{}, err
		}
		v.Interviews, v.Paused, v.Loc, v.Today = ivs, st.Settings.Paused, b.location(st), b.today(st)
	case !errors.Is(err, followup.ErrNotFound):
		return slack.HomeTabViewRequest{}, fmt.Errorf("load student: %w", err)
	}
	staff, err := b.IsStaff(ctx, id)
	if err != nil {
		// The student's own part still shows; the staff part waits for
		// the next publish.
		b.log.Warn("home: staff check", "err", err)
	}
	if staff {
		items, err := b.store.CommunityItems(ctx, id.Team)
		if err != nil {
			return slack.HomeTabViewRequest{}, err
		}
		v.Staff = &messages.StaffHome{Items: items}
	}
	return messages.Home(v), nil
}

// watchedStore is the bot's Store with the writes a student makes
// reported to the Home publisher once they succeed.
type watchedStore struct {
	Store
	changed func(followup.UserID)
}

func (s watchedStore) UpdateStudent(ctx context.Context, id followup.UserID, fn func(*followup.Student) error, plan func(followup.Student, *followup.Interview)) (followup.Student, int, error) {
	st, n, err := s.Store.UpdateStudent(ctx, id, fn, plan)
	if err == nil {
		s.changed(id)
	}
	return st, n, err
}

func (s watchedStore) CreateInterview(ctx context.Context, iv *followup.Interview) error {
	err := s.Store.CreateInterview(ctx, iv)
	if err == nil {
		s.changed(iv.Student)
	}
	return err
}

func (s watchedStore) UpdateInterview(ctx context.Context, owner followup.UserID, id int64, fn func(*followup.Interview) error) (followup.Interview, error) {
	iv, err := s.Store.UpdateInterview(ctx, owner, id, fn)
	if err == nil {
		s.changed(owner)
	}
	return iv, err
}

func (s watchedStore) SaveLibraryItem(ctx context.Context, it *followup.LibraryItem) error {
	err := s.Store.SaveLibraryItem(ctx, it)
	if err == nil {
		s.changed(it.Student)
	}
	return err
}

func (s watchedStore) DeleteLibraryItem(ctx context.Context, owner followup.UserID, id int64) error {
	err := s.Store.DeleteLibraryItem(ctx, owner, id)
	if err == nil {
		s.changed(owner)
	}
	return err
}

func (s watchedStore) CopyCommunityItem(ctx context.Context, owner followup.UserID, id int64) (followup.LibraryItem, error) {
	it, err := s.Store.CopyCommunityItem(ctx, owner, id)
	if err == nil {
		s.changed(owner)
	}
	return it, err
}
