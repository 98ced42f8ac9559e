-- The register of leadership and direction documents (văn bản lãnh đạo, chỉ đạo) a unit
-- issues. `symbol` is the canonical số, ký hiệu (`85-KH/QU`, `05/BC-UBND`); one issuer does
-- not register the same symbol twice in a year.

CREATE TABLE directives (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    doc_type    TEXT NOT NULL,
    symbol      TEXT NOT NULL,
    style       TEXT NOT NULL CHECK (style IN ('party', 'state')),
    issued_on   TEXT NOT NULL,
    issued_year INTEGER NOT NULL,
    issuer      TEXT NOT NULL,
    title       TEXT NOT NULL,
    file        TEXT,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX directives_symbol ON directives (unit_id, issued_year, symbol);
CREATE INDEX directives_issued_on ON directives (issued_on, id);
