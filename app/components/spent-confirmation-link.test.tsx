// The email-confirmation page for a link that can no longer confirm: each says what to do next.
import { describe, expect, it } from "vitest";
import type { Locale } from "~/domain/vocabulary.ts";
import { renderInRouter } from "../../tests/support/render-in-router.tsx";
import { SpentConfirmationLink } from "./spent-confirmation-link.tsx";

const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, "")
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&");

const render = (locale: Locale, state: "used" | "expired" | "unknown", returnTo: string | null = null) =>
  renderInRouter(<SpentConfirmationLink state={state} returnTo={returnTo} />, {
    locale,
    location: "/conferma-email/x",
  });

const links = (html: string) =>
  [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => [
    m[1]!.replaceAll("&amp;", "&"),
    textOf(m[2]!),
  ]);

describe("a confirmation link that can no longer confirm", () => {
  it("expired: says how to get a new link, with a link to sign in and ask for it from the profile", async () => {
    const it_ = await render("it", "expired");
    expect(textOf(it_)).toContain("Per ricevere un nuovo link, accedi e chiedilo dal tuo profilo.");
    expect(links(it_)).toEqual([["/accedi?redirectTo=%2Fprofilo", "Accedi e chiedi un nuovo link"]]);
    expect(links(await render("en", "expired"))).toEqual([
      ["/accedi?redirectTo=%2Fprofilo", "Sign in and ask for a new link"],
    ]);
  });

  it("used: an information, not a warning, that the address is confirmed, with the sign-in page (keeping where she was going)", async () => {
    const html = await render("it", "used", "/eventi/e1/iscrizione");
    expect(html).toContain('class="alert alert-info" role="status"');
    expect(textOf(html)).toContain("Il tuo indirizzo email è confermato");
    expect(links(html)).toEqual([["/accedi?redirectTo=%2Feventi%2Fe1%2Fiscrizione", "Vai alla pagina di accesso"]]);
    expect(links(await render("en", "used"))).toEqual([["/accedi", "Go to the sign-in page"]]);
  });

  it("broken: asks to check the link, with no way that would not help", async () => {
    const html = await render("it", "unknown");
    expect(textOf(html)).toContain("Questo link non è valido.");
    expect(links(html)).toEqual([]);
  });
});
