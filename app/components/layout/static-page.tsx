// A static information page (accessibility statement, privacy notice, legal notes): breadcrumb,
// title, then sections whose text messages hold paragraphs separated by a blank line.
import { Link } from "@remix-run/react";
import { useT, type Translate } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";

export type StaticSection = { title?: MessageKey; text: MessageKey };

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split("\n\n").map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </>
  );
}

export function StaticPage({
  title,
  sections,
  params = {},
}: {
  title: MessageKey;
  sections: StaticSection[];
  params?: Record<string, string>;
}) {
  const t: Translate = useT();
  return (
    <article className="static-page">
      <nav className="breadcrumb-container" aria-label={t("static.breadcrumb")}>
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/">{t("static.home")}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {t(title)}
          </li>
        </ol>
      </nav>
      <h1>{t(title)}</h1>
      {sections.map((section) =>
        section.title ? (
          <section key={section.text} className="mt-4">
            <h2 className="h4">{t(section.title)}</h2>
            <Paragraphs text={t(section.text, params)} />
          </section>
        ) : (
          <Paragraphs key={section.text} text={t(section.text, params)} />
        ),
      )}
    </article>
  );
}
