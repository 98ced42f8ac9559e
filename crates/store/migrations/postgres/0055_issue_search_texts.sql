-- The folded search key (as in 0052) of the register of hot, pressing and long-running issues:
-- title, description and place, for the register's search box. Written with each issue; older
-- rows are folded right after migrating.
ALTER TABLE hot_issues ADD COLUMN search_text TEXT;
