import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { listedName } from "~/components/listed-person.tsx";
import { IdleSessionNoScriptNote } from "~/components/idle-session-dialog.tsx";
import { useEffect, useRef, type MouseEvent } from "react";
import { RegisterBreadcrumb } from "~/components/register-breadcrumb.tsx";
import { endedPlaceText } from "~/components/register-ended-place.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import {
  ATTENDANCE_STATUSES,
  changedOnPage,
  IMPORT_TOLERANCE_MINUTES,
  isPartialStatus,
  participantMatches,
  linesByStatus,
  recordsPresence,
  REGISTER_NOTE_MAX,
  type AttendanceStatus,
} from "~/domain/attendance.ts";
import { checkInWindow, hasCheckIn } from "~/domain/check-in.ts";
import { sessionMode } from "~/domain/session-place.ts";
import { nameIn } from "~/domain/stored-reasons.ts";
import { sessionDeliveryLabel } from "~/domain/vocabulary.ts";
import {
  CLEAR_LINE,
  parseRegisterPage,
  REGISTER_MINUTES_MAX_LENGTH,
  registerLineProblems,
  type RegisterFormValues,
  type RegisterLineProblem,
} from "~/forms/attendance-forms.ts";
import { partLang, translator, useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import {
  AttendanceRefusedError,
  loadRegister,
  recordAttendance,
  recordedEnrolmentIds,
  type LineProblem,
  type RegisterMark,
} from "~/models/attendance.server.ts";
import { issuedCertificatesNotice } from "~/models/certificate.server.ts";
import { markPresentByStaff, resolveAttendancePass } from "~/models/check-in.server.ts";
import { trainerEditionOf } from "~/models/edition-scope.server.ts";
import { requireRegisterSession } from "~/models/register-scope.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { formatDateTime, formatLongDate, formatTime } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.register",
      data?.session.edition.event.title,
      outcomeOf(new URLSearchParams(location.search), data),
    ),
  },
];

/**
 * What the address the register's forms redirect to says was just done, as the title's outcome (its OutcomeNotice):
 * ?salvato=, ?importato= (the webinar report's import), or ?presente=<enrolment> while that line records them there.
 */
function outcomeOf(
  params: URLSearchParams,
  data:
    | { staff: { marked: string | null }; participants: { enrolmentId: string; line: { status: string } | null }[] }
    | undefined,
): MessageKey | null {
  if (params.get("salvato") !== null) return "outcome.registerSaved";
  if (params.get("importato") !== null) return "outcome.reportImported";
  const marked = data?.staff.marked;
  if (marked && data.participants.some((p) => p.enrolmentId === marked && recordsPresence(p.line?.status)))
    return "outcome.attendanceRecorded";
  return null;
}

/**
 * The notice of certificates already issued, by what a correction leaves to do with them (issuedCertificatesNotice):
 * reissue or revoke after other hours, only revoke after a path no longer completed; only revoke, every holder's
 * account being closed; both, with the closed accounts' count.
 */
const CERTIFICATES_ISSUED = {
  "reissue-or-revoke": "attendance.register.certificatesIssued",
  "revoke-only": "attendance.register.certificatesIssuedAccountsClosed",
  mixed: "attendance.register.certificatesIssuedSomeAccountsClosed",
} as const satisfies Record<string, MessageKey>;

