// Privacy notice (art. 13-14 GDPR): the national unit is the data controller. Linked from the
// footer and from the sign-up form.
import type { MetaFunction } from "@remix-run/node";
import { StaticPage } from "~/components/layout/static-page.tsx";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice.ts";
import { SITE_CONTACTS } from "~/utils/site-info.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.privacy") }];

export default function PrivacyNotice() {
  return (
    <StaticPage
      title="privacy.title"
      params={{ dpo: SITE_CONTACTS.dpoEmail, version: PRIVACY_NOTICE_VERSION }}
      sections={[
        { text: "privacy.intro" },
        { title: "privacy.controller.title", text: "privacy.controller.text" },
        { title: "privacy.data.title", text: "privacy.data.text" },
        { title: "privacy.purpose.title", text: "privacy.purpose.text" },
        { title: "privacy.recipients.title", text: "privacy.recipients.text" },
        { title: "privacy.retention.title", text: "privacy.retention.text" },
        { title: "privacy.rights.title", text: "privacy.rights.text" },
        { text: "privacy.version" },
      ]}
    />
  );
}
