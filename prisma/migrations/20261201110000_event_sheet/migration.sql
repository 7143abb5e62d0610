-- AlterTable
ALTER TABLE "User" ADD COLUMN "trainerProfile" TEXT;

-- CreateTable
CREATE TABLE "EventFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "sessionId" TEXT,
    "title" TEXT NOT NULL,
    "fileName" TEXT,
    "mimeType" TEXT,
    "size" INTEGER,
    "url" TEXT,
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EventFile_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventFile_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "bytes" BLOB NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- AlterTable (ADD COLUMN, not a table rebuild: rebuilding "Event" would drop the catalogue's
-- full-text triggers of migration 20261201062000_catalogue_text_index)
ALTER TABLE "Event" ADD COLUMN "objectives" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Event" ADD COLUMN "programme" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "EventFile_eventId_sessionId_idx" ON "EventFile"("eventId", "sessionId");

-- CreateIndex
CREATE INDEX "EventFile_sessionId_idx" ON "EventFile"("sessionId");

