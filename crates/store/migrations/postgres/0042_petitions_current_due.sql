-- Open cases by their current deadline: the overdue and due-soon worklists read a range of it in
-- order instead of walking every open case. The expression is `CURRENT_DUE` in petitions.rs.
CREATE INDEX petitions_open_current_due ON petitions (
    (COALESCE(CASE WHEN status IN ('received', 'processing') THEN processing_due
                   WHEN status IN ('accepted', 'in_resolution') THEN resolution_due END, '9999-12-31')),
    id
) WHERE status IN ('received', 'processing', 'accepted', 'in_resolution');
