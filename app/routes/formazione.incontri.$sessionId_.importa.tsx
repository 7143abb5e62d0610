import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { listedName } from "~/components/listed-person.tsx";
import { RegisterBreadcrumb } from "~/components/register-breadcrumb.tsx";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { attendanceImportActionSchema } from "~/forms/attendance-import-form.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { useFileSizeLimit } from "~/components/form-fields.tsx";
import { MAX_REPORT_BYTES } from "~/domain/webinar-report-limit.ts";
import { partLang, translator, useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import { AttendanceRefusedError, registerOpenRefusal, sessionNumberOf } from "~/models/attendance.server.ts";
import {
  buildImportPreview,
  confirmImport,
  confirmationBytes,
  deserialiseRows,
  parseParticipantsReport,
  reportDateDiffers,
  serialiseRows,
  shownFields,
  type ImportPreview,
  type ReportProblem,
} from "~/models/attendance-import.server.ts";
import { requireRegisterSession } from "~/models/register-scope.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDateTime, formatLongDate } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { readUploadForm } from "~/utils/upload.server.ts";
import { bodyLimitFor } from "~/utils/body-limit.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.importReport", data?.session.edition.event.title) },
];

async function openSession(request: Request, sessionId: string) {
  const user = await requireUser(request);
  const session = await requireRegisterSession(user, sessionId);
  return { user, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await openSession(request, idParam(params.sessionId));
  const number = await sessionNumberOf(session.edition.id, session.id);
  return { session, number, refusal: registerOpenRefusal(session, new Date())?.kind ?? null };
}

function problemText(t: Translate, locale: Locale, problem: ReportProblem): string {
  switch (problem.code) {
    case "malformed":
      return t("attendance.import.error.malformed", { line: problem.line, detail: problem.detail });
    case "columns":
      return t("attendance.import.error.columns", {
        missing: problem.missing.join(", "),
        found: problem.found.join(", ") || "—",
      });
    case "tooManyRows":
      return t("attendance.import.error.tooManyRows", {
        rows: problem.rows.toLocaleString(locale),
        max: problem.max.toLocaleString(locale),
      });
    case "rows":
      return t("attendance.import.error.rows", {
        details:
          problem.rows
            .slice(0, 10)
            .map((r) => t(`attendance.import.error.row.${r.kind}`, { line: r.line, value: r.value ?? "" }))
            .join("; ") + (problem.rows.length > 10 ? "; …" : ""),
      });
    default:
      return t(`attendance.import.error.${problem.code}`);
  }
}

type Previewed = {
  preview: ImportPreview;
  rows: string;
  /** The confirmation's "shown" fields: the recorded lines the preview displays. */
  shown: [string, string][];
  /** Null when the preview is shown again after a confirmation refused (the file is not read again). */
  report: { meetingStartsAt: Date | null; dateDiffers: boolean } | null;
  /** Lines changed in the register after the previous preview: the confirmation was refused. */
  changedSincePreview?: string[];
};

/** `field`: the error is about the file chosen (refused, unreadable, too large): the file field is marked invalid. */
type ActionData = { error: string; field?: "report" } | (Previewed & { error?: string });

/** The names of the preview's participants, by enrolment. */
function namesOf(preview: ImportPreview, ids: readonly string[], locale: Locale): string {
  const byId = new Map([...preview.matched, ...preview.absent].map((p) => [p.enrolmentId, p]));
  return ids
    .map((id) => byId.get(id))
    .filter((p) => p !== undefined)
    .map((p) => listedName(p, locale))
    .join(", ");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session } = await openSession(request, idParam(params.sessionId));
  const locale = await getLocale(request, user.locale);
  const t = translator(locale);
  const fail = (error: string, status = 400) => data<ActionData>({ error }, { status });
  const fileFail = (error: string, status = 400) => data<ActionData>({ error, field: "report" }, { status });
  const closed = registerOpenRefusal(session, new Date());
  if (closed) return fail(t(`attendance.register.error.${closed.kind}`), 409);
  const form = await readUploadForm(request, MAX_REPORT_BYTES);
  if (form === "too-large") return fileFail(t("attendance.import.error.too-large"), 413);

  const submission = parseWithZod(form, { schema: attendanceImportActionSchema });
  if (submission.status !== "success") {
    // Rows that are not one text are tampered: "stale", as missing ones.
    if (failedIntentOf(submission) === "confirm") return fail(t("attendance.import.error.stale"));
    return fail(t("validation.invalidChoice"));
  }
  const input = submission.value;
  if (input.intent === "confirm") {
    const rows = deserialiseRows(input.rows ?? "");
    if (!rows) return fail(t("attendance.import.error.stale"));
    try {
      const result = await confirmImport(user.id, session.id, rows, { shown: input.shown, replace: input.replace });
      if (!result) throw new Response("Non trovato.", { status: 404 });
      return redirect(`/formazione/incontri/${session.id}?importato=${result.changed}`);
    } catch (error) {
      if (!(error instanceof AttendanceRefusedError)) throw error;
      const changed =
        error.refusal.kind === "righe-non-valide"
          ? error.refusal.lines.filter((l) => l.problem === "modificata").map((l) => l.enrolmentId)
          : [];
      if (changed.length > 0) {
        // Someone changed these lines after the preview: nothing saved; the preview again, as the register is now.
        const preview = await buildImportPreview(session.id, rows);
        if (!preview) throw new Response("Non trovato.", { status: 404 });
        return data<ActionData>(
          {
            error: t("attendance.import.error.changedSincePreview", {
              count: changed.length,
              names: namesOf(preview, changed, locale),
            }),
            preview,
            rows: input.rows ?? "",
            shown: shownFields(preview),
            report: null,
            changedSincePreview: changed,
          },
          { status: 409 },
        );
      }
      return fail(
        t("attendance.import.error.refused", {
          reason: t(
            `attendance.register.error.${error.refusal.kind === "righe-non-valide" ? "non-iscritto" : error.refusal.kind}`,
          ),
        }),
        409,
      );
    }
  }

  const file = form.get("report");
  if (!(file instanceof Blob) || file.size === 0)
    return fileFail(t(file instanceof Blob ? "attendance.import.error.empty" : "attendance.import.error.missing"));
  if (file.size > MAX_REPORT_BYTES) return fileFail(t("attendance.import.error.too-large"), 413);
  const parsed = parseParticipantsReport(new Uint8Array(await file.arrayBuffer()), session);
  if (!parsed.ok) return fileFail(problemText(t, locale, parsed.problem));
  const preview = await buildImportPreview(session.id, parsed.rows);
  if (!preview) throw new Response("Non trovato.", { status: 404 });
  // Refused now rather than at the confirmation, which would be over the page's limit (413) with nothing to do but
  // upload the same file again (with the recorded lines shown and every "sostituisci" box ticked; room for the form's
  // few other fields kept).
  const rows = serialiseRows(parsed.rows);
  const shown = shownFields(preview);
  const replace = preview.matched.filter((m) => m.differs).map((m): [string, string] => ["replace", m.enrolmentId]);
  if (confirmationBytes(rows, [...shown, ...replace]) > bodyLimitFor(new URL(request.url).pathname) - 4096) {
    return fileFail(
      t("attendance.import.error.tooLargeToConfirm", { rows: parsed.rows.length.toLocaleString(locale) }),
    );
  }
  return data<ActionData>({
    preview,
    rows,
    shown,
    report: {
      meetingStartsAt: parsed.meetingStartsAt,
      dateDiffers: reportDateDiffers(parsed.meetingStartsAt, session.startsAt),
    },
  });
}

