CREATE SEQUENCE entry_seq START WITH 1 INCREMENT BY 50;

-- One row per post, whichever feeds carry it. dedupe_key is the SHA-256 of the canonical URL
-- (or of the GUID / title+content fallback for items without a link).
CREATE TABLE entry (
    id             BIGINT PRIMARY KEY,
    dedupe_key     VARCHAR(64)   NOT NULL,
    canonical_url  VARCHAR(4096) NOT NULL,
    url            VARCHAR(4096),
    guid           VARCHAR(2048),
    source_id      BIGINT        NOT NULL REFERENCES source (id),
    title          VARCHAR(2048) NOT NULL,
    authors        VARCHAR(4000),
    published_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    date_missing   BOOLEAN       NOT NULL,
    date_clamped   BOOLEAN       NOT NULL,
    language       VARCHAR(35),
    tags           VARCHAR(4000),
    summary        VARCHAR(4000),
    content_html   TEXT,
    content_hash   VARCHAR(64)   NOT NULL,
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT entry_dedupe_key_uk UNIQUE (dedupe_key)
);

CREATE INDEX entry_published_idx ON entry (published_at, id);
CREATE INDEX entry_changed_idx ON entry (changed_at);

-- Every feed that carried a post, with when it was first and last seen there.
CREATE TABLE sighting (
    entry_id      BIGINT        NOT NULL REFERENCES entry (id),
    source_id     BIGINT        NOT NULL REFERENCES source (id),
    guid          VARCHAR(2048),
    url           VARCHAR(4096),
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (entry_id, source_id)
);

CREATE INDEX sighting_source_idx ON sighting (source_id);
