// Every button of /admin/utenti as ONE Zod discriminated union on `intent`, so the action reads no
// field by hand: grant a role, revoke one (confirmed), close an account on the person's request (confirmed). The member
// schemas are the forms' own (role-form.ts).
import { z } from "zod";
import { checkGrantRole, grantRoleFields, grantRoleOf, revokeRoleFormSchema } from "./role-form.ts";

export const adminUsersActionSchema = z
  .discriminatedUnion("intent", [
    grantRoleFields.extend({ intent: z.literal("grant") }),
    // Revoking cannot be undone in what it takes away (a trainer's events are not given back with the role): the
    // row's link opens a second step (?revoca=<roleId>) naming the role, the person and the events, whose form
    // alone carries this confirmation.
    revokeRoleFormSchema.extend({
      intent: z.literal("revoke"),
      confirm: z.literal("yes", { errorMap: () => ({ message: "admin.users.revokeConfirmRequired" }) }),
    }),
    // A missing id, or the actor's own, is refused by the action (400); an unknown one is "not found".
    // Closing cannot be undone, so it is asked for twice: the list's link opens a panel naming the
    // person and what closing does (a GET, nothing changes), whose form alone carries this confirmation.
    z.object({
      intent: z.literal("close-account"),
      userId: z.string().optional(),
      confirm: z
        .boolean({ required_error: "admin.users.closeAccountConfirmRequired" })
        .refine((v) => v, "admin.users.closeAccountConfirmRequired"),
    }),
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "grant") checkGrantRole(value, ctx);
  })
  .transform((value) => (value.intent === "grant" ? { intent: value.intent, ...grantRoleOf(value) } : value));

export type AdminUsersAction = z.output<typeof adminUsersActionSchema>;
