import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { dayRangeText } from "~/components/catalogue/format.ts";
import { Link, useLoaderData } from "@remix-run/react";
import { isOrganiser, isTrainer } from "~/domain/permissions.ts";
import { editionHasEnded } from "~/domain/state-machine.ts";
import type { ReactNode } from "react";
import type { Locale } from "~/domain/vocabulary.ts";
import { messageWith, partLang, useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import { listManagedStartedEditions } from "~/models/attendance.server.ts";
import {
  listTrainerEditions,
  listTrainerRegistersToFill,
  listTrainerSessionsOfDay,
  trainerRegisterEvents,
} from "~/models/register-scope.server.ts";
import { actorOf, forbidden, requireConfirmedStaff, requireUser } from "~/utils/auth.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { formatDayDate, formatOnDate, formatTime } from "~/utils/dates.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.registers") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user);
  const organiser = isOrganiser(actor);
  if (!isTrainer(actor) && !organiser) throw forbidden();
  requireConfirmedStaff(user);
  const now = new Date();
  // The trainer's assignments, read once for the three lists.
  const trainerEvents = trainerRegisterEvents(actor);
  const [editions, today, toFill, managed] = await Promise.all([
    trainerEvents.then(listTrainerEditions),
    trainerEvents.then((events) => listTrainerSessionsOfDay(events, now)),
    trainerEvents.then((events) => listTrainerRegistersToFill(events, now)),
    organiser ? listManagedStartedEditions(actor) : [],
  ]);
  return { editions, today, toFill, now, managed, organiser };
}

type Row = {
  id: string;
  number: number;
  status: string;
  startsOn: Date | string;
  endsOn: Date | string;
  seatsTaken: number;
  attendanceClosedAt: Date | string | null;
  event: { title: string; titleLanguage: string };
};

