import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { RegisterBreadcrumb } from "~/components/register-breadcrumb.tsx";
import { ATTENDANCE_STATUSES, isPartialStatus, type AttendanceStatus } from "~/domain/attendance.ts";
import { hasCheckIn } from "~/domain/check-in.ts";
import { parseRegisterForm, registerLineProblems } from "~/forms/attendance-forms.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import {
  AttendanceRefusedError,
  loadRegister,
  recordAttendance,
  recordedEnrolmentIds,
  type RegisterMark,
} from "~/models/attendance.server.ts";
import { requireRegisterSession } from "~/models/register-scope.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { formatDateTime, formatLongDate, formatTime } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.register", data?.session.edition.event.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const session = await requireRegisterSession(actorOf(user), idParam(params.sessionId));
  const register = await loadRegister(session.id);
  if (!register) throw new Response("Non trovato.", { status: 404 });
  const now = new Date();
  return {
    session,
    ...register,
    started: now >= session.startsAt,
    checkIn: hasCheckIn(session, session.edition.event),
  };
}

type LineErrors = Record<string, string>;
type ActionData = {
  formError: string;
  lineErrors: LineErrors;
  values: Record<string, { status: string; minutes: string }>;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const session = await requireRegisterSession(actorOf(user), idParam(params.sessionId));
  const t = translator(await getLocale(request, user.locale));
  const parsed = parseRegisterForm(await readForm(request));
  const fail = (body: ActionData, status = 400) => data(body, { status });
  if (!parsed.ok) return fail({ formError: t("validation.invalidChoice"), lineErrors: {}, values: parsed.values });

  const problems = registerLineProblems(parsed.marks, session.minutes);
  const lineErrors: LineErrors = Object.fromEntries(
    Object.entries(problems).map(([id, problem]) => [
      id,
      t(`attendance.register.error.${problem}`, { max: session.minutes }),
    ]),
  );
  if (Object.keys(lineErrors).length > 0) {
    return fail({
      formError: t("attendance.register.errors", { count: Object.keys(lineErrors).length }),
      lineErrors,
      values: parsed.values,
    });
  }

  let marks = parsed.marks;
  if (parsed.intent === "all-present") {
    // Only lines with nothing recorded and nothing chosen here become "presente".
    const recorded = await recordedEnrolmentIds(session.id);
    marks = marks.map((m) =>
      m.status === "" && !recorded.has(m.enrolmentId)
        ? { ...m, status: "presente" as const, minutesAttended: null }
        : m,
    );
  }
  const filled: RegisterMark[] = marks
    .filter((m): m is typeof m & { status: AttendanceStatus } => m.status !== "")
    .map((m) => ({
      enrolmentId: m.enrolmentId,
      status: m.status,
      minutesAttended: isPartialStatus(m.status) ? m.minutesAttended : null,
    }));
  try {
    const { changed } = await recordAttendance(user.id, session.id, filled, "registro");
    return redirect(`/formazione/incontri/${session.id}?salvato=${changed}`);
  } catch (error) {
    if (!(error instanceof AttendanceRefusedError)) throw error;
    const refusal = error.refusal;
    if (refusal.kind !== "righe-non-valide") {
      return fail(
        { formError: t(`attendance.register.error.${refusal.kind}`), lineErrors: {}, values: parsed.values },
        409,
      );
    }
    const errors: LineErrors = Object.fromEntries(
      refusal.lines.map((l) => [l.enrolmentId, t(`attendance.register.error.${l.problem}`, { max: session.minutes })]),
    );
    return fail(
      {
        formError: t("attendance.register.errors", { count: refusal.lines.length }),
        lineErrors: errors,
        values: parsed.values,
      },
      409,
    );
  }
}

function statusKey(status: string | null): MessageKey {
  return status && (ATTENDANCE_STATUSES as readonly string[]).includes(status)
    ? (`attendance.status.${status as AttendanceStatus}` as const)
    : status === "completata"
      ? "attendance.status.completata"
      : "attendance.status.none";
}

