-- The SQLite migration of this number adds the index that answers `u.path LIKE '/2025/01/%'`.
-- PostgreSQL has had its own since 0001 (`units_path_prefix`, text_pattern_ops): nothing to do
-- here but keep the two backends' migration numbers in step.
SELECT 1;