/** What the staff-side check-in reads from the address: the search typed and a personal QR code's pass. */
const searchOf = (url: URL) => (url.searchParams.get("cerca") ?? "").trim().slice(0, 100);
const passOf = (url: URL) => (url.searchParams.get("partecipante") ?? "").trim().slice(0, 200);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user);
  const session = await requireRegisterSession(user, idParam(params.sessionId));
  const register = await loadRegister(session.id);
  if (!register) throw new Response("Non trovato.", { status: 404 });
  const now = new Date();
  const url = new URL(request.url);
  const query = searchOf(url);
  const passText = passOf(url);
  const pass = passText ? await resolveAttendancePass(trainerEditionOf(actor, session.edition), passText) : null;
  // Certificates already issued (the edition closed): a correction here does not change them. The page says so, with
  // how many valid ones the register no longer agrees with, read by the closing page's own computation, and what to do
  // (a closed account's certificate can only be revoked: issuedCertificatesNotice).
  const issued = session.edition.attendanceClosedAt ? await issuedCertificatesNotice(session.edition.id) : null;
  return {
    session,
    ...register,
    issued,
    started: now >= session.startsAt,
    // Marking people present as they arrive opens with the check-in window, before the start.
    arrivalsOpen: now >= checkInWindow(session).opensAt,
    checkIn: hasCheckIn(session, session.edition.event),
    staff: {
      query,
      // Only current places can be marked present: an ended place's line is read-only.
      found: query
        ? register.participants.filter((p) => !p.ended && participantMatches(query, p)).map((p) => p.enrolmentId)
        : [],
      pass: pass ? { ...pass, text: passText } : null,
      marked: url.searchParams.get("presente"),
    },
  };
}

type LineErrors = Record<string, string>;
/** The control a line's problem is about: the link of the error summary and aria-invalid go to it. */
type LineFields = Record<string, "status" | "minutes" | "note">;
type ActionData = {
  formError: string;
  lineErrors: LineErrors;
  lineFields: LineFields;
  /** What was posted, to show again; `was` stays what the page showed (see the "was-<id>" field). */
  values: RegisterFormValues;
};

/** A line's value as the page writes it in its "was-<id>" field. */
const shownText = (line: { status: string | null; minutesAttended: number | null } | null | undefined) =>
  `${line?.status ?? ""}:${line?.minutesAttended ?? ""}`;

