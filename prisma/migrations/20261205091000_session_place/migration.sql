-- Where a live session of a blended event is held: in-presenza or online, null meaning both, the venue
-- and the room of the event, as every session was before (ADR 0091). Deleted sessions keep it for their calendar entry.
ALTER TABLE "TrainingSession" ADD COLUMN "place" TEXT;
ALTER TABLE "CancelledSession" ADD COLUMN "place" TEXT;
