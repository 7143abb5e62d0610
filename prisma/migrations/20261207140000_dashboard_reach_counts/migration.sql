-- The dashboard's distinct teachers are counted by the build for every event filter a view can carry
-- (DashboardReachCount, ADR 0021 addendum 07/12/2026 (5)) instead of read as bit masks and counted per view
-- (DashboardReach, dropped). The build the dashboard points at has no counts in the new table: the state goes back
-- to "no build yet", so that views are counted live until the cruscotto job's next build (at its next run, the
-- state being older than any interval), as after a first start.

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "DashboardReach";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "DashboardReachCount" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "generation" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventLevel" TEXT NOT NULL,
    "referentScope" INTEGER NOT NULL,
    "regionCode" TEXT NOT NULL,
    "schoolLevel" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "teachers" INTEGER NOT NULL,
    "m0" INTEGER NOT NULL,
    "m1" INTEGER NOT NULL,
    "m2" INTEGER NOT NULL,
    "m3" INTEGER NOT NULL,
    "m4" INTEGER NOT NULL,
    "m5" INTEGER NOT NULL,
    "m6" INTEGER NOT NULL,
    "m7" INTEGER NOT NULL,
    "m8" INTEGER NOT NULL,
    "m9" INTEGER NOT NULL,
    "m10" INTEGER NOT NULL,
    "m11" INTEGER NOT NULL,
    "t0" INTEGER NOT NULL,
    "t1" INTEGER NOT NULL,
    "t2" INTEGER NOT NULL,
    "t3" INTEGER NOT NULL,
    "t4" INTEGER NOT NULL,
    "t5" INTEGER NOT NULL,
    "t6" INTEGER NOT NULL,
    "t7" INTEGER NOT NULL,
    "t8" INTEGER NOT NULL,
    "l0" INTEGER NOT NULL,
    "l1" INTEGER NOT NULL,
    "l2" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "DashboardReachCount_view_idx" ON "DashboardReachCount"("generation", "year", "eventType", "eventLevel", "referentScope", "regionCode");


-- Views are counted live until the next build.
UPDATE "DashboardSummary" SET "generation" = 0, "builtAt" = NULL, "buildMs" = NULL;
