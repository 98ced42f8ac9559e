-- Procedure rules of Luật 10/2022 (Điều 16, 17, 19; NĐ 59/2023 Điều 5) on resident decisions:
-- who proposed the matter, a citizen initiative's consent, an online vote's opt-in, a ballot's
-- announcement and distribution, the size of the ballot / online vote team. And the land
-- recovery procedure steps of a GPMB project (§9): land type, notice, plan posting,
-- consultation, dialogue, recovery decision. Rows written before this migration keep NULL.

ALTER TABLE resident_decisions ADD COLUMN proposer TEXT
    CHECK (proposer IN ('commune_chair', 'village_head', 'citizens'));
ALTER TABLE resident_decisions ADD COLUMN initiative_households INTEGER CHECK (initiative_households > 0);
ALTER TABLE resident_decisions ADD COLUMN consent_on TEXT;
ALTER TABLE resident_decisions ADD COLUMN front_approved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE resident_decisions ADD COLUMN online_opt_in INTEGER CHECK (online_opt_in >= 0);
ALTER TABLE resident_decisions ADD COLUMN ballot_announced_on TEXT;
ALTER TABLE resident_decisions ADD COLUMN ballot_distributed_on TEXT;
ALTER TABLE resident_decisions ADD COLUMN team_size INTEGER CHECK (team_size BETWEEN 3 AND 5);

ALTER TABLE gpmb_projects ADD COLUMN land_type TEXT CHECK (land_type IN ('agricultural', 'non_agricultural'));
ALTER TABLE gpmb_projects ADD COLUMN notice_on TEXT;
ALTER TABLE gpmb_projects ADD COLUMN plan_posted_from TEXT;
ALTER TABLE gpmb_projects ADD COLUMN plan_posted_to TEXT;
ALTER TABLE gpmb_projects ADD COLUMN consulted_on TEXT;
ALTER TABLE gpmb_projects ADD COLUMN dialogue_on TEXT;
ALTER TABLE gpmb_projects ADD COLUMN recovery_decided_on TEXT;
