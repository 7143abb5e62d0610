// What the public catalogue says about an edition: can one enrol now, and how many seats are left.
// Pure rules shared by the event page; the catalogue's "free seats" filter applies the same ones in SQL
// (app/models/catalogue.server.ts).

import { selectionClosed } from "./application.ts";

export type EnrolmentWindowState =
  /** The window is open and the edition is active: enrolment is possible now. */
  | "open"
  /** The window opens later. */
  | "not-yet-open"
  /**
   * The window has closed, the organiser closed enrolment early or (an edition by application) closed the
   * selection, or the event is closed.
   */
  | "closed"
  /** The edition or the whole event was cancelled. */
  | "cancelled";

export type EditionForAvailability = {
  enrolmentOpensAt: Date | string;
  enrolmentClosesAt: Date | string;
  /** "attiva" | "iscrizioni-chiuse" | "annullata" */
  status: string;
  seatCap: number | null;
  seatsTaken: number;
  /** "ordine-arrivo" | "candidatura" */
  admission: string;
  /** When the organiser closed the selection of an edition by application. */
  selectionClosedAt: Date | string | null;
};

/** eventStatus: "pubblicato" | "chiuso" | "annullato" (drafts are never public). */
export function enrolmentWindowState(
  edition: EditionForAvailability,
  eventStatus: string,
  now: Date,
): EnrolmentWindowState {
  if (eventStatus === "annullato" || edition.status === "annullata") return "cancelled";
  if (eventStatus !== "pubblicato" || edition.status !== "attiva" || selectionClosed(edition)) return "closed";
  const t = now.getTime();
  if (t < new Date(edition.enrolmentOpensAt).getTime()) return "not-yet-open";
  if (t >= new Date(edition.enrolmentClosesAt).getTime()) return "closed";
  return "open";
}

// Seats left: the seat ledger's rule (app/domain/seat-ledger.ts).
export { seatsLeft } from "./seat-ledger.ts";
