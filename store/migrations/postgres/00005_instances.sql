-- Claims that survive any instance's death. A claim names the instance
-- that holds it and a lease that instance renews while the send is in
-- flight; a claim whose lease ran out (its holder died, or let it go on
-- purpose) comes back as unsure, to be checked against the DM's history.
-- instances is where live instances say so, to share Slack's send rate.
-- submissions keeps, for a day, the keys of the Slack submissions already
-- saved, so one that Slack delivers again (to any instance) is saved once.
--
-- Numbered 00005 so that 00003 (staff roles, library) and 00004 (export,
-- erase) of parallel work keep their numbers.

-- +goose Up
ALTER TABLE nudges ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE nudges ADD COLUMN lease_until TEXT COLLATE "C";
-- Claims from before leases are past their lease: checked, then sent.
UPDATE nudges SET lease_until = claimed_at WHERE status = 'claimed';
DROP INDEX nudges_claimed;
-- Expired claims are few; a partial index keeps finding them cheap.
CREATE INDEX nudges_lease ON nudges (status, lease_until, id) WHERE status = 'claimed';
-- A heartbeat renews what its instance holds.
CREATE INDEX nudges_holder ON nudges (claimed_by) WHERE status = 'claimed';

CREATE TABLE instances (
    id         TEXT NOT NULL PRIMARY KEY,
    started_at TEXT COLLATE "C" NOT NULL,
    seen_at    TEXT COLLATE "C" NOT NULL
);

CREATE TABLE submissions (
    key     TEXT NOT NULL PRIMARY KEY,
    seen_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX submissions_seen ON submissions (seen_at);

-- +goose Down
DROP TABLE submissions;
DROP TABLE instances;
DROP INDEX nudges_holder;
DROP INDEX nudges_lease;
CREATE INDEX nudges_claimed ON nudges (status, claimed_at, id) WHERE status = 'claimed';
ALTER TABLE nudges DROP COLUMN lease_until;
ALTER TABLE nudges DROP COLUMN claimed_by;
