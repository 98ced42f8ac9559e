-- Land clearance (GPMB) projects: the units they cross, milestones, affected households with
-- their dated state history, the mobilization log, and links to dialogues and petitions (link
-- tables here; the meetings and petitions tables are not changed). Disclosures and
-- consultations point at a project from their own tables.

CREATE TABLE gpmb_projects (
    id                 INTEGER PRIMARY KEY,
    unit_id            INTEGER NOT NULL REFERENCES units (id),
    name               TEXT NOT NULL,
    scale              TEXT,
    investor           TEXT,
    area_m2            INTEGER CHECK (area_m2 >= 0),
    households_planned INTEGER CHECK (households_planned >= 0),
    started_on         TEXT,
    created_by         INTEGER REFERENCES users (id),
    created_at         TEXT NOT NULL
);
CREATE INDEX gpmb_projects_unit ON gpmb_projects (unit_id);

CREATE TABLE gpmb_project_units (
    project_id INTEGER NOT NULL REFERENCES gpmb_projects (id),
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (project_id, unit_id)
);
CREATE INDEX gpmb_project_units_unit ON gpmb_project_units (unit_id);

CREATE TABLE gpmb_milestones (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES gpmb_projects (id),
    label      TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    done_on    TEXT
);
CREATE INDEX gpmb_milestones_project ON gpmb_milestones (project_id);

CREATE TABLE gpmb_households (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES gpmb_projects (id),
    head_name   TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units (id),
    address     TEXT,
    land_m2     INTEGER CHECK (land_m2 >= 0),
    state       TEXT NOT NULL CHECK (state IN ('pending', 'agreed', 'handed_over', 'obstructing')),
    reason      TEXT,
    state_since TEXT NOT NULL,
    listed_on   TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL,
    CHECK (state <> 'obstructing' OR reason IS NOT NULL)
);
CREATE INDEX gpmb_households_project ON gpmb_households (project_id, state);

-- Every state a household was in, from its listing: progress at any date is read from here.
CREATE TABLE gpmb_household_events (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES gpmb_households (id),
    project_id   INTEGER NOT NULL REFERENCES gpmb_projects (id),
    state        TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    reason       TEXT,
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX gpmb_household_events_project ON gpmb_household_events (project_id, on_date);

CREATE TABLE gpmb_mobilizations (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES gpmb_projects (id),
    household_id INTEGER REFERENCES gpmb_households (id),
    on_date      TEXT NOT NULL,
    forces       TEXT NOT NULL DEFAULT '',
    mobilisers   TEXT NOT NULL,
    result       TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX gpmb_mobilizations_project ON gpmb_mobilizations (project_id, on_date);

CREATE TABLE gpmb_meetings (
    project_id INTEGER NOT NULL REFERENCES gpmb_projects (id),
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    PRIMARY KEY (project_id, meeting_id)
);

CREATE TABLE gpmb_petitions (
    project_id  INTEGER NOT NULL REFERENCES gpmb_projects (id),
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    PRIMARY KEY (project_id, petition_id)
);
