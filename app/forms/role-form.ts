// The national unit's form to grant a role to a user (/admin/utenti). Error messages are message keys.
import { z } from "zod";
import { APP_ROLES, REGION_CODES } from "~/domain/vocabulary.ts";
import { choice } from "./fields.ts";

/** The grant form's fields; grantRoleFormSchema adds the region rule (the admin page's union reuses both). */
export const grantRoleFields = z.object({
  userId: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(64),
  role: choice(APP_ROLES),
  regionCode: choice(REGION_CODES).optional(),
});
type GrantRoleFields = z.infer<typeof grantRoleFields>;

/** A USR referent acts for one region; the other roles are national. */
export function checkGrantRole(value: GrantRoleFields, ctx: z.RefinementCtx) {
  if (value.role === "referente-usr" && !value.regionCode) {
    ctx.addIssue({ code: "custom", path: ["regionCode"], message: "admin.validation.regionRequiredForReferent" });
  }
}

export function grantRoleOf(value: GrantRoleFields) {
  return {
    userId: value.userId,
    role: value.role,
    regionCode: value.role === "referente-usr" ? (value.regionCode ?? "") : "",
  };
}

export const grantRoleFormSchema = grantRoleFields.superRefine(checkGrantRole).transform(grantRoleOf);

export type GrantRoleForm = z.infer<typeof grantRoleFormSchema>;

export const revokeRoleFormSchema = z.object({
  roleId: z.string({ required_error: "validation.required" }).trim().min(1).max(64),
});
