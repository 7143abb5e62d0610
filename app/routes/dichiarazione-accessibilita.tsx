// Accessibility statement on AgID's model (legge 4/2004, d.lgs. 106/2018), linked from the footer.
import type { MetaFunction } from "@remix-run/node";
import { StaticPage } from "~/components/layout/static-page.tsx";
import { useLocale } from "~/i18n/i18n.tsx";
import { useLoaderData } from "@remix-run/react";
import { siteContacts } from "~/utils/site-contacts.server.ts";
import { ACCESSIBILITY_STATEMENT_DATE } from "~/utils/site-info.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.accessibility") }];

/** ACCESSIBILITY_EMAIL (ADR 0104): where to report what is not accessible. */
export function loader() {
  return { email: siteContacts().accessibilityEmail };
}

export default function AccessibilityStatement() {
  const locale = useLocale();
  const { email } = useLoaderData<typeof loader>();
  return (
    <StaticPage
      title="a11y.title"
      params={{
        email,
        date: ACCESSIBILITY_STATEMENT_DATE[locale],
      }}
      sections={[
        { text: "a11y.intro" },
        { title: "a11y.status.title", text: "a11y.status.text" },
        { title: "a11y.missing.title", text: "a11y.missing.text" },
        { title: "a11y.method.title", text: "a11y.method.text" },
        { title: "a11y.feedback.title", text: "a11y.feedback.text" },
        { title: "a11y.enforcement.title", text: "a11y.enforcement.text" },
      ]}
    />
  );
}
