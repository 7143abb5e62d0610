// What the dashboard's page and downloads share: the guard and scope check, the filters from the
// URL, the counts, and the tables of figures (small groups already suppressed) with their labels.
import {
  EMPTY_COUNTS,
  FIGURE_KEYS,
  FILTER_DIMENSIONS,
  PERCENT_FIGURES,
  figureText,
  groupLabel,
  parseDashboardSearch,
  protectView,
  schoolYearLabel,
  unfilteredHiding,
  type DashboardDimension,
  type DashboardFilters,
  type DashboardParam,
  type FilterDimension,
  type Figures,
  type TableCounts,
  type UnfilteredHiding,
} from "~/domain/dashboard.ts";
import { isNationalUnit, referentRegions } from "~/domain/permissions.ts";
import { REGION_CODES, REGION_LABELS, labelOf, type Locale } from "~/domain/vocabulary.ts";
import { translator } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { forbidden, requireOrganiser } from "~/utils/auth.server.ts";
import { spreadsheetNumber } from "~/utils/csv.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { guardDownload } from "~/utils/download-refusal.server.ts";
import { lagTolerantSource, type ReadSource } from "~/utils/read-replica.server.ts";
import { dashboardCounts, type DashboardCounts, type DashboardGroup, type DashboardScope } from "./dashboard.server.ts";

export const DASHBOARD_TABLES = ["totals", "breakdown", "months", "regions"] as const;
export type DashboardTableId = (typeof DASHBOARD_TABLES)[number];

export type DashboardRow = { key: string; label: string; figures: Figures };
/** `by`: what the rows are (a region, a month…; null for the totals' one row of the scope). */
export type DashboardTable = {
  id: DashboardTableId;
  title: string;
  keyHeader: string;
  by: DashboardDimension | null;
  rows: DashboardRow[];
};

export type DashboardView = {
  locale: Locale;
  filters: DashboardFilters;
  ignored: DashboardParam[];
  scope: DashboardScope;
  /**
   * The regions a referent may switch between (their own, in REGION_CODES order): empty for the
   * national unit (its region filter offers every region) and for a referent of one region.
   */
  regionChoices: string[];
  computedAt: Date;
  tables: Partial<Record<DashboardTableId, DashboardTable>>;
};

/**
 * Organisers only. The national unit sees every region (the region filter narrows); a referent
 * sees their own region, and asking for another region's figures is refused (403). A referent of
 * several regions sees the one they choose, by default the first of theirs in REGION_CODES order.
 */
export async function loadDashboardView(request: Request, now = new Date()): Promise<DashboardView> {
  const { user, actor } = await requireOrganiser(request);
  const locale = await getLocale(request, user.locale);
  const params = new URL(request.url).searchParams;
  const { filters, ignored } = parseDashboardSearch(params, now);
  let scope: DashboardScope;
  let regionChoices: string[] = [];
  if (isNationalUnit(actor)) scope = { kind: "national" };
  else {
    // The session's roles come in no set order: the default region was whichever row came first.
    const own = new Set(referentRegions(actor));
    const regions = REGION_CODES.filter((code) => own.has(code));
    if (filters.region && !regions.includes(filters.region))
      throw forbidden(translator(locale)("dashboard.error.otherRegion"));
    if (regions.length > 1) regionChoices = regions;
    scope = { kind: "region", regionCode: filters.region ?? regions[0]! };
    filters.region = scope.regionCode as DashboardFilters["region"];
    // A referent's breakdown by region would be one row: their own.
    if (filters.by === "region") {
      // Asked for (a shared national link), it is dropped like any value not applied, and the page says so;
      // the default breakdown is not.
      if (!ignored.includes("by") && params.getAll("by").some((v) => v.trim() !== "")) ignored.push("by");
      filters.by = "schoolLevel";
    }
  }
  const source = lagTolerantSource(request);
  const counts = await dashboardCounts(scope, filters, now, source);
  // The view's filter set (a referent's region is their scope, not a filter) and its reference hiding.
  const set: FilterSet = {};
  if (scope.kind === "national" && filters.region) set.region = filters.region;
  for (const dim of ["schoolLevel", "role", "type", "level"] as const) if (filters[dim]) set[dim] = filters[dim];
  const reference = await referenceHidingOf(scope, filters.year, set, now, source, new Map());
  return {
    locale,
    filters,
    ignored,
    scope,
    regionChoices,
    computedAt: counts.computedAt,
    tables: tablesOf(counts, filters, scope, locale, reference),
  };
}

/** The breakdowns of a filter set's views (any one of them also gives the months and, national, the regions). */
const REFERENCE_BREAKDOWNS = ["schoolLevel", "role", "type", "level"] as const;

type FilterSet = Partial<Record<FilterDimension, string>>;

/**
 * A filter set's reference hiding, for the view (computed once per set of counts: each view's counts come from the
 * cache, and so does this, as long as the counts and the wider sets' hidings are the same objects).
 */
