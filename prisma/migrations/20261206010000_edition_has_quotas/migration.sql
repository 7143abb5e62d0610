-- Whether an edition has regional quotas, on the edition's own row: the first-come seat write reads it under the
-- row's lock (on PostgreSQL a statement that waited for the lock re-checks the row, not the quotas' table), so a
-- quota added while a request waited no longer lets that request take a general seat the quota now holds.
ALTER TABLE "Edition" ADD COLUMN "hasQuotas" BOOLEAN NOT NULL DEFAULT false;

UPDATE "Edition" SET "hasQuotas" = true
WHERE EXISTS (SELECT 1 FROM "EditionQuota" q WHERE q."editionId" = "Edition"."id");
