-- CreateTable
CREATE TABLE "CatalogueEntry" (
    "eventId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3),

    CONSTRAINT "CatalogueEntry_pkey" PRIMARY KEY ("eventId","key")
);

-- CreateTable
CREATE TABLE "CatalogueCount" (
    "key" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "CatalogueCount_pkey" PRIMARY KEY ("key","day")
);

-- CreateIndex
CREATE INDEX "CatalogueEntry_key_day_endsAt_closesAt_idx" ON "CatalogueEntry"("key", "day", "endsAt", "closesAt");

-- AddForeignKey
ALTER TABLE "CatalogueEntry" ADD CONSTRAINT "CatalogueEntry_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The catalogue's unselective counts (docs/decisions/0041-catalogue-counts-per-filter-value.md), as in the SQLite
-- migration of the same name: "CatalogueEntryLive" is the definition, "CatalogueEntry" its rows kept by triggers in
-- the writer's own transaction, "CatalogueCount" their number per key and day.
-- The migration runner splits scripts at every semicolon (ADR 0029), so the PL/pgSQL bodies are E'' strings that
-- write each semicolon as the octal escape \073 (PostgreSQL reads it as the character itself).
CREATE VIEW "CatalogueEntryLive" AS
SELECT e."id" AS "eventId", '' AS "key", to_char(e."endsAt", 'YYYY-MM-DD') AS "day", e."endsAt" AS "endsAt",
       NULL::TIMESTAMP(3) AS "closesAt"
FROM "Event" e WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
UNION ALL
SELECT e."id", 'schoolLevel:' || sl."schoolLevel", to_char(e."endsAt", 'YYYY-MM-DD'), e."endsAt", NULL
FROM "Event" e JOIN "EventSchoolLevel" sl ON sl."eventId" = e."id"
WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
UNION ALL
SELECT e."id", 'role:' || ar."role", to_char(e."endsAt", 'YYYY-MM-DD'), e."endsAt", NULL
FROM "Event" e JOIN "EventAudienceRole" ar ON ar."eventId" = e."id"
WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
UNION ALL
SELECT f."eventId", 'freeSeats', to_char(LEAST(f."endsAt", f."closesAt"), 'YYYY-MM-DD'), f."endsAt", f."closesAt"
FROM (
  SELECT e."id" AS "eventId", e."endsAt" AS "endsAt",
         (SELECT MAX(ed."enrolmentClosesAt") FROM "Edition" ed
          WHERE ed."eventId" = e."id" AND ed."status" = 'attiva'
            AND (ed."seatCap" IS NULL OR ed."seatsTaken" < ed."seatCap")) AS "closesAt"
  FROM "Event" e WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
) f
WHERE f."closesAt" IS NOT NULL;

-- One event's entries of the keys LIKE "keys", recomputed from the view. The advisory lock makes two transactions
-- that change the same event recompute one after the other, the second from what the first committed (each
-- statement of READ COMMITTED reads a new snapshot).
CREATE FUNCTION "catalogue_refresh"("event_id" TEXT, "keys" TEXT) RETURNS void LANGUAGE plpgsql AS E'BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(''CatalogueEntry:'' || "event_id"))\073
  DELETE FROM "CatalogueEntry" WHERE "eventId" = "event_id" AND "key" LIKE "keys"\073
  INSERT INTO "CatalogueEntry" ("eventId", "key", "day", "endsAt", "closesAt")
  SELECT v."eventId", v."key", v."day", v."endsAt", v."closesAt" FROM "CatalogueEntryLive" v
  WHERE v."eventId" = "event_id" AND v."key" LIKE "keys"\073
END';

CREATE FUNCTION "catalogue_count_changed"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "CatalogueCount" ("key", "day", "n") VALUES (NEW."key", NEW."day", 1)
    ON CONFLICT ("key", "day") DO UPDATE SET "n" = "CatalogueCount"."n" + 1\073
  ELSE
    UPDATE "CatalogueCount" SET "n" = "n" - 1 WHERE "key" = OLD."key" AND "day" = OLD."day"\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "CatalogueEntry_count" AFTER INSERT OR DELETE ON "CatalogueEntry"
FOR EACH ROW EXECUTE FUNCTION "catalogue_count_changed"();

-- An event's deletion removes its entries through the foreign key (ON DELETE CASCADE), which fires the count trigger.
CREATE FUNCTION "catalogue_event_changed"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  PERFORM "catalogue_refresh"(NEW."id", ''%'')\073
  RETURN NULL\073
END';

CREATE TRIGGER "Event_catalogue_insert" AFTER INSERT ON "Event"
FOR EACH ROW EXECUTE FUNCTION "catalogue_event_changed"();

CREATE TRIGGER "Event_catalogue_update" AFTER UPDATE OF "id", "status", "endsAt" ON "Event"
FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."status" IS DISTINCT FROM NEW."status"
  OR OLD."endsAt" IS DISTINCT FROM NEW."endsAt")
EXECUTE FUNCTION "catalogue_event_changed"();

-- A row of EventSchoolLevel, EventAudienceRole or Edition changed: its event's entries of the trigger's keys.
CREATE FUNCTION "catalogue_child_changed"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP = ''DELETE'' OR (TG_OP = ''UPDATE'' AND OLD."eventId" IS DISTINCT FROM NEW."eventId") THEN
    PERFORM "catalogue_refresh"(OLD."eventId", TG_ARGV[0])\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    PERFORM "catalogue_refresh"(NEW."eventId", TG_ARGV[0])\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "EventSchoolLevel_catalogue" AFTER INSERT OR UPDATE OR DELETE ON "EventSchoolLevel"
FOR EACH ROW EXECUTE FUNCTION "catalogue_child_changed"('schoolLevel:%');

CREATE TRIGGER "EventAudienceRole_catalogue" AFTER INSERT OR UPDATE OR DELETE ON "EventAudienceRole"
FOR EACH ROW EXECUTE FUNCTION "catalogue_child_changed"('role:%');

CREATE TRIGGER "Edition_catalogue_insert_delete" AFTER INSERT OR DELETE ON "Edition"
FOR EACH ROW EXECUTE FUNCTION "catalogue_child_changed"('freeSeats');

-- Most seat changes leave an edition with a free seat (or full): the trigger runs only when that, the status, the
-- closing time or the event changes, so an ordinary enrolment pays one comparison (and stays a HOT update).
CREATE TRIGGER "Edition_catalogue_update"
AFTER UPDATE OF "eventId", "status", "enrolmentClosesAt", "seatCap", "seatsTaken" ON "Edition"
FOR EACH ROW WHEN (OLD."eventId" IS DISTINCT FROM NEW."eventId" OR OLD."status" IS DISTINCT FROM NEW."status"
  OR OLD."enrolmentClosesAt" IS DISTINCT FROM NEW."enrolmentClosesAt"
  OR (OLD."seatCap" IS NULL OR OLD."seatsTaken" < OLD."seatCap")
     IS DISTINCT FROM (NEW."seatCap" IS NULL OR NEW."seatsTaken" < NEW."seatCap"))
EXECUTE FUNCTION "catalogue_child_changed"('freeSeats');

INSERT INTO "CatalogueEntry" ("eventId", "key", "day", "endsAt", "closesAt")
SELECT "eventId", "key", "day", "endsAt", "closesAt" FROM "CatalogueEntryLive";