const referenceCache = new WeakMap<DashboardCounts, { parents: UnfilteredHiding[]; hiding: UnfilteredHiding }>();

/**
 * What a filter set's views hide (ADR 0018, addenda 07/12/2026 (2) and (3)), the reference every view of that scope,
 * year and filter set keeps hidden (protectView): its tables by every dimension, counted as any view is (the same
 * cache), as the page shows them, each view's tables together over its cells, and what each wider filter set (one
 * filter fewer, down to the scope's unfiltered view) hides for it (inheritedHiding: the complements a wider view chose
 * are carried to the narrower ones). A set of n filters reads its own views and those of the 2ⁿ − 1 wider sets.
 */
async function referenceHidingOf(
  scope: DashboardScope,
  year: number,
  set: FilterSet,
  now: Date,
  source: ReadSource,
  memo: Map<string, Promise<UnfilteredHiding>>,
): Promise<UnfilteredHiding> {
  const id = JSON.stringify(FILTER_DIMENSIONS.map((dim) => set[dim] ?? null));
  let pending = memo.get(id);
  if (!pending) {
    pending = (async () => {
      const dims = FILTER_DIMENSIONS.filter((dim) => set[dim] !== undefined);
      const parents = await Promise.all(
        dims.map(async (dim) => {
          const { [dim]: value, ...wider } = set;
          return { dim, value: value!, hiding: await referenceHidingOf(scope, year, wider, now, source, memo) };
        }),
      );
      const region = (scope.kind === "region" ? scope.regionCode : set.region) as DashboardFilters["region"];
      const free = REFERENCE_BREAKDOWNS.filter((by) => set[by] === undefined);
      const breakdowns: DashboardDimension[] = free.length > 0 ? free : ["month"];
      const views = await Promise.all(
        breakdowns.map((by) =>
          dashboardCounts(scope, { ...(set as Partial<DashboardFilters>), year, region, by }, now, source),
        ),
      );
      const first = views[0]!;
      const cached = referenceCache.get(first);
      const parentHidings = parents.map((p) => p.hiding);
      if (
        cached &&
        cached.parents.length === parentHidings.length &&
        cached.parents.every((h, i) => h === parentHidings[i])
      )
        return cached.hiding;
      const tables: TableCounts[] = breakdowns.flatMap((by, i) =>
        by === "month" ? [] : [{ by, groups: views[i]!.breakdown }],
      );
      tables.push({ by: "month", groups: first.months });
      if (first.regions) {
        // The breakdown by region lists the regions with data, the tiles all of them: both, as each view shows them.
        tables.push({ by: "region", groups: first.regions }, { by: "region", groups: regionTiles(first.regions) });
      }
      // Each view's tables are also protected together, over its cells (ADR 0018, addendum 07/12/2026 (3)).
      const hiding = unfilteredHiding(
        first.totals,
        tables,
        views.map((v) => v.crossing),
        parents,
      );
      referenceCache.set(first, { parents: parentHidings, hiding });
      return hiding;
    })();
    memo.set(id, pending);
  }
  return pending;
}

/** Every office has a tile, with or without data. */
function regionTiles(regions: DashboardGroup[]): DashboardGroup[] {
  const byRegion = new Map(regions.map((g) => [g.key, g]));
  return REGION_CODES.map((code) => ({ key: code, counts: byRegion.get(code)?.counts ?? EMPTY_COUNTS }));
}

function tablesOf(
  counts: DashboardCounts,
  filters: DashboardFilters,
  scope: DashboardScope,
  locale: Locale,
  reference: UnfilteredHiding,
): DashboardView["tables"] {
  const t = translator(locale);
  // Each table's groups add up to the totals' row: a group hidden alone would be the total minus the others, so
  // every table hides at least two of a figure or none (complementary suppression, ADR 0018 addendum 07/12/2026);
  // and what the scope's unfiltered view and every wider filter set hide stays hidden here, or this view minus that
  // one would give it back (protectView, addenda 07/12/2026 (2) and (3): `reference` is this filter set's own).
  const counted: TableCounts[] = [
    { by: filters.by, groups: counts.breakdown },
    { by: "month", groups: counts.months },
  ];
  if (counts.regions) counted.push({ by: "region", groups: regionTiles(counts.regions) });
  const region = scope.kind === "region" ? scope.regionCode : filters.region;
  const protectedFigures = protectView(counts.totals, counted, {}, reference, counts.crossing);
  const totals = protectedFigures.totals;
  const rows = (i: number) =>
    counted[i]!.groups.map((g, j) => ({
      key: g.key,
      label: groupLabel(counted[i]!.by, g.key, locale),
      figures: protectedFigures.tables[i]![j]!,
    }));
  // The national unit's view narrowed to one region is that region's figures: it read "Tutte le regioni".
  const scopeLabel = region ? labelOf(REGION_LABELS, region, locale) : t("dashboard.scope.national");
  const dimension = t(`dashboard.by.${filters.by}` as MessageKey);
  const tables: DashboardView["tables"] = {
    totals: {
      id: "totals",
      title: `${t("dashboard.totals.title")} ${schoolYearLabel(filters.year)}`,
      // The row names the scope (a region, or all of them); the header says so and which school year.
      keyHeader: t("dashboard.totals.scopeHeader", { year: schoolYearLabel(filters.year) }),
      by: null,
      rows: [{ key: "all", label: scopeLabel, figures: totals }],
    },
    breakdown: {
      id: "breakdown",
      title: t("dashboard.breakdown.title", { dimension: dimension.toLowerCase() }),
      keyHeader: dimension,
      by: filters.by,
      rows: rows(0),
    },
    months: {
      id: "months",
      title: t("dashboard.months.title"),
      keyHeader: t("dashboard.by.month"),
      by: "month",
      rows: rows(1),
    },
  };
  if (counts.regions) {
    tables.regions = {
      id: "regions",
      title: t("dashboard.regions.title"),
      keyHeader: t("dashboard.by.region"),
      by: "region",
      rows: rows(2),
    };
  }
  return tables;
}

