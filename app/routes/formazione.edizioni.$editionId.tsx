import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { listedName } from "~/components/listed-person.tsx";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { dayRangeText } from "~/components/catalogue/format.ts";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { RegisterBreadcrumb } from "~/components/register-breadcrumb.tsx";
import { certifiedPercent, requiredMinutesOf } from "~/domain/attendance.ts";
import { canManageEvent } from "~/domain/permissions.ts";
import { percentWithArticle } from "~/domain/completion-rule.ts";
import { parseActivitiesForm } from "~/forms/attendance-forms.ts";
import { messageWith, partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { activityCompletionKeys, registerCounts, setActivityCompletions } from "~/models/attendance.server.ts";
import { editionProgress } from "~/models/edition-progress.server.ts";
import { trainerEditionOf } from "~/models/edition-scope.server.ts";
import { requireRegisterEdition } from "~/models/register-scope.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.editionRegisters",
      data?.edition.event.title,
      // ?attivita=<changed>: where saving the activities' completions redirects (its OutcomeNotice).
      new URLSearchParams(location.search).get("attivita") !== null ? "outcome.activitiesSaved" : null,
    ),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireRegisterEdition(user, idParam(params.editionId));
  const [progress, counts, completions] = await Promise.all([
    editionProgress(edition.id),
    registerCounts(edition.id),
    activityCompletionKeys(edition.id),
  ]);
  if (!progress) throw new Response("Non trovato.", { status: 404 });
  const now = new Date();
  return {
    edition,
    // An organiser who manages the edition came here from its management page ("Registri presenze e attestati"):
    // the breadcrumb leads to /formazione only, so the page links back (review of organisers' daily work).
    manages: canManageEvent(actorOf(user), edition.event),
    plan: progress.plan,
    participants: progress.participants,
    sessions: progress.plan.syncSessions.map((s, i) => ({
      ...s,
      number: i + 1,
      recorded: counts.get(s.id) ?? 0,
      started: s.startsAt <= now,
    })),
    completions: [...completions],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireRegisterEdition(user, idParam(params.editionId));
  const form = await readForm(request);
  const submission = parseActivitiesForm(form);
  if (submission.status !== "success") return data({ error: "invalid" }, { status: 400 });
  const input = submission.value;
  const done = new Set(input.done);
  // The boxes the page showed ticked: only the boxes changed on it are saved.
  const shown = new Set(input.was);
  if (input.intent === "all-done") {
    // One of the "all-done:<activityId>" buttons: every participant has done that activity, whatever the page showed.
    const progress = await editionProgress(edition.id);
    for (const p of progress?.participants ?? []) {
      done.add(`${input.activityId}:${p.enrolmentId}`);
      shown.delete(`${input.activityId}:${p.enrolmentId}`);
    }
  }
  const { changed } = await setActivityCompletions(trainerEditionOf(actorOf(user), edition), input.activity, {
    done,
    shown,
  });
  return redirect(`/formazione/edizioni/${edition.id}?attivita=${changed}#activities-heading`);
}

