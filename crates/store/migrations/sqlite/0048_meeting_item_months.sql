-- Items raised at meetings that were held, counted per month the meeting was held, the item's
-- unit, its outcome ('' for none yet) and its status: the report's and the meeting statistics'
-- whole months read these rows instead of joining a year's meetings to their items (≈ 106.000
-- items a province-year in the benchmark). Kept by triggers on items (recorded, decided,
-- answered) and on meetings (held, or its day changed), in the same transaction as each change.
-- A planned meeting's items are not counted until it is held. Rows that fall to 0 are kept.
CREATE TABLE meeting_item_months (
    month    TEXT   NOT NULL,  -- YYYY-MM of the meeting's held_on
    unit_id  BIGINT NOT NULL,
    outcome  TEXT   NOT NULL,
    status   TEXT   NOT NULL,
    items    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, unit_id, outcome, status)
) WITHOUT ROWID;

INSERT INTO meeting_item_months (month, unit_id, outcome, status, items)
SELECT substr(m.held_on, 1, 7), i.unit_id, COALESCE(i.outcome, ''), i.status, COUNT(*)
FROM items i JOIN meetings m ON m.id = i.source_id
WHERE i.source_kind = 'meeting' AND m.status <> 'planned'
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER meeting_item_months_insert AFTER INSERT ON items WHEN NEW.source_kind = 'meeting' BEGIN
    INSERT INTO meeting_item_months (month, unit_id, outcome, status, items)
    SELECT substr(m.held_on, 1, 7), NEW.unit_id, COALESCE(NEW.outcome, ''), NEW.status, 1
    FROM meetings m WHERE m.id = NEW.source_id AND m.status <> 'planned'
    ON CONFLICT (month, unit_id, outcome, status) DO UPDATE SET items = meeting_item_months.items + 1;
END;

CREATE TRIGGER meeting_item_months_update_out
AFTER UPDATE OF source_kind, source_id, unit_id, outcome, status ON items WHEN OLD.source_kind = 'meeting' BEGIN
    UPDATE meeting_item_months SET items = items - 1
    WHERE unit_id = OLD.unit_id AND outcome = COALESCE(OLD.outcome, '') AND status = OLD.status
      AND month = (SELECT substr(m.held_on, 1, 7) FROM meetings m WHERE m.id = OLD.source_id AND m.status <> 'planned');
END;

CREATE TRIGGER meeting_item_months_update_in
AFTER UPDATE OF source_kind, source_id, unit_id, outcome, status ON items WHEN NEW.source_kind = 'meeting' BEGIN
    INSERT INTO meeting_item_months (month, unit_id, outcome, status, items)
    SELECT substr(m.held_on, 1, 7), NEW.unit_id, COALESCE(NEW.outcome, ''), NEW.status, 1
    FROM meetings m WHERE m.id = NEW.source_id AND m.status <> 'planned'
    ON CONFLICT (month, unit_id, outcome, status) DO UPDATE SET items = meeting_item_months.items + 1;
END;

CREATE TRIGGER meeting_item_months_delete AFTER DELETE ON items WHEN OLD.source_kind = 'meeting' BEGIN
    UPDATE meeting_item_months SET items = items - 1
    WHERE unit_id = OLD.unit_id AND outcome = COALESCE(OLD.outcome, '') AND status = OLD.status
      AND month = (SELECT substr(m.held_on, 1, 7) FROM meetings m WHERE m.id = OLD.source_id AND m.status <> 'planned');
END;

-- A meeting held, or moved to another day: its items leave the old month (if it was held) and
-- join the new one (if it is held now).
CREATE TRIGGER meeting_item_months_meeting AFTER UPDATE OF status, held_on ON meetings BEGIN
    INSERT INTO meeting_item_months (month, unit_id, outcome, status, items)
    SELECT substr(OLD.held_on, 1, 7), i.unit_id, COALESCE(i.outcome, ''), i.status, -COUNT(*)
    FROM items i WHERE OLD.status <> 'planned' AND i.source_kind = 'meeting' AND i.source_id = OLD.id
    GROUP BY i.unit_id, COALESCE(i.outcome, ''), i.status
    ON CONFLICT (month, unit_id, outcome, status) DO UPDATE SET items = meeting_item_months.items + excluded.items;
    INSERT INTO meeting_item_months (month, unit_id, outcome, status, items)
    SELECT substr(NEW.held_on, 1, 7), i.unit_id, COALESCE(i.outcome, ''), i.status, COUNT(*)
    FROM items i WHERE NEW.status <> 'planned' AND i.source_kind = 'meeting' AND i.source_id = NEW.id
    GROUP BY i.unit_id, COALESCE(i.outcome, ''), i.status
    ON CONFLICT (month, unit_id, outcome, status) DO UPDATE SET items = meeting_item_months.items + excluded.items;
END;
