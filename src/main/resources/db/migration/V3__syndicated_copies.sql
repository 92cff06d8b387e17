-- SimHash of the post's text: finds the same post published under another URL (syndication, cross-posts).
ALTER TABLE entry ADD COLUMN content_fingerprint BIGINT NOT NULL DEFAULT 0;

-- Other dedupe keys (URLs) under which a stored post was seen.
CREATE TABLE entry_alias (
    dedupe_key    VARCHAR(64)   PRIMARY KEY,
    entry_id      BIGINT        NOT NULL REFERENCES entry (id),
    canonical_url VARCHAR(4096) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX entry_alias_entry_idx ON entry_alias (entry_id);