const fieldOf = (problem: LineProblem | RegisterLineProblem): "status" | "minutes" | "note" =>
  problem === "minuti-mancanti" || problem === "minuti-non-validi"
    ? "minutes"
    : problem === "nota-senza-presenza"
      ? "note"
      : "status";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user);
  const session = await requireRegisterSession(user, idParam(params.sessionId));
  const t = translator(await getLocale(request, user.locale));
  const form = await readForm(request);
  const fail = (body: ActionData, status = 400) => data(body, { status });
  const formFail = (formError: string, status = 400) =>
    fail({ formError, lineErrors: {}, lineFields: {}, values: {} }, status);

  const page = parseRegisterPage(form);
  if (!page.ok) {
    if (page.intent === "segna-presente") return formFail(t("validation.invalidChoice"));
    // A note too long is the line's own error, next to its field; anything else is a form that was not the page's.
    if (page.notesTooLong.length > 0)
      return fail({
        formError: t("attendance.register.errors", { count: page.notesTooLong.length }),
        lineErrors: Object.fromEntries(
          page.notesTooLong.map((id) => [
            id,
            t("attendance.register.error.nota-troppo-lunga", { max: REGISTER_NOTE_MAX }),
          ]),
        ),
        lineFields: Object.fromEntries(page.notesTooLong.map((id) => [id, "note" as const])),
        values: page.values,
      });
    return fail({ formError: t("validation.invalidChoice"), lineErrors: {}, lineFields: {}, values: page.values });
  }
  const input = page.action;
  if (input.intent === "segna-presente") {
    // Staff-side check-in: one participant present, through the same writer as the register.
    const staff = input;
    const scope = trainerEditionOf(actor, session.edition);
    let enrolmentId = staff.enrolmentId ?? "";
    if (staff.partecipante) {
      const pass = await resolveAttendancePass(scope, staff.partecipante);
      if (!pass.ok) return formFail(t(`attendance.staff.pass.refused.${pass.reason}`), 409);
      enrolmentId = pass.enrolmentId;
    }
    try {
      await markPresentByStaff(scope, session.id, enrolmentId);
    } catch (error) {
      if (!(error instanceof AttendanceRefusedError)) throw error;
      // A line that already records the person there is left as it is: say what it holds.
      const held =
        error.refusal.kind === "righe-non-valide"
          ? error.refusal.lines.find((l) => l.problem === "gia-registrata")?.current
          : undefined;
      if (held)
        return formFail(
          t("attendance.register.error.gia-registrata", {
            current: lineText(t, held.status, held.minutesAttended),
          }),
          409,
        );
      const kind = error.refusal.kind === "righe-non-valide" ? "non-iscritto" : error.refusal.kind;
      return formFail(t(`attendance.register.error.${kind}`), 409);
    }
    const back = new URLSearchParams();
    if (staff.cerca) back.set("cerca", staff.cerca);
    back.set("presente", enrolmentId);
    return redirect(`/formazione/incontri/${session.id}?${back.toString()}#presenze-telefono`);
  }
  const parsed = { ...input, values: page.values };

  let marks = parsed.marks;
  if (parsed.intent === "all-present") {
    // Only lines with nothing recorded and nothing chosen here become "presente" (a note typed stays with them).
    const recorded = await recordedEnrolmentIds(session.id);
    marks = marks.map((m) =>
      m.status === "" && !recorded.has(m.enrolmentId)
        ? { ...m, status: "presente" as const, minutesAttended: null }
        : m,
    );
  }
  const problems = registerLineProblems(marks, session.minutes);
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
      lineFields: Object.fromEntries(Object.entries(problems).map(([id, problem]) => [id, fieldOf(problem)])),
      values: parsed.values,
    });
  }

  // Only the lines changed on the page are written: a page opened before another save (a second
  // tab, a colleague, check-ins) must not put back the values it showed for lines left alone.
  // A line cleared ("Nessuna registrazione", status null) is deleted with its minutes and note.
  const filled: RegisterMark[] = marks
    .filter((m): m is typeof m & { status: AttendanceStatus | null } => m.status !== "")
    .map((m) => ({
      enrolmentId: m.enrolmentId,
      status: m.status,
      minutesAttended: m.status !== null && isPartialStatus(m.status) ? m.minutesAttended : null,
      ...(m.status === null ? { note: null } : m.note === undefined ? {} : { note: m.note }),
      ...(m.shown ? { shown: m.shown } : {}),
    }))
    .filter(changedOnPage);
  try {
    const { changed } = await recordAttendance(user.id, session.id, filled, "registro");
    return redirect(`/formazione/incontri/${session.id}?salvato=${changed}`);
  } catch (error) {
    if (!(error instanceof AttendanceRefusedError)) throw error;
    const refusal = error.refusal;
    if (refusal.kind !== "righe-non-valide") {
      return fail(
        {
          formError: t(`attendance.register.error.${refusal.kind}`),
          lineErrors: {},
          lineFields: {},
          values: parsed.values,
        },
        409,
      );
    }
    const errors: LineErrors = Object.fromEntries(
      refusal.lines.map((l) => [
        l.enrolmentId,
        t(`attendance.register.error.${l.problem}`, {
          max: session.minutes,
          current: l.current ? lineText(t, l.current.status, l.current.minutesAttended) : "",
        }),
      ]),
    );
    const values = { ...parsed.values };
    // A line changed meanwhile now counts as shown with what it holds: the next save of the choice
    // kept on the page replaces it, as its message says. Every other line keeps what the page showed.
    for (const l of refusal.lines)
      if (l.current)
        values[l.enrolmentId] = {
          ...values[l.enrolmentId]!,
          was: shownText(l.current),
          // The note as it is now, when this page has the note's column.
          ...(values[l.enrolmentId]?.note === undefined ? {} : { wasNote: l.current.note ?? "" }),
        };
    return fail(
      {
        formError: t(
          refusal.lines.some((l) => l.current) ? "attendance.register.errorsMoved" : "attendance.register.errors",
          { count: refusal.lines.length },
        ),
        lineErrors: errors,
        lineFields: Object.fromEntries(refusal.lines.map((l) => [l.enrolmentId, fieldOf(l.problem)])),
        values,
      },
      409,
    );
  }
}

