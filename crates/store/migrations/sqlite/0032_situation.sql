-- Knowing the people's situation: periodic situation reports, and the register of hot,
-- pressing and long-running issues with their events (handling, resolution, escalation) and
-- links to petitions and meetings (link tables; those tables are not changed).

CREATE TABLE situation_reports (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    mood         TEXT NOT NULL CHECK (mood IN ('stable', 'concerned', 'tense')),
    summary      TEXT NOT NULL,
    issues       TEXT,
    reporter     TEXT,
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL,
    CHECK (period_to >= period_from)
);
CREATE INDEX situation_reports_unit ON situation_reports (unit_id, submitted_on);

CREATE TABLE hot_issues (
    id               INTEGER PRIMARY KEY,
    unit_id          INTEGER NOT NULL REFERENCES units (id),
    village_id       INTEGER REFERENCES units (id),
    place            TEXT,
    title            TEXT NOT NULL,
    description      TEXT,
    kind             TEXT NOT NULL CHECK (kind IN ('hot', 'pressing', 'long_running')),
    severity         TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    -- 1 (low) … 4 (critical): the register sorts by it
    severity_rank    INTEGER NOT NULL,
    people_affected  INTEGER NOT NULL DEFAULT 0 CHECK (people_affected >= 0),
    first_seen_on    TEXT NOT NULL,
    follower         TEXT,
    status           TEXT NOT NULL CHECK (status IN ('following', 'handling', 'resolved')),
    handling_unit_id INTEGER NOT NULL REFERENCES units (id),
    escalations      INTEGER NOT NULL DEFAULT 0,
    resolved_on      TEXT,
    created_by       INTEGER REFERENCES users (id),
    created_at       TEXT NOT NULL
);
CREATE INDEX hot_issues_unit ON hot_issues (unit_id, status);
CREATE INDEX hot_issues_order ON hot_issues (severity_rank, first_seen_on);

CREATE TABLE hot_issue_events (
    id         INTEGER PRIMARY KEY,
    issue_id   INTEGER NOT NULL REFERENCES hot_issues (id),
    action     TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    note       TEXT,
    to_unit_id INTEGER REFERENCES units (id),
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX hot_issue_events_issue ON hot_issue_events (issue_id);

CREATE TABLE hot_issue_petitions (
    issue_id    INTEGER NOT NULL REFERENCES hot_issues (id),
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    PRIMARY KEY (issue_id, petition_id)
);

CREATE TABLE hot_issue_meetings (
    issue_id   INTEGER NOT NULL REFERENCES hot_issues (id),
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    PRIMARY KEY (issue_id, meeting_id)
);
