// The edition's "Inserisci da CSV" form (issue 15, item 2): "anteprima-csv" carries the file (read
// by the action, parsePlacementCsv) and shows the outcome each address would have; "inserisci-csv"
// carries the previewed addresses back, with the override and its reason for the not-eligible
// ones. Messages are message keys.
import { z } from "zod";
import { isReservedAddress } from "~/domain/email-address.ts";
import { PLACEMENT_CSV_MAX_ROWS, PLACEMENT_REASON_MAX } from "~/domain/placement.ts";
import { MAX_SEAT_CAP } from "./event-form.ts";
import { cleanText, optionalWholeNumber } from "./fields.ts";
import { checkPlacementOverride } from "./placement-form.ts";

const address = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .email()
  .refine((a) => !isReservedAddress(a));

/** Addresses one a line, lower-cased, each once. */
const addressLines = () =>
  z
    .string()
    .max(PLACEMENT_CSV_MAX_ROWS * 256, "validation.tooLong")
    .optional()
    .transform((text) => [
      ...new Set(
        (text ?? "")
          .split(/\r?\n/)
          .map((l) => l.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(address, { message: "placement.csv.error.emails" })
        .max(PLACEMENT_CSV_MAX_ROWS, "placement.csv.error.too-many-rows"),
    );

/** The form's fields; placementCsvFormSchema adds the checks across them (the page's union reuses both). */
export const placementCsvFields = z.object({
  intent: z.enum(["anteprima-csv", "inserisci-csv"], { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  /** inserisci-csv: the previewed addresses, one a line. */
  emails: addressLines(),
  /** inserisci-csv: those of them the preview showed as not eligible, the only ones the override applies to. */
  notEligible: addressLines(),
  override: z.boolean().optional().default(false),
  reason: cleanText(z.string().trim().max(PLACEMENT_REASON_MAX, "validation.tooLong")).optional(),
  /** When the edition is full: "raise the seat cap to this and place them" (the cap-change rule applies). */
  raiseCapTo: optionalWholeNumber(1, MAX_SEAT_CAP),
});

export function checkPlacementCsv(value: z.output<typeof placementCsvFields>, ctx: z.RefinementCtx) {
  if (value.intent === "inserisci-csv" && value.emails.length === 0) {
    ctx.addIssue({ code: "custom", path: ["emails"], message: "placement.csv.error.emails" });
  }
  checkPlacementOverride(value, ctx);
}

export const placementCsvFormSchema = placementCsvFields.superRefine(checkPlacementCsv);

export type PlacementCsvForm = z.output<typeof placementCsvFormSchema>;
