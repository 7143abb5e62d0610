// The catalogue's feed links carry the page's language when it is not Italian (review 0018): a calendar server
// fetches them without the reader's cookie.
import { describe, expect, it } from "vitest";
import type { Locale } from "~/domain/vocabulary.ts";
import { renderInRouter } from "../../../tests/support/render-in-router.tsx";
import { CatalogueFeedLinks } from "./feed-links.tsx";

async function hrefs(locale: Locale, search: string): Promise<string[]> {
  const html = await renderInRouter(<CatalogueFeedLinks search={search} />, { locale, location: `/eventi${search}` });
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
}

describe("the catalogue's feed links", () => {
  it("say lang=en on an English page, with or without filters", async () => {
    expect(await hrefs("en", "?region=toscana&mode=online")).toEqual([
      "/eventi/feed.ics?region=toscana&mode=online&lang=en",
      "/eventi/feed.json?region=toscana&mode=online&lang=en",
    ]);
    expect(await hrefs("en", "")).toEqual(["/eventi/feed.ics?lang=en", "/eventi/feed.json?lang=en"]);
  });

  it("carry only the search on an Italian page", async () => {
    expect(await hrefs("it", "?type=webinar")).toEqual([
      "/eventi/feed.ics?type=webinar",
      "/eventi/feed.json?type=webinar",
    ]);
    expect(await hrefs("it", "")).toEqual(["/eventi/feed.ics", "/eventi/feed.json"]);
  });
});
