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

-- The stats read a team's interviews student by student, and the drafts
-- made in a period. The interview index covers both stats queries and
-- hands rows over in GROUP BY order (student, diagnosis, wait), so SQLite
-- neither looks up table rows nor sorts: /followup stats over 100,000
-- interviews costs one pass over the index.
CREATE INDEX interviews_stats ON interviews (team_id, user_id, diagnosis, second_waited,
    second_sent_date, stage, updated_at, created_at, second_due);
CREATE INDEX drafts_created ON drafts (created_at, interview_id);

-- +goose Down
DROP INDEX drafts_created;
DROP INDEX interviews_stats;
DROP TABLE stage_changes;
ALTER TABLE interviews DROP COLUMN second_waited;
ALTER TABLE students DROP COLUMN stats_opt_out;