/** A line's status, with the minutes when it keeps them: "Entrata in ritardo (45 min)". */
function lineText(t: Translate, status: string | null, minutes: number | null) {
  return minutes !== null
    ? t("attendance.register.history.value", { status: t(statusKey(status)), minutes })
    : t(statusKey(status));
}

function statusKey(status: string | null): MessageKey {
  return status && (ATTENDANCE_STATUSES as readonly string[]).includes(status)
    ? (`attendance.status.${status as AttendanceStatus}` as const)
    : status === "completata"
      ? "attendance.status.completata"
      : "attendance.status.none";
}

export default function RegisterPage() {
  const { session, participants, history, historyCount, number, started, arrivalsOpen, checkIn, staff, issued } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const successInUrl = useSuccessInUrl();
  const t = useT();
  const locale = useLocale();
  const edition = session.edition;
  const saved = successInUrl("salvato");
  const imported = successInUrl("importato");
  // "Registrati X su Y" counts the current places (the lines still to fill); the places ended since the
  // session (moved, removed…) are listed with their line, read-only, and said apart (ADR 0019, addendum).
  const current = participants.filter((p) => !p.ended);
  const endedCount = participants.length - current.length;
  const done = current.filter((p) => p.line).length;
  // What the recorded lines say, status by status ("28 presenti, 2 assenti"): the figure a trainer checks against the
  // room's head count, which "Registrati X su Y" alone did not give.
  const tally = linesByStatus(current.map((p) => p.line?.status))
    .map(({ status, count }) => t(`attendance.register.tally.${status}`, { count }))
    .join(", ");
  const asynchronous = session.delivery === "asincrona";
  // Where this session is held (a blended event's session may be in one place only, ADR 0091): a
  // webinar report can be imported for any session with an online room.
  const mode = sessionMode(session, edition.event);
  const inPerson = mode === "in-presenza";
  const busy = navigation.state === "submitting";
  const valueOf = (id: string, line: (typeof participants)[number]["line"]) =>
    actionData?.values[id] ?? {
      status: line?.status ?? "",
      minutes: line?.minutesAttended != null ? String(line.minutesAttended) : "",
      note: line?.note ?? "",
    };
  const describe = (status: string | null, minutes: number | null) => lineText(t, status, minutes);
  const nameOf = (p: { firstName: string; lastName: string }) => listedName(p, locale);
  /** Who changed a line, "Name Surname" as the change log names staff. */
  const actorNameOf = (p: { firstName: string; lastName: string }) => {
    const { firstName, lastName } = nameIn(p, locale);
    return `${firstName} ${lastName}`;
  };
  const lineErrors = Object.entries(actionData?.lineErrors ?? {});
  const fieldId = (enrolmentId: string) => `${actionData?.lineFields[enrolmentId] ?? "status"}-${enrolmentId}`;
  // "?presente=" names whom the last mark was for: said only while their line records them there (a reload after the
  // line was cleared, or a link naming someone else, would otherwise announce a presence nobody recorded), and not on
  // the page answering a refused form (the address still names the earlier mark; the title drops it too, pageTitle).
  const markedId = successInUrl("presente");
  const marked = markedId
    ? participants.find((p) => p.enrolmentId === markedId && recordsPresence(p.line?.status))
    : undefined;
  const foundIds = new Set(staff.found);
  const found = participants.filter((p) => foundIds.has(p.enrolmentId));
  const passed = staff.pass?.ok ? staff.pass : null;
  const passLine = passed ? participants.find((p) => p.enrolmentId === passed.enrolmentId)?.line : null;
  // "Segna presente" is offered only to people with no line or marked absent/excused: a line that
  // already records them there is never replaced by an arrival mark (markPresentByStaff).
  const canMark = (line: { status: string } | null | undefined) => !recordsPresence(line?.status);
  const recordedText = (line: { status: string; minutesAttended: number | null } | null | undefined) =>
    t("attendance.staff.recorded", { status: lineText(t, line?.status ?? null, line?.minutesAttended ?? null) });

  // After a failed save (from either button) focus goes to the error summary at the top, which
  // links to each faulty line. Without JavaScript the summary's autofocus does the same.
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionData?.formError) summaryRef.current?.focus();
  }, [actionData]);

  // A link of the summary moves focus to its control. With JavaScript the click is handled here: a
  // hash change would be a router navigation that clears what was typed and the errors.
  const focusField = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  const markForm = (enrolmentId: string, name: string) => (
    <Form method="post" className="d-inline">
      <input type="hidden" name="intent" value="segna-presente" />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      {staff.query ? <input type="hidden" name="cerca" value={staff.query} /> : null}
      <button
        type="submit"
        className="btn btn-primary btn-sm"
        disabled={busy}
        aria-label={t("attendance.staff.markPresentLabel", { name })}
      >
        {t("attendance.staff.markPresent")}
      </button>
    </Form>
  );

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
        <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span> ·{" "}
        {t("attendance.home.editionNumber", { number: edition.number })}
      </p>
      <p>
        {session.title ? <strong lang={partLang(edition.event.titleLanguage, locale)}>{session.title}. </strong> : null}
        {t("attendance.register.when", {
          date: formatLongDate(session.startsAt, locale),
          from: formatTime(session.startsAt, locale),
          to: formatTime(session.endsAt, locale),
          minutes: session.minutes,
        })}
        {asynchronous ? null : ` · ${sessionDeliveryLabel(session.delivery, mode, locale)}`}
      </p>
      {actionData?.formError ? (
        <div
          ref={summaryRef}
          className="alert alert-danger"
          role="alert"
          id="register-error"
          data-testid="register-errors"
          tabIndex={-1}
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the error summary takes focus after a failed save (also without JavaScript)
          autoFocus
        >
          <p className={lineErrors.length > 0 ? "fw-semibold mb-2" : "mb-0"}>{actionData.formError}</p>
          {lineErrors.length > 0 ? (
            <ul className="mb-0">
              {lineErrors.map(([id, error]) => {
                const p = participants.find((x) => x.enrolmentId === id);
                return (
                  <li key={id}>
                    <a href={`#${fieldId(id)}`} className="alert-link" onClick={focusField(fieldId(id))}>
                      {p ? t("attendance.register.errorLine", { name: nameOf(p), error }) : error}
                    </a>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}
      {asynchronous ? (
        <div className="alert alert-info" role="status">
          {t("attendance.register.async")}
        </div>
      ) : !started ? (
        <div className="alert alert-info" role="status">
          {t("attendance.register.notStarted", { date: formatDateTime(session.startsAt, locale) })}
        </div>
      ) : null}
      {saved !== null ? <OutcomeNotice>{t("attendance.register.saved", { changed: saved })}</OutcomeNotice> : null}
      {imported !== null ? <OutcomeNotice>{t("attendance.import.saved", { changed: imported })}</OutcomeNotice> : null}
      {issued && edition.attendanceClosedAt ? (
        <div
          className={`alert ${issued.disagreeing > 0 ? "alert-warning" : "alert-info"}`}
          data-testid="certificates-issued"
        >
          <p className="mb-0">
            {t(CERTIFICATES_ISSUED[issued.correction.kind], {
              date: formatDateTime(edition.attendanceClosedAt, locale),
              count: issued.correction.accountClosed,
            })}
            {issued.disagreeing > 0
              ? ` ${t("attendance.register.certificatesDisagree", { count: issued.disagreeing })}`
              : null}{" "}
            <Link to={`/formazione/edizioni/${edition.id}/attestati`}>{t("certificates.list.link")}</Link>
          </p>
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
            <>
              <li className="list-inline-item me-3">
                <Link to={`/formazione/incontri/${session.id}/check-in`}>{t("attendance.register.checkIn")}</Link>
              </li>
              <li className="list-inline-item me-3">
                <Link to={`/formazione/incontri/${session.id}/qr`}>{t("attendance.register.qrFullScreen")}</Link>
              </li>
            </>
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

      {!asynchronous && arrivalsOpen && current.length > 0 ? (
        <section aria-labelledby="staff-heading" id="presenze-telefono" className="mb-5" data-testid="staff-check-in">
          <h2 id="staff-heading" className="h4">
            {t("attendance.staff.title")}
          </h2>
          <p>{t("attendance.staff.intro", { tolerance: IMPORT_TOLERANCE_MINUTES })}</p>
          {marked ? (
            <OutcomeNotice level={3}>
              {t("attendance.staff.marked", {
                name: nameOf(marked),
                status: lineText(t, marked.line?.status ?? null, marked.line?.minutesAttended ?? null),
              })}
            </OutcomeNotice>
          ) : null}
          {staff.pass ? (
            staff.pass.ok ? (
              <div className="alert alert-info" data-testid="staff-pass">
                <p>{t("attendance.staff.pass.found", { name: nameOf(staff.pass), email: staff.pass.email })}</p>
                <p className="mb-0">{recordedText(passLine)}</p>
                {canMark(passLine) ? (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="intent" value="segna-presente" />
                    <input type="hidden" name="partecipante" value={staff.pass.text} />
                    <button
                      type="submit"
                      className="btn btn-primary"
                      disabled={busy}
                      aria-label={t("attendance.staff.markPresentLabel", { name: nameOf(staff.pass) })}
                    >
                      {t("attendance.staff.markPresent")}
                    </button>
                  </Form>
                ) : (
                  <p className="mb-0 mt-2" data-testid="staff-already-there">
                    {t("attendance.staff.alreadyThere")}
                  </p>
                )}
              </div>
            ) : (
              <div className="alert alert-danger" role="alert" data-testid="staff-pass">
                {t(`attendance.staff.pass.refused.${staff.pass.reason}`)}
              </div>
            )
          ) : null}
          <Form method="get" className="mb-3" role="search">
            <label htmlFor="staff-search" className="form-label d-block">
              {t("attendance.staff.search")}
            </label>
            <div className="d-flex flex-wrap gap-2">
              <input
                id="staff-search"
                name="cerca"
                type="search"
                className="form-control"
                style={{ maxWidth: "20rem" }}
                defaultValue={staff.query}
                autoComplete="off"
              />
              <button type="submit" className="btn btn-outline-primary">
                {t("attendance.staff.searchButton")}
              </button>
            </div>
          </Form>
          {staff.query ? (
            <>
              <p aria-live="polite" data-testid="staff-results">
                {t("attendance.staff.results", { count: found.length, query: staff.query })}
              </p>
              {found.length > 0 ? (
                <ul className="list-group mb-3" data-testid="staff-found">
                  {found.map((p) => (
                    <li
                      key={p.enrolmentId}
                      className="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2"
                    >
                      <span>
                        <strong>{nameOf(p)}</strong> <span className="text-muted small">{p.email}</span>
                        <br />
                        <span className="small">{recordedText(p.line)}</span>
                      </span>
                      {canMark(p.line) ? (
                        markForm(p.enrolmentId, nameOf(p))
                      ) : (
                        <span className="small" data-testid="staff-already-there">
                          {t("attendance.staff.alreadyThere")}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : null}
          <Form method="get">
            <label htmlFor="staff-pass" className="form-label d-block">
              {t("attendance.staff.code")}
            </label>
            <div className="d-flex flex-wrap gap-2">
              <input
                id="staff-pass"
                name="partecipante"
                type="text"
                className="form-control"
                style={{ maxWidth: "20rem" }}
                autoComplete="off"
                aria-describedby="staff-pass-hint"
              />
              <button type="submit" className="btn btn-outline-primary">
                {t("attendance.staff.check")}
              </button>
            </div>
            <small id="staff-pass-hint" className="form-text">
              {t("attendance.staff.codeHint")}
            </small>
          </Form>
        </section>
      ) : null}

      {!asynchronous && started ? (
        participants.length === 0 ? (
          <p>{t("attendance.register.noParticipants")}</p>
        ) : (
          // A new location (after a save) remounts the controls so they show the saved lines.
          <Form method="post" noValidate key={location.key}>
            <p>{t("attendance.register.intro")}</p>
            <IdleSessionNoScriptNote />
            <p data-testid="register-summary">{t("attendance.register.summary", { done, total: current.length })}</p>
            {tally ? <p data-testid="register-tally">{t("attendance.register.tally", { items: tally })}</p> : null}
            {endedCount > 0 ? (
              <p data-testid="register-ended-summary">{t("attendance.register.endedSummary", { count: endedCount })}</p>
            ) : null}
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
            <ScrollRegion labelledBy="register-caption">
              <table className="table table-sm align-middle" data-testid="register">
                <caption id="register-caption">
                  {t("attendance.register.caption", { number, count: participants.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("attendance.register.participant")}</th>
                    <th scope="col" className="d-none d-md-table-cell">
                      {t("attendance.register.email")}
                    </th>
                    <th scope="col">{t("attendance.register.status")}</th>
                    <th scope="col">{t("attendance.register.minutes")}</th>
                    <th scope="col">{t("attendance.register.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {participants.map((p) => {
                    const name = nameOf(p);
                    if (p.ended)
                      // A place ended since the session: its line as recorded, read-only, with what ended it.
                      return (
                        <tr key={p.enrolmentId} data-testid="register-ended-line" data-email={p.email}>
                          <th scope="row">
                            {name}
                            <span className="d-block small fw-normal" data-testid="register-ended-mark">
                              {endedPlaceText(p.ended, t, locale)}{" "}
                              <span className="badge text-bg-secondary">{t("attendance.register.ended.readOnly")}</span>
                            </span>
                            <span className="d-block d-md-none small fw-normal text-break">{p.email}</span>
                          </th>
                          <td className="d-none d-md-table-cell">{p.email}</td>
                          <td>{t(statusKey(p.line?.status ?? null))}</td>
                          <td>{p.line?.minutesAttended ?? ""}</td>
                          <td>{p.line?.note ?? ""}</td>
                        </tr>
                      );
                    const value = valueOf(p.enrolmentId, p.line);
                    const error = actionData?.lineErrors[p.enrolmentId];
                    const errorId = `error-${p.enrolmentId}`;
                    const minutesWrong = error !== undefined && actionData?.lineFields[p.enrolmentId] === "minutes";
                    const noteWrong = error !== undefined && actionData?.lineFields[p.enrolmentId] === "note";
                    return (
                      <tr key={p.enrolmentId} data-testid="register-line" data-email={p.email}>
                        <th scope="row">
                          {name}
                          {/* On a phone the email goes under the name, leaving the width to the controls. */}
                          <span className="d-block d-md-none small fw-normal text-break">{p.email}</span>
                        </th>
                        <td className="d-none d-md-table-cell">{p.email}</td>
                        <td>
                          <input type="hidden" name="line" value={p.enrolmentId} />
                          <input
                            type="hidden"
                            name={`was-${p.enrolmentId}`}
                            value={actionData?.values[p.enrolmentId]?.was ?? shownText(p.line)}
                          />
                          <label htmlFor={`status-${p.enrolmentId}`} className="visually-hidden">
                            {t("attendance.register.statusLabel", { name })}
                          </label>
                          <select
                            id={`status-${p.enrolmentId}`}
                            name={`status-${p.enrolmentId}`}
                            className={`form-select form-select-sm register-status${error && !minutesWrong && !noteWrong ? " is-invalid" : ""}`}
                            defaultValue={value.status}
                            aria-invalid={error && !minutesWrong && !noteWrong ? true : undefined}
                            aria-describedby={error ? errorId : undefined}
                          >
                            {/* "" leaves a line with nothing recorded as it is; a recorded line goes back to
                                "not recorded" with CLEAR_LINE (deleted, kept in the history), so a session
                                that did not take place can be emptied, then moved or removed. "" stays on a
                                line recorded since the page posted it so (a refused save shows it as posted,
                                never as a clear the trainer did not choose). */}
                            {p.line?.status ? <option value={CLEAR_LINE}>{t("attendance.status.none")}</option> : null}
                            {!p.line?.status || value.status === "" ? (
                              <option value="">{t("attendance.status.none")}</option>
                            ) : null}
                            {ATTENDANCE_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {t(`attendance.status.${s}`)}
                              </option>
                            ))}
                          </select>
                          {error ? (
                            <div id={errorId} className="text-danger small mt-1" data-testid="line-error">
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
                            maxLength={REGISTER_MINUTES_MAX_LENGTH}
                            className={`form-control form-control-sm register-minutes${minutesWrong ? " is-invalid" : ""}`}
                            defaultValue={value.minutes}
                            aria-invalid={minutesWrong ? true : undefined}
                            aria-describedby={error ? `${errorId} minutes-hint` : "minutes-hint"}
                          />
                        </td>
                        <td>
                          <input
                            type="hidden"
                            name={`wasnote-${p.enrolmentId}`}
                            value={actionData?.values[p.enrolmentId]?.wasNote ?? p.line?.note ?? ""}
                          />
                          <label htmlFor={`note-${p.enrolmentId}`} className="visually-hidden">
                            {t("attendance.register.noteLabel", { name })}
                          </label>
                          <input
                            id={`note-${p.enrolmentId}`}
                            name={`note-${p.enrolmentId}`}
                            type="text"
                            maxLength={REGISTER_NOTE_MAX}
                            size={18}
                            className={`form-control form-control-sm register-note${noteWrong ? " is-invalid" : ""}`}
                            defaultValue={value.note ?? ""}
                            aria-invalid={noteWrong ? true : undefined}
                            aria-describedby={error ? `${errorId} note-hint` : "note-hint"}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
            <p id="minutes-hint" className="small text-muted">
              {t("attendance.register.minutesHint", { max: session.minutes })}
            </p>
            <p id="note-hint" className="small text-muted">
              {t("attendance.register.noteHint", { max: REGISTER_NOTE_MAX })}
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
              <ScrollRegion labelledBy="history-caption">
                <table className="table table-sm" data-testid="register-history">
                  <caption id="history-caption">{t("attendance.register.history.caption")}</caption>
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
                        <td>{h.actor ? actorNameOf(h.actor) : t("attendance.register.history.unknown")}</td>
                        <td>{nameOf(h.participant)}</td>
                        <td>
                          {describe(h.fromStatus, h.fromMinutes)} → {describe(h.toStatus, h.toMinutes)}
                          {(h.fromNote ?? null) !== (h.toNote ?? null) ? (
                            <span className="d-block small" data-testid="history-note">
                              {t("attendance.register.history.note", {
                                from: h.fromNote ? `«${h.fromNote}»` : t("attendance.register.history.noNote"),
                                to: h.toNote ? `«${h.toNote}»` : t("attendance.register.history.noNote"),
                              })}
                            </span>
                          ) : null}
                        </td>
                        <td>{t(`attendance.source.${h.source as "registro" | "importazione" | "check-in"}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
