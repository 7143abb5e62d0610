-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN "movedFromId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_movedFromId_key" ON "Enrolment"("movedFromId");
