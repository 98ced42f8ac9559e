-- Movements and campaigns with their participating units and self-managed groups; funds with
-- receipts and spending; houses of great solidarity; new-rural contributions; tasks ordered
-- by the government from MTTQ or an association. Money is whole đồng; land is tenths of m².

CREATE TABLE movements (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    kind        TEXT NOT NULL CHECK (kind IN ('movement', 'campaign')),
    name        TEXT NOT NULL,
    started_on  TEXT NOT NULL,
    ended_on    TEXT,
    description TEXT,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL
);
CREATE INDEX movements_unit ON movements (unit_id, started_on);

CREATE TABLE movement_units (
    movement_id INTEGER NOT NULL REFERENCES movements (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (movement_id, unit_id)
);

CREATE TABLE movement_groups (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    movement_id INTEGER REFERENCES movements (id),
    name        TEXT NOT NULL,
    field       TEXT NOT NULL,
    members     INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),
    founded_on  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL
);
CREATE INDEX movement_groups_unit ON movement_groups (unit_id, founded_on);

CREATE TABLE funds (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    opened_on  TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX funds_unit ON funds (unit_id);

CREATE TABLE houses (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    household      TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('new', 'repair')),
    handed_over_on TEXT NOT NULL,
    value          INTEGER NOT NULL CHECK (value > 0),
    fund_id        INTEGER REFERENCES funds (id),
    from_fund      INTEGER NOT NULL DEFAULT 0 CHECK (from_fund >= 0 AND from_fund <= value),
    created_by     INTEGER REFERENCES users (id),
    created_at     TEXT NOT NULL
);
CREATE INDEX houses_unit ON houses (unit_id, handed_over_on);

CREATE TABLE fund_entries (
    id           INTEGER PRIMARY KEY,
    fund_id      INTEGER NOT NULL REFERENCES funds (id),
    kind         TEXT NOT NULL CHECK (kind IN ('receipt', 'spending')),
    entry_on     TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount > 0),
    counterpart  TEXT NOT NULL,
    house_id     INTEGER REFERENCES houses (id),
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX fund_entries_fund ON fund_entries (fund_id, entry_on);

CREATE TABLE rural_contributions (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    given_on       TEXT NOT NULL,
    source         TEXT NOT NULL CHECK (source IN ('state_budget', 'people', 'other_programmes')),
    amount         INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    land_m2_tenths INTEGER NOT NULL DEFAULT 0 CHECK (land_m2_tenths >= 0),
    workdays       INTEGER NOT NULL DEFAULT 0 CHECK (workdays >= 0),
    purpose        TEXT NOT NULL,
    created_by     INTEGER REFERENCES users (id),
    created_at     TEXT NOT NULL
);
CREATE INDEX rural_contributions_unit ON rural_contributions (unit_id, given_on);

CREATE TABLE ordered_tasks (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    orderer      TEXT NOT NULL,
    contractor   TEXT NOT NULL,
    content      TEXT NOT NULL,
    budget       INTEGER NOT NULL CHECK (budget >= 0),
    ordered_on   TEXT NOT NULL,
    deadline     TEXT NOT NULL,
    gpmb_project TEXT,
    status       TEXT NOT NULL CHECK (status IN ('ordered', 'done', 'cancelled')),
    result       TEXT,
    done_on      TEXT,
    spent        INTEGER CHECK (spent >= 0),
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX ordered_tasks_unit ON ordered_tasks (unit_id, ordered_on);
