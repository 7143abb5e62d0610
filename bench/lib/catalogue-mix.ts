// The catalogue bench's search mix as a sequence of URLs: bench/catalogue.mjs's 1,500 searches drawn
// with its Zipf draw, as its catalogue-search-mix scenario makes it (bench/catalogue-page.ts in process,
// bench/catalogue-pipeline.ts over HTTP).
import { CATALOGUE_URLS, readFixtures } from "../catalogue.mjs";
import { buildCatalogueSearches, zipfDraw } from "./catalogue-searches.mjs";

export async function catalogueMix(
  databaseUrl: string,
  options: { now: Date; searches: number; seed: number; zipf: number; requests: number },
): Promise<{ urls: string[]; sequence: string[] }> {
  const { vocabulary } = await readFixtures(databaseUrl, options.now.getTime());
  const urls: string[] = buildCatalogueSearches(vocabulary, {
    count: options.searches,
    seed: options.seed,
    headUrls: CATALOGUE_URLS,
  });
  const draw = zipfDraw(urls.length, options.zipf, options.seed + 1);
  return { urls, sequence: Array.from({ length: options.requests }, () => urls[draw()]!) };
}
