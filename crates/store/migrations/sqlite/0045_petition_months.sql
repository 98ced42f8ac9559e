-- Petitions per unit and month of receipt, one row each, with every figure the statistics,
-- the dashboard and the reports read from whole months as its own column (duplicates counted
-- once: every column but `duplicates` counts the cases that are not linked duplicates). A
-- province-year is a few thousand rows here, where the tallies it replaces (0006: one row per
-- combination of kind, channel, status, …) held about as many rows as petitions. Kept by
-- triggers in the same transaction as each change. `kind_*` and `channel_*` are the domain's
-- PetitionKind and Channel codes: the statistics read `kind_{code}` for every code, so a code
-- added without its column fails every statistics test.
DROP TRIGGER IF EXISTS petitions_tally_insert;
DROP TRIGGER IF EXISTS petitions_tally_delete;
DROP TRIGGER IF EXISTS petitions_tally_update;
DROP TABLE petition_tallies;

CREATE TABLE petition_months (
    month    TEXT   NOT NULL,  -- YYYY-MM of received_on
    unit_id  BIGINT NOT NULL,
    received             BIGINT NOT NULL DEFAULT 0,
    duplicates           BIGINT NOT NULL DEFAULT 0,
    within_jurisdiction  BIGINT NOT NULL DEFAULT 0,
    resolved_within      BIGINT NOT NULL DEFAULT 0,
    resolved_on_time     BIGINT NOT NULL DEFAULT 0,
    many_person          BIGINT NOT NULL DEFAULT 0,
    kind_complaint       BIGINT NOT NULL DEFAULT 0,
    kind_denunciation    BIGINT NOT NULL DEFAULT 0,
    kind_feedback        BIGINT NOT NULL DEFAULT 0,
    kind_other           BIGINT NOT NULL DEFAULT 0,
    channel_in_person    BIGINT NOT NULL DEFAULT 0,
    channel_mail         BIGINT NOT NULL DEFAULT 0,
    channel_online       BIGINT NOT NULL DEFAULT 0,
    channel_hotline      BIGINT NOT NULL DEFAULT 0,
    channel_forwarded    BIGINT NOT NULL DEFAULT 0,
    channel_meeting      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, unit_id)
) WITHOUT ROWID;

INSERT INTO petition_months (month, unit_id, received, duplicates, within_jurisdiction, resolved_within, resolved_on_time, many_person, kind_complaint, kind_denunciation, kind_feedback, kind_other, channel_in_person, channel_mail, channel_online, channel_hotline, channel_forwarded, channel_meeting)
SELECT substr(p.received_on, 1, 7), p.unit_id, SUM(CASE WHEN p.duplicate_of IS NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL THEN 0 ELSE 1 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.within_jurisdiction = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.within_jurisdiction = 1 AND p.status IN ('resolved', 'notified', 'closed') THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.status IN ('resolved', 'notified', 'closed') AND p.resolved_on <= p.resolution_due THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.many_person = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.kind = 'complaint' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.kind = 'denunciation' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.kind = 'feedback' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.kind = 'other' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.channel = 'in_person' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.channel = 'mail' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.channel = 'online' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.channel = 'hotline' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.channel = 'forwarded' THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.duplicate_of IS NULL AND p.channel = 'meeting' THEN 1 ELSE 0 END)
FROM petitions p GROUP BY 1, 2;

