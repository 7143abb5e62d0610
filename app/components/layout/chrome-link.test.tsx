// The header's and footer's links (ADR 0027) render what React Router's <Link>/<NavLink> render
// (Remix adds data-discover="true" to both): same href, same "active" class and aria-current, for
// every location and target the chrome has, and the odd cases of NavLink's rule.
import { createStaticHandler } from "@remix-run/router";
import { Link, NavLink } from "react-router-dom";
import { createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChromeLink, ChromeNavLink, useChromeNav } from "./chrome-link.tsx";

const TARGETS = [
  "/",
  "/eventi",
  "/le-mie-iscrizioni",
  "/gestione/eventi",
  "/admin/utenti",
  "/accedi?redirectTo=%2Feventi%3Fq%3Darte",
];
const LOCATIONS = [
  "/",
  "/eventi",
  "/eventi/",
  "/EVENTI",
  "/eventi/abc123",
  "/eventi-vecchi",
  "/gestione",
  "/gestione/eventi/nuovo",
  "/admin/utenti?pagina=2",
  "/accedi?redirectTo=%2Feventi",
  "/le-mie-iscrizioni#storico",
];

/** The markup of a page at `location` whose component renders `links`. */
async function render(location: string, Links: () => JSX.Element): Promise<string> {
  const routes = [{ id: "page", path: "*", Component: Links }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://forma.test${location}`));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

function RouterLinks() {
  return (
    <>
      {TARGETS.map((to) => (
        <Link key={`l${to}`} to={to} className="btn" data-discover="true">
          {to}
        </Link>
      ))}
      {TARGETS.map((to) => (
        <NavLink key={`n${to}`} data-discover="true" className="nav-link" to={to}>
          <span>{to}</span>
        </NavLink>
      ))}
    </>
  );
}

function ChromeLinks() {
  const nav = useChromeNav();
  return (
    <>
      {TARGETS.map((to) => (
        <ChromeLink key={`l${to}`} nav={nav} to={to} className="btn">
          {to}
        </ChromeLink>
      ))}
      {TARGETS.map((to) => (
        <ChromeNavLink key={`n${to}`} nav={nav} className="nav-link" to={to}>
          <span>{to}</span>
        </ChromeNavLink>
      ))}
    </>
  );
}

describe("chrome links", () => {
  it.each(LOCATIONS)("at %s render what <Link> and <NavLink> render", async (location) => {
    const expected = await render(location, RouterLinks);
    // Attribute order differs (React Router spreads its props first): compare each anchor's attributes.
    const anchors = (html: string) =>
      [...html.matchAll(/<a ([^>]*)>(.*?)<\/a>/g)].map(([, attrs, text]) => ({
        attrs: [...attrs!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => `${k}=${v}`).sort(),
        text,
      }));
    const actual = anchors(await render(location, ChromeLinks));
    expect(actual).toEqual(anchors(expected));
    expect(actual.filter((a) => a.attrs.includes("aria-current=page")).length).toBeLessThanOrEqual(2);
  });

  it("marks the section's entry active below it, not a sibling with a longer name", async () => {
    const html = await render("/eventi/abc123", ChromeLinks);
    expect(html).toContain('<a data-discover="true" aria-current="page" class="nav-link active" href="/eventi">');
    expect(await render("/eventi-vecchi", ChromeLinks)).not.toContain("active");
  });
});
