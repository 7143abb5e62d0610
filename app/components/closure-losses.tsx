// What closing an account takes away besides the places (closureSummary): the roles it holds, and the events it
// trains. Said before the closure, on the national unit's panel (/admin/utenti) and on the person's own page
// (/profilo/chiudi): the person closing their own account lost them just the same without being told.
import { APP_ROLE_LABELS, REGION_LABELS, labelOf } from "~/domain/vocabulary.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";

export function ClosureLosses({
  roles,
  trainerEvents,
  own,
}: {
  roles: { role: string; regionCode: string | null }[];
  trainerEvents: number;
  /** The person's own page: "your roles", "you will no longer train". */
  own: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const names = roles
    .map(
      (r) =>
        `${labelOf(APP_ROLE_LABELS, r.role, locale)}${r.regionCode ? ` (${labelOf(REGION_LABELS, r.regionCode, locale)})` : ""}`,
    )
    .join(", ");
  return (
    <>
      {roles.length > 0 ? (
        <p data-testid="close-roles">
          {t(own ? "profile.close.roles" : "admin.users.closeConfirmRoles", { roles: names })}
        </p>
      ) : null}
      {trainerEvents > 0 ? (
        <p data-testid="close-trainer-events">
          {t(own ? "profile.close.trainerEvents" : "admin.users.closeConfirmTrainerEvents", { count: trainerEvents })}
        </p>
      ) : null}
    </>
  );
}
