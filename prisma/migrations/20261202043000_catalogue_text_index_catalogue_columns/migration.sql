-- A free-text search reads its matches' catalogue columns beside their FTS5 rowids
-- (docs/decisions/0053-catalogue-free-text-by-integer-key.md). "EventSearch_key" (one row per event, its
-- INTEGER PRIMARY KEY the event's FTS5 rowid) keeps a copy of the event's columns the catalogue filters on,
-- and of its "searchText" for words shorter than a trigram: a match is then one lookup by integer key, where
-- it was the FTS5 "eventId" column (a read of FTS5's content table), an IN list of text ids and a lookup of each
-- in Event_catalogue_id_idx, and, for a short word, the event's whole row. The triggers keep the copy equal to
-- "Event": every insert, every update of one of these columns (or of the id), every delete.
-- "freeSeatsClosesAt" is the "closesAt" of the event's "freeSeats" entry of "CatalogueEntry" (ADR 0041: the latest
-- enrolment close of its active editions with a free seat, kept only for a published event with an end), NULL
-- without one: the free-seats filter is then `"freeSeatsClosesAt" > now` on the match's key, where it probed the
-- event's editions. The entry's own triggers keep it, whichever of them and of "Event"'s runs first.
ALTER TABLE "EventSearch_key" ADD COLUMN "status" TEXT;
ALTER TABLE "EventSearch_key" ADD COLUMN "startsAt" DATETIME;
ALTER TABLE "EventSearch_key" ADD COLUMN "endsAt" DATETIME;
ALTER TABLE "EventSearch_key" ADD COLUMN "type" TEXT;
ALTER TABLE "EventSearch_key" ADD COLUMN "mode" TEXT;
ALTER TABLE "EventSearch_key" ADD COLUMN "level" TEXT;
ALTER TABLE "EventSearch_key" ADD COLUMN "regionCode" TEXT;
ALTER TABLE "EventSearch_key" ADD COLUMN "searchText" TEXT;
ALTER TABLE "EventSearch_key" ADD COLUMN "freeSeatsClosesAt" DATETIME;

UPDATE "EventSearch_key" AS k
SET ("status", "startsAt", "endsAt", "type", "mode", "level", "regionCode", "searchText") = (
  SELECT e."status", e."startsAt", e."endsAt", e."type", e."mode", e."level", e."regionCode", e."searchText"
  FROM "Event" e WHERE e."id" = k."eventId");
UPDATE "EventSearch_key" AS k SET "freeSeatsClosesAt" = (
  SELECT c."closesAt" FROM "CatalogueEntry" c WHERE c."eventId" = k."eventId" AND c."key" = 'freeSeats');

DROP TRIGGER IF EXISTS "Event_search_insert";
CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
  INSERT INTO "EventSearch_key" ("eventId", "status", "startsAt", "endsAt", "type", "mode", "level", "regionCode", "searchText",
      "freeSeatsClosesAt")
    VALUES (new."id", new."status", new."startsAt", new."endsAt", new."type", new."mode", new."level", new."regionCode", new."searchText",
      (SELECT c."closesAt" FROM "CatalogueEntry" c WHERE c."eventId" = new."id" AND c."key" = 'freeSeats'));
  INSERT INTO "EventSearch" ("rowid", "eventId", "searchText")
    SELECT "id", new."id", new."searchText" FROM "EventSearch_key" WHERE "eventId" = new."id";
END;

-- After "Event_search_update" (id, searchText), which renames the key's "eventId": this one finds the key by
-- either id, so the two triggers' order does not matter.
CREATE TRIGGER "Event_search_columns" AFTER UPDATE OF "id", "status", "startsAt", "endsAt", "type", "mode", "level", "regionCode", "searchText" ON "Event" BEGIN
  UPDATE "EventSearch_key"
  SET "status" = new."status", "startsAt" = new."startsAt", "endsAt" = new."endsAt", "type" = new."type",
      "mode" = new."mode", "level" = new."level", "regionCode" = new."regionCode", "searchText" = new."searchText",
      "freeSeatsClosesAt" = (SELECT c."closesAt" FROM "CatalogueEntry" c WHERE c."eventId" = new."id" AND c."key" = 'freeSeats')
  WHERE "eventId" IN (old."id", new."id");
END;

CREATE TRIGGER "CatalogueEntry_search_insert" AFTER INSERT ON "CatalogueEntry" WHEN new."key" = 'freeSeats' BEGIN
  UPDATE "EventSearch_key" SET "freeSeatsClosesAt" = new."closesAt" WHERE "eventId" = new."eventId";
END;

CREATE TRIGGER "CatalogueEntry_search_delete" AFTER DELETE ON "CatalogueEntry" WHEN old."key" = 'freeSeats' BEGIN
  UPDATE "EventSearch_key" SET "freeSeatsClosesAt" = NULL WHERE "eventId" = old."eventId";
END;

-- (An entry is updated only by the cascade of an event's new id.)
CREATE TRIGGER "CatalogueEntry_search_update" AFTER UPDATE ON "CatalogueEntry"
WHEN old."key" = 'freeSeats' OR new."key" = 'freeSeats' BEGIN
  UPDATE "EventSearch_key" SET "freeSeatsClosesAt" = (
    SELECT c."closesAt" FROM "CatalogueEntry" c WHERE c."eventId" = "EventSearch_key"."eventId" AND c."key" = 'freeSeats')
  WHERE "eventId" IN (old."eventId", new."eventId");
END;
