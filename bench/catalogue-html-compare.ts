// Compares two files of catalogue pages written by `bench/catalogue-page.ts --save-html` (two builds, the
// same database and --now): every page must be byte-for-byte the same, the CSP nonce aside (both runs use
// the bench's fixed nonce, so it is the same too). Exit 1 and the first difference of each differing page.
//
//   npx tsx bench/catalogue-html-compare.ts before.json after.json [--blank-assets] [--server-only route:key]
// --blank-assets: for builds whose browser code differs (its chunks, their hashes and the manifest do), the
// module preloads and the module script that imports the routes and sets window.__remixManifest are left out
// of the comparison; the markup, the loader data and every other script must still be the same.
// --server-only routes/eventi._index:events (ADR 0052): the after build leaves that key of that route's
// data out of the page's hydration data and adds `listed` (the number of its items). The hydration data of
// both pages is then decoded (turbo-stream) and compared as data: the after page's must be the before
// page's with that key replaced by `listed`; everything else in the page must be byte for byte the same.
import fs from "node:fs";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { decode } from "turbo-stream";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { "blank-assets": { type: "boolean", default: false }, "server-only": { type: "string" } },
});
const [serverOnlyRoute, serverOnlyKey] = args["server-only"]?.split(":") ?? [];

const HYDRATION_DATA = /window\.__remixContext\.streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);/g;
/** The loader data a page's inline scripts give the browser, decoded as Remix's client does. */
async function hydrationData(html: string): Promise<unknown> {
  const text = [...html.matchAll(HYDRATION_DATA)].map((m) => JSON.parse(m[1]!) as string).join("");
  const decoded = await decode(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
  );
  await decoded.done;
  return decoded.value;
}
/** The before page's data as the after build should give it: the server-only key replaced by its count. */
function expectedAfter(data: unknown): unknown {
  const copy = structuredClone(data) as { loaderData?: Record<string, Record<string, unknown> | undefined> };
  const route = copy.loaderData?.[serverOnlyRoute!];
  if (route && serverOnlyKey! in route) {
    const items = route[serverOnlyKey!];
    delete route[serverOnlyKey!];
    // The after build's own field, written just before the key.
    const entries = Object.entries(route);
    copy.loaderData![serverOnlyRoute!] = Object.fromEntries([
      ...entries,
      ["listed", Array.isArray(items) ? items.length : 0],
    ]);
  }
  return copy;
}
let dataCompared = 0;
const [a, b] = positionals;
if (!a || !b) throw new Error("usage: bench/catalogue-html-compare.ts before.json after.json [--blank-assets]");
const before: Record<string, string> = JSON.parse(fs.readFileSync(a, "utf8"));
const after: Record<string, string> = JSON.parse(fs.readFileSync(b, "utf8"));
const withoutAssets = (html: string) =>
  html
    .replace(/<link rel="modulepreload" href="\/assets\/[^"]+"\/>/g, "")
    .replace(/(<script nonce="[^"]*" type="module" async="">)[^<]*window\.__remixManifest = [^<]*(<\/script>)/, "$1$2");
const withoutNonce = (html: string) =>
  (args["blank-assets"] ? withoutAssets(html) : html).replace(/nonce="[^"]*"/g, 'nonce=""');
let differing = 0;
const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
for (const key of keys) {
  let x = before[key] === undefined ? undefined : withoutNonce(before[key]!);
  let y = after[key] === undefined ? undefined : withoutNonce(after[key]!);
  if (serverOnlyRoute && x !== undefined && y !== undefined) {
    const [dataX, dataY] = [await hydrationData(x), await hydrationData(y)];
    if (!isDeepStrictEqual(expectedAfter(dataX), dataY)) {
      differing++;
      console.log(
        `${key}: hydration data differs\n  before: ${JSON.stringify(dataX)}\n  after:  ${JSON.stringify(dataY)}`,
      );
      continue;
    }
    dataCompared++;
    x = x.replace(HYDRATION_DATA, "");
    y = y.replace(HYDRATION_DATA, "");
  }
  if (x === y) continue;
  differing++;
  if (x === undefined || y === undefined) {
    console.log(`${key}: only in ${x === undefined ? b : a}`);
    continue;
  }
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  console.log(
    `${key}: differs at ${i}\n  before: …${x.slice(Math.max(0, i - 80), i + 120)}\n  after:  …${y.slice(Math.max(0, i - 80), i + 120)}`,
  );
}
console.log(
  `${keys.size} pages compared, ${differing} differing${serverOnlyRoute ? ` (hydration data as expected in ${dataCompared})` : ""}`,
);
process.exit(differing ? 1 : 0);
