-- The career-center edition: a community library that staff publish for
-- every student of the team, and the staff role granted with
-- "/followup staff add".
--
-- A community item is a library_items row with community = TRUE whose
-- user_id is the staff member who published it: drafts that use it point
-- at it like at any item, and keep their text. Retired items stay (with
-- retired_at set) so nothing that used them loses its history.

-- +goose Up
ALTER TABLE library_items ADD COLUMN community BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE library_items ADD COLUMN for_diagnosis TEXT NOT NULL DEFAULT '';
ALTER TABLE library_items ADD COLUMN for_level TEXT NOT NULL DEFAULT '';
ALTER TABLE library_items ADD COLUMN retired_at TEXT;

-- CommunityItems: a team's offered items, oldest first.
CREATE INDEX library_items_community ON library_items (team_id, id) WHERE community;

CREATE TABLE staff_grants (
    team_id    TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);

-- +goose Down
DROP TABLE staff_grants;
DROP INDEX library_items_community;
ALTER TABLE library_items DROP COLUMN retired_at;
ALTER TABLE library_items DROP COLUMN for_level;
ALTER TABLE library_items DROP COLUMN for_diagnosis;
ALTER TABLE library_items DROP COLUMN community;