export default function EditionRegistersPage() {
  const { edition, manages, plan, participants, sessions, completions } = useLoaderData<typeof loader>();
  const successInUrl = useSuccessInUrl();
  const navigation = useNavigation();
  const location = useLocation();
  const t = useT();
  const locale = useLocale();
  // The sessions' and activities' titles are written in the event title's language (ADR 0078).
  const titleLang = partLang(edition.event.titleLanguage, locale);
  const done = new Set(completions);
  const saved = successInUrl("attivita");
  const { totalMinutes, requiredMinutes } = requiredMinutesOf(plan.syncSessions, plan.activities, {
    minimumPercent: plan.minimumPercent,
  });
  const requiredActivities = plan.activities.filter((a) => a.required);
  const percent = plan.minimumPercent;
  // A cancelled edition is never closed (the closing page refuses it): no link to it, and the page says why.
  const cancelled = edition.status === "annullata";

  return (
    <div>
      <RegisterBreadcrumb
        items={[
          { label: t("nav.registers"), to: "/formazione" },
          { label: t("attendance.home.editionNumber", { number: edition.number }) },
        ]}
      />
      <h1 className="mb-2">{t("attendance.edition.title", { number: edition.number })}</h1>
      <p className="lead">
        <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span> ·{" "}
        {dayRangeText(t, edition.startsOn, edition.endsOn, locale)}
      </p>
      {manages ? (
        <p>
          <Link to={`/gestione/edizioni/${edition.id}`} data-testid="edition-management-link">
            {t("events.admin.detail.enrolments", { number: edition.number })}
          </Link>
        </p>
      ) : null}
      <p>
        {t("attendance.edition.rule", {
          percent: percentWithArticle(percent, locale),
          hours: hoursInWords(totalMinutes, locale),
          required: hoursInWords(requiredMinutes, locale),
          activities:
            requiredActivities.length > 0
              ? t("attendance.edition.ruleActivities", { titles: requiredActivities.map((a) => a.title).join("; ") })
              : "",
        })}
      </p>
      {cancelled ? (
        <div className="alert alert-warning" role="status" data-testid="edition-cancelled">
          {t("attendance.edition.cancelled")}
        </div>
      ) : null}
      {edition.attendanceClosedAt ? (
        <div className="alert alert-info" role="status">
          {t("attendance.edition.closedOn", { date: formatDateTime(edition.attendanceClosedAt, locale) })}{" "}
          <Link to={`/formazione/edizioni/${edition.id}/attestati`}>{t("attendance.edition.certificates")}</Link>
        </div>
      ) : null}
      <ul className="list-inline mb-4">
        {!edition.attendanceClosedAt && !cancelled ? (
          <li className="list-inline-item me-3">
            <Link to={`/formazione/edizioni/${edition.id}/chiusura`}>{t("attendance.edition.close")}</Link>
          </li>
        ) : null}
        <li className="list-inline-item">
          <a href={`/formazione/edizioni/${edition.id}/ore.csv`} download>
            {t("attendance.edition.hoursCsv")}
          </a>
        </li>
      </ul>

      <section aria-labelledby="sessions-heading" className="mb-5">
        <h2 id="sessions-heading" className="h4">
          {t("attendance.edition.sessions.title")}
        </h2>
        {sessions.length === 0 ? (
          <p>{t("attendance.edition.sessions.none")}</p>
        ) : (
          <ScrollRegion labelledBy="sessions-caption">
            <table className="table table-sm" data-testid="sessions">
              <caption id="sessions-caption">{t("attendance.edition.sessions.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("attendance.edition.sessions.number")}</th>
                  <th scope="col">{t("attendance.edition.sessions.when")}</th>
                  <th scope="col" className="d-none d-md-table-cell">
                    {t("attendance.edition.sessions.titleColumn")}
                  </th>
                  <th scope="col">{t("attendance.edition.sessions.state")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("attendance.edition.sessions.open")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.number}</th>
                    <td>
                      {formatDateTime(s.startsAt, locale)}
                      {/* On a phone the title goes under the date, so the register's link stays in view. */}
                      {s.title ? (
                        <span className="d-block d-md-none small" lang={titleLang}>
                          {s.title}
                        </span>
                      ) : null}
                    </td>
                    <td className="d-none d-md-table-cell" lang={titleLang}>
                      {s.title}
                    </td>
                    <td>
                      {!s.started
                        ? t("attendance.edition.state.notStarted")
                        : s.recorded === 0
                          ? t("attendance.edition.state.todo")
                          : t("attendance.edition.state.partial", { done: s.recorded, total: participants.length })}
                    </td>
                    <td>
                      <Link
                        to={`/formazione/incontri/${s.id}`}
                        aria-label={t("attendance.edition.sessions.openLabel", { number: s.number })}
                      >
                        {t("attendance.edition.sessions.open")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="activities-heading" className="mb-5">
        <h2 id="activities-heading" className="h4">
          {t("attendance.edition.activities.title")}
        </h2>
        {saved !== null ? (
          <OutcomeNotice level={3}>{t("attendance.edition.activities.saved", { changed: saved })}</OutcomeNotice>
        ) : null}
        {plan.activities.length === 0 ? (
          <p>{t("attendance.edition.activities.none")}</p>
        ) : participants.length === 0 ? (
          <p>{t("attendance.edition.noParticipants")}</p>
        ) : (
          <Form method="post" key={location.key}>
            <p>{t("attendance.edition.activities.intro")}</p>
            {plan.activities.map((a) => (
              <input key={a.id} type="hidden" name="activity" value={a.id} />
            ))}
            <div className="d-flex flex-wrap gap-2 mb-3">
              {plan.activities.map((a) => (
                <button
                  key={a.id}
                  type="submit"
                  name="intent"
                  value={`all-done:${a.id}`}
                  className="btn btn-outline-primary btn-sm"
                  disabled={navigation.state === "submitting"}
                >
                  {messageWith(
                    t,
                    "attendance.edition.activities.allDone",
                    {},
                    {
                      activity: <span lang={titleLang}>{a.title}</span>,
                    },
                  )}
                </button>
              ))}
            </div>
            <ScrollRegion labelledBy="activities-caption">
              <table className="table table-sm align-middle" data-testid="activities">
                <caption id="activities-caption">{t("attendance.edition.activities.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("attendance.edition.activities.participant")}</th>
                    {plan.activities.map((a) => (
                      <th scope="col" key={a.id}>
                        <span lang={titleLang}>{a.title}</span>{" "}
                        <span className="small fw-normal">
                          ({t("attendance.edition.activities.hours", { hours: hoursInWords(a.minutes, locale) })}
                          {a.required ? `, ${t("attendance.edition.activities.required")}` : ""})
                        </span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {participants.map((p) => {
                    const name = listedName(p, locale);
                    return (
                      <tr key={p.enrolmentId}>
                        <th scope="row">{name}</th>
                        {plan.activities.map((a) => {
                          const key = `${a.id}:${p.enrolmentId}`;
                          return (
                            <td key={a.id}>
                              {/* What the page showed: the save changes only the boxes changed here. */}
                              {done.has(key) ? <input type="hidden" name="was" value={key} /> : null}
                              <input
                                type="checkbox"
                                className="form-check-input cell-checkbox"
                                name="done"
                                value={key}
                                id={`done-${key}`}
                                defaultChecked={done.has(key)}
                                aria-label={t("attendance.edition.activities.checkbox", { activity: a.title, name })}
                              />
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
            <button
              type="submit"
              name="intent"
              value="save"
              className="btn btn-primary"
              disabled={navigation.state === "submitting"}
            >
              {t("attendance.edition.activities.save")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="progress-heading" className="mb-5">
        <h2 id="progress-heading" className="h4">
          {t("attendance.edition.progress.title")}
        </h2>
        {participants.length === 0 ? (
          <p>{t("attendance.edition.noParticipants")}</p>
        ) : (
          <ScrollRegion labelledBy="progress-caption">
            <table className="table table-sm" data-testid="progress">
              <caption id="progress-caption">{t("attendance.edition.progress.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("attendance.edition.progress.participant")}</th>
                  <th scope="col">{t("attendance.edition.progress.hours")}</th>
                  <th scope="col">{t("attendance.edition.progress.share")}</th>
                  <th scope="col">{t("attendance.edition.progress.required")}</th>
                  <th scope="col">{t("attendance.edition.progress.completed")}</th>
                </tr>
              </thead>
              <tbody>
                {participants.map((p) => {
                  const pr = p.progress;
                  return (
                    <tr key={p.enrolmentId} data-testid="progress-line">
                      <th scope="row">{listedName(p, locale)}</th>
                      <td>
                        {t("attendance.edition.progress.hoursValue", {
                          hours: hoursInWords(pr.certifiedMinutes, locale),
                          total: hoursInWords(pr.totalMinutes, locale),
                        })}
                      </td>
                      <td>{certifiedPercent(pr)}%</td>
                      <td>
                        {requiredActivities.length === 0
                          ? t("attendance.edition.progress.requiredNone")
                          : pr.missingRequiredActivities.length === 0
                            ? t("attendance.edition.progress.requiredDone")
                            : t("attendance.edition.progress.requiredMissing", {
                                count: pr.missingRequiredActivities.length,
                              })}
                      </td>
                      <td>
                        {pr.completed ? t("attendance.edition.progress.yes") : t("attendance.edition.progress.no")}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}
