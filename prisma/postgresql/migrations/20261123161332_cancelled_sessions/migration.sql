-- CreateTable
CREATE TABLE "CancelledSession" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "delivery" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "cancelledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CancelledSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CancelledSession_editionId_cancelledAt_idx" ON "CancelledSession"("editionId", "cancelledAt");

-- AddForeignKey
ALTER TABLE "CancelledSession" ADD CONSTRAINT "CancelledSession_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

