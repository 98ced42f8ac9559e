-- "Dân vận khéo" models and exemplars: the registration, the current stage with the facts of
-- each step reached, the dated history of steps, the units that replicated a model, and the
-- finer fields an admin adds under the four.

CREATE TABLE dvk_subfields (
    code  TEXT PRIMARY KEY,
    field TEXT NOT NULL,
    name  TEXT NOT NULL
);

CREATE TABLE dvk_models (
    id               INTEGER PRIMARY KEY,
    unit_id          INTEGER NOT NULL REFERENCES units (id),
    year             INTEGER NOT NULL,
    holder           TEXT NOT NULL CHECK (holder IN ('collective', 'individual')),
    name             TEXT NOT NULL,
    owner            TEXT NOT NULL,
    organisation     TEXT,
    field            TEXT NOT NULL,
    sub_field        TEXT REFERENCES dvk_subfields (code),
    description      TEXT NOT NULL,
    expected_results TEXT,
    evidence_json    TEXT NOT NULL DEFAULT '[]',
    stage            TEXT NOT NULL
        CHECK (stage IN ('registered', 'appraised', 'recognised', 'proposed', 'commended', 'replicated')),
    registered_on    TEXT NOT NULL,
    appraised_on     TEXT,
    score            INTEGER CHECK (score BETWEEN 0 AND 100),
    opinion          TEXT,
    recognised_on    TEXT,
    level            TEXT,
    body             TEXT,
    proposed_on      TEXT,
    form             TEXT,
    commended_on     TEXT,
    decision         TEXT,
    replicated_on    TEXT,
    created_by       INTEGER REFERENCES users (id),
    created_at       TEXT NOT NULL
);
CREATE INDEX dvk_models_unit ON dvk_models (unit_id, registered_on);
CREATE INDEX dvk_models_registered ON dvk_models (registered_on, id);
CREATE INDEX dvk_models_recognised ON dvk_models (recognised_on) WHERE recognised_on IS NOT NULL;

CREATE TABLE dvk_steps (
    id         INTEGER PRIMARY KEY,
    model_id   INTEGER NOT NULL REFERENCES dvk_models (id),
    action     TEXT NOT NULL,
    done_on    TEXT NOT NULL,
    detail     TEXT NOT NULL,
    by_name    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX dvk_steps_model ON dvk_steps (model_id, id);

CREATE TABLE dvk_replications (
    id            INTEGER PRIMARY KEY,
    model_id      INTEGER NOT NULL REFERENCES dvk_models (id),
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    replicated_on TEXT NOT NULL
);
CREATE UNIQUE INDEX dvk_replications_unit ON dvk_replications (model_id, unit_id);
