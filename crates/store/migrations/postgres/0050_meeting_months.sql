-- Meetings counted per month of held_on, unit, kind, whether held (any status but 'planned')
-- and whether from the year's plan, with their participants: the meeting statistics' and the
-- reports' whole months read these rows instead of a year's meetings (≈ 20.000 a province-year
-- in the benchmark, read twice: this period and the same one last year). Kept by triggers in
-- the same transaction as each change, as meeting_item_months (0048) is. Rows that fall to 0
-- are deleted at start-up.
CREATE TABLE meeting_months (
    month        TEXT    NOT NULL,  -- YYYY-MM of held_on
    unit_id      BIGINT  NOT NULL,
    kind         TEXT    NOT NULL,
    held         INTEGER NOT NULL,  -- 1 unless planned
    from_plan    INTEGER NOT NULL,
    meetings     BIGINT  NOT NULL DEFAULT 0,
    participants BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (month, unit_id, kind, held, from_plan)
);

INSERT INTO meeting_months (month, unit_id, kind, held, from_plan, meetings, participants)
SELECT substr(held_on, 1, 7), unit_id, kind, CASE WHEN status <> 'planned' THEN 1 ELSE 0 END, from_plan,
       COUNT(*), SUM(participants)
FROM meetings GROUP BY 1, 2, 3, 4, 5;

-- An update takes the old meeting out and puts the new one in (held, moved, its participants
-- counted at the meeting).
CREATE FUNCTION meeting_months_meeting() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE meeting_months SET meetings = meetings - 1, participants = participants - OLD.participants
        WHERE month = substr(OLD.held_on, 1, 7) AND unit_id = OLD.unit_id AND kind = OLD.kind
          AND held = CASE WHEN OLD.status <> 'planned' THEN 1 ELSE 0 END AND from_plan = OLD.from_plan;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO meeting_months (month, unit_id, kind, held, from_plan, meetings, participants)
        VALUES (substr(NEW.held_on, 1, 7), NEW.unit_id, NEW.kind, CASE WHEN NEW.status <> 'planned' THEN 1 ELSE 0 END,
                NEW.from_plan, 1, NEW.participants)
        ON CONFLICT (month, unit_id, kind, held, from_plan) DO UPDATE
        SET meetings = meeting_months.meetings + 1, participants = meeting_months.participants + excluded.participants;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER meeting_months_meeting AFTER INSERT OR DELETE ON meetings
    FOR EACH ROW EXECUTE FUNCTION meeting_months_meeting();
CREATE TRIGGER meeting_months_meeting_update
    AFTER UPDATE OF held_on, unit_id, kind, status, from_plan, participants ON meetings
    FOR EACH ROW EXECUTE FUNCTION meeting_months_meeting();
