// /profilo/avvisi (ADR 0088): create an alert for a catalogue search (the catalogue's button), or delete one.
import { z } from "zod";

/** A missing or unknown intent is refused on `intent` (the action answers 400). */
const unknownIntent = { errorMap: () => ({ message: "validation.invalidChoice" }) };

export const catalogueAlertActionSchema = z.discriminatedUnion(
  "intent",
  [
    // The catalogue's query string; what the catalogue would not apply is dropped (alertQueryOf).
    z.object({ intent: z.literal("crea"), query: z.string().max(2000).optional() }),
    z.object({ intent: z.literal("elimina"), alertId: z.string().trim().min(1).max(40) }),
  ],
  unknownIntent,
);
