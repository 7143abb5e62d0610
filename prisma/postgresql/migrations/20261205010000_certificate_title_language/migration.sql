-- The language a certificate's event title is written in, kept with the rest of what it states, for the PDF's and the
-- verification page's lang (WCAG 3.1.2 language of parts). A certificate issued before takes its event's title
-- language when it still states the event's current title (the same words, so the same language), otherwise Italian.
ALTER TABLE "Certificate" ADD COLUMN "eventTitleLanguage" TEXT NOT NULL DEFAULT 'it';
UPDATE "Certificate" SET "eventTitleLanguage" = (
  SELECT "Event"."titleLanguage" FROM "Edition" JOIN "Event" ON "Event"."id" = "Edition"."eventId"
  WHERE "Edition"."id" = "Certificate"."editionId" AND "Event"."title" = "Certificate"."eventTitle"
)
WHERE EXISTS (
  SELECT 1 FROM "Edition" JOIN "Event" ON "Event"."id" = "Edition"."eventId"
  WHERE "Edition"."id" = "Certificate"."editionId" AND "Event"."title" = "Certificate"."eventTitle"
);
