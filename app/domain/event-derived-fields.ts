// Columns of Event that are derived from its content and kept up to date on every save,
// so the catalogue can sort and filter on plain indexed columns.
// Every writer of events (organiser forms, seed, scale-data script) calls deriveEventFields, and cancelling an
// edition recomputes the dates (refreshEventDates in app/models/event-dates.server.ts).

export type EventContentForDerivation = {
  title: string;
  description: string;
  venue?: string | null;
  /** `status`: a cancelled edition ("annullata") gives the event no dates (see deriveEventFields). */
  editions: {
    sessions: { startsAt: Date; endsAt: Date }[];
    startsOn?: Date;
    endsOn?: Date;
    status?: string;
  }[];
};

/**
 * Typographic quotes and dashes, and what they are searched as: phones and word processors type
 * "dell’infanzia" where a keyboard types "dell'infanzia". The migration
 * 20261201032000_search_text_typographic_quotes applies the same table to stored rows. (Spacing
 * accents such as ´ and ` are diacritics: dropped, as they always were.)
 */
export const TYPOGRAPHIC_EQUIVALENTS: readonly (readonly [string, string])[] = [
  ["\u2018", "'"], // ‘
  ["\u2019", "'"], // ’
  ["\u201a", "'"], // ‚
  ["\u201b", "'"], // ‛
  ["\u2032", "'"], // ′
  ["\u201c", '"'], // “
  ["\u201d", '"'], // ”
  ["\u201e", '"'], // „
  ["\u201f", '"'], // ‟
  ["\u2033", '"'], // ″
  ["\u00ab", '"'], // «
  ["\u00bb", '"'], // »
  ["\u2010", "-"], // ‐
  ["\u2011", "-"], // ‑
  ["\u2012", "-"], // ‒
  ["\u2013", "-"], // –
  ["\u2014", "-"], // —
  ["\u2015", "-"], // ―
  ["\u2212", "-"], // −
];
const TYPOGRAPHIC = new RegExp(`[${TYPOGRAPHIC_EQUIVALENTS.map(([from]) => from).join("")}]`, "gu");
const TYPOGRAPHIC_MAP = new Map(TYPOGRAPHIC_EQUIVALENTS);

/**
 * Lower-cased, accent-folded text with typographic quotes and dashes made plain, used by the
 * catalogue's free-text filter on both sides: the stored Event.searchText and the words searched.
 */
export function normaliseSearchText(text: string): string {
  return text
    .replace(TYPOGRAPHIC, (c) => TYPOGRAPHIC_MAP.get(c) ?? c)
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The event's dates: the first and last instant of its editions that are not cancelled (their sessions and days).
 * A cancelled edition will not take place: counted, it kept the event in the catalogue as upcoming until its
 * dates had passed, with a "from… to…" and a sort order that no longer applied (review 0018). With every
 * edition cancelled (or none, or no sessions) both are null: the catalogue, its counts and feeds list only
 * events with an end (a NULL endsAt fails "not ended"), so such an event leaves them, as a cancelled event
 * does; its page, reached by a link, says "Annullato".
 */
export function deriveEventDates(editions: EventContentForDerivation["editions"]): {
  startsAt: Date | null;
  endsAt: Date | null;
} {
  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  for (const edition of editions) {
    if (edition.status === "annullata") continue;
    const instants = [
      ...edition.sessions.flatMap((s) => [s.startsAt, s.endsAt]),
      ...(edition.startsOn ? [edition.startsOn] : []),
      ...(edition.endsOn ? [edition.endsOn] : []),
    ];
    for (const d of instants) {
      if (!startsAt || d < startsAt) startsAt = d;
      if (!endsAt || d > endsAt) endsAt = d;
    }
  }
  return { startsAt, endsAt };
}

export function deriveEventFields(event: EventContentForDerivation): {
  startsAt: Date | null;
  endsAt: Date | null;
  searchText: string;
} {
  const { startsAt, endsAt } = deriveEventDates(event.editions);
  const searchText = normaliseSearchText([event.title, event.description, event.venue ?? ""].join(" "));
  return { startsAt, endsAt, searchText };
}
