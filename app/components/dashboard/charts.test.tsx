// The dashboard's month chart draws only what the table says: a month whose figure is suppressed
// ("< 5") or missing has no dot and no line through it. The region tiles keep their text readable.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, LineChart, RegionTiles, type ChartRow } from "./charts.tsx";

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

describe("BarChart", () => {
  const barsOf = (rows: ChartRow[], percent?: boolean) =>
    renderToStaticMarkup(<BarChart title="Iscrizioni · Tipologia" rows={rows} percent={percent} />);

  it("is one image named by its title, with a bar as wide as its share of the largest value", () => {
    const html = barsOf([row("webinar", 40), row("corso", 10), row("seminario", "suppressed")]);
    expect(html).toMatch(/^<div role="img" aria-labelledby="[^"]+" aria-describedby="[^"]+"/);
    expect(html.match(/class="dashboard-bar" style="width:([\d.]+)%"/g)).toEqual([
      'class="dashboard-bar" style="width:100%"',
      'class="dashboard-bar" style="width:25%"',
    ]);
    // The suppressed row keeps its label and says "< 5", with no bar.
    expect(html).toContain('<span class="dashboard-bar-label">seminario</span>');
    expect(html).toContain('<span class="dashboard-bar-value">&lt; 5</span>');
  });

  it("keeps a long label whole (the page's text wraps; the SVG cut it at 30 characters)", () => {
    const label = "Scuola secondaria di secondo grado e formazione professionale";
    expect(barsOf([{ key: "k", label, value: 7 }])).toContain(label);
  });

  it("draws percentages against 100", () => {
    expect(barsOf([row("a", 50)], true)).toContain('style="width:50%"');
  });
});

describe("RegionTiles", () => {
  /** The WCAG 2.1 contrast ratio of two #rrggbb colours (relative luminance, sRGB). */
  const contrast = (a: string, b: string) => {
    const luminance = (hex: string) => {
      const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
        const v = parseInt(hex.slice(i, i + 2), 16) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [lighter = 0, darker = 0] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (lighter + 0.05) / (darker + 0.05);
  };

  it("gives every tile, in every shade and with no data, text that keeps 4.5:1 contrast (1.4.3)", () => {
    // Values 0…20: a tile without data, and all four bands of the scale.
    const rows = Array.from({ length: 21 }, (_, i) => row(`r${i}`, i));
    const html = renderToStaticMarkup(<RegionTiles title="Docenti raggiunti" rows={rows} />);
    const pairs = new Set(
      [...html.matchAll(/background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})/g)].map((m) => `${m[1]} ${m[2]}`),
    );
    // The no-data grey and the four shades.
    expect(pairs.size).toBe(5);
    for (const pair of pairs) {
      const [bg = "", fg = ""] = pair.split(" ");
      expect(contrast(fg, bg), pair).toBeGreaterThanOrEqual(4.5);
    }
  });
});
