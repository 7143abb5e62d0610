// The dashboard's charts, drawn on the server: the bars in HTML, the months' line as plain SVG
// (d3-scale computes positions and d3-shape the line's path, both pure functions, no DOM). Each chart
// is an image with a title and a text alternative; the data table follows it on the page.
import { scaleLinear, scalePoint, scaleQuantize } from "d3-scale";
import { line } from "d3-shape";
import { useId } from "react";
import type { Shown } from "~/domain/dashboard.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { shownText } from "~/domain/dashboard.ts";

export type ChartRow = { key: string; label: string; value: Shown };

const WIDTH = 640;
const INK = "#1a1a1a";
const BAR = "#0066cc";

function ChartSummary({ title, rows, percent }: { title: string; rows: ChartRow[]; percent?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const numeric = rows.filter((r): r is ChartRow & { value: number } => typeof r.value === "number");
  if (numeric.length === 0) return <>{t("dashboard.chart.summaryEmpty", { title })}</>;
  const top = numeric.reduce((a, b) => (b.value > a.value ? b : a));
  return (
    <>{t("dashboard.chart.summary", { title, max: shownText(top.value, locale, { percent }), label: top.label })}</>
  );
}

/**
 * Horizontal bars, one per row; a suppressed or missing value has no bar and says so. Drawn in
 * HTML, not SVG: an SVG scaled to a phone's width shrank its 13 px labels to 7 px, and its text did
 * not grow with the browser's zoom (WCAG 1.4.4); here the labels are the page's own text, wrap
 * above their bar on a narrow screen, and the bars are widths in percent of the track.
 */
export function BarChart({ title, rows, percent }: { title: string; rows: ChartRow[]; percent?: boolean }) {
  const locale = useLocale();
  const id = useId();
  const max = Math.max(percent ? 100 : 1, ...rows.map((r) => (typeof r.value === "number" ? r.value : 0)));
  const share = scaleLinear().domain([0, max]).range([0, 100]).clamp(true);
  return (
    <div role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} className="dashboard-bars">
      <span id={`${id}-t`} className="visually-hidden">
        {title}
      </span>
      <span id={`${id}-d`} className="visually-hidden">
        <ChartSummary title={title} rows={rows} percent={percent} />
      </span>
      {rows.map((r) => (
        <div key={r.key} className="dashboard-bar-row">
          <span className="dashboard-bar-label">{r.label}</span>
          <span className="dashboard-bar-track">
            {typeof r.value === "number" ? (
              <span className="dashboard-bar" style={{ width: `${share(r.value)}%` }} />
            ) : null}
          </span>
          <span className="dashboard-bar-value">{shownText(r.value, locale, { percent })}</span>
        </div>
      ))}
    </div>
  );
}

/** A line over the months (school year order), with a dot on each month that has a number; the line breaks where one has none. */
export function LineChart({ title, rows }: { title: string; rows: ChartRow[] }) {
  const locale = useLocale();
  const id = useId();
  const height = 220;
  const margin = { top: 24, right: 24, bottom: 40, left: 48 };
  const max = Math.max(1, ...rows.map((r) => (typeof r.value === "number" ? r.value : 0)));
  const x = scalePoint()
    .domain(rows.map((r) => r.key))
    .range([margin.left, WIDTH - margin.right]);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  // A month without a number ("< 5", or no data) breaks the line: joining its neighbours would draw
  // a value for it (12 in October and December read as 12 in a November that was "< 5").
  const path =
    line<ChartRow>()
      .defined((r) => typeof r.value === "number")
      .x((r) => x(r.key) ?? 0)
      .y((r) => y(r.value as number))(rows) ?? "";
  // Never narrower than its drawing (40rem = 640 px at the default text size), so its 12 px labels
  // stay 12 px and grow with the zoom; on a phone it scrolls sideways in a focusable region, as a
  // chart may under WCAG 1.4.10.
  return (
    <ScrollRegion label={title} className="dashboard-chart-scroll">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t`}
        aria-describedby={`${id}-d`}
        className="dashboard-chart"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          <ChartSummary title={title} rows={rows} />
        </desc>
        {y.ticks(4).map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={WIDTH - margin.right} y1={y(tick)} y2={y(tick)} stroke="#d0d7de" />
            <text x={margin.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize="12" fill={INK}>
              {shownText(tick, locale)}
            </text>
          </g>
        ))}
        <path d={path} fill="none" stroke={BAR} strokeWidth={2.5} />
        {rows.map((r) => (
          <g key={r.key}>
            {typeof r.value === "number" ? <circle cx={x(r.key)} cy={y(r.value)} r={4} fill={BAR} /> : null}
            <text x={x(r.key)} y={height - margin.bottom + 18} textAnchor="middle" fontSize="12" fill={INK}>
              {r.label}
            </text>
          </g>
        ))}
      </svg>
    </ScrollRegion>
  );
}

/** Where each regional office sits on a rough map of Italy (row, column). */
const TILE_POSITIONS: Record<string, [number, number]> = {
  "valle-d-aosta": [1, 1],
  bolzano: [1, 3],
  "friuli-venezia-giulia": [1, 5],
  piemonte: [2, 1],
  lombardia: [2, 2],
  trento: [2, 3],
  veneto: [2, 4],
  liguria: [3, 1],
  "emilia-romagna": [3, 3],
  toscana: [4, 2],
  umbria: [4, 3],
  marche: [4, 4],
  lazio: [5, 3],
  abruzzo: [5, 4],
  sardegna: [6, 1],
  campania: [6, 4],
  molise: [6, 5],
  basilicata: [7, 5],
  puglia: [7, 6],
  sicilia: [8, 4],
  calabria: [8, 5],
};

/**
 * Light to dark, each with a text colour that keeps 4.5:1 contrast (the tiles' text is 12 px, and
 * 16 px bold: not large text). The third shade was #3d7fc2, 4.19:1 with white; charts.test.tsx
 * computes every pair.
 */
const SHADES = [
  { bg: "#dceaf7", fg: INK },
  { bg: "#a9cbef", fg: INK },
  { bg: "#3572b0", fg: "#ffffff" },
  { bg: "#0b3d6e", fg: "#ffffff" },
];
const NO_DATA = { bg: "#eceff1", fg: INK };

/** The 21 regional offices as tiles placed like the map, coloured by one figure; every tile says its value. */
export function RegionTiles({ title, rows }: { title: string; rows: ChartRow[] }) {
  const locale = useLocale();
  const max = Math.max(1, ...rows.map((r) => (typeof r.value === "number" ? r.value : 0)));
  const shade = scaleQuantize<(typeof SHADES)[number]>().domain([0, max]).range(SHADES);
  return (
    <ul className="dashboard-tiles list-unstyled" aria-label={title}>
      {rows.map((r) => {
        const [row, column] = TILE_POSITIONS[r.key] ?? [9, 1];
        const colours = typeof r.value === "number" && r.value > 0 ? shade(r.value) : NO_DATA;
        return (
          <li
            key={r.key}
            className="dashboard-tile"
            style={{ gridRow: row, gridColumn: column, background: colours.bg, color: colours.fg }}
          >
            <span className="dashboard-tile-name">{r.label}</span>
            <span className="dashboard-tile-value">{shownText(r.value, locale)}</span>
          </li>
        );
      })}
    </ul>
  );
}
