-- CreateTable
CREATE TABLE "OrganiserLetterhead" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "signatoryName" TEXT NOT NULL DEFAULT '',
    "signatoryRole" TEXT NOT NULL DEFAULT '',
    "logo" BLOB,
    "logoMimeType" TEXT,
    "signature" BLOB,
    "signatureMimeType" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrganiserLetterhead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
