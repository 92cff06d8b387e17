-- Confirmation emails wait here and are sent by a background job, so POST /subscriptions answers in the same
-- time whether or not the address was known. The token is kept only until its email has been sent.
CREATE SEQUENCE confirmation_mail_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE confirmation_mail (
    id              BIGINT PRIMARY KEY,
    subscriber_id   BIGINT       NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    token           VARCHAR(64)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX confirmation_mail_due_idx ON confirmation_mail (next_attempt_at);
