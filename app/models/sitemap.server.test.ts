import { describe, expect, it } from "vitest";
import { DISALLOWED_PATHS, robotsTxt, sitemapXml } from "./sitemap.server.ts";

const ORIGIN = "https://forma.example.it";

describe("robots.txt", () => {
  it("lets search engines crawl the public pages, not the signed-in areas, tokens and forms, and names the sitemap", () => {
    const text = robotsTxt(ORIGIN);
    expect(text.split("\n")[0]).toBe("User-agent: *");
    for (const path of ["/gestione", "/admin", "/profilo", "/le-mie-iscrizioni", "/calendario/", "/eventi?"]) {
      expect(text).toContain(`\nDisallow: ${path}\n`);
    }
    // The catalogue and the event pages are not disallowed by any line (a Disallow is a prefix).
    const disallowed = (path: string) =>
      DISALLOWED_PATHS.some((rule) =>
        new RegExp(`^${rule.replace(/[?.]/g, "\\$&").replaceAll("*", "[^/]*")}`).test(path),
      );
    expect(["/", "/eventi", "/eventi/cm1abc", "/dichiarazione-accessibilita"].filter(disallowed)).toEqual([]);
    expect(["/eventi?q=clil", "/eventi/cm1abc/iscrizione", "/profilo/dati.zip"].every(disallowed)).toBe(true);
    expect(text).toContain(`\nSitemap: ${ORIGIN}/sitemap.xml\n`);
  });
});

describe("sitemap.xml", () => {
  it("lists the home page, the catalogue and each event with its last change", () => {
    const xml = sitemapXml(ORIGIN, [
      { id: "cm1abc", updatedAt: new Date("2026-12-04T23:30:00.000Z") },
      { id: "cm2def", updatedAt: new Date("2026-11-01T08:00:00.000Z") },
    ]);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ),
    ).toBe(true);
    expect(xml).toContain(`<url><loc>${ORIGIN}/</loc></url>`);
    expect(xml).toContain(`<url><loc>${ORIGIN}/eventi</loc></url>`);
    expect(xml).toContain(`<url><loc>${ORIGIN}/eventi/cm1abc</loc><lastmod>2026-12-04T23:30:00.000Z</lastmod></url>`);
    expect(xml).toContain(`<url><loc>${ORIGIN}/eventi/cm2def</loc><lastmod>2026-11-01T08:00:00.000Z</lastmod></url>`);
    expect(xml.trimEnd().endsWith("</urlset>")).toBe(true);
  });

  it("escapes what XML would read as markup in an address", () => {
    expect(sitemapXml("https://forma.example.it/a&b", [])).toContain(
      "<loc>https://forma.example.it/a&amp;b/eventi</loc>",
    );
  });
});
