-- The syndicated-copy check compares a new post's SimHash with those of every post published within 60 days.
-- Reading them from entry meant reading whole rows, bodies included (H2 keeps a row together): a narrow table
-- keeps that check cheap as the store grows. entry.content_fingerprint stays the post's own value.
CREATE TABLE entry_fingerprint (
    entry_id     BIGINT PRIMARY KEY REFERENCES entry (id),
    fingerprint  BIGINT NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX entry_fingerprint_published_idx ON entry_fingerprint (published_at);

INSERT INTO entry_fingerprint (entry_id, fingerprint, published_at)
SELECT id, content_fingerprint, published_at FROM entry WHERE content_fingerprint <> 0;
