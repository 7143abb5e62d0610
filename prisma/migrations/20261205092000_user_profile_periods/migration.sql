-- Past states of a person's region, school level and role, for the dashboard's attribution (ADR 0093).
CREATE TABLE "UserProfilePeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "schoolLevel" TEXT NOT NULL,
    "professionalRole" TEXT NOT NULL,
    "validUntil" DATETIME NOT NULL,
    CONSTRAINT "UserProfilePeriod_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "UserProfilePeriod_userId_validUntil_idx" ON "UserProfilePeriod"("userId", "validUntil");
