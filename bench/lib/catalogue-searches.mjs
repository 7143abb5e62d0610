// A realistic mix of catalogue searches for bench/catalogue.mjs (issue 17 item 2): at least 1,000
// distinct URLs built from the database's own events (words, phrases and cities of their titles,
// the types, levels, regions, modes, school levels and roles in use, the dates they run on) plus
// what people type (Italian with accents and apostrophes, typographic quotes, capitals, missing
// accents, typos), every filter alone, every pair of filters, wider combinations and deep pages;
// drawn with a Zipf-like skew from a seeded PRNG, so a run is repeatable and no cache of a few
// URLs can carry the figure.

import { seededRandom } from "../../scripts/seeded-random.mjs";

/** What people type besides the titles' own words: accents, apostrophes, acronyms, typos, cities. */
const TYPED_QUERIES = [
  "dell'inclusione",
  "città",
  "perché",
  "perchè",
  "sostenibilità",
  "qualità",
  "attività",
  "unità nazionale",
  "l'attestato",
  "dell'infanzia",
  "scuola dell'infanzia",
  "nell'ambito",
  "un'esperienza",
  "l'intelligenza artificiale",
  "intelligenza artificiale",
  "didattica inclusiva",
  "cittadinanza digitale",
  "pensiero computazionale",
  "educazione civica",
  "lingue straniere",
  "dispersione scolastica",
  "patrimonio culturale",
  "gemellaggio elettronico",
  "competenze trasversali",
  "Erasmus+",
  "eTwinning",
  "e-twinning",
  "etwining",
  "STEM",
  "CLIL",
  "coding",
  "debate",
  "neoassunti",
  "biblioteca scolastica",
  "musica",
  "matematica",
  "benessere",
  "orientamento",
  "disinformazione",
  "media literacy",
  "gamification",
  "storytelling",
  "TwinSpace",
  "ESEP",
  "quality label",
  "label di qualità",
  "L'Aquila",
  "Forlì",
  "Cantù",
  "Sant'Antioco",
  "webinar online",
  "corso base",
  "seminario regionale",
  "formazione docenti",
  "inclusione",
  "è",
  "più",
  "c'è",
];

const STOPWORDS = new Set(
  "a ad al alla alle agli ai con da dal dalla dei del della delle degli di e ed fra gli i il in la le lo nel nella nelle negli nei per su sul sulla tra tra un una uno".split(
    " ",
  ),
);
const EDGE = /^[.,;:!?()[\]{}"'«»“”‘’\-–—]+|[.,;:!?()[\]{}"'«»“”‘’\-–—]+$/gu;

/** Rome's calendar day of an instant, as the date inputs send it (YYYY-MM-DD). */
function romeDay(date) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(date);
}

/**
 * The free-text terms: single words, two- and three-word phrases and whole topics from the titles,
 * the cities, and TYPED_QUERIES; each as typed (the draw adds capitals, typographic apostrophes,
 * missing accents).
 */
function textTerms(titles) {
  const terms = new Set(TYPED_QUERIES);
  for (const title of titles) {
    // "Webinar: eTwinning nella scuola dell'infanzia (Milano)": the topic, the city, the words.
    const city = /\(([^)]+)\)\s*$/.exec(title)?.[1];
    if (city) terms.add(city.replace(/\s*\(.*$/, ""));
    const topic = title
      .replace(/^[^:]*:\s*/, "")
      .replace(/\s*\([^)]*\)\s*$/, "")
      .trim();
    if (topic.length > 0 && topic.length <= 60) terms.add(topic);
    const words = topic
      .split(/\s+/)
      .map((w) => w.replace(EDGE, ""))
      .filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w.length >= 3 && !STOPWORDS.has(w.toLowerCase())) terms.add(w);
      if (i + 1 < words.length) terms.add(`${w} ${words[i + 1]}`);
      if (i + 2 < words.length && !STOPWORDS.has(words[i + 2].toLowerCase()))
        terms.add(`${w} ${words[i + 1]} ${words[i + 2]}`);
    }
  }
  return [...terms];
}

/** What a person might type for a term: as is, lower/upper case, ’ for ', accents dropped. */
function typedVariant(term, random) {
  const r = random();
  if (r < 0.55) return term;
  if (r < 0.7) return term.toLowerCase();
  if (r < 0.78) return term.toUpperCase();
  if (r < 0.88 && term.includes("'")) return term.replaceAll("'", "’");
  if (r < 0.96) return term.normalize("NFD").replace(/\p{Diacritic}/gu, "");
  return `${term} `.repeat(2).trim(); // the same word twice
}

function pick(list, random) {
  return list[Math.floor(random() * list.length)];
}

