// The trainer's attendance forms, each page's action parsed once, with Conform's parseWithZod, by
// one Zod discriminated union on `intent` (no field read by hand, app/forms/intent.ts):
// - the register page of one session: the register, one line per enrolled participant posted at
//   once (hidden "line" = enrolment id, "status-<id>", "minutes-<id>", "note-<id>"; an empty status
//   leaves the line as it is, not recorded; CLEAR_LINE takes a recorded line back to "not recorded",
//   deleting it with its minutes and note; minutes are checked against the session by markProblem,
//   app/domain/attendance.ts, once the session's length is known; the note is trimmed, at most
//   REGISTER_NOTE_MAX characters, and needs a status), and the staff check-in;
// - the activities form of an edition.
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import {
  ATTENDANCE_STATUSES,
  markProblem,
  REGISTER_NOTE_MAX,
  type AttendanceStatus,
  type MarkProblem,
} from "~/domain/attendance.ts";
import { cleanText } from "./fields.ts";
import { failedIntentOf } from "./intent.ts";

/** The longest minutes field read (the page's input stops there too): "90 minuti" is a line's problem, not a broken form. */
export const REGISTER_MINUTES_MAX_LENGTH = 40;

/** The message of a note over REGISTER_NOTE_MAX characters (a line's own error on the register page). */
export const NOTE_TOO_LONG = "attendance.register.error.nota-troppo-lunga";

/**
 * The status chosen to clear a recorded line ("Nessuna registrazione" on a line that has a status: a
 * check-in or a "segna presenti" on a session that did not take place). Distinct from "" (leave the
 * line as it is), so a page that shows no line never clears one.
 */
export const CLEAR_LINE = "nessuna";

const lineSchema = z.object({
  enrolmentId: z.string().min(1).max(64),
  status: z.union([z.literal(""), z.literal(CLEAR_LINE), z.enum(ATTENDANCE_STATUSES)]),
  /** As typed: anything but a whole number is the line's own problem (registerLineProblems), next to the field. */
  minutes: z.string().trim().max(REGISTER_MINUTES_MAX_LENGTH),
  /** The line as the page showed it ("status:minutes", ":" = not recorded); missing from older forms. */
  was: z
    .string()
    .regex(new RegExp(`^(${ATTENDANCE_STATUSES.join("|")})?:\\d{0,6}$`))
    .optional(),
  /** The trainer's note on the line ("" = none); missing from forms without the column (left as it is). */
  note: cleanText(z.string().trim().max(REGISTER_NOTE_MAX, NOTE_TOO_LONG)).optional(),
  /** The note as the page showed it; missing from older forms. */
  wasNote: z
    .string()
    .max(REGISTER_NOTE_MAX * 2)
    .optional(),
});

/** The most participants one register posts (an open webinar has no seat cap). */
export const REGISTER_MAX_LINES = 5000;
/**
 * Room for one posted line: six fields named by a 25–64 character id, a status, minutes, and the note and the note the
 * page showed (percent-encoded). 217 bytes with no note; a 200-character note in plain Italian about 600 more.
 */
export const REGISTER_LINE_BYTES = 1024;

export const registerFormSchema = z.object({
  intent: z.enum(["save", "all-present"]),
  lines: z.array(lineSchema).max(REGISTER_MAX_LINES),
});

/** What was posted per line, to show it again after a refusal; `was`/`wasNote`: the line as the page showed it. */
export type RegisterFormValues = Record<
  string,
  { status: string; minutes: string; was?: string; note?: string; wasNote?: string }
>;

/** A posted field's values as Conform's parse gives them (a repeated name is a list). */
const valuesIn = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every value of a field, as text. */
const listOf = (value: unknown): string[] => valuesIn(value).map(String);

/** A field's first value as text ("" when missing), as FormData.get gives it. */
const textOf = (value: unknown): string => listOf(value)[0] ?? "";

/**
 * The register's lines as posted: "line" = enrolment id, with "status-<id>", "minutes-<id>",
 * "note-<id>" and "was-<id>" / "wasnote-<id>", the line as the page showed it (so a save changes
 * only what was changed on the page). A field the form does not have is left out (undefined).
 */
