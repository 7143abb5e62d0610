// Columns of Event that are derived from its content and kept up to date on every save,
// so the catalogue can sort and filter on plain indexed columns.
// Every writer of events (organiser forms, seed, scale-data script) calls deriveEventFields.

export type EventContentForDerivation = {
  title: string;
  description: string;
  venue?: string | null;
  editions: { sessions: { startsAt: Date; endsAt: Date }[]; startsOn?: Date; endsOn?: Date }[];
};

/** Lower-cased, accent-folded text used by the catalogue's free-text filter on both engines. */
export function normaliseSearchText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function deriveEventFields(event: EventContentForDerivation): {
  startsAt: Date | null;
  endsAt: Date | null;
  searchText: string;
} {
  let startsAt: Date | null = null;
  let endsAt: Date | null = null;
  for (const edition of event.editions) {
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
  const searchText = normaliseSearchText([event.title, event.description, event.venue ?? ""].join(" "));
  return { startsAt, endsAt, searchText };
}
