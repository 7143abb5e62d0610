-- CreateTable
CREATE TABLE "CatalogueEntry" (
    "eventId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "closesAt" DATETIME,

    PRIMARY KEY ("eventId", "key"),
    CONSTRAINT "CatalogueEntry_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogueCount" (
    "key" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    PRIMARY KEY ("key", "day")
);

-- CreateIndex
CREATE INDEX "CatalogueEntry_key_day_endsAt_closesAt_idx" ON "CatalogueEntry"("key", "day", "endsAt", "closesAt");


-- The catalogue's unselective counts (docs/decisions/0041-catalogue-counts-per-filter-value.md).
-- "CatalogueEntryLive" is the definition: one row per published event with an end and per filter value it answers
-- to, with the UTC day after which it no longer counts as upcoming (for "freeSeats", the earlier of the event's end
-- and the latest enrolmentClosesAt of its active editions with a free seat: the catalogue's EXISTS). The catalogue
-- adds the counts of the days after today and checks today's few entries one by one, so the figure stays exact
-- as time passes with no job. "CatalogueEntry" holds the view's rows, kept by the triggers below in the writer's
-- own transaction, and "CatalogueCount" their number per key and day, kept by the triggers on "CatalogueEntry".
-- Each trigger recomputes the entries of one event (and one family of keys) from the view.
CREATE VIEW "CatalogueEntryLive" AS
SELECT e."id" AS "eventId", '' AS "key", substr(e."endsAt", 1, 10) AS "day", e."endsAt" AS "endsAt", NULL AS "closesAt"
FROM "Event" e WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
UNION ALL
SELECT e."id", 'schoolLevel:' || sl."schoolLevel", substr(e."endsAt", 1, 10), e."endsAt", NULL
FROM "Event" e JOIN "EventSchoolLevel" sl ON sl."eventId" = e."id"
WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
UNION ALL
SELECT e."id", 'role:' || ar."role", substr(e."endsAt", 1, 10), e."endsAt", NULL
FROM "Event" e JOIN "EventAudienceRole" ar ON ar."eventId" = e."id"
WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
UNION ALL
SELECT f."eventId", 'freeSeats', substr(CASE WHEN f."closesAt" < f."endsAt" THEN f."closesAt" ELSE f."endsAt" END, 1, 10),
       f."endsAt", f."closesAt"
FROM (
  SELECT e."id" AS "eventId", e."endsAt" AS "endsAt",
         (SELECT MAX(ed."enrolmentClosesAt") FROM "Edition" ed
          WHERE ed."eventId" = e."id" AND ed."status" = 'attiva'
            AND (ed."seatCap" IS NULL OR ed."seatsTaken" < ed."seatCap")) AS "closesAt"
  FROM "Event" e WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
) f
WHERE f."closesAt" IS NOT NULL;

CREATE TRIGGER "CatalogueEntry_count_insert" AFTER INSERT ON "CatalogueEntry" BEGIN
  INSERT INTO "CatalogueCount" ("key", "day", "n") VALUES (new."key", new."day", 1)
  ON CONFLICT ("key", "day") DO UPDATE SET "n" = "n" + 1;
END;

CREATE TRIGGER "CatalogueEntry_count_delete" AFTER DELETE ON "CatalogueEntry" BEGIN
  UPDATE "CatalogueCount" SET "n" = "n" - 1 WHERE "key" = old."key" AND "day" = old."day";
END;

-- "CatalogueRefresh" is SQLite's stand-in for a procedure (PostgreSQL's "catalogue_refresh"): inserting
-- (eventId, keys) into this view recomputes that event's entries of the keys LIKE "keys" from "CatalogueEntryLive".
CREATE VIEW "CatalogueRefresh" AS SELECT NULL AS "eventId", NULL AS "keys" WHERE 0;

CREATE TRIGGER "CatalogueRefresh_run" INSTEAD OF INSERT ON "CatalogueRefresh" BEGIN
  DELETE FROM "CatalogueEntry" WHERE "eventId" = new."eventId" AND "key" LIKE new."keys";
  INSERT INTO "CatalogueEntry" ("eventId", "key", "day", "endsAt", "closesAt")
  SELECT "eventId", "key", "day", "endsAt", "closesAt" FROM "CatalogueEntryLive"
  WHERE "eventId" = new."eventId" AND "key" LIKE new."keys";
END;

-- An event's deletion removes its entries through the foreign key (ON DELETE CASCADE), which fires the count trigger.
CREATE TRIGGER "Event_catalogue_insert" AFTER INSERT ON "Event" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (new."id", '%');
END;

CREATE TRIGGER "Event_catalogue_update" AFTER UPDATE OF "id", "status", "endsAt" ON "Event"
WHEN old."id" IS NOT new."id" OR old."status" IS NOT new."status" OR old."endsAt" IS NOT new."endsAt" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (new."id", '%');
END;

CREATE TRIGGER "EventSchoolLevel_catalogue_insert" AFTER INSERT ON "EventSchoolLevel" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (new."eventId", 'schoolLevel:%');
END;

CREATE TRIGGER "EventSchoolLevel_catalogue_delete" AFTER DELETE ON "EventSchoolLevel" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (old."eventId", 'schoolLevel:%');
END;

CREATE TRIGGER "EventSchoolLevel_catalogue_update" AFTER UPDATE ON "EventSchoolLevel" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (old."eventId", 'schoolLevel:%');
  INSERT INTO "CatalogueRefresh" SELECT new."eventId", 'schoolLevel:%' WHERE new."eventId" IS NOT old."eventId";
END;

CREATE TRIGGER "EventAudienceRole_catalogue_insert" AFTER INSERT ON "EventAudienceRole" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (new."eventId", 'role:%');
END;

CREATE TRIGGER "EventAudienceRole_catalogue_delete" AFTER DELETE ON "EventAudienceRole" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (old."eventId", 'role:%');
END;

CREATE TRIGGER "EventAudienceRole_catalogue_update" AFTER UPDATE ON "EventAudienceRole" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (old."eventId", 'role:%');
  INSERT INTO "CatalogueRefresh" SELECT new."eventId", 'role:%' WHERE new."eventId" IS NOT old."eventId";
END;

CREATE TRIGGER "Edition_catalogue_insert" AFTER INSERT ON "Edition" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (new."eventId", 'freeSeats');
END;

CREATE TRIGGER "Edition_catalogue_delete" AFTER DELETE ON "Edition" BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (old."eventId", 'freeSeats');
END;

-- Most seat changes leave an edition with a free seat (or full): the trigger runs only when that, the status, the
-- closing time or the event changes, so an ordinary enrolment pays one comparison.
CREATE TRIGGER "Edition_catalogue_update"
AFTER UPDATE OF "eventId", "status", "enrolmentClosesAt", "seatCap", "seatsTaken" ON "Edition"
WHEN old."eventId" IS NOT new."eventId" OR old."status" IS NOT new."status"
  OR old."enrolmentClosesAt" IS NOT new."enrolmentClosesAt"
  OR (old."seatCap" IS NULL OR old."seatsTaken" < old."seatCap") IS NOT (new."seatCap" IS NULL OR new."seatsTaken" < new."seatCap")
BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (old."eventId", 'freeSeats');
  INSERT INTO "CatalogueRefresh" SELECT new."eventId", 'freeSeats' WHERE new."eventId" IS NOT old."eventId";
END;

INSERT INTO "CatalogueEntry" ("eventId", "key", "day", "endsAt", "closesAt")
SELECT "eventId", "key", "day", "endsAt", "closesAt" FROM "CatalogueEntryLive";