function registerLines(payload: Record<string, unknown>) {
  const optional = (name: string) => (valuesIn(payload[name]).length > 0 ? textOf(payload[name]) : undefined);
  return listOf(payload.line).map((id) => {
    const was = optional(`was-${id}`);
    const note = optional(`note-${id}`);
    const wasNote = optional(`wasnote-${id}`);
    return {
      enrolmentId: id,
      status: textOf(payload[`status-${id}`]),
      minutes: textOf(payload[`minutes-${id}`]),
      ...(was === undefined ? {} : { was }),
      ...(note === undefined ? {} : { note }),
      ...(wasNote === undefined ? {} : { wasNote }),
    };
  });
}

const valuesOf = (lines: ReturnType<typeof registerLines>): RegisterFormValues =>
  Object.fromEntries(
    lines.map((l) => [
      l.enrolmentId,
      {
        status: l.status,
        minutes: l.minutes,
        ...(l.was === undefined ? {} : { was: l.was }),
        ...(l.note === undefined ? {} : { note: l.note.slice(0, REGISTER_NOTE_MAX * 2) }),
        ...(l.wasNote === undefined ? {} : { wasNote: l.wasNote.slice(0, REGISTER_NOTE_MAX * 2) }),
      },
    ]),
  );

/** A note as stored: trimmed text, or null for none. */
const noteOf = (text: string) => (text.trim() === "" ? null : text.trim());

/** "status:minutes" as the page wrote it: the line it showed (status null = not recorded). */
function shownLine(was: string): { status: AttendanceStatus | null; minutesAttended: number | null } {
  const [status = "", minutes = ""] = was.split(":");
  return {
    status: status === "" ? null : (status as AttendanceStatus),
    minutesAttended: minutes === "" ? null : Number(minutes),
  };
}

/** A line's status as the save reads it: "" leaves it as it is, null clears it (CLEAR_LINE). */
const markStatus = (status: z.output<typeof lineSchema>["status"]): AttendanceStatus | "" | null =>
  status === CLEAR_LINE ? null : status;

const marksOf = (lines: z.output<typeof registerFormSchema>["lines"]) =>
  lines.map((l) => ({
    enrolmentId: l.enrolmentId,
    status: markStatus(l.status),
    minutesAttended: l.minutes === "" ? null : /^\d+$/.test(l.minutes) ? Number(l.minutes) : Number.NaN,
    ...(l.note === undefined ? {} : { note: noteOf(l.note) }),
    ...(l.was === undefined
      ? {}
      : { shown: { ...shownLine(l.was), ...(l.wasNote === undefined ? {} : { note: noteOf(l.wasNote) }) } }),
  }));

type RegisterMarks = ReturnType<typeof marksOf>;

/** A line's problem on the register page: its status and minutes (markProblem), or a note without a status. */
export type RegisterLineProblem = MarkProblem | "nota-senza-presenza";

/** Problems of the filled-in lines, by enrolment id (minutes checked for partial statuses only). */
export function registerLineProblems(
  marks: RegisterMarks,
  sessionMinutes: number,
): Record<string, RegisterLineProblem> {
  const problems: Record<string, RegisterLineProblem> = {};
  for (const m of marks) {
    // A cleared line takes its minutes and note with it: what the fields still show is not checked.
    if (m.status === null) continue;
    if (m.status === "") {
      // A note belongs to a recorded line: alone it would be a choice the save silently ignores.
      if (m.note) problems[m.enrolmentId] = "nota-senza-presenza";
      continue;
    }
    const problem = markProblem(m.status, Number.isNaN(m.minutesAttended) ? -1 : m.minutesAttended, sessionMinutes);
    if (problem) problems[m.enrolmentId] = problem;
  }
  return problems;
}

/** The most ticked boxes the activities form posts (participants × activities). */
export const ACTIVITY_MARKS_MAX = 100_000;
/**
 * Room for one ticked box: "done=<activity id>%3A<enrolment id>&" (61 bytes with 25-character ids) and, for a box
 * the page showed ticked, the same again as "was=…" (60 bytes).
 */
export const ACTIVITY_MARK_BYTES = 128;

const activityMarks = z.array(z.string().regex(/^[\w-]+:[\w-]+$/)).max(ACTIVITY_MARKS_MAX);

const activitiesFields = {
  activity: z.array(z.string().min(1).max(64)).min(1).max(100),
  done: activityMarks,
  /** The boxes the page showed ticked when it was loaded (so a save changes only what was changed on the page). */
  was: activityMarks,
};

/**
 * The activities form of an edition (/formazione/edizioni/:id) as ONE Zod discriminated union on
 * `intent`: the activities shown, the ticked "activityId:enrolmentId" boxes ("done"), those the page
 * showed ticked ("was"), and the button pressed: "save", or one "all-done:<activityId>" button per
 * activity (read as intent "all-done" and its activityId).
 */