function EditionsTable({
  editions,
  caption,
  testId,
  now,
}: {
  editions: Row[];
  caption: string;
  testId: string;
  now: Date | string;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <ScrollRegion labelledBy={`${testId}-caption`}>
      <table className="table" data-testid={testId}>
        <caption id={`${testId}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("attendance.home.event")}</th>
            <th scope="col" className="d-none d-md-table-cell">
              {t("attendance.home.edition")}
            </th>
            <th scope="col">{t("attendance.home.dates")}</th>
            <th scope="col">{t("attendance.home.enrolled")}</th>
            <th scope="col">{t("attendance.home.state")}</th>
          </tr>
        </thead>
        <tbody>
          {editions.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                <Link to={`/formazione/edizioni/${e.id}`} lang={partLang(e.event.titleLanguage, locale)}>
                  {e.event.title}
                </Link>
                {/* On a phone the edition goes under the title, so the table fits the screen. */}
                <span className="d-block d-md-none small fw-normal">
                  {t("attendance.home.editionNumber", { number: e.number })}
                </span>
              </th>
              <td className="d-none d-md-table-cell">{t("attendance.home.editionNumber", { number: e.number })}</td>
              <td>{dayRangeText(t, e.startsOn, e.endsOn, locale)}</td>
              <td>{e.seatsTaken}</td>
              <td>
                {/* What the trainer can still do: nothing for a cancelled edition; a closed one's registers stay
                    correctable, so "closed" would mislead, but its certificates were issued that day. */}
                {/* An edition over and not closed yet read "Aperta" like one still running: it now says its
                    certificates wait to be issued (review of trainers' daily work). */}
                {e.status === "annullata"
                  ? t("attendance.home.cancelled")
                  : e.attendanceClosedAt
                    ? t("attendance.home.closed", { date: formatOnDate(e.attendanceClosedAt, locale) })
                    : editionHasEnded(new Date(e.endsOn), new Date(now))
                      ? t("attendance.home.toClose")
                      : t("attendance.home.open")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * A session's title inside a line of the interface's language: marked with the event title's language
 * (ADR 0078), or "Incontro" when it has none.
 */
function sessionTitle(t: Translate, s: TodaySession, locale: Locale): ReactNode {
  return s.title ? (
    <span lang={partLang(s.edition.event.titleLanguage, locale)}>{s.title}</span>
  ) : (
    t("attendance.home.todayUntitled")
  );
}

/** Sessions, each a link straight to its register, with its event and edition under it. */
function SessionLinks<S extends TodaySession>({
  sessions,
  label,
  detail,
}: {
  sessions: S[];
  label: (s: S) => ReactNode;
  /** What the line says after the link (a register to fill: how many lines are missing). */
  detail?: (s: S) => ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="list-unstyled">
      {sessions.map((s) => (
        <li key={s.id} className="mb-2">
          <Link to={`/formazione/incontri/${s.id}`} className="fw-semibold">
            {label(s)}
          </Link>
          {detail ? <>: {detail(s)}</> : null}
          <span className="d-block small">
            <span lang={partLang(s.edition.event.titleLanguage, locale)}>{s.edition.event.title}</span>
            {" · "}
            {t("attendance.home.editionNumber", { number: s.edition.number })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Today's sessions first, each a link straight to its register: the trainer's most frequent way in. */
function TodaySessions({ sessions, now }: { sessions: TodaySession[]; now: Date | string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="today-heading" className="mb-4" data-testid="trainer-today">
      <h2 id="today-heading" className="h4">
        {t("attendance.home.todayTitle", { date: formatDayDate(now, locale) })}
      </h2>
      {sessions.length === 0 ? (
        <p>{t("attendance.home.todayNone")}</p>
      ) : (
        <SessionLinks
          sessions={sessions}
          label={(s) =>
            messageWith(
              t,
              "attendance.home.todayRegister",
              { from: formatTime(s.startsAt, locale), to: formatTime(s.endsAt, locale) },
              { title: sessionTitle(t, s, locale) },
            )
          }
        />
      )}
    </section>
  );
}

/**
 * Registers still empty or missing lines after their session (listTrainerRegistersToFill): the
 * participants' hours depend on them. Shown only when there are some.
 */
function RegistersToFill({ sessions }: { sessions: SessionToFill[] }) {
  const t = useT();
  const locale = useLocale();
  if (sessions.length === 0) return null;
  return (
    <section aria-labelledby="to-fill-heading" className="mb-4" data-testid="registers-to-fill">
      <h2 id="to-fill-heading" className="h4">
        {t("attendance.home.toFillTitle", { count: sessions.length })}
      </h2>
      <p>{t("attendance.home.toFillIntro")}</p>
      <SessionLinks
        sessions={sessions}
        label={(s) =>
          messageWith(
            t,
            "attendance.home.toFillRegister",
            {
              date: formatDayDate(s.startsAt, locale),
              from: formatTime(s.startsAt, locale),
              to: formatTime(s.endsAt, locale),
            },
            { title: sessionTitle(t, s, locale) },
          )
        }
        detail={(s) => (
          <>
            {s.empty ? t("attendance.home.toFillEmpty") : t("attendance.home.toFillMissing", { count: s.missing })}
            {s.closed ? (
              <>
                {" "}
                {messageWith(
                  t,
                  "attendance.home.toFillClosed",
                  {},
                  { link: <Link to={`/formazione/edizioni/${s.edition.id}/chiusura`}>{t("title.closing")}</Link> },
                )}
              </>
            ) : null}
          </>
        )}
      />
    </section>
  );
}

type TodaySession = {
  id: string;
  title: string;
  startsAt: Date | string;
  endsAt: Date | string;
  edition: { id: string; number: number; event: { title: string; titleLanguage: string } };
};

type SessionToFill = TodaySession & { missing: number; empty: boolean; closed: boolean };

export default function TrainerHome() {
  const { editions, today, toFill, now, managed, organiser } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1 className="mb-3">{t("attendance.home.title")}</h1>
      <p>{t("attendance.home.intro")}</p>
      {editions.length > 0 ? <TodaySessions sessions={today} now={now} /> : null}
      <RegistersToFill sessions={toFill} />
      {editions.length === 0 ? (
        organiser ? null : (
          <p>{t("attendance.home.none")}</p>
        )
      ) : (
        <EditionsTable editions={editions} caption={t("attendance.home.caption")} testId="trainer-editions" now={now} />
      )}
      {organiser ? (
        <section aria-labelledby="managed-heading" className="mt-4">
          <h2 id="managed-heading" className="h4">
            {t("attendance.home.managedTitle")}
          </h2>
          <p className="small">{t("attendance.home.organiserHint")}</p>
          {managed.length === 0 ? (
            <p>{t("attendance.home.managedNone")}</p>
          ) : (
            <EditionsTable
              editions={managed}
              caption={t("attendance.home.managedCaption")}
              testId="managed-editions"
              now={now}
            />
          )}
        </section>
      ) : null}
    </div>
  );
}
