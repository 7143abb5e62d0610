// Every button of /profilo as ONE Zod discriminated union on `intent`, so the action reads no field
// by hand: the profile, the password, the email address, the trainer's short profile (a trainer's
// only: for anyone else the intent is unknown), ending one of one's sessions, sending again the
// emails an address's mail server refused and a new link for an address never confirmed. The member schemas
// are the forms' own (account-forms.ts, event-sheet-form.ts).
import { z } from "zod";
import {
  emailChangeByIdentityFormSchema,
  emailChangeFormSchema,
  passwordChangeFormSchema,
  profileFormSchema,
} from "./account-forms.ts";
import { trainerProfileFormSchema } from "./event-sheet-form.ts";

export function profilePageActionSchema({ trainer }: { trainer: boolean }) {
  const members = [
    profileFormSchema.extend({ intent: z.literal("profile") }),
    passwordChangeFormSchema.extend({ intent: z.literal("password") }),
    emailChangeFormSchema.extend({ intent: z.literal("email") }),
    // An account without a password: its owner has just signed in again with an identity (ADR 0082).
    emailChangeByIdentityFormSchema.extend({ intent: z.literal("email-by-identity") }),
    // An unknown session id is "not found" (404), as an empty one.
    z.object({ intent: z.literal("end-session"), sessionId: z.string().optional() }),
    z.object({ intent: z.literal("end-other-sessions") }),
    // "The address is right: send again", after its mail server refused it (ADR 0083).
    z.object({ intent: z.literal("retry-email") }),
    // A new link for an address never confirmed (staff pages and enrolment wait for it).
    z.object({ intent: z.literal("resend-confirmation") }),
  ] as const;
  return trainer
    ? z.discriminatedUnion("intent", [
        ...members,
        trainerProfileFormSchema.extend({ intent: z.literal("trainer-profile") }),
      ])
    : z.discriminatedUnion("intent", [...members]);
}
export type ProfilePageAction = z.output<ReturnType<typeof profilePageActionSchema>>;
