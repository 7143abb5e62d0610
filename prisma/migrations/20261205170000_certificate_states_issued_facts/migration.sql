-- What a certificate states about its event is kept as it was at issue, like its title and hours (ADR 0100): the
-- level (printed by the English rendering), the region (with the level, the place of issue) and where the training
-- was held (the venue and online). Existing certificates take the values their event has now, which is what they
-- printed until today.
ALTER TABLE "Certificate" ADD COLUMN "eventLevel" TEXT;
ALTER TABLE "Certificate" ADD COLUMN "eventRegionCode" TEXT;
ALTER TABLE "Certificate" ADD COLUMN "placeVenue" TEXT;
ALTER TABLE "Certificate" ADD COLUMN "placeOnline" BOOLEAN NOT NULL DEFAULT false;

UPDATE "Certificate" SET
  "eventLevel" = (
    SELECT e."level" FROM "Edition" d JOIN "Event" e ON e."id" = d."eventId" WHERE d."id" = "Certificate"."editionId"
  ),
  "eventRegionCode" = (
    SELECT e."regionCode" FROM "Edition" d JOIN "Event" e ON e."id" = d."eventId" WHERE d."id" = "Certificate"."editionId"
  ),
  "placeVenue" = (
    SELECT CASE
      WHEN (
        CASE
          WHEN EXISTS (SELECT 1 FROM "TrainingSession" s WHERE s."editionId" = d."id" AND s."delivery" = 'sincrona')
          THEN EXISTS (
            SELECT 1 FROM "TrainingSession" s
            WHERE s."editionId" = d."id" AND s."delivery" = 'sincrona'
              AND (CASE WHEN e."mode" = 'blended' AND s."place" IN ('in-presenza', 'online') THEN s."place" ELSE e."mode" END)
                IN ('in-presenza', 'blended')
          )
          ELSE e."mode" <> 'online'
        END
      ) AND TRIM(COALESCE(e."venue", '')) <> '' THEN TRIM(e."venue")
      ELSE NULL
    END
    FROM "Edition" d JOIN "Event" e ON e."id" = d."eventId" WHERE d."id" = "Certificate"."editionId"
  ),
  "placeOnline" = COALESCE((
    SELECT CASE
      WHEN EXISTS (SELECT 1 FROM "TrainingSession" s WHERE s."editionId" = d."id" AND s."delivery" = 'sincrona')
      THEN EXISTS (
        SELECT 1 FROM "TrainingSession" s
        WHERE s."editionId" = d."id" AND s."delivery" = 'sincrona'
          AND (CASE WHEN e."mode" = 'blended' AND s."place" IN ('in-presenza', 'online') THEN s."place" ELSE e."mode" END)
            IN ('online', 'blended')
      )
      ELSE e."mode" <> 'in-presenza'
    END
    FROM "Edition" d JOIN "Event" e ON e."id" = d."eventId" WHERE d."id" = "Certificate"."editionId"
  ), false);
