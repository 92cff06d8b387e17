-- The conference edition each entry reports on (null: not a report), with the evidence for the decision.
ALTER TABLE entry ADD COLUMN conference_slug VARCHAR(200);
ALTER TABLE entry ADD COLUMN conference_series VARCHAR(200);
ALTER TABLE entry ADD COLUMN conference_series_name VARCHAR(300);
ALTER TABLE entry ADD COLUMN conference_edition VARCHAR(100);
ALTER TABLE entry ADD COLUMN conference_name VARCHAR(400);
ALTER TABLE entry ADD COLUMN conference_year INTEGER;
ALTER TABLE entry ADD COLUMN conference_confidence DOUBLE PRECISION;
ALTER TABLE entry ADD COLUMN conference_detected BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE entry ADD COLUMN conference_inferred BOOLEAN NOT NULL DEFAULT FALSE;
-- set by an operator: reclassification leaves the entry alone
ALTER TABLE entry ADD COLUMN conference_pinned BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE entry ADD COLUMN conference_evidence TEXT;

CREATE INDEX entry_conference_idx ON entry (conference_slug);
CREATE INDEX entry_conference_series_idx ON entry (conference_series);

-- Small facts the service keeps about itself, such as the catalogue version entries were classified with.
CREATE TABLE app_state (
    state_key   VARCHAR(100) PRIMARY KEY,
    state_value VARCHAR(4000),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
