-- The coach's words: one point from the conversation that the draft may
-- quote (notes stay private), and whether a thank-you note was logged at
-- all, so that a draft never mentions one that was not sent. Interviews
-- logged before this had the thank-you date filled in by the modal.

-- +goose Up
ALTER TABLE interviews ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN thank_you_logged BOOLEAN NOT NULL DEFAULT TRUE;

-- +goose Down
ALTER TABLE interviews DROP COLUMN thank_you_logged;
ALTER TABLE interviews DROP COLUMN topic;
