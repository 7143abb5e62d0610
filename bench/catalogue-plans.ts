// Compares the plans of two variants of the catalogue's SQL (an index, a rewrite), written by
// `bench/catalogue-sql.ts --plans FILE` over the same searches: for each search shape (filters · page
// depth), how many searches' count and page plans changed, and each distinct change once, with the
// shape's median ms in both files, so no shape's plan changes unseen.
//   npx tsx bench/catalogue-plans.ts before.json after.json
import fs from "node:fs";

type Planned = { url: string; shape: string; ms: number; plans: Record<string, string[]> };
const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) throw new Error("usage: catalogue-plans.ts before.json after.json");
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Planned[];
const after = new Map(read(afterFile).map((p) => [p.url, p]));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

type Shape = { before: number[]; after: number[]; changed: number; changes: Map<string, string> };
const shapes = new Map<string, Shape>();
for (const b of read(beforeFile)) {
  const a = after.get(b.url);
  if (!a) continue;
  const shape: Shape = shapes.get(b.shape) ?? { before: [], after: [], changed: 0, changes: new Map() };
  shapes.set(b.shape, shape);
  shape.before.push(b.ms);
  shape.after.push(a.ms);
  let changed = false;
  for (const name of ["count", "page"]) {
    const was = (b.plans[name] ?? []).join(" / ");
    const now = (a.plans[name] ?? []).join(" / ");
    if (was === now) continue;
    changed = true;
    shape.changes.set(`${name}: ${was}`, `${name}: ${now}`);
  }
  if (changed) shape.changed++;
}

const ordered = [...shapes.entries()].sort((x, y) => y[1].before.length - x[1].before.length);
console.log(`| shape | searches | plans changed | median ms before | after |\n|---|---:|---:|---:|---:|`);
for (const [name, s] of ordered)
  console.log(
    `| ${name} | ${s.before.length} | ${s.changed} | ${median(s.before).toFixed(2)} | ${median(s.after).toFixed(2)} |`,
  );
for (const [name, s] of ordered) {
  if (s.changes.size === 0) continue;
  console.log(`\n## ${name}`);
  for (const [was, now] of s.changes) console.log(`- before ${was}\n  after  ${now}`);
}
