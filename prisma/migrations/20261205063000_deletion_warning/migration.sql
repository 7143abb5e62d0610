-- When the retention job warned a never-confirmed account that it would be deleted (ADR 0086).
ALTER TABLE "User" ADD COLUMN "deletionWarnedAt" DATETIME;
