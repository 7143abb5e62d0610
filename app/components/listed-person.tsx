// The person behind an enrolment or an application, as the organiser's lists of an edition show
// them (the participant list, the ranked applicants): surname first, email, school, and the table
// they are listed in.
import { useId, type ReactNode } from "react";
import { nameIn } from "~/domain/stored-reasons.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { formatShortDate } from "~/utils/dates.ts";
import { ScrollRegion } from "./scroll-region.tsx";

export type ListedPerson = {
  firstName: string;
  lastName: string;
  email: string;
  schoolName: string | null;
  schoolCode: string | null;
  regionCode: string;
  /** When the person's mail server refused Forma's email for good (ADR 0083): the organiser should call. */
  emailRefusedAt?: Date | string | null;
};

/** "Surname Name", the order the organiser's lists use; a closed account's pseudonym in the page's language. */
export function listedName(person: { firstName: string; lastName: string }, locale: Locale): string {
  const { firstName, lastName } = nameIn(person, locale);
  return `${lastName} ${firstName}`;
}

/**
 * The name, then the email on a line of its own, and whether that address refuses Forma's email
 * (so the organiser knows messages do not reach this person).
 */
export function NameAndEmail({
  name,
  email,
  refusedAt,
}: {
  name: string;
  email: string;
  refusedAt?: Date | string | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {name}
      <br />
      <span className="small">{email}</span>
      {refusedAt ? (
        <span className="small d-block text-danger-emphasis" data-testid="email-refused-mark">
          {t("emailRefusal.mark", { date: formatShortDate(refusedAt, locale) })}
        </span>
      ) : null}
    </>
  );
}

/** The school's name and, when known, its code in brackets. */
export function SchoolOf({ person }: { person: Pick<ListedPerson, "schoolName" | "schoolCode"> }) {
  return (
    <>
      {person.schoolName ?? ""} {person.schoolCode ? `(${person.schoolCode})` : ""}
    </>
  );
}

/**
 * The table the people are listed in: a caption for screen readers, a heading per column (null
 * leaves a column out), one row per person; it scrolls sideways when it does not fit, in a region
 * named by the caption that takes the keyboard focus.
 */
export function PeopleTable({
  testId,
  caption,
  columns,
  className,
  stacked,
  children,
}: {
  testId: string;
  caption: string;
  columns: (string | null)[];
  /** More classes of the scrolling wrapper. */
  className?: string;
  /**
   * Below Bootstrap's md (768 px) each row is drawn as a card, its cells one under the other with their
   * column's name (`StackedLabel`) before them: squeezed into a phone, every cell of a six-column row wrapped
   * word by word. Still a table to a screen reader (the rows, cells and headers keep their elements and the
   * column headers stay in the page, visually hidden).
   */
  stacked?: boolean;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={captionId} className={className}>
      <table className={`table table-sm${stacked ? " table-stacked" : ""}`} data-testid={testId}>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((label, i) =>
              label === null ? null : (
                <th key={i} scope="col">
                  {label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * A cell's column name, shown before its content only where a `stacked` PeopleTable draws rows as cards;
 * hidden from screen readers, which take the cell's name from its column header.
 */
export function StackedLabel({ children }: { children: ReactNode }) {
  return (
    <span className="stacked-label" aria-hidden="true">
      {children}
    </span>
  );
}