CREATE TRIGGER petition_months_insert AFTER INSERT ON petitions BEGIN
    INSERT INTO petition_months (month, unit_id, received, duplicates, within_jurisdiction, resolved_within, resolved_on_time, many_person, kind_complaint, kind_denunciation, kind_feedback, kind_other, channel_in_person, channel_mail, channel_online, channel_hotline, channel_forwarded, channel_meeting)
    VALUES (substr(NEW.received_on, 1, 7), NEW.unit_id,
            (CASE WHEN NEW.duplicate_of IS NULL THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL THEN 0 ELSE 1 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.within_jurisdiction = 1 THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.within_jurisdiction = 1 AND NEW.status IN ('resolved', 'notified', 'closed') THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.status IN ('resolved', 'notified', 'closed') AND NEW.resolved_on <= NEW.resolution_due THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.many_person = 1 THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.kind = 'complaint' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.kind = 'denunciation' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.kind = 'feedback' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.kind = 'other' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'in_person' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'mail' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'online' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'hotline' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'forwarded' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'meeting' THEN 1 ELSE 0 END))
    ON CONFLICT (month, unit_id) DO UPDATE SET
        received = petition_months.received + excluded.received,
        duplicates = petition_months.duplicates + excluded.duplicates,
        within_jurisdiction = petition_months.within_jurisdiction + excluded.within_jurisdiction,
        resolved_within = petition_months.resolved_within + excluded.resolved_within,
        resolved_on_time = petition_months.resolved_on_time + excluded.resolved_on_time,
        many_person = petition_months.many_person + excluded.many_person,
        kind_complaint = petition_months.kind_complaint + excluded.kind_complaint,
        kind_denunciation = petition_months.kind_denunciation + excluded.kind_denunciation,
        kind_feedback = petition_months.kind_feedback + excluded.kind_feedback,
        kind_other = petition_months.kind_other + excluded.kind_other,
        channel_in_person = petition_months.channel_in_person + excluded.channel_in_person,
        channel_mail = petition_months.channel_mail + excluded.channel_mail,
        channel_online = petition_months.channel_online + excluded.channel_online,
        channel_hotline = petition_months.channel_hotline + excluded.channel_hotline,
        channel_forwarded = petition_months.channel_forwarded + excluded.channel_forwarded,
        channel_meeting = petition_months.channel_meeting + excluded.channel_meeting;
END;

CREATE TRIGGER petition_months_delete AFTER DELETE ON petitions BEGIN
    INSERT INTO petition_months (month, unit_id, received, duplicates, within_jurisdiction, resolved_within, resolved_on_time, many_person, kind_complaint, kind_denunciation, kind_feedback, kind_other, channel_in_person, channel_mail, channel_online, channel_hotline, channel_forwarded, channel_meeting)
    VALUES (substr(OLD.received_on, 1, 7), OLD.unit_id,
            -(CASE WHEN OLD.duplicate_of IS NULL THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL THEN 0 ELSE 1 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.within_jurisdiction = 1 THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.within_jurisdiction = 1 AND OLD.status IN ('resolved', 'notified', 'closed') THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.status IN ('resolved', 'notified', 'closed') AND OLD.resolved_on <= OLD.resolution_due THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.many_person = 1 THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.kind = 'complaint' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.kind = 'denunciation' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.kind = 'feedback' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.kind = 'other' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'in_person' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'mail' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'online' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'hotline' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'forwarded' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'meeting' THEN 1 ELSE 0 END))
    ON CONFLICT (month, unit_id) DO UPDATE SET
        received = petition_months.received + excluded.received,
        duplicates = petition_months.duplicates + excluded.duplicates,
        within_jurisdiction = petition_months.within_jurisdiction + excluded.within_jurisdiction,
        resolved_within = petition_months.resolved_within + excluded.resolved_within,
        resolved_on_time = petition_months.resolved_on_time + excluded.resolved_on_time,
        many_person = petition_months.many_person + excluded.many_person,
        kind_complaint = petition_months.kind_complaint + excluded.kind_complaint,
        kind_denunciation = petition_months.kind_denunciation + excluded.kind_denunciation,
        kind_feedback = petition_months.kind_feedback + excluded.kind_feedback,
        kind_other = petition_months.kind_other + excluded.kind_other,
        channel_in_person = petition_months.channel_in_person + excluded.channel_in_person,
        channel_mail = petition_months.channel_mail + excluded.channel_mail,
        channel_online = petition_months.channel_online + excluded.channel_online,
        channel_hotline = petition_months.channel_hotline + excluded.channel_hotline,
        channel_forwarded = petition_months.channel_forwarded + excluded.channel_forwarded,
        channel_meeting = petition_months.channel_meeting + excluded.channel_meeting;
END;

