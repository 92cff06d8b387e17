-- What a subscriber receives is the list of series in subscriber.series (one slug per line; none: all series, new
-- ones included). Since V15 a subscriber changes it on the preferences page, where a choice of many series can outgrow
-- the 4,000 characters V5 gave the column: widen it (a metadata change on PostgreSQL, no table rewrite).
ALTER TABLE subscriber ALTER COLUMN series SET DATA TYPE VARCHAR(60000);
