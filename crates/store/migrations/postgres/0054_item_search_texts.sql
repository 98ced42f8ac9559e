-- The folded search key (as in 0052) of the opinions and recommendations raised (items): their
-- content only, so the follow-up worklist's search box finds "đèn chiếu sáng" from "den chieu
-- sang" and never matches who raised a denunciation. Written with each item; older rows are
-- folded right after migrating.
ALTER TABLE items ADD COLUMN search_text TEXT;
