-- AlterTable
ALTER TABLE "Edition" ADD COLUMN "attendanceClosedAt" DATETIME;
ALTER TABLE "Edition" ADD COLUMN "attendanceClosedById" TEXT;

-- CreateTable
CREATE TABLE "AttendanceRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "minutesAttended" INTEGER,
    "source" TEXT NOT NULL DEFAULT 'registro',
    "recordedById" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AttendanceRecord_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttendanceRecord_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "fromStatus" TEXT,
    "fromMinutes" INTEGER,
    "toStatus" TEXT,
    "toMinutes" INTEGER,
    "source" TEXT NOT NULL DEFAULT 'registro',
    CONSTRAINT "AttendanceChange_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttendanceChange_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityCompletion" (
    "sessionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "completedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,

    PRIMARY KEY ("sessionId", "enrolmentId"),
    CONSTRAINT "ActivityCompletion_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityCompletion_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "activeKey" TEXT,
    "holderName" TEXT NOT NULL,
    "eventTitle" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "organiser" TEXT NOT NULL,
    "editionStartsOn" DATETIME NOT NULL,
    "editionEndsOn" DATETIME NOT NULL,
    "certifiedMinutes" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" TEXT,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokedReason" TEXT,
    "replacedById" TEXT,
    CONSTRAINT "Certificate_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuestionnaireResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "comment" TEXT,
    "submittedOn" DATETIME NOT NULL,
    CONSTRAINT "QuestionnaireResponse_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuestionnaireSubmission" (
    "editionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("editionId", "userId"),
    CONSTRAINT "QuestionnaireSubmission_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "regionCode" TEXT,
    "mode" TEXT NOT NULL,
    "venue" TEXT,
    "onlineUrl" TEXT,
    "language" TEXT NOT NULL DEFAULT 'it',
    "certifiedMinutes" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'bozza',
    "openToAllRegions" BOOLEAN NOT NULL DEFAULT false,
    "startsAt" DATETIME,
    "endsAt" DATETIME,
    "searchText" TEXT NOT NULL DEFAULT '',
    "completionPercent" INTEGER NOT NULL DEFAULT 75,
    "publishedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("certifiedMinutes", "createdAt", "createdById", "description", "endsAt", "id", "language", "level", "mode", "onlineUrl", "openToAllRegions", "publishedAt", "regionCode", "searchText", "startsAt", "status", "title", "type", "updatedAt", "venue") SELECT "certifiedMinutes", "createdAt", "createdById", "description", "endsAt", "id", "language", "level", "mode", "onlineUrl", "openToAllRegions", "publishedAt", "regionCode", "searchText", "startsAt", "status", "title", "type", "updatedAt", "venue" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_status_startsAt_idx" ON "Event"("status", "startsAt");
CREATE INDEX "Event_status_level_startsAt_idx" ON "Event"("status", "level", "startsAt");
CREATE INDEX "Event_status_regionCode_startsAt_idx" ON "Event"("status", "regionCode", "startsAt");
CREATE INDEX "Event_status_endsAt_idx" ON "Event"("status", "endsAt");
CREATE INDEX "Event_createdById_idx" ON "Event"("createdById");
CREATE TABLE "new_TrainingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "delivery" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "required" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "TrainingSession_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TrainingSession" ("delivery", "editionId", "endsAt", "id", "minutes", "sequence", "startsAt", "title") SELECT "delivery", "editionId", "endsAt", "id", "minutes", "sequence", "startsAt", "title" FROM "TrainingSession";
DROP TABLE "TrainingSession";
ALTER TABLE "new_TrainingSession" RENAME TO "TrainingSession";
CREATE INDEX "TrainingSession_editionId_startsAt_idx" ON "TrainingSession"("editionId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AttendanceRecord_enrolmentId_idx" ON "AttendanceRecord"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceRecord_sessionId_enrolmentId_key" ON "AttendanceRecord"("sessionId", "enrolmentId");

-- CreateIndex
CREATE INDEX "AttendanceChange_sessionId_at_idx" ON "AttendanceChange"("sessionId", "at");

-- CreateIndex
CREATE INDEX "AttendanceChange_enrolmentId_at_idx" ON "AttendanceChange"("enrolmentId", "at");

-- CreateIndex
CREATE INDEX "ActivityCompletion_enrolmentId_idx" ON "ActivityCompletion"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_activeKey_key" ON "Certificate"("activeKey");

-- CreateIndex
CREATE INDEX "Certificate_editionId_idx" ON "Certificate"("editionId");

-- CreateIndex
CREATE INDEX "Certificate_userId_idx" ON "Certificate"("userId");

-- CreateIndex
CREATE INDEX "Certificate_enrolmentId_idx" ON "Certificate"("enrolmentId");

-- CreateIndex
CREATE INDEX "QuestionnaireResponse_editionId_idx" ON "QuestionnaireResponse"("editionId");

