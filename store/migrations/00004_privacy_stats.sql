-- Students own their data; staff see only numbers (issue 9).
--
-- stage_changes is the history a student exports: every stage an interview
-- entered and when. It has no id of its own (plain SQL for SQLite and
-- PostgreSQL alike); rows of one interview sort by changed_at.
-- second_waited (below) and stats_opt_out keep the numbers cheap and honest:
-- stats_opt_out keeps a student out of the career center's anonymous
-- numbers; counting is on by default.

-- +goose Up
ALTER TABLE students ADD COLUMN stats_opt_out BOOLEAN NOT NULL DEFAULT FALSE;
-- Business days from the first follow-up to the second, set with
-- second_sent_date on the student's calendar, so the stats need no calendar.
ALTER TABLE interviews ADD COLUMN second_waited INTEGER;

CREATE TABLE stage_changes (
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    stage        TEXT    NOT NULL,
    changed_at   TEXT    NOT NULL
);

CREATE INDEX stage_changes_interview ON stage_changes (interview_id, changed_at);

-- The stats read a team's interviews touched since a period began, its
-- second follow-ups sent in the period and the drafts made in it. The two
-- interview indexes cover their queries (no table lookups): about half
-- the SQLite time of /followup stats over 100,000 interviews.
CREATE INDEX interviews_team_updated ON interviews (team_id, updated_at, user_id, created_at, second_due, stage);
CREATE INDEX interviews_team_sent ON interviews (team_id, second_sent_date, user_id, diagnosis, second_waited, stage);
CREATE INDEX drafts_created ON drafts (created_at);

-- +goose Down
DROP INDEX drafts_created;
DROP INDEX interviews_team_sent;
DROP INDEX interviews_team_updated;
DROP TABLE stage_changes;
ALTER TABLE interviews DROP COLUMN second_waited;
ALTER TABLE students DROP COLUMN stats_opt_out;
