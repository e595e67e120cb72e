-- The first schema: students, their interviews, the nudges planned for
-- them, the library of helpful items and the drafts.
--
-- Times are fixed-width UTC text ("2006-01-02T15:04:05.000000000Z") so that
-- text order is time order; dates are "YYYY-MM-DD". Both read well in the
-- sqlite3 shell and map onto timestamptz/date when PostgreSQL arrives.

-- +goose Up
CREATE TABLE students (
    team_id            TEXT    NOT NULL,
    user_id            TEXT    NOT NULL,
    tz                 TEXT    NOT NULL DEFAULT '',
    wait_business_days INTEGER NOT NULL,
    nudge_hour         INTEGER NOT NULL,
    calendar           TEXT    NOT NULL DEFAULT '',
    career_level       TEXT    NOT NULL,
    paused             BOOLEAN NOT NULL DEFAULT FALSE,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE interviews (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id              TEXT NOT NULL,
    user_id              TEXT NOT NULL,
    company              TEXT NOT NULL,
    role                 TEXT NOT NULL,
    interviewer_name     TEXT NOT NULL DEFAULT '',
    interviewer_email    TEXT NOT NULL DEFAULT '',
    notes                TEXT NOT NULL DEFAULT '',
    interview_date       TEXT,
    first_follow_up_date TEXT,
    decision_date        TEXT,
    stage                TEXT NOT NULL,
    stage_before_snooze  TEXT NOT NULL DEFAULT '',
    snoozed_until        TEXT,
    diagnosis            TEXT NOT NULL DEFAULT '',
    second_due           TEXT,
    second_sent_date     TEXT,
    next_nudge_at        TEXT,
    next_nudge_kind      TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    FOREIGN KEY (team_id, user_id) REFERENCES students (team_id, user_id)
);

-- ListInterviews: newest first per student.
CREATE INDEX interviews_student_date ON interviews (team_id, user_id, interview_date DESC, id DESC);

CREATE TABLE nudges (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('second_follow_up', 'closing_note')),
    -- planned_at is the interview's NextNudgeAt this nudge was made for;
    -- due_at moves on a retry, planned_at never does.
    planned_at   TEXT    NOT NULL,
    due_at       TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'claimed', 'sent', 'cancelled')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT    NOT NULL DEFAULT '',
    claimed_at   TEXT,
    channel      TEXT    NOT NULL DEFAULT '',
    ts           TEXT    NOT NULL DEFAULT '',
    sent_at      TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

-- The dispatcher's scan: a seek to status = 'pending' AND due_at <= now,
-- so it costs O(due), not O(interviews).
CREATE INDEX nudges_status_due ON nudges (status, due_at, id);
-- Stale claims are few; a partial index keeps finding them cheap.
CREATE INDEX nudges_claimed ON nudges (status, claimed_at, id) WHERE status = 'claimed';
CREATE INDEX nudges_interview ON nudges (interview_id, id);
-- At most one nudge per interview is waiting or in flight.
CREATE UNIQUE INDEX nudges_one_active ON nudges (interview_id) WHERE status IN ('pending', 'claimed');

CREATE TABLE library_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id    TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    summary    TEXT    NOT NULL DEFAULT '',
    link       TEXT    NOT NULL DEFAULT '',
    starter    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    FOREIGN KEY (team_id, user_id) REFERENCES students (team_id, user_id)
);

CREATE INDEX library_items_student ON library_items (team_id, user_id, id);

CREATE TABLE drafts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id    INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    diagnosis       TEXT    NOT NULL DEFAULT '',
    -- A deleted library item leaves its drafts as they are, without the link.
    library_item_id INTEGER REFERENCES library_items (id) ON DELETE SET NULL,
    subject         TEXT    NOT NULL DEFAULT '',
    body            TEXT    NOT NULL DEFAULT '',
    edited          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE INDEX drafts_interview_kind ON drafts (interview_id, kind, id);
CREATE INDEX drafts_library_item ON drafts (library_item_id);

-- +goose Down
DROP TABLE drafts;
DROP TABLE library_items;
DROP TABLE nudges;
DROP TABLE interviews;
DROP TABLE students;
