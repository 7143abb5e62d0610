// Turns an enrolment refusal into the sentence a teacher reads, with the dates and region it needs.
import type { RefusalReason } from "~/domain/enrolment.ts";
import { labelOf, REGION_LABELS, type Locale } from "~/domain/vocabulary.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import { formatDateTime } from "~/utils/dates.ts";

export type EnrolmentRefusal = RefusalReason | "already-enrolled" | "not-found" | "account-closed";

export function enrolmentRefusalMessage(
  t: Translate,
  locale: Locale,
  reason: EnrolmentRefusal,
  edition: { enrolmentOpensAt: Date | string; enrolmentClosesAt: Date | string } | undefined,
  regionCode: string | null,
): string {
  switch (reason) {
    case "window-not-open":
      return t("enrol.refused.window-not-open", {
        date: edition ? formatDateTime(edition.enrolmentOpensAt, locale) : "",
      });
    case "window-closed":
      return t("enrol.refused.window-closed", {
        date: edition ? formatDateTime(edition.enrolmentClosesAt, locale) : "",
      });
    case "other-region":
      return t("enrol.refused.other-region", { region: labelOf(REGION_LABELS, regionCode, locale) });
    default:
      return t(`enrol.refused.${reason}`);
  }
}
