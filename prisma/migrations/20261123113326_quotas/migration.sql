-- CreateTable
CREATE TABLE "EditionQuota" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "waitlistSeq" INTEGER NOT NULL DEFAULT 0,
    "releasedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EditionQuota_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "quotaId" TEXT,
    "waitlistSeq" INTEGER,
    "offerExpiresAt" DATETIME,
    "activeKey" TEXT,
    "reason" TEXT,
    "motivation" TEXT,
    "answers" TEXT NOT NULL DEFAULT '{}',
    "scores" TEXT NOT NULL DEFAULT '{}',
    "totalScore" REAL,
    "priority" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    CONSTRAINT "Enrolment_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_quotaId_fkey" FOREIGN KEY ("quotaId") REFERENCES "EditionQuota" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Enrolment" ("activeKey", "answers", "createdAt", "editionId", "endedAt", "eventId", "id", "motivation", "offerExpiresAt", "priority", "reason", "scores", "status", "totalScore", "updatedAt", "userId", "waitlistSeq") SELECT "activeKey", "answers", "createdAt", "editionId", "endedAt", "eventId", "id", "motivation", "offerExpiresAt", "priority", "reason", "scores", "status", "totalScore", "updatedAt", "userId", "waitlistSeq" FROM "Enrolment";
DROP TABLE "Enrolment";
ALTER TABLE "new_Enrolment" RENAME TO "Enrolment";
CREATE UNIQUE INDEX "Enrolment_activeKey_key" ON "Enrolment"("activeKey");
CREATE INDEX "Enrolment_editionId_quotaId_status_waitlistSeq_idx" ON "Enrolment"("editionId", "quotaId", "status", "waitlistSeq");
CREATE INDEX "Enrolment_quotaId_status_waitlistSeq_idx" ON "Enrolment"("quotaId", "status", "waitlistSeq");
CREATE INDEX "Enrolment_userId_status_idx" ON "Enrolment"("userId", "status");
CREATE INDEX "Enrolment_status_offerExpiresAt_idx" ON "Enrolment"("status", "offerExpiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "EditionQuota_editionId_regionCode_key" ON "EditionQuota"("editionId", "regionCode");

