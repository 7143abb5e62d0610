-- The languages of an event's title and of its description and sheet, for the pages' lang attributes (WCAG 3.1.2
-- language of parts). Existing events were written in Italian.
ALTER TABLE "Event" ADD COLUMN "titleLanguage" TEXT NOT NULL DEFAULT 'it';
ALTER TABLE "Event" ADD COLUMN "textLanguage" TEXT NOT NULL DEFAULT 'it';
