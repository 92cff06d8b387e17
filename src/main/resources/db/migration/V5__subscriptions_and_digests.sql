CREATE SEQUENCE subscriber_seq START WITH 1 INCREMENT BY 50;

-- An email address and what it follows. Nothing else about a person is kept.
CREATE TABLE subscriber (
    id                 BIGINT PRIMARY KEY,
    email              VARCHAR(320) NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    series             VARCHAR(4000),
    confirm_token_hash VARCHAR(64),
    confirm_expires_at TIMESTAMP WITH TIME ZONE,
    confirm_sent_at    TIMESTAMP WITH TIME ZONE,
    confirmed_at       TIMESTAMP WITH TIME ZONE,
    unsubscribed_at    TIMESTAMP WITH TIME ZONE,
    bounces            INTEGER      NOT NULL DEFAULT 0,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT subscriber_email_uk UNIQUE (email)
);

CREATE INDEX subscriber_confirm_idx ON subscriber (confirm_token_hash);

-- One digest per ISO week, built once: the groups it holds are frozen here, so the archive and every
-- message of the week show the same thing.
CREATE TABLE digest (
    week         VARCHAR(8)   PRIMARY KEY,
    period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end   TIMESTAMP WITH TIME ZONE NOT NULL,
    built_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    subject      VARCHAR(400) NOT NULL,
    reports      INTEGER      NOT NULL,
    conferences  INTEGER      NOT NULL,
    content      TEXT         NOT NULL
);

CREATE SEQUENCE outbox_seq START WITH 1 INCREMENT BY 50;

-- One message per (week, subscriber). A row that was sent is never sent again.
CREATE TABLE outbox (
    id              BIGINT PRIMARY KEY,
    week            VARCHAR(8)   NOT NULL REFERENCES digest (week),
    subscriber_id   BIGINT       NOT NULL REFERENCES subscriber (id),
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner     VARCHAR(128),
    lease_until     TIMESTAMP WITH TIME ZONE,
    message_id      VARCHAR(300),
    last_error      VARCHAR(2000),
    sent_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT outbox_week_subscriber_uk UNIQUE (week, subscriber_id)
);

CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
