-- Full text for summary-only feeds. source.fulltext is feeds.yaml's `fulltext:` (NULL: not set, detection decides);
-- fulltext_detected / fulltext_note are what the last parsed body looked like ("every one of the 10 items is a short
-- excerpt ending in […]"), shown by GET /sources.
ALTER TABLE source ADD COLUMN fulltext BOOLEAN;
ALTER TABLE source ADD COLUMN fulltext_detected BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE source ADD COLUMN fulltext_note VARCHAR(512);

-- One row per post whose page is (to be) fetched for its full text: a new post of a summary-only feed. status is
-- pending (to fetch, perhaps after failed attempts), done (the entry shows the page's text) or failed (gave up after
-- hallway.fulltext.max-attempts; the entry keeps the feed's excerpt). etag / last_modified are the page's validators,
-- sent when the page is fetched again (the feed edited the post) so an unchanged page costs a 304.
CREATE TABLE entry_page (
    entry_id      BIGINT PRIMARY KEY REFERENCES entry (id),
    source_id     BIGINT        NOT NULL REFERENCES source (id),
    status        VARCHAR(16)   NOT NULL,
    attempts      INTEGER DEFAULT 0 NOT NULL,
    last_error    VARCHAR(2000),
    etag          VARCHAR(1024),
    last_modified VARCHAR(256),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    fetched_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX entry_page_due_idx ON entry_page (source_id, status);