function statusText(t: Translate, line: { status: string; minutesAttended: number | null } | null) {
  if (!line) return t("attendance.status.none");
  const label = t(`attendance.status.${line.status as "presente"}`);
  return line.minutesAttended !== null
    ? t("attendance.register.history.value", { status: label, minutes: line.minutesAttended })
    : label;
}

export default function ImportReportPage() {
  const { session, number, refusal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const limitSize = useFileSizeLimit(MAX_REPORT_BYTES);
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const previewed = actionData && "preview" in actionData ? actionData : null;
  const preview = previewed?.preview ?? null;
  const report = previewed?.report ?? null;
  const error = actionData && "error" in actionData ? actionData.error : null;
  const changedSincePreview = new Set(previewed?.changedSincePreview ?? []);
  const differing = preview?.matched.filter((m) => m.differs).length ?? 0;
  const overlapping = preview?.matched.filter((m) => m.overlapped).length ?? 0;
  // A refused file marks the file field (aria-invalid) and points it to the error (WCAG 3.3.1).
  const fileError = actionData && "field" in actionData && actionData.field === "report";
  // The preview takes the focus where it appears (WCAG 4.1.3, as on the messages and placement pages):
  // its heading, then its summary and "Conferma e salva nel registro", are read, where nothing was
  // announced with the focus left on "Carica e mostra l'anteprima". A preview shown again with an
  // error (the register changed since) leaves the focus where it is: the alert says what happened.
  const previewRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (preview && !error) previewRef.current?.focus();
  }, [preview, error]);

  return (
    <div>
      <RegisterBreadcrumb
        items={[
          { label: t("nav.registers"), to: "/formazione" },
          {
            label: t("attendance.home.editionNumber", { number: session.edition.number }),
            to: `/formazione/edizioni/${session.edition.id}`,
          },
          { label: t("attendance.register.crumb", { number }), to: `/formazione/incontri/${session.id}` },
          { label: t("attendance.import.crumb") },
        ]}
      />
      <h1 className="mb-2">{t("attendance.import.title", { number })}</h1>
      <p className="lead" lang={partLang(session.edition.event.titleLanguage, locale)}>
        {session.edition.event.title}
      </p>
      {refusal ? (
        <div className="alert alert-info" role="status">
          {refusal === "non-iniziato"
            ? t("attendance.register.notStarted", { date: formatDateTime(session.startsAt, locale) })
            : t(`attendance.register.error.${refusal}`)}
        </div>
      ) : (
        <>
          <p>{t("attendance.import.intro")}</p>
          {error ? (
            <div className="alert alert-danger" role="alert" id="import-error" data-testid="import-error">
              {error}
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" className="mb-5">
            <div className="mb-3">
              <label htmlFor="report" className="form-label d-block">
                {t("attendance.import.file")}
              </label>
              <input
                id="report"
                name="report"
                type="file"
                accept=".csv,.txt,text/csv,text/plain,text/tab-separated-values"
                onChange={limitSize}
                className="form-control"
                aria-describedby={fileError ? "report-hint import-error" : "report-hint"}
                aria-invalid={fileError ? true : undefined}
                required
              />
              <small id="report-hint" className="form-text">
                {t("attendance.import.fileHint")}
              </small>
            </div>
            <button type="submit" name="intent" value="preview" className="btn btn-outline-primary" disabled={busy}>
              {t("attendance.import.upload")}
            </button>
          </Form>
        </>
      )}

      {preview ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="h3" tabIndex={-1} ref={previewRef}>
            {t("attendance.import.preview.title")}
          </h2>
          <p data-testid="import-summary">
            {t("attendance.import.preview.summary", {
              rows: preview.rowCount,
              matched: preview.matched.length,
              unmatched: preview.unmatched.length,
              ambiguous: preview.ambiguous.length,
              absent: preview.absent.length,
            })}
          </p>
          {report ? (
            <>
              <dl className="row mb-2" data-testid="import-dates">
                <dt className="col-sm-4">{t("attendance.import.preview.reportDate")}</dt>
                <dd className="col-sm-8">
                  {report.meetingStartsAt
                    ? formatDateTime(report.meetingStartsAt, locale)
                    : t("attendance.import.preview.noReportDate")}
                </dd>
                <dt className="col-sm-4">{t("attendance.import.preview.sessionDate")}</dt>
                <dd className="col-sm-8">{formatDateTime(preview.session.startsAt, locale)}</dd>
              </dl>
              {report.dateDiffers && report.meetingStartsAt ? (
                <div className="alert alert-warning" role="alert" data-testid="import-date-warning">
                  {t("attendance.import.preview.dateDiffers", {
                    report: formatLongDate(report.meetingStartsAt, locale),
                    session: formatLongDate(preview.session.startsAt, locale),
                  })}
                </div>
              ) : null}
            </>
          ) : null}
          <p className="small">
            {t("attendance.import.preview.rule", {
              threshold: preview.session.minutes - preview.tolerance,
              minutes: preview.session.minutes,
              tolerance: preview.tolerance,
            })}
          </p>
          {differing > 0 ? (
            <p className="alert alert-info" data-testid="import-differs">
              {t("attendance.import.matched.differs", { count: differing })}
            </p>
          ) : null}
          {overlapping > 0 ? (
            <p className="alert alert-info" data-testid="import-overlapped">
              {t("attendance.import.matched.overlapped", { count: overlapping })}
            </p>
          ) : null}
          {/* The "sostituisci" boxes in the table below belong to this form (form="import-confirm"). */}
          <Form method="post" id="import-confirm" className="mb-4">
            <input type="hidden" name="rows" value={previewed?.rows ?? ""} />
            {previewed?.shown.map(([name, value]) => (
              <input key={value} type="hidden" name={name} value={value} />
            ))}
            <button type="submit" name="intent" value="confirm" className="btn btn-primary me-2" disabled={busy}>
              {t("attendance.import.confirm")}
            </button>
            <Link to={`/formazione/incontri/${session.id}`} className="btn btn-outline-secondary">
              {t("attendance.import.cancel")}
            </Link>
          </Form>

          {preview.unmatched.length > 0 ? (
            <ScrollRegion labelledBy="import-unmatched-caption" className="mb-4">
              <table className="table table-sm" data-testid="import-unmatched">
                <caption id="import-unmatched-caption">
                  {t("attendance.import.unmatched.caption", { count: preview.unmatched.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("attendance.import.name")}</th>
                    <th scope="col">{t("attendance.import.email")}</th>
                    <th scope="col">{t("attendance.import.minutes")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.unmatched.map((r, i) => (
                    <tr key={i}>
                      <td>{r.name}</td>
                      <td>{r.email}</td>
                      <td>{r.minutes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="small">{t("attendance.import.unmatched.hint")}</p>
            </ScrollRegion>
          ) : null}

          {preview.ambiguous.length > 0 ? (
            <ScrollRegion labelledBy="import-ambiguous-caption" className="mb-4">
              <table className="table table-sm" data-testid="import-ambiguous">
                <caption id="import-ambiguous-caption">
                  {t("attendance.import.ambiguous.caption", { count: preview.ambiguous.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("attendance.import.email")}</th>
                    <th scope="col">{t("attendance.import.name")}</th>
                    <th scope="col">{t("attendance.import.rows")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.ambiguous.map((a) => (
                    <tr key={a.email}>
                      <td>{a.email}</td>
                      <td>{a.names.join(", ")}</td>
                      <td>{a.rows}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="small">{t("attendance.import.ambiguous.hint")}</p>
            </ScrollRegion>
          ) : null}

          <ScrollRegion labelledBy="import-matched-caption" className="mb-4">
            <table className="table table-sm" data-testid="import-matched">
              <caption id="import-matched-caption">
                {t("attendance.import.matched.caption", { count: preview.matched.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("attendance.register.participant")}</th>
                  <th scope="col">{t("attendance.import.email")}</th>
                  <th scope="col">{t("attendance.import.minutes")}</th>
                  <th scope="col">{t("attendance.import.rows")}</th>
                  <th scope="col">{t("attendance.import.proposed")}</th>
                  <th scope="col">{t("attendance.import.current")}</th>
                  <th scope="col">{t("attendance.import.action")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.matched.map((m) => (
                  <tr
                    key={m.enrolmentId}
                    className={changedSincePreview.has(m.enrolmentId) || m.differs ? "table-warning" : undefined}
                  >
                    <th scope="row">{listedName(m, locale)}</th>
                    <td>{m.email}</td>
                    <td>{m.minutes}</td>
                    <td>
                      {m.rows}
                      {m.overlapped ? (
                        <span className="d-block small" data-testid="import-row-overlapped">
                          {t("attendance.import.rows.overlapped")}
                        </span>
                      ) : null}
                    </td>
                    <td>{statusText(t, m.proposed)}</td>
                    <td>{statusText(t, m.current)}</td>
                    <td>
                      {m.differs ? (
                        // Keyed by the line shown: a line changed since the last preview comes back unticked.
                        <div className="form-check" key={`${m.current?.status}:${m.current?.minutesAttended ?? ""}`}>
                          <input
                            id={`replace-${m.enrolmentId}`}
                            type="checkbox"
                            name="replace"
                            value={m.enrolmentId}
                            form="import-confirm"
                            className="form-check-input"
                            aria-label={t("attendance.import.action.replaceLabel", {
                              name: listedName(m, locale),
                              current: statusText(t, m.current),
                              proposed: statusText(t, m.proposed),
                            })}
                          />
                          <label htmlFor={`replace-${m.enrolmentId}`} className="form-check-label">
                            {t("attendance.import.action.replace")}
                          </label>
                        </div>
                      ) : (
                        t(m.current ? "attendance.import.action.same" : "attendance.import.action.new")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>

          {preview.absent.length > 0 ? (
            <ScrollRegion labelledBy="import-absent-caption" className="mb-4">
              <table className="table table-sm" data-testid="import-absent">
                <caption id="import-absent-caption">
                  {t("attendance.import.absent.caption", { count: preview.absent.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("attendance.register.participant")}</th>
                    <th scope="col">{t("attendance.import.email")}</th>
                    <th scope="col">{t("attendance.import.proposed")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.absent.map((a) => (
                    <tr
                      key={a.enrolmentId}
                      className={changedSincePreview.has(a.enrolmentId) ? "table-warning" : undefined}
                    >
                      <th scope="row">{listedName(a, locale)}</th>
                      <td>{a.email}</td>
                      <td>{a.current ? statusText(t, a.current) : t("attendance.status.assente")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
