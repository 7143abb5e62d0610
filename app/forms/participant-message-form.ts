// The edition's "Scrivi ai partecipanti" form (issue 15): recipients (an audience and, for
// present/absent, a session), subject and text. "anteprima" shows the count and one rendered
// email; "invia" sends, with the one-time key the preview gave (sending the same form twice
// sends it once; a send that is not what the preview showed is refused). Error messages are message keys (app/i18n/messages/participant-messages.ts).
import { z } from "zod";
import {
  MESSAGE_AUDIENCES,
  MESSAGE_BODY_MAX,
  MESSAGE_BODY_MIN,
  MESSAGE_SUBJECT_MAX,
  MESSAGE_SUBJECT_MIN,
  SESSION_AUDIENCES,
} from "~/domain/participant-message.ts";
import { choice, requiredText } from "./fields.ts";

/** The subject of an organiser's message to participants, written by hand or set as automatic. */
export const messageSubject = requiredText(MESSAGE_SUBJECT_MAX, {
  min: MESSAGE_SUBJECT_MIN,
  tooShort: "participantMessages.error.subjectShort",
  tooLong: "participantMessages.error.subjectLong",
});

/** The text of an organiser's message to participants. */
export const messageBody = requiredText(MESSAGE_BODY_MAX, {
  min: MESSAGE_BODY_MIN,
  tooShort: "participantMessages.error.bodyShort",
  tooLong: "participantMessages.error.bodyLong",
});

/** The message's fields; participantMessageFormSchema adds the checks across them (the page's union reuses both). */
export const participantMessageFields = z.object({
  intent: z.enum(["anteprima", "invia"], { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  audience: choice(MESSAGE_AUDIENCES),
  sessionId: z.string().trim().max(64).optional(),
  subject: messageSubject,
  body: messageBody,
  /**
   * Given by the preview, signed over what it showed (participant-message.server.ts checks it);
   * required to send. Only its shape here.
   */
  sendKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{16,100}$/, "participantMessages.error.sendKey")
    .optional(),
});

export function checkParticipantMessage(value: z.output<typeof participantMessageFields>, ctx: z.RefinementCtx) {
  if (SESSION_AUDIENCES.has(value.audience) && !value.sessionId) {
    ctx.addIssue({ code: "custom", path: ["sessionId"], message: "participantMessages.error.session" });
  }
  if (value.intent === "invia" && !value.sendKey) {
    ctx.addIssue({ code: "custom", path: ["sendKey"], message: "participantMessages.error.sendKey" });
  }
}

export const participantMessageFormSchema = participantMessageFields.superRefine(checkParticipantMessage);

export type ParticipantMessageForm = z.output<typeof participantMessageFormSchema>;
