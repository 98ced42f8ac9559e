-- Whose periodic reception day a session was: the head of government (Luật Tiếp công dân) or the
-- Party secretary (Quy định 11-QĐi/TW as amended by Kết luận 215-KL/TW), counted against
-- different compliance rules. Existing sessions were the government head's.
ALTER TABLE reception_sessions ADD COLUMN host TEXT NOT NULL DEFAULT 'government_head'
    CHECK (host IN ('government_head', 'party_secretary'));
