-- How many consistency warnings a meeting's hand-entered opinion counts raise against their
-- parts and its recorded items (danvan_domain::meeting::check_counts), kept by the store in the
-- transaction that records the meeting or adds items to it. Reports list the inconsistent
-- meetings of a period; this column lets them read only those (a handful) instead of every
-- meeting with typed counts (≈ 20.000 a province-year in the benchmark, and the old read stopped
-- at the first 1.000 of them, so later warnings were missed). The warnings themselves are still
-- computed from the counts when read; the column only narrows the search.
--   -1  not checked yet: set here, then checked by the store right after migrating
--    0  consistent, or no hand-entered counts (a meeting without typed counts cannot be
--       inconsistent, so those are settled here without the store)
--   >0  that many warnings
ALTER TABLE meetings ADD COLUMN count_warnings INTEGER NOT NULL DEFAULT -1;
UPDATE meetings SET count_warnings = 0
WHERE opinions_total IS NULL AND opinions_collected IS NULL AND opinions_direct IS NULL;
CREATE INDEX meetings_count_warnings ON meetings (held_on, id) WHERE count_warnings <> 0;
