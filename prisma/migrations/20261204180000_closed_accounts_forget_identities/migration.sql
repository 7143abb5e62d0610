-- Accounts closed before closeAccount erased them still held their digital identities (which
-- signed them in again) and their codice fiscale (which kept the person from a new account).
DELETE FROM "UserIdentity" WHERE "userId" IN (SELECT "id" FROM "User" WHERE "closedAt" IS NOT NULL);
UPDATE "User" SET "fiscalCode" = NULL WHERE "closedAt" IS NOT NULL;
