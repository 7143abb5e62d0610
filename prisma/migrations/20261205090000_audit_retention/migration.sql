-- The retention job reads the audit log oldest first, in batches (RETENTION_AUDIT_DAYS, ADR 0092).
CREATE INDEX "AuditLog_at_id_idx" ON "AuditLog"("at", "id");
