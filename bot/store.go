package bot

import (
	"context"

	"github.com/followup-coach/followup/followup"
)

// Store is the persistence the bot's handlers need. store.DB implements it.
type Store interface {
	EnsureStudent(ctx context.Context, id followup.UserID, tz string, settings followup.Settings, starters []followup.LibraryItem) (followup.Student, bool, error)
	Student(ctx context.Context, id followup.UserID) (followup.Student, error)
	UpdateStudent(ctx context.Context, id followup.UserID, fn func(*followup.Student) error, plan func(followup.Student, *followup.Interview)) (followup.Student, int, error)

	CreateInterview(ctx context.Context, iv *followup.Interview) error
	Interview(ctx context.Context, id int64) (followup.Interview, error)
	ListInterviews(ctx context.Context, owner followup.UserID, limit int) ([]followup.Interview, error)
	UpdateInterview(ctx context.Context, owner followup.UserID, id int64, fn func(*followup.Interview) error) (followup.Interview, error)

	Draft(ctx context.Context, owner followup.UserID, id int64) (followup.Draft, error)
	SaveDraft(ctx context.Context, d *followup.Draft) error

	LibraryItems(ctx context.Context, owner followup.UserID) ([]followup.LibraryItem, error)
	LibraryItem(ctx context.Context, owner followup.UserID, id int64) (followup.LibraryItem, error)
	SaveLibraryItem(ctx context.Context, it *followup.LibraryItem) error
	DeleteLibraryItem(ctx context.Context, owner followup.UserID, id int64) error

	CareerCenterStore
}

// CareerCenterStore is what the staff role and the community library need.
type CareerCenterStore interface {
	UsableLibraryItem(ctx context.Context, owner followup.UserID, id int64) (followup.LibraryItem, error)
	CommunityItems(ctx context.Context, team string) ([]followup.LibraryItem, error)
	CommunityItem(ctx context.Context, team string, id int64) (followup.LibraryItem, error)
	SaveCommunityItem(ctx context.Context, it *followup.LibraryItem) error
	RetireCommunityItem(ctx context.Context, team string, id int64) error
	CopyCommunityItem(ctx context.Context, owner followup.UserID, id int64) (followup.LibraryItem, error)

	GrantStaff(ctx context.Context, g *followup.StaffGrant) (bool, error)
	RevokeStaff(ctx context.Context, id followup.UserID) (bool, error)
	StaffGrants(ctx context.Context, team string) ([]followup.StaffGrant, error)
	IsGrantedStaff(ctx context.Context, id followup.UserID) (bool, error)
}
