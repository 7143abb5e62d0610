// Compares two files of catalogue pages written by `bench/catalogue-page.ts --save-html` (two builds, the
// same database and --now): every page must be byte-for-byte the same, the CSP nonce aside (both runs use
// the bench's fixed nonce, so it is the same too). Exit 1 and the first difference of each differing page.
//
//   npx tsx bench/catalogue-html-compare.ts before.json after.json [--blank-assets]
// --blank-assets: for builds whose browser code differs (its chunks, their hashes and the manifest do), the
// module preloads and the module script that imports the routes and sets window.__remixManifest are left out
// of the comparison; the markup, the loader data and every other script must still be the same.
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { "blank-assets": { type: "boolean", default: false } },
});
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
  const x = before[key] === undefined ? undefined : withoutNonce(before[key]!);
  const y = after[key] === undefined ? undefined : withoutNonce(after[key]!);
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
console.log(`${keys.size} pages compared, ${differing} differing`);
process.exit(differing ? 1 : 0);
