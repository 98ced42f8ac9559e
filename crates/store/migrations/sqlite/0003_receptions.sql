-- Citizen reception sessions (tiếp công dân) and the matters raised at them; a matter can become
-- a petition.

CREATE TABLE reception_sessions (
    id                INTEGER PRIMARY KEY,
    unit_id           INTEGER NOT NULL REFERENCES units (id),
    kind              TEXT NOT NULL CHECK (kind IN ('regular', 'leader_periodic', 'ad_hoc')),
    held_on           TEXT NOT NULL,
    receiver          TEXT NOT NULL,
    receiver_position TEXT NOT NULL,
    citizens          INTEGER NOT NULL,
    delegations       INTEGER NOT NULL DEFAULT 0,
    delegation_people INTEGER NOT NULL DEFAULT 0,
    note              TEXT,
    created_by        INTEGER REFERENCES users (id),
    created_at        TEXT NOT NULL
);
CREATE INDEX reception_sessions_unit ON reception_sessions (unit_id, held_on);

CREATE TABLE reception_matters (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES reception_sessions (id),
    content     TEXT NOT NULL,
    petition_id INTEGER REFERENCES petitions (id)
);
CREATE INDEX reception_matters_session ON reception_matters (session_id);
