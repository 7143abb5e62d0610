-- A session's reminder and its "hours before each session" automatic message are keyed by the session's start as
-- well (app/domain/notification.ts): a session moved to another time after its reminder went out is reminded of
-- again. The rows already written take the start their own payload names, so none of them is written a second time.
UPDATE "Notification"
SET "dedupeKey" = "dedupeKey" || ':' || json_extract("payload", '$.sessionStartsAt')
WHERE "kind" = 'promemoria-incontro' AND json_extract("payload", '$.sessionStartsAt') IS NOT NULL;

UPDATE "Notification"
SET "dedupeKey" = "dedupeKey" || ':' || json_extract("payload", '$.sessionStartsAt')
WHERE "kind" = 'messaggio-automatico' AND "dedupeKey" LIKE '%:prima-di-ogni-incontro:%'
  AND json_extract("payload", '$.sessionStartsAt') IS NOT NULL;
