-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

CREATE SEQUENCE source_seq START WITH 1 INCREMENT BY 50;

-- One followed feed. config_url ties it to its line in feeds.yaml; url is where it is fetched from now
-- (it moves after a chain of permanent redirects).
CREATE TABLE source (
    id                   BIGINT PRIMARY KEY,
    config_url           VARCHAR(2048) NOT NULL,
    url                  VARCHAR(2048) NOT NULL,
    name                 VARCHAR(512),
    title                VARCHAR(1024),
    site_url             VARCHAR(2048),
    tags                 VARCHAR(4000),
    conference_hint      VARCHAR(256),
    interval_seconds     BIGINT        NOT NULL,
    config_fingerprint   VARCHAR(64)   NOT NULL,
    active               BOOLEAN       NOT NULL,
    enabled              BOOLEAN       NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    disabled_reason      VARCHAR(1024),
    etag                 VARCHAR(1024),
    last_modified        VARCHAR(256),
    body_hash            VARCHAR(64),
    last_polled_at       TIMESTAMP WITH TIME ZONE,
    last_success_at      TIMESTAMP WITH TIME ZONE,
    last_http_status     INTEGER,
    last_error           VARCHAR(2048),
    consecutive_failures INTEGER       NOT NULL,
    next_poll_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner          VARCHAR(128),
    lease_until          TIMESTAMP WITH TIME ZONE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT source_config_url_uk UNIQUE (config_url)
);

CREATE INDEX source_due_idx ON source (next_poll_at);

CREATE SEQUENCE poll_seq START WITH 1 INCREMENT BY 50;

-- One row per poll attempt: what happened, so /sources and operators can see the history.
CREATE TABLE poll (
    id              BIGINT PRIMARY KEY,
    source_id       BIGINT       NOT NULL REFERENCES source (id),
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms     BIGINT       NOT NULL,
    result          VARCHAR(16)  NOT NULL,
    http_status     INTEGER,
    bytes           BIGINT       NOT NULL,
    entries_found   INTEGER      NOT NULL,
    entries_new     INTEGER      NOT NULL,
    entries_updated INTEGER      NOT NULL,
    instance        VARCHAR(128),
    error           VARCHAR(2048)
);

CREATE INDEX poll_source_idx ON poll (source_id, started_at);
