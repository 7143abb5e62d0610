// One edition on the public event page: dates, enrolment window, seats and the schedule.
import type { EditionSeats, EnrolmentWindowState, EnrolRefusal } from "~/domain/edition-availability.ts";
import { Link } from "@remix-run/react";
import { enrolmentRefusalMessage } from "~/components/enrolment-messages.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { ENROLMENT_STATUS_LABELS } from "~/domain/enrolment.ts";
import { sessionMode } from "~/domain/session-place.ts";
import { labelOf, REGION_LABELS, sessionDeliveryLabel } from "~/domain/vocabulary.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { dateTime, dayRangeText, longDate, time } from "./format.ts";
import { hoursInWords } from "~/domain/hours.ts";

export type EditionDetailsData = {
  id: string;
  number: number;
  startsOn: Date | string;
  endsOn: Date | string;
  seatCap: number | null;
  /**
   * The seats as this reader sees them (editionSeats in app/domain/edition-availability.ts): with regional quotas,
   * a signed-in teacher's own pool, a visitor's general pool, and the seats each region has reserved.
   */
  seatsLeft: EditionSeats["seatsLeft"];
  pool: EditionSeats["pool"];
  poolSeats: EditionSeats["poolSeats"];
  /** Enrolling now only joins a waitlist (the button says so). */
  full: EditionSeats["full"];
  reserved: EditionSeats["reserved"];
  enrolmentOpensAt: Date | string;
  enrolmentClosesAt: Date | string;
  enrolmentState: EnrolmentWindowState;
  /** "ordine-arrivo" (first come: enrol, or join the waitlist when full) | "candidatura" (apply; no waitlist). */
  admission: string;
  /** Why the edition was cancelled, when it was. */
  cancellationReason?: string | null;
  /** The signed-in teacher's place in this edition and her rooms (app/models/event-page.server.ts). */
  mine?: {
    status: string;
    position: number | null;
    offerExpiresAt: Date | string | null;
    rooms: Record<string, { state: string; url?: string; from?: Date | string }>;
  } | null;
  /**
   * For a signed-in teacher without a place here, why the enrol page would refuse her this open edition (a place
   * in another edition, another region, outside the audience): shown instead of the button. A visitor has none.
   */
  refusal?: EnrolRefusal | null;
  sessions: {
    id: string;
    title: string;
    startsAt: Date | string;
    endsAt: Date | string;
    delivery: string;
    /** A blended event's live session held in one place only (ADR 0091); null = both. */
    place: string | null;
    minutes: number;
    /** Asynchronous activities only: needed for the certificate. */
    required?: boolean;
  }[];
};

const STATE_BADGE: Record<EnrolmentWindowState, string> = {
  open: "bg-success",
  "not-yet-open": "bg-primary",
  closed: "bg-secondary",
  over: "bg-secondary",
  cancelled: "bg-danger",
};

/**
 * enrolHref: where a teacher enrols in this edition (shown while the window is open). An edition by
 * application is applied for ("Candidati", as the enrolment page's "Invia la candidatura"), full or not:
 * applying puts nobody on a waitlist.
 */
