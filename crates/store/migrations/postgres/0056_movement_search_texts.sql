-- The folded search key (as in 0052) of the houses of great solidarity (the household) and the
-- new-rural contributions (what they were for), for their lists' search boxes. Written with
-- each record; older rows are folded right after migrating.
ALTER TABLE houses ADD COLUMN search_text TEXT;
ALTER TABLE rural_contributions ADD COLUMN search_text TEXT;
