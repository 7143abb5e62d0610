-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Edition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME NOT NULL,
    "seatCap" INTEGER,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "enrolmentOpensAt" DATETIME NOT NULL,
    "enrolmentClosesAt" DATETIME NOT NULL,
    "waitlistSeq" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'attiva',
    "promotionMode" TEXT NOT NULL DEFAULT 'automatica',
    "offerHours" INTEGER NOT NULL DEFAULT 48,
    "admission" TEXT NOT NULL DEFAULT 'ordine-arrivo',
    "applicationQuestions" TEXT NOT NULL DEFAULT '[]',
    "selectionCriteria" TEXT NOT NULL DEFAULT '[]',
    "selectionClosedAt" DATETIME,
    "cancellationCutoffAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Edition_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Edition" ("cancellationCutoffAt", "createdAt", "endsOn", "enrolmentClosesAt", "enrolmentOpensAt", "eventId", "id", "number", "offerHours", "promotionMode", "seatCap", "seatsTaken", "startsOn", "status", "updatedAt", "waitlistSeq") SELECT "cancellationCutoffAt", "createdAt", "endsOn", "enrolmentClosesAt", "enrolmentOpensAt", "eventId", "id", "number", "offerHours", "promotionMode", "seatCap", "seatsTaken", "startsOn", "status", "updatedAt", "waitlistSeq" FROM "Edition";
DROP TABLE "Edition";
ALTER TABLE "new_Edition" RENAME TO "Edition";
CREATE INDEX "Edition_eventId_idx" ON "Edition"("eventId");
CREATE UNIQUE INDEX "Edition_eventId_number_key" ON "Edition"("eventId", "number");
CREATE TABLE "new_Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
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
    CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Enrolment" ("activeKey", "createdAt", "editionId", "endedAt", "eventId", "id", "offerExpiresAt", "reason", "status", "updatedAt", "userId", "waitlistSeq") SELECT "activeKey", "createdAt", "editionId", "endedAt", "eventId", "id", "offerExpiresAt", "reason", "status", "updatedAt", "userId", "waitlistSeq" FROM "Enrolment";
DROP TABLE "Enrolment";
ALTER TABLE "new_Enrolment" RENAME TO "Enrolment";
CREATE UNIQUE INDEX "Enrolment_activeKey_key" ON "Enrolment"("activeKey");
CREATE INDEX "Enrolment_editionId_status_waitlistSeq_idx" ON "Enrolment"("editionId", "status", "waitlistSeq");
CREATE INDEX "Enrolment_userId_status_idx" ON "Enrolment"("userId", "status");
CREATE INDEX "Enrolment_status_offerExpiresAt_idx" ON "Enrolment"("status", "offerExpiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

