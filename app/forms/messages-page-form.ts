// Every button of the edition's messages page (/gestione/edizioni/:id/messaggi) as ONE Zod
// discriminated union on `intent`, so the action reads no field by hand: the message to the
// participants (preview, send) and the automatic rules (save, turn off). The member schemas are the
// forms' own (participant-message-form.ts, auto-message-form.ts). A missing or unknown intent is
// refused on `intent` with the message form's own error ("validation.invalidChoice").
import { z } from "zod";
import { autoMessageAmount, autoMessageDeleteSchema, autoMessageSaveFields } from "./auto-message-form.ts";
import { checkParticipantMessage, participantMessageFields } from "./participant-message-form.ts";

export const messagesPageActionSchema = z
  .discriminatedUnion("intent", [participantMessageFields, autoMessageSaveFields, autoMessageDeleteSchema], {
    errorMap: () => ({ message: "validation.invalidChoice" }),
  })
  .superRefine((value, ctx) => {
    if (value.intent === "anteprima" || value.intent === "invia") checkParticipantMessage(value, ctx);
  })
  .transform((value, ctx) => (value.intent === "salva-automatico" ? autoMessageAmount(value, ctx) : value));

export type MessagesPageAction = z.output<typeof messagesPageActionSchema>;
