-- A covering index for the statistics over a period: the whole figure set is read from the
-- index range of received dates, never from the table rows.
CREATE INDEX petitions_stats ON petitions (
    received_on, unit_id, kind, channel, status, within_jurisdiction, duplicate_of, many_person,
    resolved_on, resolution_due, processing_due
);
