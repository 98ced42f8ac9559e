-- Files attached to petitions. The bytes live on disk, named by their SHA-256; this table says
-- which petition they belong to, under which name, uploaded by whom.

CREATE TABLE petition_attachments (
    id           INTEGER PRIMARY KEY,
    petition_id  INTEGER NOT NULL REFERENCES petitions (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX petition_attachments_petition ON petition_attachments (petition_id);
