-- An event's dates (Event.startsAt/endsAt) come from its editions that are not cancelled (deriveEventDates,
-- app/domain/event-derived-fields.ts, since 5df1c5e): recomputed here for the events stored before, which counted
-- their cancelled editions and so stayed in the catalogue as upcoming until those dates had passed. Only events with a
-- cancelled edition change, and with none left both dates are NULL and the event leaves the catalogue (the trigger
-- "Event_catalogue_update" refreshes its entries). The earliest instant is a session's start or an edition's first
-- day, the latest a session's end or an edition's last day (the same bounds as deriveEventDates).
UPDATE "Event" SET
  "startsAt" = (
    SELECT MIN(d) FROM (
      SELECT s."startsAt" AS d FROM "TrainingSession" s JOIN "Edition" ed ON ed."id" = s."editionId"
      WHERE ed."eventId" = "Event"."id" AND ed."status" <> 'annullata'
      UNION ALL
      SELECT ed."startsOn" FROM "Edition" ed WHERE ed."eventId" = "Event"."id" AND ed."status" <> 'annullata'
    ) AS x
  ),
  "endsAt" = (
    SELECT MAX(d) FROM (
      SELECT s."endsAt" AS d FROM "TrainingSession" s JOIN "Edition" ed ON ed."id" = s."editionId"
      WHERE ed."eventId" = "Event"."id" AND ed."status" <> 'annullata'
      UNION ALL
      SELECT ed."endsOn" FROM "Edition" ed WHERE ed."eventId" = "Event"."id" AND ed."status" <> 'annullata'
    ) AS x
  )
WHERE EXISTS (SELECT 1 FROM "Edition" ed WHERE ed."eventId" = "Event"."id" AND ed."status" = 'annullata');
