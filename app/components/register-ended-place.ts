// The short mark of a place listed in a session's register that has ended since (ADR 0019, addendum):
// "Iscrizione spostata all'edizione 2 il 6 dicembre 2026", "Iscrizione rimossa il …". The same words on
// the register page, in its PDF to sign and in its CSV.
import type { EndedPlace } from "~/domain/attendance.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import { formatOnDate } from "~/utils/dates.ts";

/** `endedAt` may come as a string from the page's loader data. */
export function endedPlaceText(
  ended: Omit<EndedPlace, "endedAt"> & { endedAt: Date | string | null },
  t: Translate,
  locale: Locale,
): string {
  const on = ended.endedAt ? formatOnDate(ended.endedAt, locale) : "";
  const text =
    ended.status === "spostato"
      ? ended.movedToEdition !== null
        ? t("attendance.register.ended.moved", { edition: ended.movedToEdition, on })
        : t("attendance.register.ended.movedElsewhere", { on })
      : ended.status === "rimosso" || ended.status === "annullato" || ended.status === "edizione-annullata"
        ? t(`attendance.register.ended.${ended.status}`, { on })
        : t("attendance.register.ended.other", { on });
  return text.trim();
}
