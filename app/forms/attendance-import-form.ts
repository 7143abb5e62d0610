// The buttons of a session's participants-report import (/formazione/incontri/:id/importa) as ONE
// Zod discriminated union on `intent`: "preview" (the report file itself stays read from the
// multipart form by the action) and "confirm" with the previewed rows (checked again by
// deserialiseRows; missing or tampered rows are "stale").
import { z } from "zod";

export const attendanceImportActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("preview") }),
  z.object({ intent: z.literal("confirm"), rows: z.string().optional() }),
]);

export type AttendanceImportAction = z.output<typeof attendanceImportActionSchema>;
