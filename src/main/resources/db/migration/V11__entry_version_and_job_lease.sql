-- An optimistic version on entry rows: a poll storing a new copy of a post, an operator's pin and a reclassification
-- after a catalogue edit may touch the same row at the same moment; the one that read an older version retries
-- instead of writing over the other's change.
ALTER TABLE entry ADD COLUMN row_version BIGINT DEFAULT 0 NOT NULL;

-- Work that one instance does for all (classifying every stored entry again after a catalogue edit): whoever holds
-- the lease does it, and another instance goes on from `progress` if the holder stops before the end.
CREATE TABLE job_lease (
    name        VARCHAR(100) PRIMARY KEY,
    target      VARCHAR(400),
    progress    BIGINT DEFAULT -1 NOT NULL,
    lease_owner VARCHAR(128),
    lease_until TIMESTAMP WITH TIME ZONE
);
