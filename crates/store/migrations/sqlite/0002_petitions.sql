-- Petitions (đơn thư), their petitioners and their timeline; settings kept as audited JSON
-- documents (deadline rules, calendar announcements); full-text search over folded text.

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE petitions (
    id                       INTEGER PRIMARY KEY,
    code                     TEXT NOT NULL UNIQUE,
    unit_id                  INTEGER NOT NULL REFERENCES units (id),
    organisation_id          INTEGER REFERENCES organisations (id),
    kind                     TEXT NOT NULL,
    round                    INTEGER NOT NULL DEFAULT 1,
    channel                  TEXT NOT NULL,
    received_on              TEXT NOT NULL,
    subject                  TEXT NOT NULL,
    content                  TEXT NOT NULL,
    topic                    TEXT NOT NULL,
    -- Folded subject, content and (except for denunciations) petitioners: the search key.
    search_text              TEXT NOT NULL,
    status                   TEXT NOT NULL,
    complexity               TEXT NOT NULL DEFAULT 'normal',
    remote                   INTEGER NOT NULL DEFAULT 0,
    many_person              INTEGER NOT NULL DEFAULT 0,
    anonymous                INTEGER NOT NULL DEFAULT 0,
    within_jurisdiction      INTEGER,
    duplicate_of             INTEGER REFERENCES petitions (id),
    previous_id              INTEGER REFERENCES petitions (id),
    processing_due           TEXT,
    accepted_on              TEXT,
    resolution_due           TEXT,
    extensions_used          INTEGER NOT NULL DEFAULT 0,
    handler_user_id          INTEGER REFERENCES users (id),
    handling_organisation_id INTEGER REFERENCES organisations (id),
    resolved_on              TEXT,
    outcome                  TEXT,
    closed_on                TEXT,
    created_by               INTEGER REFERENCES users (id),
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);
CREATE INDEX petitions_unit_received ON petitions (unit_id, received_on, id);
CREATE INDEX petitions_received ON petitions (received_on, id);
CREATE INDEX petitions_status ON petitions (status, processing_due, resolution_due);
CREATE INDEX petitions_duplicate_of ON petitions (duplicate_of);

CREATE TABLE petitioners (
    id              INTEGER PRIMARY KEY,
    petition_id     INTEGER NOT NULL REFERENCES petitions (id),
    name            TEXT NOT NULL,
    name_folded     TEXT NOT NULL,
    cccd            TEXT,
    phone           TEXT,
    address         TEXT,
    address_unit_id INTEGER REFERENCES units (id)
);
CREATE INDEX petitioners_petition ON petitioners (petition_id);
CREATE INDEX petitioners_cccd ON petitioners (cccd);
CREATE INDEX petitioners_name ON petitioners (name_folded);

CREATE TABLE petition_events (
    id          INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    at          TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    note        TEXT
);
CREATE INDEX petition_events_petition ON petition_events (petition_id, id);

-- SQLite's own full-text index over the folded text, kept in step by triggers.
CREATE VIRTUAL TABLE petition_fts USING fts5 (search_text, content = 'petitions', content_rowid = 'id');
CREATE TRIGGER petitions_fts_insert AFTER INSERT ON petitions BEGIN
    INSERT INTO petition_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER petitions_fts_delete AFTER DELETE ON petitions BEGIN
    INSERT INTO petition_fts (petition_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER petitions_fts_update AFTER UPDATE OF search_text ON petitions BEGIN
    INSERT INTO petition_fts (petition_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO petition_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