export function EditionDetails({
  edition,
  mode,
  enrolHref,
  titleLang,
}: {
  edition: EditionDetailsData;
  /** The lang of the sessions' titles, when the event's texts are in another language than the page. */
  titleLang?: string;
  /** The event's mode ("online", "in-presenza", "blended"): how its live sessions are attended. */
  mode: string;
  enrolHref?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const headingId = `edizione-${edition.number}`;
  const enrolmentText = {
    open: t("catalogue.edition.open", { date: dateTime(edition.enrolmentClosesAt, locale) }),
    "not-yet-open": t("catalogue.edition.notYetOpen", { date: dateTime(edition.enrolmentOpensAt, locale) }),
    closed: t("catalogue.edition.closed"),
    over: t("catalogue.edition.over"),
    cancelled: t("catalogue.edition.cancelled"),
  }[edition.enrolmentState];
  const left = edition.seatsLeft ?? 0;
  const seats = edition.poolSeats ?? 0;
  const seatsText =
    edition.seatCap === null
      ? t("catalogue.edition.unlimited")
      : edition.pool === "region"
        ? left === 0
          ? t("catalogue.edition.regionNone", { seats })
          : t("catalogue.edition.regionLeft", { left, seats })
        : edition.pool === "general"
          ? left === 0
            ? t("catalogue.edition.generalNone", { seats })
            : t("catalogue.edition.generalLeft", { left, seats })
          : left === 0
            ? t("catalogue.edition.seatsNone", { cap: edition.seatCap })
            : t("catalogue.edition.seatsLeft", { left, cap: edition.seatCap });
  const total = edition.sessions.reduce((sum, s) => sum + s.minutes, 0);
  return (
    <section className="card shadow-sm rounded mb-4" aria-labelledby={headingId}>
      <div className="card-body">
        <h3 id={headingId} className="h4">
          {t("catalogue.edition.title", { number: edition.number })}
        </h3>
        <dl className="row">
          <dt className="col-sm-3">{t("catalogue.edition.dates")}</dt>
          <dd className="col-sm-9">{dayRangeText(t, edition.startsOn, edition.endsOn, locale)}</dd>
          <dt className="col-sm-3">{t("catalogue.edition.enrolment")}</dt>
          <dd className="col-sm-9">
            <span className={`badge ${STATE_BADGE[edition.enrolmentState]} me-2`}>{enrolmentText}</span>
          </dd>
          <dt className="col-sm-3">{t("catalogue.edition.seats")}</dt>
          <dd className="col-sm-9 seats-left">{seatsText}</dd>
          {edition.reserved.length > 0 ? (
            <>
              <dt className="col-sm-3">{t("catalogue.edition.reserved")}</dt>
              <dd className="col-sm-9 seats-reserved">
                <ul className="list-unstyled mb-0">
                  {edition.reserved.map((r) => (
                    <li key={r.regionCode}>
                      {t("catalogue.edition.reservedRegion", {
                        region: labelOf(REGION_LABELS, r.regionCode, locale),
                        seats: r.seats,
                        free: r.free,
                      })}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
        {edition.enrolmentState === "cancelled" && edition.cancellationReason ? (
          <p className="alert alert-warning" data-testid="edition-cancelled">
            {t("cancellation.editionCancelled")} {t("cancellation.reasonShown", { reason: edition.cancellationReason })}
          </p>
        ) : null}
        {edition.mine ? <MyStatus mine={edition.mine} /> : null}
        {enrolHref && edition.enrolmentState === "open" && !edition.mine && edition.refusal ? (
          <Refusal refusal={edition.refusal} edition={edition} />
        ) : enrolHref && edition.enrolmentState === "open" && !edition.mine ? (
          <p>
            <Link className="btn btn-primary" to={enrolHref}>
              {edition.admission === "candidatura"
                ? t("catalogue.edition.apply", { number: edition.number })
                : edition.full
                  ? t("catalogue.edition.joinWaitlist", { number: edition.number })
                  : t("catalogue.edition.enrol", { number: edition.number })}
            </Link>
          </p>
        ) : null}
        {/* On a phone the table can be wider than the screen: a focusable region, named by its caption, scrolls. */}
        <ScrollRegion labelledBy={`sessions-caption-${edition.id}`}>
          <table className="table table-sm">
            <caption id={`sessions-caption-${edition.id}`} className="caption-top">
              {t("catalogue.edition.sessions", { number: edition.number })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("catalogue.session.date")}</th>
                <th scope="col">{t("catalogue.session.time")}</th>
                <th scope="col">{t("catalogue.session.activity")}</th>
                <th scope="col">{t("catalogue.session.delivery")}</th>
                <th scope="col" className="text-end">
                  {t("catalogue.session.hours")}
                </th>
              </tr>
            </thead>
            <tbody>
              {edition.sessions.map((s) => {
                const async = s.delivery === "asincrona";
                return (
                  <tr key={s.id}>
                    <td>{async ? dayRangeText(t, s.startsAt, s.endsAt, locale) : longDate(s.startsAt, locale)}</td>
                    <td>
                      {async
                        ? t("catalogue.session.asyncTime")
                        : t("catalogue.session.timeRange", {
                            from: time(s.startsAt, locale),
                            to: time(s.endsAt, locale),
                          })}
                    </td>
                    <td>
                      {s.title ? <span lang={titleLang}>{s.title}</span> : null}
                      <RoomLink room={edition.mine?.rooms[s.id]} />
                    </td>
                    <td>
                      {sessionDeliveryLabel(s.delivery, sessionMode(s, { mode }), locale)}
                      {s.required ? ` (${t("events.requiredActivity")})` : ""}
                    </td>
                    <td className="text-end">{hoursInWords(s.minutes, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t("catalogue.session.total")}
                </th>
                <td className="text-end fw-semibold">{hoursInWords(total, locale)}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      </div>
    </section>
  );
}

/** "Sei iscritta/o", "In lista d'attesa: posizione 3", "Posto offerto: accetta entro…", "Candidatura inviata". */
function MyStatus({ mine }: { mine: NonNullable<EditionDetailsData["mine"]> }) {
  const t = useT();
  const locale = useLocale();
  const text =
    mine.status === "iscritto"
      ? t("eventPage.mine.enrolled")
      : mine.status === "in-attesa"
        ? t("eventPage.mine.waitlisted", { position: mine.position ?? 0 })
        : mine.status === "offerta"
          ? t("eventPage.mine.offered", { date: mine.offerExpiresAt ? dateTime(mine.offerExpiresAt, locale) : "" })
          : t("eventPage.mine.applied");
  return (
    <div className="callout note" data-testid="my-status">
      <div className="callout-title">{t("eventPage.mine.title")}</div>
      <p className="mb-0">
        {text} <Link to="/le-mie-iscrizioni">{t("eventPage.mine.manage")}</Link>
      </p>
    </div>
  );
}

/** Why the signed-in teacher may not enrol in this open edition, in the enrol page's words. */
function Refusal({ refusal, edition }: { refusal: EnrolRefusal; edition: EditionDetailsData }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="alert alert-info" data-testid="enrol-refusal">
      {refusal.reason === "held" ? (
        <>
          {t("enrol.held", {
            number: refusal.editionNumber,
            status: labelOf(ENROLMENT_STATUS_LABELS, refusal.status, locale),
          })}{" "}
          <Link to="/le-mie-iscrizioni">{t("eventPage.mine.manage")}</Link>
        </>
      ) : (
        enrolmentRefusalMessage(t, locale, refusal.reason, edition, refusal.regionCode)
      )}
    </p>
  );
}

/** The online room of a live session, for an enrolled teacher: the link, or from when it is shown. */
function RoomLink({ room }: { room?: { state: string; url?: string; from?: Date | string } }) {
  const t = useT();
  const locale = useLocale();
  if (!room || (room.state !== "open" && room.state !== "later")) return null;
  return (
    <div className="small" data-testid="room-link">
      {room.state === "open" && room.url ? (
        <a href={room.url} rel="noopener noreferrer">
          {t("eventPage.room.join")}
        </a>
      ) : (
        t("eventPage.room.later", { date: longDate(room.from!, locale), time: time(room.from!, locale) })
      )}
    </div>
  );
}
