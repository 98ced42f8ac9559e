-- The folded search key (as in 0052) of the reports on the people's situation (summary and the
-- issues they raise), for their list's search box. Written with each report; older rows are
-- folded right after migrating.
ALTER TABLE situation_reports ADD COLUMN search_text TEXT;
