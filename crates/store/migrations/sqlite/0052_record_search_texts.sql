-- The folded search key (danvan_domain::text::fold: no diacritics, đ → d, lower case) of the
-- meetings (topic, organiser, place, GPMB project), the directive register (symbol, title) and
-- the "Dân vận khéo" models (name, owner, organisation, description), so their list's search
-- box finds "Đối thoại" from "doi thoai" as the petitions' does.
-- Written by the store with each record; NULL until then: the rows already stored are folded by
-- the store right after migrating (SQL cannot fold Vietnamese).
ALTER TABLE meetings ADD COLUMN search_text TEXT;
ALTER TABLE directives ADD COLUMN search_text TEXT;
ALTER TABLE dvk_models ADD COLUMN search_text TEXT;
