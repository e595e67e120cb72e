package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/followup-coach/followup/export"
	"github.com/followup-coach/followup/followup"
	"github.com/followup-coach/followup/messages"
)

// PrivacyStore is what export, forget and the stats need of the store.
type PrivacyStore interface {
	ExportStudent(ctx context.Context, id followup.UserID) (followup.Record, error)
	EraseStudent(ctx context.Context, id followup.UserID) (followup.Erased, error)
	StatsActivity(ctx context.Context, team string, from, to time.Time) ([]followup.StudentActivity, error)
}

// gates serialise, per student, a nudge's last check and its post with
// forgetting that student: a nudge either goes out before the erase, or
// finds the student gone and is never sent. Striped, so memory stays
// bounded however many students there are.
type gates struct {
	seed  maphash.Seed
	locks [64]sync.Mutex
}

func newGates() *gates { return &gates{seed: maphash.MakeSeed()} }

// lock locks the student's gate and returns its unlock.
func (g *gates) lock(id followup.UserID) func() {
	var h maphash.Hash
	h.SetSeed(g.seed)
	h.WriteString(id.Team)
	h.WriteString(id.User)
	m := &g.locks[h.Sum64()%uint64(len(g.locks))]
	m.Lock()
	return m.Unlock
}

// cmdExport sends the student their record as a CSV and a JSON file in
// their DM.
func (b *Bot) cmdExport(ctx context.Context, cmd slack.SlashCommand, _ string) {
	id := followup.UserID{Team: cmd.TeamID, User: cmd.UserID}
	rec, err := b.store.ExportStudent(ctx, id)
	if errors.Is(err, followup.ErrNotFound) {
		b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.ExportNothing())
		return
	}
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "export: read", err)
		return
	}
	loc := b.location(rec.Student)
	csvData, err := export.CSV(rec, loc)
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "export: csv", err)
		return
	}
	jsonData, err := export.JSON(rec, loc, b.now())
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "export: json", err)
		return
	}
	err = b.uploadToDM(ctx, cmd.UserID, messages.ExportComment(), []upload{
		{messages.ExportCSVName, "Your follow-up record (spreadsheet)", csvData},
		{messages.ExportJSONName, "Your follow-up record (JSON)", jsonData},
	})
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "export: upload", err)
		return
	}
	b.log.Info("student exported their data", "team", id.Team, "user", id.User, "interviews", len(rec.Interviews))
	b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.ExportSent(len(rec.Interviews)))
}

// upload is one file to share.
type upload struct {
	name, title string
	content     []byte
}

// uploadToDM shares files in the user's DM with files.uploadV2, the
// comment above the first.
func (b *Bot) uploadToDM(ctx context.Context, userID, comment string, files []upload) error {
	channel, err := dmChannel(ctx, b.api, userID)
	if err != nil {
		return err
	}
	for i, f := range files {
		p := slack.UploadFileParameters{
			Filename: f.name, Title: f.title, FileSize: len(f.content),
			Reader: bytes.NewReader(f.content), Channel: channel,
		}
		if i == 0 {
			p.InitialComment = comment
		}
		if _, err := b.api.UploadFileContext(ctx, p); err != nil {
			return fmt.Errorf("files.uploadV2 %s: %w", f.name, err)
		}
	}
	return nil
}

// cmdForget opens the confirm modal, which says exactly what will go.
func (b *Bot) cmdForget(ctx context.Context, cmd slack.SlashCommand, _ string) {
	rec, err := b.store.ExportStudent(ctx, followup.UserID{Team: cmd.TeamID, User: cmd.UserID})
	if errors.Is(err, followup.ErrNotFound) {
		b.say(ctx, cmd.ResponseURL, cmd.UserID, messages.Forgotten(nil))
		return
	}
	if err != nil {
		b.fail(ctx, cmd.ResponseURL, cmd.UserID, "forget: read", err)
		return
	}
	b.openModal(ctx, cmd.TriggerID, cmd.ResponseURL, cmd.UserID, messages.ForgetModal(messages.HoldingsOf(rec)))
}

// submitForget closes the modal at once and erases after the ack: the
// erase may wait for a nudge on its way, longer than Slack waits for the
// ack. The student hears what was erased by DM.
func (b *Bot) submitForget(_ context.Context, cb slack.InteractionCallback) (*slack.ViewSubmissionResponse, func(context.Context)) {
	id := followup.UserID{Team: cb.Team.ID, User: cb.User.ID}
	return nil, func(ctx context.Context) {
		erased, err := b.forget(ctx, id, "asked")
		if err != nil {
			b.fail(ctx, "", cb.User.ID, "forget: erase", err)
			return
		}
		if _, _, err := b.dm(ctx, cb.User.ID, messages.Forgotten(erased)); err != nil {
			b.log.Error("forget: confirmation DM", "err", err)
		}
		// The Home still shows the interviews; show it empty.
		b.homes.now(ctx, id, 0, "")
	}
}

// forget erases every row of a student in one transaction, behind the
// student's gate so no nudge is half way out, and logs one line with the
// user id and the counts, nothing else.
func (b *Bot) forget(ctx context.Context, id followup.UserID, why string) (followup.Erased, error) {
	unlock := b.gates.lock(id)
	defer unlock()
	erased, err := b.store.EraseStudent(ctx, id)
	if err != nil {
		return nil, err
	}
	attrs := []any{"team", id.Team, "user", id.User, "why", why}
	for table, n := range erased {
		attrs = append(attrs, table, n)
	}
	b.log.Info("student forgotten", attrs...)
	return erased, nil
}
