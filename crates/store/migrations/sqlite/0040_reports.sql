-- Periodic reports: the figures units not on the system yet submit (form or XLSX template), the
-- reports themselves (draft → submitted → approved; an approved report keeps its figures as they
-- were approved), and the narrative templates an admin edits.

CREATE TABLE report_submissions (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    family        TEXT NOT NULL,
    period_key    TEXT NOT NULL,
    values_json   TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('form', 'xlsx')),
    submitted_by  TEXT NOT NULL,
    submitted_at  TEXT NOT NULL,
    UNIQUE (unit_id, family, period_key)
);
CREATE INDEX report_submissions_period ON report_submissions (family, period_key);

CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    family         TEXT NOT NULL,
    period_key     TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
    number         TEXT,
    header_json    TEXT NOT NULL DEFAULT '{}',
    sections_json  TEXT NOT NULL DEFAULT '{}',
    approved_json  TEXT,
    approved_at    TEXT,
    approved_by    TEXT,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (unit_id, family, period_key)
);

CREATE TABLE report_templates (
    name        TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
