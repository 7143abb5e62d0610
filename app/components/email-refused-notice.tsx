// The notice on every signed-in page when the person's address was refused by its mail server for
// good (ADR 0083): nothing Forma sends reaches them, so they are told where they will see it. Not
// on /profilo, whose email section explains it and offers to send again.
import { Link, useLocation } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { formatOnDate } from "~/utils/dates.ts";

export function EmailRefusedNotice({ email, refusedAt }: { email: string; refusedAt: string }) {
  const t = useT();
  const locale = useLocale();
  const { pathname } = useLocation();
  if (pathname === "/profilo") return null;
  return (
    <div className="alert alert-warning" data-testid="email-refused-notice">
      {t("emailRefusal.banner", { email, when: formatOnDate(refusedAt, locale) })}{" "}
      <Link to="/profilo#email-titolo">{t("emailRefusal.bannerLink")}</Link>
    </div>
  );
}
