// The person as organisers' lists show them: name, address, and whether the address refuses Forma's
// email (ADR 0083), so the organiser knows a message will not reach them.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LocaleProvider } from "~/i18n/i18n.tsx";
import type { Locale } from "~/domain/vocabulary.ts";
import { NameAndEmail } from "./listed-person.tsx";

const render = (locale: Locale, refusedAt?: Date | string | null) =>
  renderToStaticMarkup(
    <LocaleProvider locale={locale}>
      <NameAndEmail name="Rossi Maria" email="maria@scuola.example.it" refusedAt={refusedAt} />
    </LocaleProvider>,
  );

describe("a listed person's address", () => {
  it("says when its mail server refused Forma's email, in the page's language (Rome's day)", () => {
    // 23:30 UTC on 2 December is 3 December in Rome.
    expect(render("it", "2026-12-02T23:30:00.000Z")).toContain("Email rifiutata dal server di posta il 03/12/2026");
    expect(render("en", new Date("2026-12-02T23:30:00Z"))).toContain(
      "Email refused by the mail server on 3 December 2026",
    );
  });

  it("says nothing more of an address that takes mail", () => {
    expect(render("it", null)).toBe('Rossi Maria<br/><span class="small">maria@scuola.example.it</span>');
    expect(render("it")).not.toContain("rifiutata");
  });
});
