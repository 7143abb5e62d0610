-- A placement's change-log row kept the placed person's email address, which closing the account did not erase
-- (ADR 0013). The row names the person by userId only, and the addresses already written are removed (no semicolon in a comment: the migration runner splits on it).
UPDATE "AuditLog"
SET "details" = ("details"::jsonb - 'email')::text
WHERE "entityType" = 'edition' AND "action" = 'partecipante-inserito' AND ("details"::jsonb ->> 'email') IS NOT NULL;
