-- The alert job's claim on a person (ADR 0088, addendum 07/12/2026): a runner sets it on every alert of the person
-- before running their catalogue searches, so that the other workers and instances skip that person, and the check
-- that moves the alerts forward clears it. A runner that dies leaves it to lapse: the alerts keep their last check.

-- AlterTable
ALTER TABLE "CatalogueAlert" ADD COLUMN     "checkingUntil" TIMESTAMP(3);

