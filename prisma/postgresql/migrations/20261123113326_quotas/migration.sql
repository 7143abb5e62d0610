-- DropIndex
DROP INDEX "Enrolment_editionId_status_waitlistSeq_idx";

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "quotaId" TEXT;

-- CreateTable
CREATE TABLE "EditionQuota" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "waitlistSeq" INTEGER NOT NULL DEFAULT 0,
    "releasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EditionQuota_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EditionQuota_editionId_regionCode_key" ON "EditionQuota"("editionId", "regionCode");

-- CreateIndex
CREATE INDEX "Enrolment_editionId_quotaId_status_waitlistSeq_idx" ON "Enrolment"("editionId", "quotaId", "status", "waitlistSeq");

-- CreateIndex
CREATE INDEX "Enrolment_quotaId_status_waitlistSeq_idx" ON "Enrolment"("quotaId", "status", "waitlistSeq");

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_quotaId_fkey" FOREIGN KEY ("quotaId") REFERENCES "EditionQuota"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EditionQuota" ADD CONSTRAINT "EditionQuota_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

