-- Which feed's copy of a post an entry shows when several feeds carry the same URL: the copy from the post's own
-- site (content_from_site), else the fuller one. Another feed's copy no longer overwrites it on every poll.
-- NULL (entries stored before this version, or by an older instance during a rolling upgrade): source_id's copy.
ALTER TABLE entry ADD COLUMN content_source_id BIGINT REFERENCES source (id);
ALTER TABLE entry ADD COLUMN content_from_site BOOLEAN DEFAULT FALSE NOT NULL;
