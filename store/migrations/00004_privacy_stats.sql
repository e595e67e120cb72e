-- Students own their data; staff see only numbers (issue 9).
--
-- stage_changes is the history a student exports: every stage an interview
-- entered and when. It has no id of its own (plain SQL for SQLite and
-- PostgreSQL alike); rows of one interview sort by changed_at.
-- stats_opt_out keeps a student out of the career center's anonymous
-- numbers; counting is on by default.

-- +goose Up
ALTER TABLE students ADD COLUMN stats_opt_out BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE stage_changes (
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    stage        TEXT    NOT NULL,
    changed_at   TEXT    NOT NULL
);

CREATE INDEX stage_changes_interview ON stage_changes (interview_id, changed_at);

-- The stats read the interviews of one team touched since a period began.
CREATE INDEX interviews_team_updated ON interviews (team_id, updated_at);

-- +goose Down
DROP INDEX interviews_team_updated;
DROP TABLE stage_changes;
ALTER TABLE students DROP COLUMN stats_opt_out;
