// Small formatting helpers shared by the catalogue's components.
import type { Locale } from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import { formatHours, formatShortDate, toRomeDateValue } from "~/utils/dates.ts";

/** "25 ore", "1 ora", "1,5 ore". */
export function hoursText(t: Translate, minutes: number, locale: Locale): string {
  return minutes === 60 ? t("catalogue.hours.one") : t("catalogue.hours.many", { hours: formatHours(minutes, locale) });
}

/** "12/01/2027" for one day, "dal 12/01/2027 al 09/02/2027" for several (days in Europe/Rome). */
export function dayRangeText(t: Translate, from: Date | string, to: Date | string, locale: Locale): string {
  const a = formatShortDate(from, locale);
  if (toRomeDateValue(from) === toRomeDateValue(to)) return a;
  return t("catalogue.card.dateRange", { from: a, to: formatShortDate(to, locale) });
}
