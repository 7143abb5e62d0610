// Privacy notice (art. 13-14 GDPR): the national unit is the data controller. Linked from the
// footer and from the sign-up form. The retention periods it states are the ones the retention job
// applies on this server (app/models/account-retention.server.ts), read from its settings.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StaticPage } from "~/components/layout/static-page.tsx";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice.ts";
import { retentionSettings } from "~/models/account-retention.server.ts";
import { SESSION_MAX_AGE_SECONDS } from "~/utils/session.server.ts";
import { siteContacts } from "~/utils/site-contacts.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.privacy") }];

/** The periods the notice states, in days, as the messages' parameters. */
export function loader() {
  const settings = retentionSettings();
  return {
    unconfirmedDays: String(settings.unconfirmedDays),
    unconfirmedWarningDays: String(settings.unconfirmedWarningDays),
    tokenDays: String(settings.tokenDays),
    notificationDays: String(settings.notificationDays),
    sessionDays: String(SESSION_MAX_AGE_SECONDS / 86_400),
    /** RETENTION_AUDIT_DAYS (ADR 0092); "" when unset: the change log is kept, as the notice then says. */
    auditDays: settings.auditDays === null ? "" : String(settings.auditDays),
    /** DPO_EMAIL (ADR 0104). */
    dpo: siteContacts().dpoEmail,
  };
}

export default function PrivacyNotice() {
  const retention = useLoaderData<typeof loader>();
  return (
    <StaticPage
      title="privacy.title"
      params={{ version: PRIVACY_NOTICE_VERSION, ...retention }}
      sections={[
        { text: "privacy.intro" },
        { title: "privacy.controller.title", text: "privacy.controller.text" },
        { title: "privacy.data.title", text: "privacy.data.text" },
        { title: "privacy.purpose.title", text: "privacy.purpose.text" },
        { title: "privacy.recipients.title", text: "privacy.recipients.text" },
        { title: "privacy.retention.title", text: "privacy.retention.text" },
        { title: "privacy.audit.title", text: retention.auditDays ? "privacy.audit.text" : "privacy.audit.kept" },
        { title: "privacy.rights.title", text: "privacy.rights.text" },
        { text: "privacy.version" },
      ]}
    />
  );
}