export default function RegisterPage() {
  const { session, participants, history, historyCount, number, started, checkIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const edition = session.edition;
  const saved = params.get("salvato");
  const imported = params.get("importato");
  const done = participants.filter((p) => p.line).length;
  const asynchronous = session.delivery === "asincrona";
  const inPerson = edition.event.mode === "in-presenza";
  const busy = navigation.state === "submitting";
  const valueOf = (id: string, line: (typeof participants)[number]["line"]) =>
    actionData?.values[id] ?? {
      status: line?.status ?? "",
      minutes: line?.minutesAttended != null ? String(line.minutesAttended) : "",
    };
  const describe = (status: string | null, minutes: number | null) =>
    minutes !== null
      ? t("attendance.register.history.value", { status: t(statusKey(status)), minutes })
      : t(statusKey(status));

  return (
    <div>
      <RegisterBreadcrumb
        items={[
          { label: t("nav.registers"), to: "/formazione" },
          {
            label: t("attendance.home.editionNumber", { number: edition.number }),
            to: `/formazione/edizioni/${edition.id}`,
          },
          { label: t("attendance.register.crumb", { number }) },
        ]}
      />
      <h1 className="mb-2">{t("attendance.register.title", { number })}</h1>
      <p className="lead mb-1">
        {edition.event.title} · {t("attendance.home.editionNumber", { number: edition.number })}
      </p>
      <p>
        {session.title ? <strong>{session.title}. </strong> : null}
        {t("attendance.register.when", {
          date: formatLongDate(session.startsAt, locale),
          from: formatTime(session.startsAt, locale),
          to: formatTime(session.endsAt, locale),
          minutes: session.minutes,
        })}
      </p>
      {asynchronous ? (
        <div className="alert alert-info" role="status">
          {t("attendance.register.async")}
        </div>
      ) : !started ? (
        <div className="alert alert-info" role="status">
          {t("attendance.register.notStarted", { date: formatDateTime(session.startsAt, locale) })}
        </div>
      ) : null}
      {saved !== null ? (
        <div className="alert alert-success" role="status">
          {t("attendance.register.saved", { changed: saved })}
        </div>
      ) : null}
      {imported !== null ? (
        <div className="alert alert-success" role="status">
          {t("attendance.import.saved", { changed: imported })}
        </div>
      ) : null}
      {actionData?.formError ? (
        <div className="alert alert-danger" role="alert" id="register-error" tabIndex={-1}>
          {actionData.formError}
        </div>
      ) : null}

      {!asynchronous ? (
        <ul className="list-inline mb-4">
          {!inPerson ? (
            <li className="list-inline-item me-3">
              <Link to={`/formazione/incontri/${session.id}/importa`}>{t("attendance.register.import")}</Link>
            </li>
          ) : null}
          {checkIn ? (
            <li className="list-inline-item me-3">
              <Link to={`/formazione/incontri/${session.id}/check-in`}>{t("attendance.register.checkIn")}</Link>
            </li>
          ) : null}
          <li className="list-inline-item me-3">
            <a href={`/formazione/incontri/${session.id}/registro.pdf`} download>
              {t("attendance.register.pdf")}
            </a>
          </li>
          <li className="list-inline-item">
            <a href={`/formazione/incontri/${session.id}/registro.csv`} download>
              {t("attendance.register.csv")}
            </a>
          </li>
        </ul>
      ) : null}

      {!asynchronous && started ? (
        participants.length === 0 ? (
          <p>{t("attendance.register.noParticipants")}</p>
        ) : (
          // A new location (after a save) remounts the controls so they show the saved lines.
          <Form method="post" noValidate key={location.key}>
            <p>{t("attendance.register.intro")}</p>
            <p data-testid="register-summary">
              {t("attendance.register.summary", { done, total: participants.length })}
            </p>
            <div className="d-flex flex-wrap gap-2 align-items-start mb-3">
              <button
                type="submit"
                name="intent"
                value="all-present"
                className="btn btn-outline-primary"
                disabled={busy}
                aria-describedby="all-present-hint"
              >
                {t("attendance.register.allPresent")}
              </button>
              <button type="submit" name="intent" value="save" className="btn btn-primary" disabled={busy}>
                {t("attendance.register.save")}
              </button>
            </div>
            <p id="all-present-hint" className="small text-muted">
              {t("attendance.register.allPresentHint")}
            </p>
            <div className="table-responsive">
              <table className="table table-sm align-middle" data-testid="register">
                <caption>{t("attendance.register.caption", { number, count: participants.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("attendance.register.participant")}</th>
                    <th scope="col">{t("attendance.register.email")}</th>
                    <th scope="col">{t("attendance.register.status")}</th>
                    <th scope="col">{t("attendance.register.minutes")}</th>
                  </tr>
                </thead>
                <tbody>
                  {participants.map((p) => {
                    const name = `${p.lastName} ${p.firstName}`;
                    const value = valueOf(p.enrolmentId, p.line);
                    const error = actionData?.lineErrors[p.enrolmentId];
                    const errorId = `error-${p.enrolmentId}`;
                    return (
                      <tr
                        key={p.enrolmentId}
                        data-testid="register-line"
                        data-email={p.email}
                        className={error ? "table-danger" : undefined}
                      >
                        <th scope="row">{name}</th>
                        <td>{p.email}</td>
                        <td>
                          <input type="hidden" name="line" value={p.enrolmentId} />
                          <label htmlFor={`status-${p.enrolmentId}`} className="visually-hidden">
                            {t("attendance.register.statusLabel", { name })}
                          </label>
                          <select
                            id={`status-${p.enrolmentId}`}
                            name={`status-${p.enrolmentId}`}
                            className="form-select form-select-sm"
                            defaultValue={value.status}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? errorId : undefined}
                          >
                            <option value="">{t("attendance.status.none")}</option>
                            {ATTENDANCE_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {t(`attendance.status.${s}`)}
                              </option>
                            ))}
                          </select>
                          {error ? (
                            <div id={errorId} className="text-danger small mt-1">
                              {error}
                            </div>
                          ) : null}
                        </td>
                        <td>
                          <label htmlFor={`minutes-${p.enrolmentId}`} className="visually-hidden">
                            {t("attendance.register.minutesLabel", { name })}
                          </label>
                          <input
                            id={`minutes-${p.enrolmentId}`}
                            name={`minutes-${p.enrolmentId}`}
                            type="text"
                            inputMode="numeric"
                            size={4}
                            className="form-control form-control-sm"
                            defaultValue={value.minutes}
                            aria-describedby={error ? `${errorId} minutes-hint` : "minutes-hint"}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p id="minutes-hint" className="small text-muted">
              {t("attendance.register.minutesHint", { max: session.minutes })}
            </p>
            <button type="submit" name="intent" value="save" className="btn btn-primary" disabled={busy}>
              {t("attendance.register.save")}
            </button>
          </Form>
        )
      ) : null}

      {!asynchronous ? (
        <section aria-labelledby="history-heading" className="mt-5">
          <h2 id="history-heading" className="h4">
            {t("attendance.register.history.title")}
          </h2>
          {history.length === 0 ? (
            <p>{t("attendance.register.history.none")}</p>
          ) : (
            <>
              {historyCount > history.length ? (
                <p>{t("attendance.register.history.more", { shown: history.length, total: historyCount })}</p>
              ) : null}
              <div className="table-responsive">
                <table className="table table-sm" data-testid="register-history">
                  <caption>{t("attendance.register.history.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("attendance.register.history.when")}</th>
                      <th scope="col">{t("attendance.register.history.who")}</th>
                      <th scope="col">{t("attendance.register.history.participant")}</th>
                      <th scope="col">{t("attendance.register.history.change")}</th>
                      <th scope="col">{t("attendance.register.history.source")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.map((h) => (
                      <tr key={h.id} data-testid="history-line">
                        <td>{formatDateTime(h.at, locale)}</td>
                        <td>{h.actor ?? t("attendance.register.history.unknown")}</td>
                        <td>{h.participant}</td>
                        <td>
                          {describe(h.fromStatus, h.fromMinutes)} → {describe(h.toStatus, h.toMinutes)}
                        </td>
                        <td>{t(`attendance.source.${h.source as "registro" | "importazione" | "check-in"}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
