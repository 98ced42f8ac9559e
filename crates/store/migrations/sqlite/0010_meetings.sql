-- Meetings with the people (dialogues, voter contacts, social-criticism conferences, working
-- sessions), supervisions, contributions, and the items raised at any of them — one table and
-- one follow-up life for every item, whatever its source.

CREATE TABLE meetings (
    id                 INTEGER PRIMARY KEY,
    unit_id            INTEGER NOT NULL REFERENCES units (id),
    kind               TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('planned', 'held', 'announced', 'closed')),
    -- Entered as a plan (kế hoạch) before it was held: plans are compared with what was held.
    from_plan          INTEGER NOT NULL DEFAULT 0,
    organiser          TEXT NOT NULL,
    chairs_json        TEXT NOT NULL DEFAULT '[]',
    held_on            TEXT NOT NULL,
    place              TEXT,
    topic              TEXT NOT NULL,
    gpmb_project       TEXT,
    participants       INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
    opinions_total     INTEGER CHECK (opinions_total >= 0),
    opinions_collected INTEGER CHECK (opinions_collected >= 0),
    opinions_direct    INTEGER CHECK (opinions_direct >= 0),
    schedule_posted_on TEXT,
    minutes            TEXT,
    announced_on       TEXT,
    announce_form      TEXT,
    closed_on          TEXT,
    created_by         INTEGER REFERENCES users (id),
    created_at         TEXT NOT NULL
);
CREATE INDEX meetings_unit ON meetings (unit_id, held_on);
CREATE INDEX meetings_held_on ON meetings (held_on, id);

CREATE TABLE supervisions (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    organisation TEXT NOT NULL,
    subject      TEXT NOT NULL,
    topic        TEXT NOT NULL,
    form         TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    conclusions  TEXT,
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX supervisions_unit ON supervisions (unit_id, held_on);

CREATE TABLE contributions (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    target       TEXT NOT NULL CHECK (target IN ('party', 'government')),
    organisation TEXT NOT NULL,
    given_on     TEXT NOT NULL,
    document     TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    created_at   TEXT NOT NULL
);
CREATE INDEX contributions_unit ON contributions (unit_id, given_on);

-- `unit_id` and `raised_on` repeat the source's, so scope filters and worklists need no join
-- per source kind.
CREATE TABLE items (
    id               INTEGER PRIMARY KEY,
    source_kind      TEXT NOT NULL CHECK (source_kind IN ('meeting', 'supervision', 'contribution')),
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
CREATE INDEX items_source ON items (source_kind, source_id);
CREATE INDEX items_awaiting ON items (answer_due) WHERE status = 'awaiting_answer';
CREATE INDEX items_petition ON items (petition_id) WHERE petition_id IS NOT NULL;
