-- Files attached to directives, "Dân vận khéo" models and disclosures (issue 6). The bytes live
-- on disk named by their SHA-256, shared with petition attachments; this table says which record
-- they belong to, under which name, uploaded by whom. The older `directives.file` and
-- `dvk_models.evidence_json` columns stay as references typed by hand (a number, an address).

CREATE TABLE record_files (
    id           INTEGER PRIMARY KEY,
    record_kind  TEXT NOT NULL CHECK (record_kind IN ('directive', 'dvk_model', 'disclosure')),
    record_id    INTEGER NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX record_files_record ON record_files (record_kind, record_id);
