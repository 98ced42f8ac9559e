-- Open cases (not linked duplicates) counted per unit, and per current deadline and unit, kept
-- by a trigger in the same transaction as each change. The dashboard's workload reads the
-- per-unit totals and only the deadlines from today on (overdue = open − not yet due), so it
-- no longer counts every open case of the province on each recompute. The current deadline is
-- the expression of `petitions_open_current_due` (0042): the processing deadline until the case
-- is accepted, the resolution deadline after; a case with none counts as never due.
-- Rows that fall to 0 are kept: the totals are read whole, the deadlines only from today on.
CREATE TABLE petition_open_units (
    unit_id BIGINT NOT NULL PRIMARY KEY,
    cases   BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE petition_open_dues (
    due     TEXT   NOT NULL,  -- YYYY-MM-DD, '9999-12-31' for none
    unit_id BIGINT NOT NULL,
    cases   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (due, unit_id)
);

INSERT INTO petition_open_units (unit_id, cases)
SELECT unit_id, COUNT(*) FROM petitions
WHERE status IN ('received', 'processing', 'accepted', 'in_resolution') AND duplicate_of IS NULL
GROUP BY unit_id;

INSERT INTO petition_open_dues (due, unit_id, cases)
SELECT COALESCE(CASE WHEN status IN ('received', 'processing') THEN processing_due ELSE resolution_due END, '9999-12-31'),
       unit_id, COUNT(*)
FROM petitions
WHERE status IN ('received', 'processing', 'accepted', 'in_resolution') AND duplicate_of IS NULL
GROUP BY 1, 2;

CREATE FUNCTION petition_open_count() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
       AND OLD.status IN ('received', 'processing', 'accepted', 'in_resolution') AND OLD.duplicate_of IS NULL THEN
        UPDATE petition_open_units SET cases = cases - 1 WHERE unit_id = OLD.unit_id;
        UPDATE petition_open_dues SET cases = cases - 1
        WHERE unit_id = OLD.unit_id
          AND due = COALESCE(CASE WHEN OLD.status IN ('received', 'processing') THEN OLD.processing_due ELSE OLD.resolution_due END, '9999-12-31');
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT')
       AND NEW.status IN ('received', 'processing', 'accepted', 'in_resolution') AND NEW.duplicate_of IS NULL THEN
        INSERT INTO petition_open_units (unit_id, cases) VALUES (NEW.unit_id, 1)
        ON CONFLICT (unit_id) DO UPDATE SET cases = petition_open_units.cases + 1;
        INSERT INTO petition_open_dues (due, unit_id, cases)
        VALUES (COALESCE(CASE WHEN NEW.status IN ('received', 'processing') THEN NEW.processing_due ELSE NEW.resolution_due END, '9999-12-31'),
                NEW.unit_id, 1)
        ON CONFLICT (due, unit_id) DO UPDATE SET cases = petition_open_dues.cases + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER petition_open_insert AFTER INSERT OR DELETE ON petitions
    FOR EACH ROW EXECUTE FUNCTION petition_open_count();
CREATE TRIGGER petition_open_update
    AFTER UPDATE OF status, duplicate_of, unit_id, processing_due, resolution_due ON petitions
    FOR EACH ROW EXECUTE FUNCTION petition_open_count();
