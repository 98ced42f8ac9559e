-- The folded search key (as in 0052) of the other record lists with a search box: reception
-- sessions (receiver, position, note), movements (name, description), disclosures (title,
-- content, decision, place), resident decisions (title, notes), consultations (title, summary),
-- ordered tasks (orderer, contractor, content, project), supervisions (organisation, subject,
-- topic, conclusions), contributions (organisation, document) and GPMB projects (name, scale,
-- investor). Written by the store with each record; the rows already stored are folded right
-- after migrating.
ALTER TABLE reception_sessions ADD COLUMN search_text TEXT;
ALTER TABLE movements ADD COLUMN search_text TEXT;
ALTER TABLE disclosures ADD COLUMN search_text TEXT;
ALTER TABLE resident_decisions ADD COLUMN search_text TEXT;
ALTER TABLE consultations ADD COLUMN search_text TEXT;
ALTER TABLE ordered_tasks ADD COLUMN search_text TEXT;
ALTER TABLE supervisions ADD COLUMN search_text TEXT;
ALTER TABLE contributions ADD COLUMN search_text TEXT;
ALTER TABLE gpmb_projects ADD COLUMN search_text TEXT;
