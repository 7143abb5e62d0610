// Prints Forma / floor for each scenario two bench/catalogue.mjs outputs share (bench/run-catalogue-bench.sh: Forma's
// run, then bench/catalogue-floor.ts's in the same run): searches per second, and CPU per search (the servers' own,
// plus the database server's when the run measured it), each as floor ÷ Forma's cost or Forma ÷ floor's rate, so
// that 1 would mean no cost above the floor. And both p95s.
//   node bench/lib/catalogue-floor-ratio.mjs forma.out floor.out
import fs from "node:fs";

/** The scenarios' rows of a catalogue.mjs output, by label: each cell by its column's name. */
function rows(file) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const headerAt = lines.findIndex((l) => l.startsWith("| scenario |"));
  if (headerAt === -1) return new Map();
  const cells = (line) =>
    line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
  const names = cells(lines[headerAt]);
  const byLabel = new Map();
  for (const line of lines.slice(headerAt + 2)) {
    if (!line.startsWith("| ")) break;
    const values = cells(line);
    byLabel.set(values[0], Object.fromEntries(names.map((name, i) => [name, values[i]])));
  }
  return byLabel;
}

const [formaFile, floorFile] = process.argv.slice(2);
const forma = rows(formaFile);
const floor = rows(floorFile);
const number = (row, column) => (row[column] === undefined ? 0 : Number(row[column]));
const cpu = (row) => number(row, "server CPU ms/request") + number(row, "database CPU ms/request");
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : "–");
console.log(
  "\n| scenario | requests/s: Forma / floor | CPU ms per search (+ database): floor / Forma | p95 ms: Forma, floor |",
);
console.log("|---|---|---|---|");
for (const [label, f] of forma) {
  const bare = floor.get(label);
  if (!bare) continue;
  // A scenario that offers a fixed rate serves it on both when both keep up: its cost is the CPU column.
  const offered = /req\/s (evenly spaced|offered)/.test(label);
  const rps = `${f["requests/s"]} / ${bare["requests/s"]}${offered ? " (the rate offered)" : ` = **${ratio(number(f, "requests/s"), number(bare, "requests/s"))}**`}`;
  const cost = `${cpu(bare).toFixed(1)} / ${cpu(f).toFixed(1)} = **${ratio(cpu(bare), cpu(f))}**`;
  console.log(`| ${label} | ${rps} | ${cost} | ${f["p95 ms"]}, ${bare["p95 ms"]} |`);
}
