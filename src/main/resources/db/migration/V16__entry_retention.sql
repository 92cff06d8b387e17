-- Retention (hallway.retention.entries): an entry older than that loses its text (content_html, summary, the
-- classifier's evidence) but keeps its row, dedupe key, content hash and fingerprint, so the post is never stored
-- again; pruned_at says when, so the store never brings the text back and the pages know it is gone.
ALTER TABLE entry ADD COLUMN pruned_at TIMESTAMP WITH TIME ZONE;

-- The pruner's question, "not pruned yet and published before the cut-off", answered from the index.
CREATE INDEX entry_unpruned_idx ON entry (pruned_at, published_at);
