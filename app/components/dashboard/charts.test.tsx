// The dashboard's month chart draws only what the table says: a month whose figure is suppressed
// ("< 5") or missing has no dot and no line through it.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LineChart, type ChartRow } from "./charts.tsx";

const row = (key: string, value: ChartRow["value"]): ChartRow => ({ key, label: key, value });

const pathOf = (rows: ChartRow[]) => {
  const html = renderToStaticMarkup(<LineChart title="Iscrizioni per mese" rows={rows} />);
  return { d: /<path d="([^"]*)"/.exec(html)![1]!, dots: html.match(/<circle /g)?.length ?? 0 };
};

describe("LineChart", () => {
  it("breaks the line at a suppressed month instead of joining its neighbours across it", () => {
    const { d, dots } = pathOf([row("2026-10", 12), row("2026-11", "suppressed"), row("2026-12", 12)]);
    // Two separate pieces (each a lone point), not one segment from October to December.
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toMatch(/L/);
    expect(dots).toBe(2);
  });

  it("joins consecutive months that have numbers, zeros included", () => {
    const { d, dots } = pathOf([row("2026-09", 0), row("2026-10", 12), row("2026-11", 3), row("2026-12", null)]);
    expect(d.match(/M/g)).toHaveLength(1);
    expect(d.match(/L/g)).toHaveLength(2);
    expect(dots).toBe(3);
  });
});
