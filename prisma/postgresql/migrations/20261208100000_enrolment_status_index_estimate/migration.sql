-- ADR 0113: nothing to do on PostgreSQL, which plans by the statistics it gathers itself (autovacuum's ANALYZE).
-- The SQLite migration of the same name writes a planner estimate for Enrolment_status_offerExpiresAt_idx.
SELECT 1;
