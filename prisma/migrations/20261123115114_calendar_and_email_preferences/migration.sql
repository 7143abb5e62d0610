-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "schoolName" TEXT,
    "schoolCode" TEXT,
    "schoolLevel" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "professionalRole" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'it',
    "calendarToken" TEXT,
    "emailReminders" BOOLEAN NOT NULL DEFAULT true,
    "trainingTargetMinutes" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "email", "firstName", "id", "lastName", "locale", "professionalRole", "regionCode", "schoolCode", "schoolLevel", "schoolName", "updatedAt") SELECT "createdAt", "email", "firstName", "id", "lastName", "locale", "professionalRole", "regionCode", "schoolCode", "schoolLevel", "schoolName", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_calendarToken_key" ON "User"("calendarToken");
CREATE INDEX "User_regionCode_idx" ON "User"("regionCode");
CREATE TABLE "new_TrainingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "delivery" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "TrainingSession_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "Edition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TrainingSession" ("delivery", "editionId", "endsAt", "id", "minutes", "startsAt", "title") SELECT "delivery", "editionId", "endsAt", "id", "minutes", "startsAt", "title" FROM "TrainingSession";
DROP TABLE "TrainingSession";
ALTER TABLE "new_TrainingSession" RENAME TO "TrainingSession";
CREATE INDEX "TrainingSession_editionId_startsAt_idx" ON "TrainingSession"("editionId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

