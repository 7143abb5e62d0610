// The buttons of a session's participants-report import (/formazione/incontri/:id/importa) as ONE
// Zod discriminated union on `intent`: "preview" (the report file itself stays read from the
// multipart form by the action) and "confirm" with the previewed rows (checked again by
// deserialiseRows; missing or tampered rows are "stale"), the register lines the preview showed as
// already recorded ("shown", one "<enrolmentId>:<status>:<minutes>" each) and the lines ticked
// "sostituisci" ("replace", enrolment ids): an import fills only lines not yet recorded, and
// replaces a recorded one only when ticked and still as the preview showed it.
import { z } from "zod";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "~/domain/attendance.ts";
import { REGISTER_MAX_LINES } from "./attendance-forms.ts";

/** A recorded line as the preview showed it (status and minutes; the preview does not show notes). */
export type ShownLine = { status: AttendanceStatus; minutesAttended: number | null };

const SHOWN_LINE = new RegExp(`^([\\w-]{1,64}):(${ATTENDANCE_STATUSES.join("|")}):(\\d{0,5})$`);

/** The "shown" value of a recorded line the preview displays. */
export function shownLineValue(enrolmentId: string, line: ShownLine): string {
  return `${enrolmentId}:${line.status}:${line.minutesAttended ?? ""}`;
}

const shownLines = z
  .array(z.string().regex(SHOWN_LINE))
  .max(REGISTER_MAX_LINES)
  .transform(
    (values) =>
      new Map(
        values.map((value): [string, ShownLine] => {
          const [, enrolmentId, status, minutes] = SHOWN_LINE.exec(value)!;
          return [
            enrolmentId!,
            { status: status as AttendanceStatus, minutesAttended: minutes ? Number(minutes) : null },
          ];
        }),
      ),
  );

export const attendanceImportActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("preview") }),
  z.object({
    intent: z.literal("confirm"),
    rows: z.string().optional(),
    shown: shownLines,
    replace: z
      .array(z.string().regex(/^[\w-]{1,64}$/))
      .max(REGISTER_MAX_LINES)
      .transform((ids) => new Set(ids)),
  }),
]);

export type AttendanceImportAction = z.output<typeof attendanceImportActionSchema>;
