// The national unit's form to grant a role to a user (/admin/utenti). Error messages are message keys.
import { z } from "zod";
import { APP_ROLES, REGION_CODES } from "~/domain/vocabulary.ts";
import { choice } from "./fields.ts";

export const grantRoleFormSchema = z
  .object({
    userId: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64),
    role: choice(APP_ROLES),
    regionCode: choice(REGION_CODES).optional(),
  })
  .superRefine((value, ctx) => {
    // A USR referent acts for one region; the other roles are national.
    if (value.role === "referente-usr" && !value.regionCode) {
      ctx.addIssue({ code: "custom", path: ["regionCode"], message: "admin.validation.regionRequiredForReferent" });
    }
  })
  .transform((value) => ({
    userId: value.userId,
    role: value.role,
    regionCode: value.role === "referente-usr" ? (value.regionCode ?? "") : "",
  }));

export type GrantRoleForm = z.infer<typeof grantRoleFormSchema>;

export const revokeRoleFormSchema = z.object({
  roleId: z.string({ required_error: "validation.required" }).trim().min(1).max(64),
});
