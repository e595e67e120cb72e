-- The PostgreSQL twin of sqlite/00002_topic_thank_you.sql: the point from
-- the conversation a draft may quote, and whether a thank-you was logged.

-- +goose Up
ALTER TABLE interviews ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN thank_you_logged BOOLEAN NOT NULL DEFAULT TRUE;

-- +goose Down
ALTER TABLE interviews DROP COLUMN thank_you_logged;
ALTER TABLE interviews DROP COLUMN topic;
