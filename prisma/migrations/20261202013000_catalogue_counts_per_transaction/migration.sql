-- The catalogue's counts without a row shared by writers (docs/decisions/0049-catalogue-counts-without-shared-rows.md):
-- on PostgreSQL each writing transaction adds its changes to "CatalogueCount" rows of its own ("tx"), folded later.
-- SQLite has one writer at a time (no row locks, so neither a deadlock nor a wait that the database's write lock
-- does not already impose): its triggers keep updating the one folded row ("tx" 0) of each (key, day), and a count
-- is the same SUM of the rows of its key and days on both engines.
DROP TRIGGER "CatalogueEntry_count_insert";
DROP TRIGGER "CatalogueEntry_count_delete";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CatalogueCount" (
    "key" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "tx" BIGINT NOT NULL DEFAULT 0,
    "n" INTEGER NOT NULL,

    PRIMARY KEY ("key", "day", "tx")
);
INSERT INTO "new_CatalogueCount" ("day", "key", "n") SELECT "day", "key", "n" FROM "CatalogueCount";
DROP TABLE "CatalogueCount";
ALTER TABLE "new_CatalogueCount" RENAME TO "CatalogueCount";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

CREATE TRIGGER "CatalogueEntry_count_insert" AFTER INSERT ON "CatalogueEntry" BEGIN
  INSERT INTO "CatalogueCount" ("key", "day", "tx", "n") VALUES (new."key", new."day", 0, 1)
  ON CONFLICT ("key", "day", "tx") DO UPDATE SET "n" = "n" + 1;
END;

CREATE TRIGGER "CatalogueEntry_count_delete" AFTER DELETE ON "CatalogueEntry" BEGIN
  UPDATE "CatalogueCount" SET "n" = "n" - 1 WHERE "key" = old."key" AND "day" = old."day" AND "tx" = 0;
END;
