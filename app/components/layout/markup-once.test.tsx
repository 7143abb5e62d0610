// The header and footer rendered on the server with their parts' HTML kept per key (MarkupOnce,
// ADR 0043) are byte for byte what React renders without the cache, for every language, kind of
// visitor and page; the cache is shared across all the renders below, as in a server process, so
// a key that missed anything the markup depends on (language, menu entries, the active entry)
// would hand one visitor another's HTML and fail here.
import { describe, expect, it } from "vitest";
import type { Locale } from "~/domain/vocabulary.ts";
import { renderMarkupOnce } from "~/utils/markup-once.server.ts";
import { renderInRouter } from "../../../tests/support/render-in-router.tsx";
import type { MarkupRenderer } from "./markup-once.tsx";
import { SiteFooter } from "./site-footer.tsx";
import { SiteHeader, type HeaderUser } from "./site-header.tsx";

const person = (roles: Partial<HeaderUser>): HeaderUser => ({
  name: "Anna Bianchi",
  isOrganiser: false,
  isNationalUnit: false,
  isTrainer: false,
  ...roles,
});
const VISITORS: (HeaderUser | null)[] = [
  null,
  person({}),
  person({ isTrainer: true }),
  person({ isOrganiser: true }),
  person({ isOrganiser: true, isNationalUnit: true, name: "Luca Verdi" }),
  person({ isNationalUnit: true }),
];
const LOCATIONS = [
  "/",
  "/eventi",
  "/le-mie-iscrizioni?esito=abc",
  "/LE-MIE-ISCRIZIONI",
  "/gestione/eventi/abc",
  "/admin/utenti?pagina=2",
  "/cruscotto",
  "/formazione",
  "/eventi-vecchi",
];

/** The chrome of a page at `location`, rendered as a document's server render does. */
function chrome(location: string, locale: Locale, user: HeaderUser | null, renderer: MarkupRenderer | null) {
  return renderInRouter(
    <>
      <SiteHeader user={user} />
      <main />
      <SiteFooter />
    </>,
    { locale, location, renderer },
  );
}

describe("the chrome's parts rendered once per key", () => {
  it("gives React's own markup for every language, visitor and page", async () => {
    let compared = 0;
    for (const locale of ["it", "en"] as const)
      for (const location of LOCATIONS)
        for (const user of VISITORS) {
          const plain = await chrome(location, locale, user, null);
          expect(await chrome(location, locale, user, renderMarkupOnce), `${locale} ${location} ${user?.name}`).toBe(
            plain,
          );
          compared++;
        }
    expect(compared).toBe(2 * LOCATIONS.length * VISITORS.length);
  });

  it("serves the footer, the brand and the menu from the renderer, keyed by what they show", async () => {
    const keys: string[] = [];
    const recorder: MarkupRenderer = (key, element) => {
      keys.push(key);
      return renderMarkupOnce(key, element);
    };
    await chrome("/eventi", "en", person({ isOrganiser: true }), recorder);
    await chrome("/le-mie-iscrizioni", "it", person({}), recorder);
    expect(keys).toEqual([
      "header-centre|en",
      "header-menu|en|/eventi+active /le-mie-iscrizioni /il-mio-piano /profilo /formazione /gestione/eventi /cruscotto",
      "footer|en",
      "header-centre|it",
      "header-menu|it|/eventi /le-mie-iscrizioni+active /il-mio-piano /profilo",
      "footer|it",
    ]);
    // A part's HTML is the element's content: the markup of the wrapper stays React's.
    const html = await chrome("/", "it", null, () => "<p>kept</p>");
    expect(html).toContain('<footer class="it-footer mt-5"><p>kept</p></footer>');
    expect(html).toContain('<div class="it-header-center-wrapper"><p>kept</p></div>');
  });
});
