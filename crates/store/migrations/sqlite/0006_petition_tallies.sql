-- Monthly tallies of petitions by everything the statistics split by, kept by triggers in the
-- same transaction as each change. A period's figures read whole months from here and only the
-- partial months at its edges from the petitions table (a province-year is ~50.000 tally rows
-- instead of ~300.000 petitions).
CREATE TABLE petition_tallies (
    month     TEXT    NOT NULL,  -- YYYY-MM of received_on
    unit_id   BIGINT  NOT NULL,
    kind      TEXT    NOT NULL,
    channel   TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    within    BIGINT  NOT NULL,  -- within_jurisdiction: 1, 0, or -1 when not yet decided
    dup       BIGINT  NOT NULL,  -- 1 when linked as a duplicate
    many      BIGINT  NOT NULL,
    on_time   BIGINT  NOT NULL,  -- resolved_on <= resolution_due
    n         BIGINT  NOT NULL,
    PRIMARY KEY (month, unit_id, kind, channel, status, within, dup, many, on_time)
) WITHOUT ROWID;

INSERT INTO petition_tallies (month, unit_id, kind, channel, status, within, dup, many, on_time, n)
SELECT substr(received_on, 1, 7), unit_id, kind, channel, status, COALESCE(within_jurisdiction, -1),
       CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END, many_person,
       CASE WHEN resolved_on <= resolution_due THEN 1 ELSE 0 END, COUNT(*)
FROM petitions GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;

CREATE TRIGGER petitions_tally_insert AFTER INSERT ON petitions BEGIN
    INSERT INTO petition_tallies (month, unit_id, kind, channel, status, within, dup, many, on_time, n)
    VALUES (substr(NEW.received_on, 1, 7), NEW.unit_id, NEW.kind, NEW.channel, NEW.status,
            COALESCE(NEW.within_jurisdiction, -1), CASE WHEN NEW.duplicate_of IS NULL THEN 0 ELSE 1 END,
            NEW.many_person, CASE WHEN NEW.resolved_on <= NEW.resolution_due THEN 1 ELSE 0 END, 1)
    ON CONFLICT (month, unit_id, kind, channel, status, within, dup, many, on_time) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER petitions_tally_delete AFTER DELETE ON petitions BEGIN
    UPDATE petition_tallies SET n = n - 1
    WHERE month = substr(OLD.received_on, 1, 7) AND unit_id = OLD.unit_id AND kind = OLD.kind
      AND channel = OLD.channel AND status = OLD.status AND within = COALESCE(OLD.within_jurisdiction, -1)
      AND dup = CASE WHEN OLD.duplicate_of IS NULL THEN 0 ELSE 1 END AND many = OLD.many_person
      AND on_time = CASE WHEN OLD.resolved_on <= OLD.resolution_due THEN 1 ELSE 0 END;
END;

CREATE TRIGGER petitions_tally_update
AFTER UPDATE OF received_on, unit_id, kind, channel, status, within_jurisdiction, duplicate_of, many_person,
                resolved_on, resolution_due ON petitions BEGIN
    UPDATE petition_tallies SET n = n - 1
    WHERE month = substr(OLD.received_on, 1, 7) AND unit_id = OLD.unit_id AND kind = OLD.kind
      AND channel = OLD.channel AND status = OLD.status AND within = COALESCE(OLD.within_jurisdiction, -1)
      AND dup = CASE WHEN OLD.duplicate_of IS NULL THEN 0 ELSE 1 END AND many = OLD.many_person
      AND on_time = CASE WHEN OLD.resolved_on <= OLD.resolution_due THEN 1 ELSE 0 END;
    INSERT INTO petition_tallies (month, unit_id, kind, channel, status, within, dup, many, on_time, n)
    VALUES (substr(NEW.received_on, 1, 7), NEW.unit_id, NEW.kind, NEW.channel, NEW.status,
            COALESCE(NEW.within_jurisdiction, -1), CASE WHEN NEW.duplicate_of IS NULL THEN 0 ELSE 1 END,
            NEW.many_person, CASE WHEN NEW.resolved_on <= NEW.resolution_due THEN 1 ELSE 0 END, 1)
    ON CONFLICT (month, unit_id, kind, channel, status, within, dup, many, on_time) DO UPDATE SET n = n + 1;
END;

-- Open cases (for the overdue and long-running figures), a small part of all petitions.
CREATE INDEX petitions_open ON petitions (status, received_on, unit_id, processing_due, resolution_due)
    WHERE status IN ('received', 'processing', 'accepted', 'in_resolution') AND duplicate_of IS NULL;
