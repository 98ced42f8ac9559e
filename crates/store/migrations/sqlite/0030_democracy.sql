-- Grassroots democracy (Luật 10/2022/QH15): disclosures, resident decisions by vote,
-- consultations (their opinions are rows of `items`, source 'consultation'), and the People's
-- Inspection Boards / community investment supervision boards with members and reports.

CREATE TABLE disclosures (
    id               INTEGER PRIMARY KEY,
    unit_id          INTEGER NOT NULL REFERENCES units (id),
    -- CK_01 … CK_14, the catalogue in the domain crate
    item             TEXT NOT NULL,
    title            TEXT NOT NULL,
    content          TEXT,
    decision_ref     TEXT,
    decided_on       TEXT NOT NULL,
    -- Form codes, comma-separated
    forms            TEXT NOT NULL DEFAULT '',
    place            TEXT,
    start_on         TEXT,
    end_on           TEXT,
    required_days    INTEGER CHECK (required_days > 0),
    loudspeaker_days INTEGER CHECK (loudspeaker_days > 0),
    -- The GPMB project it belongs to (gpmb_projects, 0031)
    gpmb_project_id  INTEGER,
    created_by       INTEGER REFERENCES users (id),
    created_at       TEXT NOT NULL,
    CHECK (end_on IS NULL OR (start_on IS NOT NULL AND end_on >= start_on))
);
CREATE INDEX disclosures_unit ON disclosures (unit_id, decided_on);
CREATE INDEX disclosures_start ON disclosures (start_on);
CREATE INDEX disclosures_project ON disclosures (gpmb_project_id) WHERE gpmb_project_id IS NOT NULL;

CREATE TABLE resident_decisions (
    id                 INTEGER PRIMARY KEY,
    unit_id            INTEGER NOT NULL REFERENCES units (id),
    matter             TEXT NOT NULL,
    scope              TEXT NOT NULL CHECK (scope IN ('village', 'commune')),
    form               TEXT NOT NULL CHECK (form IN ('meeting', 'ballot', 'online')),
    title              TEXT NOT NULL,
    voted_on           TEXT NOT NULL,
    electorate         INTEGER NOT NULL CHECK (electorate > 0),
    present            INTEGER CHECK (present >= 0 AND present <= electorate),
    votes_for          INTEGER NOT NULL CHECK (votes_for >= 0),
    votes_against      INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
    votes_other        INTEGER NOT NULL DEFAULT 0 CHECK (votes_other >= 0),
    quorum_failed      INTEGER NOT NULL DEFAULT 0,
    threshold          TEXT NOT NULL CHECK (threshold IN ('two_thirds', 'majority')),
    outcome            TEXT NOT NULL CHECK (outcome IN ('passed', 'rejected')),
    sent_on            TEXT,
    recognition        TEXT NOT NULL CHECK (recognition IN ('not_needed', 'awaiting', 'recognised', 'refused')),
    recognised_on      TEXT,
    recognition_number TEXT,
    refusal_reason     TEXT,
    notes              TEXT,
    created_by         INTEGER REFERENCES users (id),
    created_at         TEXT NOT NULL,
    CHECK (votes_for + votes_against + votes_other <= electorate)
);
CREATE INDEX resident_decisions_unit ON resident_decisions (unit_id, voted_on);

CREATE TABLE consultations (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES units (id),
    matter          TEXT NOT NULL,
    forms           TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    opened_on       TEXT NOT NULL,
    closes_on       TEXT,
    summary         TEXT,
    gpmb_project_id INTEGER,
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL
);
CREATE INDEX consultations_unit ON consultations (unit_id, opened_on);

CREATE TABLE boards (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES units (id),
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    kind            TEXT NOT NULL CHECK (kind IN ('inspection', 'investment_supervision')),
    name            TEXT NOT NULL,
    term_from       TEXT NOT NULL,
    term_to         TEXT,
    project         TEXT,
    gpmb_project_id INTEGER,
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL
);
CREATE INDEX boards_unit ON boards (unit_id);

CREATE TABLE board_members (
    id         INTEGER PRIMARY KEY,
    board_id   INTEGER NOT NULL REFERENCES boards (id),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('head', 'deputy', 'member')),
    village_id INTEGER REFERENCES units (id),
    created_at TEXT NOT NULL
);
CREATE INDEX board_members_board ON board_members (board_id);

CREATE TABLE board_reports (
    id              INTEGER PRIMARY KEY,
    board_id        INTEGER NOT NULL REFERENCES boards (id),
    period          TEXT NOT NULL,
    period_label    TEXT NOT NULL,
    submitted_on    TEXT NOT NULL,
    content         TEXT NOT NULL,
    recommendations INTEGER NOT NULL DEFAULT 0 CHECK (recommendations >= 0),
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL
);
CREATE INDEX board_reports_board ON board_reports (board_id, submitted_on);

-- Consultation opinions are items: widen the source check. SQLite cannot alter a CHECK, so the
-- table is rebuilt with the same columns in the same order (nothing references items).
CREATE TABLE items_new (
    id               INTEGER PRIMARY KEY,
    source_kind      TEXT NOT NULL CHECK (source_kind IN ('meeting', 'supervision', 'contribution', 'consultation')),
    source_id        INTEGER NOT NULL,
    unit_id          INTEGER NOT NULL REFERENCES units (id),
    raised_on        TEXT NOT NULL,
    origin           TEXT NOT NULL CHECK (origin IN ('collected', 'direct')),
    content          TEXT NOT NULL,
    topic            TEXT,
    raised_by        TEXT,
    denunciation     INTEGER NOT NULL DEFAULT 0,
    from_unit_id     INTEGER REFERENCES units (id),
    status           TEXT NOT NULL CHECK (status IN ('open', 'awaiting_answer', 'closed')),
    outcome          TEXT,
    answering_agency TEXT,
    answer_due       TEXT,
    answered_on      TEXT,
    answer           TEXT,
    reason           TEXT,
    petition_id      INTEGER REFERENCES petitions (id),
    created_by       INTEGER REFERENCES users (id),
    created_at       TEXT NOT NULL
);
INSERT INTO items_new SELECT id, source_kind, source_id, unit_id, raised_on, origin, content, topic, raised_by,
    denunciation, from_unit_id, status, outcome, answering_agency, answer_due, answered_on, answer, reason,
    petition_id, created_by, created_at FROM items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
CREATE INDEX items_source ON items (source_kind, source_id);
CREATE INDEX items_awaiting ON items (answer_due) WHERE status = 'awaiting_answer';
CREATE INDEX items_petition ON items (petition_id) WHERE petition_id IS NOT NULL;
