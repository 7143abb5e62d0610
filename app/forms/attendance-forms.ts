// The register form of one session: one line per enrolled participant, posted at once
// (hidden "line" = enrolment id, "status-<id>", "minutes-<id>"). An empty status leaves the line
// as it is (not recorded). Minutes are checked against the session by markProblem
// (app/domain/attendance.ts) once the session's length is known.
import { z } from "zod";
import { ATTENDANCE_STATUSES, markProblem, type AttendanceStatus, type MarkProblem } from "~/domain/attendance.ts";

const lineSchema = z.object({
  enrolmentId: z.string().min(1).max(64),
  status: z.union([z.literal(""), z.enum(ATTENDANCE_STATUSES)]),
  minutes: z.string().trim().max(6),
});

export const registerFormSchema = z.object({
  intent: z.enum(["save", "all-present"]),
  lines: z.array(lineSchema).max(5000),
});

export type RegisterFormValues = Record<string, { status: string; minutes: string }>;

export type ParsedRegisterForm =
  | {
      ok: true;
      intent: "save" | "all-present";
      values: RegisterFormValues;
      marks: { enrolmentId: string; status: AttendanceStatus | ""; minutesAttended: number | null }[];
    }
  | { ok: false; values: RegisterFormValues };

function registerRaw(form: FormData) {
  const ids = form.getAll("line").map(String);
  return {
    intent: String(form.get("intent") ?? "save"),
    lines: ids.map((id) => ({
      enrolmentId: id,
      status: String(form.get(`status-${id}`) ?? ""),
      minutes: String(form.get(`minutes-${id}`) ?? ""),
    })),
  };
}

const valuesOf = (raw: ReturnType<typeof registerRaw>): RegisterFormValues =>
  Object.fromEntries(raw.lines.map((l) => [l.enrolmentId, { status: l.status, minutes: l.minutes }]));

const marksOf = (lines: z.output<typeof registerFormSchema>["lines"]) =>
  lines.map((l) => ({
    enrolmentId: l.enrolmentId,
    status: l.status,
    minutesAttended: l.minutes === "" ? null : /^\d+$/.test(l.minutes) ? Number(l.minutes) : Number.NaN,
  }));

/** Reads the register form; returns what was typed (to show it again) with the lines. */
export function parseRegisterForm(form: FormData): ParsedRegisterForm {
  const raw = registerRaw(form);
  const values = valuesOf(raw);
  const parsed = registerFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, values };
  return { ok: true, intent: parsed.data.intent, values, marks: marksOf(parsed.data.lines) };
}

/** Problems of the filled-in lines, by enrolment id (minutes checked for partial statuses only). */
export function registerLineProblems(
  marks: ParsedRegisterForm & { ok: true } extends { marks: infer M } ? M : never,
  sessionMinutes: number,
): Record<string, MarkProblem> {
  const problems: Record<string, MarkProblem> = {};
  for (const m of marks) {
    if (m.status === "") continue;
    const problem = markProblem(m.status, Number.isNaN(m.minutesAttended) ? -1 : m.minutesAttended, sessionMinutes);
    if (problem) problems[m.enrolmentId] = problem;
  }
  return problems;
}

/** The activities form of an edition: the activities shown, the ticked "activityId:enrolmentId" boxes, the button pressed. */
export const activitiesFormSchema = z.object({
  intent: z.string().regex(/^(save|all-done:[\w-]+)$/),
  activity: z.array(z.string().min(1).max(64)).min(1).max(100),
  done: z.array(z.string().regex(/^[\w-]+:[\w-]+$/)).max(100_000),
});

export function parseActivitiesForm(form: FormData) {
  return activitiesFormSchema.safeParse({
    intent: String(form.get("intent") ?? ""),
    activity: form.getAll("activity").map(String),
    done: form.getAll("done").map(String),
  });
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
 * The members are the forms' own (registerFormSchema, staffCheckInFields).
 */
export const registerPageActionSchema = z
  .discriminatedUnion("intent", [registerFormSchema, staffCheckInFields])
  .superRefine((value, ctx) => {
    if (value.intent === "segna-presente") checkStaffCheckIn(value, ctx);
  });

type RegisterMarks = ReturnType<typeof marksOf>;

export type RegisterPageAction =
  | {
      ok: true;
      action: z.output<typeof staffCheckInFields> | { intent: "save" | "all-present"; marks: RegisterMarks };
      values: RegisterFormValues;
    }
  | { ok: false; intent: "segna-presente" | null; values: RegisterFormValues };

/** Reads the register page's form once (the register's lines are named by enrolment, hence by hand here). */
export function parseRegisterPage(form: FormData): RegisterPageAction {
  const raw = registerRaw(form);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const values = valuesOf(raw);
  const parsed = registerPageActionSchema.safeParse({
    ...raw,
    enrolmentId: field("enrolmentId"),
    partecipante: field("partecipante"),
    cerca: field("cerca"),
  });
  if (!parsed.success) return { ok: false, intent: raw.intent === "segna-presente" ? raw.intent : null, values };
  const action = parsed.data;
  if (action.intent === "segna-presente") return { ok: true, action, values };
  return { ok: true, action: { intent: action.intent, marks: marksOf(action.lines) }, values };
}
