// The edition's "Sposta più partecipanti" page (/gestione/edizioni/:id/sposta, ADR 0085) as ONE Zod
// discriminated union on `intent`: "anteprima" (the edition chosen and the people ticked: says who
// the target takes, writes nothing) and "sposta" (the same, confirmed: moves them). The ticked
// people are repeated "enrolmentId" fields. Messages are message keys.
import { z } from "zod";
import { BULK_MOVE_MAX } from "~/domain/bulk-move.ts";
import { optionalText } from "./fields.ts";

/** The reason told to each person moved (the single move's limit). */
export const BULK_MOVE_REASON_MAX = 500;

/** A repeated field as a list (one ticked box is a single value, none is no field at all). */
const list = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

const fields = {
  targetEditionId: z
    .string({ required_error: "participants.move.error.target" })
    .trim()
    .min(1, "participants.move.error.target")
    .max(64, "participants.move.error.target"),
  enrolmentId: z.preprocess(
    list,
    z
      .array(z.string().trim().min(1).max(64), { message: "participants.bulk.error.nobody" })
      .min(1, "participants.bulk.error.nobody")
      .max(BULK_MOVE_MAX, "participants.bulk.error.tooMany"),
  ),
  reason: optionalText(BULK_MOVE_REASON_MAX),
};

export const bulkMoveFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("anteprima"), ...fields }),
    z.object({
      intent: z.literal("sposta"),
      confirm: z.literal("yes", { errorMap: () => ({ message: "participants.move.error.confirm" }) }),
      /** Of the people sent, those the preview said would be moved: the confirmation tries no other. */
      move: z.preprocess(list, z.array(z.string().trim().min(1).max(64)).max(BULK_MOVE_MAX)).optional(),
      /** How many the preview said would be moved: the confirmation moves no more than that. */
      expected: z
        .number({ invalid_type_error: "validation.invalidChoice" })
        .int("validation.invalidChoice")
        .min(1, "validation.invalidChoice")
        .max(BULK_MOVE_MAX, "validation.invalidChoice")
        .optional(),
      ...fields,
    }),
  ],
  { errorMap: () => ({ message: "validation.invalidChoice" }) },
);

export type BulkMoveForm = z.output<typeof bulkMoveFormSchema>;
