-- CreateTable
CREATE TABLE "DashboardSummary" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "builtAt" DATETIME,
    "buildMs" INTEGER,
    "lastGeneration" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME
);

-- CreateTable
CREATE TABLE "DashboardFact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "generation" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventLevel" TEXT NOT NULL,
    "inRegionScope" INTEGER NOT NULL,
    "regionCode" TEXT NOT NULL,
    "schoolLevel" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "enrolled" INTEGER NOT NULL,
    "waitlisted" INTEGER NOT NULL,
    "assessed" INTEGER NOT NULL,
    "attended" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "certifiedMinutes" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "DashboardReach" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "generation" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "regionCode" TEXT NOT NULL,
    "schoolLevel" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "anyMask" BIGINT NOT NULL,
    "m0" BIGINT NOT NULL,
    "m1" BIGINT NOT NULL,
    "m2" BIGINT NOT NULL,
    "m3" BIGINT NOT NULL,
    "m4" BIGINT NOT NULL,
    "m5" BIGINT NOT NULL,
    "m6" BIGINT NOT NULL,
    "m7" BIGINT NOT NULL,
    "m8" BIGINT NOT NULL,
    "m9" BIGINT NOT NULL,
    "m10" BIGINT NOT NULL,
    "m11" BIGINT NOT NULL,
    "teachers" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "DashboardEditionFact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "generation" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventLevel" TEXT NOT NULL,
    "eventRegion" TEXT NOT NULL,
    "cappedEditions" INTEGER NOT NULL,
    "seatCap" INTEGER NOT NULL,
    "seatsTaken" INTEGER NOT NULL,
    "responses" INTEGER NOT NULL,
    "answerSum" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "DashboardFact_view_idx" ON "DashboardFact"("generation", "year", "regionCode", "month", "eventType", "eventLevel", "inRegionScope", "schoolLevel", "role", "rows", "enrolled", "waitlisted", "assessed", "attended", "completed", "certifiedMinutes");

-- CreateIndex
CREATE INDEX "DashboardReach_generation_year_regionCode_idx" ON "DashboardReach"("generation", "year", "regionCode");

-- CreateIndex
CREATE INDEX "DashboardEditionFact_generation_year_idx" ON "DashboardEditionFact"("generation", "year");
