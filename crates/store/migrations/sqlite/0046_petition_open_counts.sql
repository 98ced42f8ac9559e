-- Open cases (not linked duplicates) counted per unit, and per current deadline and unit, kept
-- by triggers in the same transaction as each change. The dashboard's workload reads the
-- per-unit totals and only the deadlines from today on (overdue = open − not yet due), so it
-- no longer counts every open case of the province on each recompute. The current deadline is
-- the expression of `petitions_open_current_due` (0042): the processing deadline until the case
-- is accepted, the resolution deadline after; a case with none counts as never due.
-- Rows that fall to 0 are kept: the totals are read whole, the deadlines only from today on.
CREATE TABLE petition_open_units (
    unit_id BIGINT NOT NULL PRIMARY KEY,
    cases   BIGINT NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE petition_open_dues (
    due     TEXT   NOT NULL,  -- YYYY-MM-DD, '9999-12-31' for none
    unit_id BIGINT NOT NULL,
    cases   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (due, unit_id)
) WITHOUT ROWID;

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

CREATE TRIGGER petition_open_insert AFTER INSERT ON petitions
WHEN NEW.status IN ('received', 'processing', 'accepted', 'in_resolution') AND NEW.duplicate_of IS NULL BEGIN
    INSERT INTO petition_open_units (unit_id, cases) VALUES (NEW.unit_id, 1)
    ON CONFLICT (unit_id) DO UPDATE SET cases = petition_open_units.cases + 1;
    INSERT INTO petition_open_dues (due, unit_id, cases)
    VALUES (COALESCE(CASE WHEN NEW.status IN ('received', 'processing') THEN NEW.processing_due ELSE NEW.resolution_due END, '9999-12-31'),
            NEW.unit_id, 1)
    ON CONFLICT (due, unit_id) DO UPDATE SET cases = petition_open_dues.cases + 1;
END;

CREATE TRIGGER petition_open_delete AFTER DELETE ON petitions
WHEN OLD.status IN ('received', 'processing', 'accepted', 'in_resolution') AND OLD.duplicate_of IS NULL BEGIN
    UPDATE petition_open_units SET cases = cases - 1 WHERE unit_id = OLD.unit_id;
    UPDATE petition_open_dues SET cases = cases - 1
    WHERE unit_id = OLD.unit_id
      AND due = COALESCE(CASE WHEN OLD.status IN ('received', 'processing') THEN OLD.processing_due ELSE OLD.resolution_due END, '9999-12-31');
END;

-- An update takes the old state out and puts the new one in (two triggers, each only when that
-- state is open; SQLite runs both in the statement's transaction).
CREATE TRIGGER petition_open_update_out
AFTER UPDATE OF status, duplicate_of, unit_id, processing_due, resolution_due ON petitions
WHEN OLD.status IN ('received', 'processing', 'accepted', 'in_resolution') AND OLD.duplicate_of IS NULL BEGIN
    UPDATE petition_open_units SET cases = cases - 1 WHERE unit_id = OLD.unit_id;
    UPDATE petition_open_dues SET cases = cases - 1
    WHERE unit_id = OLD.unit_id
      AND due = COALESCE(CASE WHEN OLD.status IN ('received', 'processing') THEN OLD.processing_due ELSE OLD.resolution_due END, '9999-12-31');
END;

CREATE TRIGGER petition_open_update_in
AFTER UPDATE OF status, duplicate_of, unit_id, processing_due, resolution_due ON petitions
WHEN NEW.status IN ('received', 'processing', 'accepted', 'in_resolution') AND NEW.duplicate_of IS NULL BEGIN
    INSERT INTO petition_open_units (unit_id, cases) VALUES (NEW.unit_id, 1)
    ON CONFLICT (unit_id) DO UPDATE SET cases = petition_open_units.cases + 1;
    INSERT INTO petition_open_dues (due, unit_id, cases)
    VALUES (COALESCE(CASE WHEN NEW.status IN ('received', 'processing') THEN NEW.processing_due ELSE NEW.resolution_due END, '9999-12-31'),
            NEW.unit_id, 1)
    ON CONFLICT (due, unit_id) DO UPDATE SET cases = petition_open_dues.cases + 1;
END;
