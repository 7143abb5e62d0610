-- AlterTable
ALTER TABLE "Event" ADD COLUMN "isTemplate" BOOLEAN NOT NULL DEFAULT false;
