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
);

INSERT INTO meeting_item_months (month, unit_id, outcome, status, items)
SELECT substr(m.held_on, 1, 7), i.unit_id, COALESCE(i.outcome, ''), i.status, COUNT(*)
FROM items i JOIN meetings m ON m.id = i.source_id
WHERE i.source_kind = 'meeting' AND m.status <> 'planned'
GROUP BY 1, 2, 3, 4;

CREATE FUNCTION meeting_item_months_item() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.source_kind = 'meeting' THEN
        UPDATE meeting_item_months SET items = items - 1
        WHERE unit_id = OLD.unit_id AND outcome = COALESCE(OLD.outcome, '') AND status = OLD.status
          AND month = (SELECT substr(m.held_on, 1, 7) FROM meetings m WHERE m.id = OLD.source_id AND m.status <> 'planned');
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.source_kind = 'meeting' THEN
        INSERT INTO meeting_item_months (month, unit_id, outcome, status, items)
        SELECT substr(m.held_on, 1, 7), NEW.unit_id, COALESCE(NEW.outcome, ''), NEW.status, 1
        FROM meetings m WHERE m.id = NEW.source_id AND m.status <> 'planned'
        ON CONFLICT (month, unit_id, outcome, status) DO UPDATE SET items = meeting_item_months.items + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER meeting_item_months_item AFTER INSERT OR DELETE ON items
    FOR EACH ROW EXECUTE FUNCTION meeting_item_months_item();
CREATE TRIGGER meeting_item_months_item_update
    AFTER UPDATE OF source_kind, source_id, unit_id, outcome, status ON items
    FOR EACH ROW EXECUTE FUNCTION meeting_item_months_item();

-- A meeting held, or moved to another day: its items leave the old month (if it was held) and
-- join the new one (if it is held now).
CREATE FUNCTION meeting_item_months_meeting() RETURNS trigger AS $$
BEGIN
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
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER meeting_item_months_meeting AFTER UPDATE OF status, held_on ON meetings
    FOR EACH ROW EXECUTE FUNCTION meeting_item_months_meeting();
