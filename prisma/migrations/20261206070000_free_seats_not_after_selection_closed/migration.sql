-- The catalogue's free-seats entry no longer counts an edition by application whose selection the organiser closed
-- (selectionClosed in app/domain/application.ts): nobody can enrol or apply there any more, and the event page says
-- so, yet the "posti liberi" filter listed the event while the edition had seats left.
DROP VIEW "CatalogueEntryLive";
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
            AND NOT (ed."admission" = 'candidatura' AND ed."selectionClosedAt" IS NOT NULL)
            AND (ed."seatCap" IS NULL OR ed."seatsTaken" < ed."seatCap")) AS "closesAt"
  FROM "Event" e WHERE e."status" = 'pubblicato' AND e."endsAt" IS NOT NULL
) f
WHERE f."closesAt" IS NOT NULL;

-- Closing (or reopening, by a change of admission) the selection now changes the entry too.
DROP TRIGGER "Edition_catalogue_update";
CREATE TRIGGER "Edition_catalogue_update"
AFTER UPDATE OF "eventId", "status", "enrolmentClosesAt", "seatCap", "seatsTaken", "admission", "selectionClosedAt" ON "Edition"
WHEN old."eventId" IS NOT new."eventId" OR old."status" IS NOT new."status"
  OR old."enrolmentClosesAt" IS NOT new."enrolmentClosesAt"
  OR (old."seatCap" IS NULL OR old."seatsTaken" < old."seatCap") IS NOT (new."seatCap" IS NULL OR new."seatsTaken" < new."seatCap")
  OR (old."admission" = 'candidatura' AND old."selectionClosedAt" IS NOT NULL)
     IS NOT (new."admission" = 'candidatura' AND new."selectionClosedAt" IS NOT NULL)
BEGIN
  INSERT INTO "CatalogueRefresh" VALUES (old."eventId", 'freeSeats');
  INSERT INTO "CatalogueRefresh" SELECT new."eventId", 'freeSeats' WHERE new."eventId" IS NOT old."eventId";
END;

-- The events whose entry counted such an edition, recomputed.
INSERT INTO "CatalogueRefresh"
SELECT DISTINCT "eventId", 'freeSeats' FROM "Edition" WHERE "admission" = 'candidatura' AND "selectionClosedAt" IS NOT NULL;