/** Column headers of a table's download: the group, then every figure. */
export function tableColumns(table: DashboardTable, locale: Locale): { key: string; header: string }[] {
  const t = translator(locale);
  return [
    { key: "group", header: table.keyHeader },
    ...FIGURE_KEYS.map((k) => ({ key: k, header: t(`dashboard.figure.${k}` as MessageKey) })),
  ];
}

/**
 * A table's rows as text cells for CSV: labels in the table's language, "< 5", "riservato" / "withheld" (in `locale`,
 * the table's), "—", and numbers in the file's own convention whatever the language ("1234", "83,3%", "4,3":
 * spreadsheetNumber), as the page shows them rounded to one decimal.
 */
export function tableTextRows(table: DashboardTable, locale: Locale): Record<string, string>[] {
  return table.rows.map((r) => ({
    group: r.label,
    ...Object.fromEntries(
      FIGURE_KEYS.map((k) => [
        k,
        figureText(
          r.figures[k],
          (n) => spreadsheetNumber(n, { maximumFractionDigits: 1, percent: PERCENT_FIGURES.includes(k) }),
          locale,
        ),
      ]),
    ),
  }));
}

/** The filters a download is narrowed by besides its region and year, in this order (its name and first line). */
const FILE_FILTERS = ["schoolLevel", "role", "type", "level"] as const;

/**
 * A download's first line: what the figures are of (the school year, the teachers' region, every other
 * filter), in the file's language. A filtered file read like the unfiltered one, with nothing in it
 * saying it was narrowed to one region's primary-school teachers.
 */
export function downloadHeading(filters: DashboardFilters, locale: Locale): string {
  const t = translator(locale);
  const parts = [
    `${t("dashboard.filters.region")}: ${filters.region ? labelOf(REGION_LABELS, filters.region, locale) : t("dashboard.file.allRegions")}`,
    ...FILE_FILTERS.flatMap((name) => {
      const value = filters[name];
      return value ? [`${t(`dashboard.filters.${name}`)}: ${groupLabel(name, value, locale)}`] : [];
    }),
  ];
  return t("dashboard.file.heading", { year: schoolYearLabel(filters.year), filters: parts.join(" · ") });
}

/**
 * A download's table: the same guard, scope and filters as the page, plus `table` (one of
 * DASHBOARD_TABLES); an unknown or unavailable table answers 400.
 */
export async function dashboardDownload(
  request: Request,
): Promise<{ table: DashboardTable; locale: Locale; filename: string; heading: string }> {
  // Refused, the file's page says why (ADR 0092): not an organiser, or a referent asking another region.
  await guardDownload("dashboard", () => requireOrganiser(request));
  const view = await guardDownload("dashboardRegion", () => loadDashboardView(request));
  const requested = new URL(request.url).searchParams.get("table") ?? "";
  const table = (DASHBOARD_TABLES as readonly string[]).includes(requested)
    ? view.tables[requested as DashboardTableId]
    : undefined;
  if (!table) {
    const t = translator(view.locale);
    throw new Response(t("dashboard.download.badTable", { tables: DASHBOARD_TABLES.join(", ") }), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  // Named in the file's language (its headers and labels are in it).
  const t = translator(view.locale);
  // The region and every other filter in the name too: "cruscotto-toscana-2025-totali-primaria", not the
  // unfiltered file's "cruscotto-nazionale-2025-totali". Codes, as the region's: plain ASCII in either language.
  const { filters } = view;
  const filename = [
    t("dashboard.file", {
      scope: view.scope.kind === "region" ? view.scope.regionCode : (filters.region ?? t("dashboard.file.national")),
      year: filters.year,
      table: t(table.id === "breakdown" ? `dashboard.file.by.${filters.by}` : `dashboard.file.${table.id}`),
    }),
    ...FILE_FILTERS.flatMap((name) => filters[name] ?? []),
  ].join("-");
  return { table, locale: view.locale, filename, heading: downloadHeading(filters, view.locale) };
}