function weightedPick(pairs, random) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, weight] of pairs) {
    r -= weight;
    if (r <= 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

/** How often each filter is used (q most, then the obvious facets; "to" mostly with "from"). */
const FILTER_WEIGHTS = [
  ["q", 30],
  ["type", 12],
  ["region", 12],
  ["level", 10],
  ["schoolLevel", 10],
  ["mode", 8],
  ["freeSeats", 6],
  ["role", 6],
  ["from", 5],
  ["to", 2],
];
const FILTERS = FILTER_WEIGHTS.map(([name]) => name);

/**
 * The distinct searches, most popular first (the landing page, its next pages, the head of
 * `headUrls`), then the generated ones in a seeded shuffle.
 * @param {{ titles: string[]; types: string[]; levels: string[]; regions: string[]; modes: string[];
 *   schoolLevels: string[]; roles: string[]; upcoming: number; firstDay: Date; lastDay: Date }} v
 * @param {{ count: number; seed: number; headUrls?: string[] }} options
 * @returns {string[]}
 */
export function buildCatalogueSearches(v, options) {
  const random = seededRandom(options.seed);
  const terms = textTerms(v.titles);
  const lastPage = Math.max(1, Math.ceil(v.upcoming / 20));
  const span = Math.max(1, (v.lastDay.getTime() - v.firstDay.getTime()) / 86_400_000);
  const dayFrom = () => new Date(v.firstDay.getTime() + Math.floor(random() * span) * 86_400_000);
  const valueOf = {
    q: () => typedVariant(pick(terms, random), random),
    type: () => pick(v.types, random),
    region: () => pick(v.regions, random),
    level: () => pick(v.levels, random),
    schoolLevel: () => pick(v.schoolLevels, random),
    mode: () => pick(v.modes, random),
    freeSeats: () => "1",
    role: () => pick(v.roles, random),
    from: () => romeDay(dayFrom()),
    to: () => romeDay(dayFrom()),
  };
  const urlOf = (params, page = 1) => {
    const search = new URLSearchParams();
    for (const name of FILTERS) if (params[name] !== undefined) search.set(name, params[name]);
    if (page > 1) search.set("page", String(page));
    const text = search.toString();
    return text ? `/eventi?${text}` : "/eventi";
  };

  const head = [...new Set(["/eventi", "/eventi?page=2", "/eventi?page=3", ...(options.headUrls ?? [])])];
  const seen = new Set(head);
  const rest = [];
  const add = (url) => {
    if (!seen.has(url)) {
      seen.add(url);
      rest.push(url);
    }
  };
  // Every value of every filter alone, and a few dates.
  for (const [name, values] of [
    ["type", v.types],
    ["region", v.regions],
    ["level", v.levels],
    ["schoolLevel", v.schoolLevels],
    ["mode", v.modes],
    ["role", v.roles],
    ["freeSeats", ["1"]],
  ])
    for (const value of values) add(urlOf({ [name]: value }));
  for (let i = 0; i < 5; i++) add(urlOf({ from: valueOf.from() }));
  for (let i = 0; i < 3; i++) add(urlOf({ to: valueOf.to() }));
  // Every pair of filters at least once.
  for (let i = 0; i < FILTERS.length; i++)
    for (let j = i + 1; j < FILTERS.length; j++)
      add(urlOf({ [FILTERS[i]]: valueOf[FILTERS[i]](), [FILTERS[j]]: valueOf[FILTERS[j]]() }));
  // Deep pages of the whole list.
  for (const page of [5, 10, 25, 50, 100, lastPage - 1, lastPage]) if (page > 3) add(urlOf({}, page));
  // Then random searches until there are enough: mostly one or two filters, some wider ones.
  for (let attempts = 0; seen.size < options.count && attempts < options.count * 50; attempts++) {
    const k = weightedPick(
      [
        [0, 4],
        [1, 46],
        [2, 30],
        [3, 15],
        [4, 5],
      ],
      random,
    );
    const params = {};
    while (Object.keys(params).length < k) {
      const name = weightedPick(FILTER_WEIGHTS, random);
      if (params[name] === undefined) params[name] = valueOf[name]();
    }
    // A region is usually chosen together with the regional level; a range ends after it starts.
    if (params.region && random() < 0.5) params.level = "regionale";
    if (params.from && params.to === undefined && random() < 0.4) {
      const from = new Date(`${params.from}T12:00:00Z`);
      params.to = romeDay(new Date(from.getTime() + (7 + Math.floor(random() * 80)) * 86_400_000));
    }
    const r = random();
    const page =
      r < 0.75
        ? 1
        : r < 0.92
          ? 2 + Math.floor(random() * 4)
          : k === 0
            ? 2 + Math.floor(random() * (lastPage - 1))
            : 6 + Math.floor(random() * 25);
    add(urlOf(params, page));
  }
  // Seeded shuffle of the generated tail (Fisher-Yates), so popularity is not the build order.
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  return [...head, ...rest];
}

/**
 * Draws indexes 0..n-1 with probability proportional to 1 / (rank ^ s) (Zipf-like), seeded.
 * @returns {() => number}
 */
export function zipfDraw(n, s, seed) {
  const random = seededRandom(seed);
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / Math.pow(i + 1, s);
    cumulative[i] = total;
  }
  return () => {
    const u = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