CREATE TRIGGER petition_months_update
AFTER UPDATE OF received_on, unit_id, kind, channel, status, within_jurisdiction, duplicate_of, many_person,
                resolved_on, resolution_due ON petitions BEGIN
    INSERT INTO petition_months (month, unit_id, received, duplicates, within_jurisdiction, resolved_within, resolved_on_time, many_person, kind_complaint, kind_denunciation, kind_feedback, kind_other, channel_in_person, channel_mail, channel_online, channel_hotline, channel_forwarded, channel_meeting)
    VALUES (substr(OLD.received_on, 1, 7), OLD.unit_id,
            -(CASE WHEN OLD.duplicate_of IS NULL THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL THEN 0 ELSE 1 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.within_jurisdiction = 1 THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.within_jurisdiction = 1 AND OLD.status IN ('resolved', 'notified', 'closed') THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.status IN ('resolved', 'notified', 'closed') AND OLD.resolved_on <= OLD.resolution_due THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.many_person = 1 THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.kind = 'complaint' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.kind = 'denunciation' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.kind = 'feedback' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.kind = 'other' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'in_person' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'mail' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'online' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'hotline' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'forwarded' THEN 1 ELSE 0 END),
            -(CASE WHEN OLD.duplicate_of IS NULL AND OLD.channel = 'meeting' THEN 1 ELSE 0 END))
    ON CONFLICT (month, unit_id) DO UPDATE SET
        received = petition_months.received + excluded.received,
        duplicates = petition_months.duplicates + excluded.duplicates,
        within_jurisdiction = petition_months.within_jurisdiction + excluded.within_jurisdiction,
        resolved_within = petition_months.resolved_within + excluded.resolved_within,
        resolved_on_time = petition_months.resolved_on_time + excluded.resolved_on_time,
        many_person = petition_months.many_person + excluded.many_person,
        kind_complaint = petition_months.kind_complaint + excluded.kind_complaint,
        kind_denunciation = petition_months.kind_denunciation + excluded.kind_denunciation,
        kind_feedback = petition_months.kind_feedback + excluded.kind_feedback,
        kind_other = petition_months.kind_other + excluded.kind_other,
        channel_in_person = petition_months.channel_in_person + excluded.channel_in_person,
        channel_mail = petition_months.channel_mail + excluded.channel_mail,
        channel_online = petition_months.channel_online + excluded.channel_online,
        channel_hotline = petition_months.channel_hotline + excluded.channel_hotline,
        channel_forwarded = petition_months.channel_forwarded + excluded.channel_forwarded,
        channel_meeting = petition_months.channel_meeting + excluded.channel_meeting;
    INSERT INTO petition_months (month, unit_id, received, duplicates, within_jurisdiction, resolved_within, resolved_on_time, many_person, kind_complaint, kind_denunciation, kind_feedback, kind_other, channel_in_person, channel_mail, channel_online, channel_hotline, channel_forwarded, channel_meeting)
    VALUES (substr(NEW.received_on, 1, 7), NEW.unit_id,
            (CASE WHEN NEW.duplicate_of IS NULL THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL THEN 0 ELSE 1 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.within_jurisdiction = 1 THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.within_jurisdiction = 1 AND NEW.status IN ('resolved', 'notified', 'closed') THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.status IN ('resolved', 'notified', 'closed') AND NEW.resolved_on <= NEW.resolution_due THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.many_person = 1 THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.kind = 'complaint' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.kind = 'denunciation' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.kind = 'feedback' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.kind = 'other' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'in_person' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'mail' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'online' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'hotline' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'forwarded' THEN 1 ELSE 0 END),
            (CASE WHEN NEW.duplicate_of IS NULL AND NEW.channel = 'meeting' THEN 1 ELSE 0 END))
    ON CONFLICT (month, unit_id) DO UPDATE SET
        received = petition_months.received + excluded.received,
        duplicates = petition_months.duplicates + excluded.duplicates,
        within_jurisdiction = petition_months.within_jurisdiction + excluded.within_jurisdiction,
        resolved_within = petition_months.resolved_within + excluded.resolved_within,
        resolved_on_time = petition_months.resolved_on_time + excluded.resolved_on_time,
        many_person = petition_months.many_person + excluded.many_person,
        kind_complaint = petition_months.kind_complaint + excluded.kind_complaint,
        kind_denunciation = petition_months.kind_denunciation + excluded.kind_denunciation,
        kind_feedback = petition_months.kind_feedback + excluded.kind_feedback,
        kind_other = petition_months.kind_other + excluded.kind_other,
        channel_in_person = petition_months.channel_in_person + excluded.channel_in_person,
        channel_mail = petition_months.channel_mail + excluded.channel_mail,
        channel_online = petition_months.channel_online + excluded.channel_online,
        channel_hotline = petition_months.channel_hotline + excluded.channel_hotline,
        channel_forwarded = petition_months.channel_forwarded + excluded.channel_forwarded,
        channel_meeting = petition_months.channel_meeting + excluded.channel_meeting;
END;

-- The sequence of the last write that changed anything besides petitions. What does not read
-- petitions (the dialogue and reception-day compliance on the dashboard) is reused until this
-- moves, so recording a petition does not recompute it.
ALTER TABLE audit_head ADD COLUMN seq_beyond_petitions BIGINT NOT NULL DEFAULT 0;
UPDATE audit_head SET seq_beyond_petitions = seq;
