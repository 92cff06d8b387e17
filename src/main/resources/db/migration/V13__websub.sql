-- WebSub, both ways (README "WebSub").
-- A feed that a hub pushes to is polled only as a safety net: push_poll_interval_seconds is the interval in force
-- while its WebSub subscription is active (null: none, the feed's own interval), push says how pushing goes.
ALTER TABLE source ADD COLUMN push_poll_interval_seconds BIGINT;
ALTER TABLE source ADD COLUMN push VARCHAR(2048);

-- Our subscriptions to the hubs that followed feeds advertise; the callback is /websub/callback/{id}.
-- pending_mode: the request we sent and whose verification of intent we expect (subscribe, unsubscribe), else null.
CREATE SEQUENCE websub_subscription_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE websub_subscription (
    id            BIGINT PRIMARY KEY,
    source_id     BIGINT NOT NULL,
    hub           VARCHAR(2048) NOT NULL,
    topic         VARCHAR(2048) NOT NULL,
    secret        VARCHAR(200) NOT NULL,
    state         VARCHAR(20) NOT NULL,
    pending_mode  VARCHAR(20),
    requested_at  TIMESTAMP WITH TIME ZONE,
    lease_until   TIMESTAMP WITH TIME ZONE,
    renew_at      TIMESTAMP WITH TIME ZONE,
    last_push_at  TIMESTAMP WITH TIME ZONE,
    last_error    VARCHAR(2048),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX websub_subscription_source ON websub_subscription (source_id);

-- Subscribers to our own hub (/websub/hub). key_hash: SHA-256 of topic and callback, the one row per pair.
-- delivered_hash: what the subscriber last received (or saw when it subscribed), so a push goes out once per change.
CREATE SEQUENCE websub_subscriber_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE websub_subscriber (
    id              BIGINT PRIMARY KEY,
    key_hash        VARCHAR(64) NOT NULL UNIQUE,
    topic           VARCHAR(2048) NOT NULL,
    callback        VARCHAR(2048) NOT NULL,
    callback_host   VARCHAR(255) NOT NULL,
    secret          VARCHAR(200),
    state           VARCHAR(20) NOT NULL,
    lease_until     TIMESTAMP WITH TIME ZONE,
    delivered_hash  VARCHAR(64),
    failures        INTEGER DEFAULT 0 NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(2048),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX websub_subscriber_host ON websub_subscriber (callback_host);
