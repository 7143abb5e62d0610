// Every button of the edition's "Inserisci partecipanti" page as ONE Zod discriminated union on
// `intent`, so the action reads no field by hand: one teacher (preview, place), a CSV (preview the
// file, place the previewed addresses; the page's form is multipart and the file itself is read by
// the action) and a waitlist move. The member schemas are the forms' own (placement-form.ts,
// placement-csv-form.ts, waitlist-move-form.ts). A missing or unknown intent is refused on `intent`
// with the forms' own error ("validation.invalidChoice").
import { z } from "zod";
import { checkPlacementCsv, placementCsvFields } from "./placement-csv-form.ts";
import { checkPlacementOverride, placementFields } from "./placement-form.ts";
import { waitlistMoveFormSchema } from "./waitlist-move-form.ts";

export const placementPageActionSchema = z
  .discriminatedUnion("intent", [placementFields, placementCsvFields, waitlistMoveFormSchema], {
    errorMap: () => ({ message: "validation.invalidChoice" }),
  })
  .superRefine((value, ctx) => {
    if (value.intent === "anteprima" || value.intent === "inserisci") checkPlacementOverride(value, ctx);
    else if (value.intent === "anteprima-csv" || value.intent === "inserisci-csv") checkPlacementCsv(value, ctx);
  });

export type PlacementPageAction = z.output<typeof placementPageActionSchema>;
