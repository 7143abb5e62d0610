-- The catalogue's copy of each event on the text index's key ("EventSearch_key", ADR 0053) also carries the event's
-- audience, and indexes that let SQLite count and page every search without free text from the copy alone
-- (docs/decisions/0057-sqlite-catalogue-from-the-key-copy.md).
-- "schoolLevels" and "roles" are the event's values of "EventSchoolLevel" and "EventAudienceRole", sorted, each
-- between commas (',infanzia,primaria,'), NULL without any: the filter is instr(list, ',value,') > 0, which is true
-- exactly when the event has that row (a value holds no comma). The triggers keep them on every insert, delete or
-- update of those rows and on the event's insert, whichever comes first.
ALTER TABLE "EventSearch_key" ADD COLUMN "schoolLevels" TEXT;
ALTER TABLE "EventSearch_key" ADD COLUMN "roles" TEXT;

UPDATE "EventSearch_key" AS k SET
  "schoolLevels" = (SELECT ',' || group_concat(v, ',') || ',' FROM (
    SELECT sl."schoolLevel" AS v FROM "EventSchoolLevel" sl WHERE sl."eventId" = k."eventId" ORDER BY 1)),
  "roles" = (SELECT ',' || group_concat(v, ',') || ',' FROM (
    SELECT ar."role" AS v FROM "EventAudienceRole" ar WHERE ar."eventId" = k."eventId" ORDER BY 1));

DROP TRIGGER IF EXISTS "Event_search_insert";
CREATE TRIGGER "Event_search_insert" AFTER INSERT ON "Event" BEGIN
  INSERT INTO "EventSearch_key" ("eventId", "status", "startsAt", "endsAt", "type", "mode", "level", "regionCode", "searchText",
      "freeSeatsClosesAt", "schoolLevels", "roles")
    VALUES (new."id", new."status", new."startsAt", new."endsAt", new."type", new."mode", new."level", new."regionCode", new."searchText",
      (SELECT c."closesAt" FROM "CatalogueEntry" c WHERE c."eventId" = new."id" AND c."key" = 'freeSeats'),
      (SELECT ',' || group_concat(v, ',') || ',' FROM (
        SELECT sl."schoolLevel" AS v FROM "EventSchoolLevel" sl WHERE sl."eventId" = new."id" ORDER BY 1)),
      (SELECT ',' || group_concat(v, ',') || ',' FROM (
        SELECT ar."role" AS v FROM "EventAudienceRole" ar WHERE ar."eventId" = new."id" ORDER BY 1)));
  INSERT INTO "EventSearch" ("rowid", "eventId", "searchText")
    SELECT "id", new."id", new."searchText" FROM "EventSearch_key" WHERE "eventId" = new."id";
END;

CREATE TRIGGER "EventSchoolLevel_search_insert" AFTER INSERT ON "EventSchoolLevel" BEGIN
  UPDATE "EventSearch_key" SET "schoolLevels" = (SELECT ',' || group_concat(v, ',') || ',' FROM (
    SELECT sl."schoolLevel" AS v FROM "EventSchoolLevel" sl WHERE sl."eventId" = new."eventId" ORDER BY 1))
  WHERE "eventId" = new."eventId";
END;

CREATE TRIGGER "EventSchoolLevel_search_delete" AFTER DELETE ON "EventSchoolLevel" BEGIN
  UPDATE "EventSearch_key" SET "schoolLevels" = (SELECT ',' || group_concat(v, ',') || ',' FROM (
    SELECT sl."schoolLevel" AS v FROM "EventSchoolLevel" sl WHERE sl."eventId" = old."eventId" ORDER BY 1))
  WHERE "eventId" = old."eventId";
END;

-- (A row is updated by the cascade of an event's new id, or by a write that changes its value.)
CREATE TRIGGER "EventSchoolLevel_search_update" AFTER UPDATE ON "EventSchoolLevel" BEGIN
  UPDATE "EventSearch_key" SET "schoolLevels" = (SELECT ',' || group_concat(v, ',') || ',' FROM (
    SELECT sl."schoolLevel" AS v FROM "EventSchoolLevel" sl WHERE sl."eventId" = "EventSearch_key"."eventId" ORDER BY 1))
  WHERE "eventId" IN (old."eventId", new."eventId");
END;

CREATE TRIGGER "EventAudienceRole_search_insert" AFTER INSERT ON "EventAudienceRole" BEGIN
  UPDATE "EventSearch_key" SET "roles" = (SELECT ',' || group_concat(v, ',') || ',' FROM (
    SELECT ar."role" AS v FROM "EventAudienceRole" ar WHERE ar."eventId" = new."eventId" ORDER BY 1))
  WHERE "eventId" = new."eventId";
END;

CREATE TRIGGER "EventAudienceRole_search_delete" AFTER DELETE ON "EventAudienceRole" BEGIN
  UPDATE "EventSearch_key" SET "roles" = (SELECT ',' || group_concat(v, ',') || ',' FROM (
    SELECT ar."role" AS v FROM "EventAudienceRole" ar WHERE ar."eventId" = old."eventId" ORDER BY 1))
  WHERE "eventId" = old."eventId";
END;

CREATE TRIGGER "EventAudienceRole_search_update" AFTER UPDATE ON "EventAudienceRole" BEGIN
  UPDATE "EventSearch_key" SET "roles" = (SELECT ',' || group_concat(v, ',') || ',' FROM (
    SELECT ar."role" AS v FROM "EventAudienceRole" ar WHERE ar."eventId" = "EventSearch_key"."eventId" ORDER BY 1))
  WHERE "eventId" IN (old."eventId", new."eventId");
END;

-- The copy in the catalogue's order with every filter column: a page of a search with school level, role or free
-- seats walks it and stops after its rows (the catalogue probed each event's audience or editions on the way), and
-- a count without a narrower index reads it alone.
CREATE INDEX "EventSearch_key_catalogue_idx" ON "EventSearch_key" ("status", "startsAt", "eventId", "endsAt", "type", "mode",
  "level", "regionCode", "freeSeatsClosesAt", "schoolLevels", "roles");
-- The same for one region: a search with a region counts and pages within its own entries (a few hundred events),
-- where the catalogue's region index read each event's row for its end and the other filters.
CREATE INDEX "EventSearch_key_region_idx" ON "EventSearch_key" ("status", "regionCode", "startsAt", "eventId", "endsAt", "type",
  "mode", "level", "freeSeatsClosesAt", "schoolLevels", "roles");
-- The counts of one column's value: only that value's entries are read.
CREATE INDEX "EventSearch_key_type_idx" ON "EventSearch_key" ("status", "type", "endsAt");
CREATE INDEX "EventSearch_key_mode_idx" ON "EventSearch_key" ("status", "mode", "endsAt");
CREATE INDEX "EventSearch_key_level_idx" ON "EventSearch_key" ("status", "level", "endsAt");
