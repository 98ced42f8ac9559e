-- Foundation: administrative units, organisations, users, sessions, tokens, audit log.
-- Dates are ISO 'YYYY-MM-DD' text, timestamps RFC 3339 UTC text, flags 0/1 integers: the same
-- representation as the PostgreSQL migration, so one store code path reads both.

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    scheme      TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    kind        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune', 'village')),
    parent_id   INTEGER REFERENCES units (id),
    path        TEXT NOT NULL UNIQUE,
    valid_from  TEXT,
    valid_to    TEXT,
    UNIQUE (scheme, code)
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_level_scheme ON units (level, scheme);
CREATE INDEX units_code ON units (code);

CREATE TABLE unit_successions (
    predecessor_id INTEGER NOT NULL REFERENCES units (id),
    successor_id   INTEGER NOT NULL REFERENCES units (id),
    kind           TEXT NOT NULL CHECK (kind IN ('whole', 'divided')),
    is_default     INTEGER NOT NULL DEFAULT 0,
    effective      TEXT,
    PRIMARY KEY (predecessor_id, successor_id)
);
CREATE INDEX unit_successions_successor ON unit_successions (successor_id);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (unit_id, kind, name)
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL,
    unit_id         INTEGER NOT NULL REFERENCES units (id),
    organisation_id INTEGER REFERENCES organisations (id),
    language        TEXT NOT NULL DEFAULT 'vi',
    disabled        INTEGER NOT NULL DEFAULT 0,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    csrf_token  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE api_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

-- The head of the audit chain. Every write transaction updates this row first, which
-- serializes writers (row lock in PostgreSQL, the write lock in SQLite) so the chain stays linear.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seq       INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    source      TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
