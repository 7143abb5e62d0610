-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "RateLimiterFlexible";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "rate_limit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);

