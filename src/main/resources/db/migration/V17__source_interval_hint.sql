-- Politeness: a publisher's hint of how often to poll (Cache-Control max-age, RSS ttl, sy:updatePeriod with
-- sy:updateFrequency) is a lower bound on the feed's interval, capped at hallway.poll.max-hint. The feed's own hints
-- are kept as written (a 304 or an unchanged body brings none, and they still apply); interval_hint_from and
-- interval_hint_seconds say which hint applied and what it asked for (capped), interval_hint_note what was ignored
-- and why, for GET /sources.
ALTER TABLE source ADD COLUMN feed_ttl VARCHAR(80);
ALTER TABLE source ADD COLUMN feed_update_period VARCHAR(80);
ALTER TABLE source ADD COLUMN feed_update_frequency VARCHAR(80);
ALTER TABLE source ADD COLUMN interval_hint_from VARCHAR(32);
ALTER TABLE source ADD COLUMN interval_hint_seconds BIGINT;
ALTER TABLE source ADD COLUMN interval_hint_note VARCHAR(1000);
