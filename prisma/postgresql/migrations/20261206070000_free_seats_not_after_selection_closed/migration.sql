-- The catalogue's free-seats entry no longer counts an edition by application whose selection the organiser closed
-- (selectionClosed in app/domain/application.ts): nobody can enrol or apply there any more, and the event page says
-- so, yet the "posti liberi" filter listed the event while the edition had seats left.
CREATE OR REPLACE VIEW "CatalogueEntryLive" AS
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
            AND NOT (ed."admission" = 'candidatura' AND ed."selectionClosedAt" IS NOT NULL)
            AND (ed."seatCap" IS NULL OR ed."seatsTaken" < ed."seatCap")) AS "closesAt"
  FROM "Event" e WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
) f
WHERE f."closesAt" IS NOT NULL;

-- Closing (or reopening, by a change of admission) the selection now changes the entry too.
DROP TRIGGER "Edition_catalogue_update" ON "Edition";
CREATE TRIGGER "Edition_catalogue_update"
AFTER UPDATE OF "eventId", "status", "enrolmentClosesAt", "seatCap", "seatsTaken", "admission", "selectionClosedAt" ON "Edition"
FOR EACH ROW WHEN (OLD."eventId" IS DISTINCT FROM NEW."eventId" OR OLD."status" IS DISTINCT FROM NEW."status"
  OR OLD."enrolmentClosesAt" IS DISTINCT FROM NEW."enrolmentClosesAt"
  OR (OLD."seatCap" IS NULL OR OLD."seatsTaken" < OLD."seatCap")
     IS DISTINCT FROM (NEW."seatCap" IS NULL OR NEW."seatsTaken" < NEW."seatCap")
  OR (OLD."admission" = 'candidatura' AND OLD."selectionClosedAt" IS NOT NULL)
     IS DISTINCT FROM (NEW."admission" = 'candidatura' AND NEW."selectionClosedAt" IS NOT NULL))
EXECUTE FUNCTION "catalogue_child_changed"('freeSeats');

-- The events whose entry counted such an edition, recomputed.
SELECT "catalogue_refresh"(x."eventId", 'freeSeats')
FROM (SELECT DISTINCT "eventId" FROM "Edition" WHERE "admission" = 'candidatura' AND "selectionClosedAt" IS NOT NULL) x;
