// Legal notes, linked from the footer.
import type { MetaFunction } from "@remix-run/node";
import { StaticPage } from "~/components/layout/static-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.legalNotes") }];

export default function LegalNotes() {
  return (
    <StaticPage
      title="legal.title"
      sections={[
        { text: "legal.intro" },
        { title: "legal.content.title", text: "legal.content.text" },
        { title: "legal.links.title", text: "legal.links.text" },
      ]}
    />
  );
}