export const activitiesFormSchema = z.preprocess(
  (value) => {
    const { intent, activity, done, was } = value as Record<string, unknown>;
    const allDone = /^all-done:(.*)$/s.exec(textOf(intent));
    return {
      ...(allDone ? { intent: "all-done", activityId: allDone[1] } : { intent: textOf(intent) }),
      activity: listOf(activity),
      done: listOf(done),
      was: listOf(was),
    };
  },
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("save"), ...activitiesFields }),
    z.object({ intent: z.literal("all-done"), activityId: z.string().regex(/^[\w-]+$/), ...activitiesFields }),
  ]),
);

/** The action's one parse of the activities form. */
export function parseActivitiesForm(form: FormData) {
  return parseWithZod(form, { schema: activitiesFormSchema, disableAutoCoercion: true });
}

/**
 * "Segna presente" from the register page (staff-side check-in): one participant, named by the
 * enrolment found by the search or by the personal QR code's pass; the search typed is kept.
 */
export const staffCheckInFields = z.object({
  intent: z.literal("segna-presente"),
  enrolmentId: z.string().trim().max(64).optional(),
  partecipante: z.string().trim().max(200).optional(),
  cerca: z.string().trim().max(100).optional(),
});

/** Exactly one of the enrolment and the pass. */
export function checkStaffCheckIn(value: { enrolmentId?: string; partecipante?: string }, ctx: z.RefinementCtx) {
  if (Boolean(value.enrolmentId) === Boolean(value.partecipante))
    ctx.addIssue({ code: "custom", path: ["enrolmentId"], message: "Invalid input" });
}

export const staffCheckInSchema = staffCheckInFields.superRefine(checkStaffCheckIn);

/**
 * Every button of the register page (/formazione/incontri/:id) as ONE Zod discriminated union on
 * `intent`: the register (save, all present; a missing intent is "save") and the staff check-in.
 * The members are the forms' own (registerFormSchema, staffCheckInFields); the register's lines
 * are named by enrolment, gathered into `lines` before the union.
 */
export const registerPageActionSchema = z
  .preprocess(
    (value) => {
      const payload = value as Record<string, unknown>;
      // A field left empty (or a file) is no field: the staff check-in names its participant one way only.
      const field = (name: string) => {
        const first = valuesIn(payload[name])[0];
        return typeof first === "string" && first !== "" ? first : undefined;
      };
      return {
        intent: payload.intent === undefined ? "save" : textOf(payload.intent),
        lines: registerLines(payload),
        enrolmentId: field("enrolmentId"),
        partecipante: field("partecipante"),
        cerca: field("cerca"),
      };
    },
    z.discriminatedUnion("intent", [registerFormSchema, staffCheckInFields]),
  )
  .superRefine((value, ctx) => {
    if (value.intent === "segna-presente") checkStaffCheckIn(value, ctx);
  });

export type RegisterPageAction =
  | {
      ok: true;
      action: z.output<typeof staffCheckInFields> | { intent: "save" | "all-present"; marks: RegisterMarks };
      values: RegisterFormValues;
    }
  | {
      ok: false;
      intent: "segna-presente" | null;
      values: RegisterFormValues;
      /** Lines whose note is over REGISTER_NOTE_MAX characters (the form's only per-line refusal). */
      notesTooLong: string[];
    };

/** The action's one parse of the register page's form, with what was typed in the register (to show it again). */
export function parseRegisterPage(form: FormData): RegisterPageAction {
  const submission = parseWithZod(form, { schema: registerPageActionSchema, disableAutoCoercion: true });
  const lines = registerLines(submission.payload);
  const values = valuesOf(lines);
  if (submission.status !== "success") {
    // "lines[3].note" → the fourth line's enrolment.
    const notesTooLong = Object.entries(submission.error ?? {}).flatMap(([path, messages]) => {
      const index = /^lines\[(\d+)\]\.note$/.exec(path)?.[1];
      return index !== undefined && messages?.includes(NOTE_TOO_LONG) ? [lines[Number(index)]!.enrolmentId] : [];
    });
    return {
      ok: false,
      intent: failedIntentOf(submission) === "segna-presente" ? "segna-presente" : null,
      values,
      notesTooLong,
    };
  }
  const action = submission.value;
  if (action.intent === "segna-presente") return { ok: true, action, values };
  return { ok: true, action: { intent: action.intent, marks: marksOf(action.lines) }, values };
}
