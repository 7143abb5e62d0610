import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { dayRangeText, sessionSpanText } from "~/components/catalogue/format.ts";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FieldErrors, FormErrorSummary, options, SelectField, TextField } from "~/components/form-fields.tsx";
import { ENROLMENT_STATUS_LABELS } from "~/domain/enrolment.ts";
import {
  GRID_MODES,
  MAX_CERTIFICATE_BYTES,
  parseSchoolYear,
  schoolYearChoices,
  schoolYearLabel,
  schoolYearOf,
} from "~/domain/training-plan.ts";
import {
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_TYPE_LABELS,
  labelOf,
  sessionDeliveryLabel,
} from "~/domain/vocabulary.ts";
import { externalTrainingSchema, targetSchema } from "~/forms/training-plan-forms.ts";
import { trainingPlanActionSchema } from "~/forms/training-plan-page-form.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { partLang, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import {
  addExternalTraining,
  deleteExternalTraining,
  loadTrainingPlan,
  setEmailReminders,
  setTrainingTarget,
} from "~/models/training-plan.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatShortDate } from "~/utils/dates.ts";
import { hoursForInput, hoursInWords } from "~/domain/hours.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { readUploadForm } from "~/utils/upload.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { ConfirmStep } from "~/components/confirm-step.tsx";

/** What ?fatto= (the address the page's actions redirect to) says was just done, as the title's outcome. */
const PLAN_OUTCOMES = new Map<string, MessageKey>([
  ["obiettivo", "outcome.targetSaved"],
  ["preferenze", "outcome.preferencesSaved"],
  ["aggiunta", "outcome.externalAdded"],
  ["aggiunta-altro-anno", "outcome.externalAdded"],
  ["eliminata", "outcome.externalDeleted"],
]);

export const meta: MetaFunction = ({ matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.trainingPlan",
      null,
      PLAN_OUTCOMES.get(new URLSearchParams(location.search).get("fatto") ?? ""),
    ),
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const year = parseSchoolYear(url.searchParams.get("anno")) ?? schoolYearOf(new Date());
  const plan = await loadTrainingPlan(user.id, year);
  return { plan, yearLabel: schoolYearLabel(year), currentLabel: schoolYearLabel(plan.current) };
}

function yearQuery(request: Request): string {
  const year = parseSchoolYear(new URL(request.url).searchParams.get("anno"));
  return year ? `anno=${schoolYearLabel(year)}&` : "";
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(await getLocale(request, user.locale));
  const back = (done: string, anchor: string) => redirect(`/il-mio-piano?${yearQuery(request)}fatto=${done}#${anchor}`);
  const form = await readUploadForm(request, MAX_CERTIFICATE_BYTES);
  if (form === "too-large") {
    return data(
      {
        intent: "external-add",
        result: { status: "error" as const, error: { certificate: [t("plan.validation.certificateSize")] } },
      },
      { status: 413 },
    );
  }
  const submission = parseWithZod(form, { schema: trainingPlanActionSchema });
  if (submission.status !== "success") {
    const intent = failedIntentOf(submission);
    if (intent === null) {
      return data(
        { intent: String(submission.payload.intent ?? ""), error: t("plan.error.bad-request") },
        { status: 400 },
      );
    }
    if (intent === "external-delete" && submission.payload.confirm !== "yes") {
      // The first "Elimina" sent as a POST (a page from before the second step, a script): nothing goes,
      // the page opens the second step for that training instead of a bare 400 with no message.
      const id = String(submission.payload.trainingId ?? "");
      return redirect(
        `/il-mio-piano?${yearQuery(request)}elimina=${encodeURIComponent(id)}#elimina-${encodeURIComponent(id)}`,
      );
    }
    const hide = intent === "external-add" ? { hideFields: ["certificate"] } : {};
    return data({ intent, result: submission.reply(hide) }, { status: 400 });
  }
  const input = submission.value;
  const intent = input.intent;
  switch (input.intent) {
    case "target":
      await setTrainingTarget(user.id, input.targetHours);
      return back("obiettivo", "ore-titolo");
    case "preferences":
      await setEmailReminders(user.id, input.emailReminders);
      return back("preferenze", "promemoria-titolo");
    case "external-add": {
      const { certificate, intent: _intent, ...training } = input;
      const bytes = certificate ? new Uint8Array(await certificate.arrayBuffer()) : null;
      const outcome = await addExternalTraining(user.id, training, bytes);
      if (!outcome.ok) {
        const message =
          outcome.reason === "too-large"
            ? "plan.validation.certificateSize"
            : outcome.reason === "empty"
              ? "plan.validation.certificateEmpty"
              : "plan.validation.certificateType";
        return data(
          {
            intent,
            result: submission.reply({ fieldErrors: { certificate: [t(message)] }, hideFields: ["certificate"] }),
          },
          { status: 400 },
        );
      }
      // The training belongs to the school year it starts in: the page goes to that year, which shows it,
      // and says so when it is not the year being viewed (before, the list did not change and invited
      // adding it again, its hours then counted twice).
      const added = schoolYearOf(training.startsOn);
      const viewed = parseSchoolYear(new URL(request.url).searchParams.get("anno")) ?? schoolYearOf(new Date());
      const done = added.startYear === viewed.startYear ? "aggiunta" : "aggiunta-altro-anno";
      return redirect(`/il-mio-piano?anno=${schoolYearLabel(added)}&fatto=${done}#esterna-titolo`);
    }
    case "external-delete": {
      const deleted = await deleteExternalTraining(user.id, input.trainingId ?? "");
      if (!deleted) return data({ intent, error: t("plan.error.not-found") }, { status: 404 });
      return back("eliminata", "esterna-titolo");
    }
  }
}

export default function TrainingPlanPage() {
  const { plan, yearLabel, currentLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const successInUrl = useSuccessInUrl();
  const t = useT();
  const locale = useLocale();
  // A failed submission (refused by the server, or by the form's own check below) hides the
  // success message of the previous one, which ?fatto= keeps in the URL.
  const done = successInUrl("fatto");
  // The training being added, until the page shows it: a second press (a double click while the
  // certificate uploads) would add it twice, and its hours would count twice.
  const navigation = useNavigation();
  // The external training whose deletion is being confirmed (?elimina=<id>: the second step, no JavaScript needed).
  const [params] = useSearchParams();
  const deleting = params.get("elimina");
  // (It is the page's one multipart form, the one with the certificate file.)
  const addingExternal = navigation.state !== "idle" && navigation.formEncType === "multipart/form-data";
  // Hours in the certificate's words ("2 ore e 55 minuti"): the same figure the teacher reads on the certificate.
  const hours = (minutes: number) => hoursInWords(minutes, locale);
  const years = schoolYearChoices(plan.current, plan.year).map(schoolYearLabel);
  const resultOf = (intent: string) =>
    actionData && actionData.intent === intent && "result" in actionData ? actionData.result : undefined;
  const pastYear = plan.year.startYear < plan.current.startYear;

  const [targetForm, targetFields] = useForm({
    id: "plan-target",
    lastResult: resultOf("target"),
    defaultValue: {
      targetHours: plan.teacher.trainingTargetMinutes ? hoursForInput(plan.teacher.trainingTargetMinutes, locale) : "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [externalForm, externalFields] = useForm({
    id: "plan-external",
    lastResult: resultOf("external-add"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: externalTrainingSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const certificateProps = getInputProps(externalFields.certificate, { type: "file", ariaAttributes: true });

  return (
    <div>
      <h1 className="mb-3">{t("plan.title")}</h1>
      <p>{t("plan.intro")}</p>
      {actionData && "error" in actionData && actionData.error ? (
        <FormErrorSummary errors={[actionData.error]} />
      ) : null}

      <div className="d-flex flex-wrap align-items-end gap-3 mb-4">
        <Form method="get" className="d-flex flex-wrap align-items-end gap-2">
          <div className="select-wrapper">
            <label htmlFor="plan-year" className="active">
              {t("plan.year.label")}
            </label>
            <select id="plan-year" name="anno" defaultValue={yearLabel} key={yearLabel}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y === currentLabel ? t("plan.year.current", { year: y }) : y}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-outline-primary btn-sm">
            {t("plan.year.show")}
          </button>
        </Form>
        <a className="btn btn-primary btn-sm" href={`/il-mio-piano.pdf?anno=${yearLabel}`} download>
          {t("plan.pdf")}
        </a>
      </div>

      {/* Hours and target */}
      <section aria-labelledby="ore-titolo" className="mb-5" data-testid="plan-hours">
        <h2 id="ore-titolo" className="h3">
          {t("plan.hours.title")} · {yearLabel}
        </h2>
        {done === "obiettivo" && targetForm.valid ? (
          <OutcomeNotice level={3}>{t("plan.target.saved")}</OutcomeNotice>
        ) : null}
        <p className="lead mb-1" data-testid="plan-total">
          {t("plan.hours.total", { hours: hours(plan.totals.totalMinutes) })}
        </p>
        {plan.totals.targetMinutes && plan.totals.percentOfTarget !== null ? (
          <>
            <p className="mb-1" data-testid="plan-target">
              {t("plan.hours.ofTarget", {
                hours: hours(plan.totals.totalMinutes),
                target: hours(plan.totals.targetMinutes),
                percent: plan.totals.percentOfTarget,
              })}
            </p>
            <div className="progress mb-2" style={{ maxWidth: "30rem" }}>
              <div
                className="progress-bar"
                role="progressbar"
                aria-label={t("plan.hours.progress")}
                aria-valuenow={plan.totals.percentOfTarget}
                aria-valuemin={0}
                aria-valuemax={100}
                style={{ width: `${plan.totals.percentOfTarget}%` }}
              />
            </div>
          </>
        ) : (
          <p className="mb-1">{t("plan.hours.noTarget")}</p>
        )}
        <ul className="mb-3">
          <li data-testid="plan-forma-certified">
            {t("plan.hours.formaCertified", { hours: hours(plan.totals.formaCertifiedMinutes) })}
          </li>
          <li data-testid="plan-external-certified">
            {t("plan.hours.externalCertified", { hours: hours(plan.totals.externalCertifiedMinutes) })}
          </li>
          <li data-testid="plan-not-certified">
            {t("plan.hours.notCertified", { hours: hours(plan.totals.notCertifiedMinutes) })}
          </li>
          <li data-testid="plan-awaiting-certificate">
            {t("plan.hours.awaitingCertificate", { hours: hours(plan.totals.awaitingCertificateMinutes) })}
          </li>
          <li data-testid="plan-upcoming">{t("plan.hours.upcoming", { hours: hours(plan.totals.upcomingMinutes) })}</li>
        </ul>
        {plan.totals.totalMinutes > 0 ? (
          <div className="row">
            <div className="col-md-6">
              <table className="table table-sm">
                <caption>{t("plan.hours.byLevel")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("plan.hours.column.level")}</th>
                    <th scope="col">{t("plan.hours.column.hours")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.totals.byLevel.map((row) => (
                    <tr key={row.level}>
                      <th scope="row">
                        {row.level ? labelOf(EVENT_LEVEL_LABELS, row.level, locale) : t("plan.hours.levelUnknown")}
                      </th>
                      <td>{hours(row.minutes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="col-md-6">
              <table className="table table-sm">
                <caption>{t("plan.hours.byType")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("plan.hours.column.type")}</th>
                    <th scope="col">{t("plan.hours.column.hours")}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.totals.byType.map((row) => (
                    <tr key={row.type}>
                      <th scope="row">
                        {row.type === "esterna"
                          ? t("plan.hours.typeExternal")
                          : labelOf(EVENT_TYPE_LABELS, row.type, locale)}
                      </th>
                      <td>{hours(row.minutes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : (
          <p>{t("plan.hours.none")}</p>
        )}
        <h3 className="h5">{t("plan.target.title")}</h3>
        <Form method="post" {...getFormProps(targetForm)} className="d-flex flex-wrap align-items-start gap-3">
          <input type="hidden" name="intent" value="target" />
          <div style={{ minWidth: "min(16rem, 100%)" }}>
            <TextField field={targetFields.targetHours} label={t("plan.target.label")} hint={t("plan.target.hint")} />
          </div>
          <button type="submit" className="btn btn-outline-primary btn-sm mt-4">
            {t("plan.target.save")}
          </button>
        </Form>
      </section>

      {/* The training grid */}
      <section aria-labelledby="griglia-titolo" className="mb-5">
        <h2 id="griglia-titolo" className="h3">
          {t("plan.grid.title")}
        </h2>
        <p>{t("plan.grid.intro")}</p>
        {pastYear ? <p className="small">{t("plan.grid.pastYear")}</p> : null}
        <ScrollRegion labelledBy="plan-grid-caption">
          <table className="table table-bordered" data-testid="plan-grid">
            <caption id="plan-grid-caption">{t("plan.grid.caption", { year: yearLabel })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("plan.grid.levelHeader")}</th>
                {GRID_MODES.map((mode) => (
                  <th scope="col" key={mode}>
                    {labelOf(EVENT_MODE_LABELS, mode, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {plan.grid.map((row) => (
                <tr key={row[0]!.level}>
                  <th scope="row">{labelOf(EVENT_LEVEL_LABELS, row[0]!.level, locale)}</th>
                  {row.map((cell) => {
                    const suggestions = plan.suggestions[cell.key] ?? [];
                    return (
                      <td
                        key={cell.key}
                        data-testid={`cell-${cell.level}-${cell.mode}`}
                        className={cell.items.length ? undefined : "bg-light"}
                      >
                        {cell.items.length > 0 ? (
                          <ul className="list-unstyled mb-0">
                            {cell.items.map((item) => (
                              <li key={`${item.kind}-${item.id}`} className="mb-2">
                                <strong lang={partLang(item.titleLanguage, locale)}>{item.title}</strong>
                                <br />
                                <span className="small">
                                  {hours(item.minutes)} · {t(`plan.state.${item.state}`)}
                                  {item.kind === "esterna" ? ` · ${t("plan.grid.external")}` : null}
                                </span>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <>
                            <p className="mb-1 fst-italic">{t("plan.grid.gap")}</p>
                            {!pastYear ? (
                              suggestions.length > 0 ? (
                                <>
                                  <p className="small fw-semibold mb-1">{t("plan.grid.suggestions")}</p>
                                  <ul className="small mb-0 ps-3">
                                    {suggestions.map((s) => (
                                      <li key={s.id}>
                                        <Link to={`/eventi/${s.id}`} lang={partLang(s.titleLanguage, locale)}>
                                          {s.title}
                                        </Link>
                                        {s.startsAt ? ` · ${formatShortDate(s.startsAt, locale)}` : null}
                                      </li>
                                    ))}
                                  </ul>
                                </>
                              ) : (
                                <p className="small mb-0">{t("plan.grid.noSuggestions")}</p>
                              )
                            ) : null}
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      {/* Upcoming sessions */}
      <section aria-labelledby="incontri-titolo" className="mb-5">
        <h2 id="incontri-titolo" className="h3">
          {t("plan.sessions.title")}
        </h2>
        {plan.upcomingSessions.length === 0 ? (
          <p>{t("plan.sessions.none")}</p>
        ) : (
          <ul data-testid="plan-sessions">
            {plan.upcomingSessions.map((s) => (
              <li key={s.id}>
                <strong>{sessionSpanText(t, s, locale)}</strong> ·{" "}
                <Link to={`/eventi/${s.eventId}`} lang={partLang(s.eventTitleLanguage, locale)}>
                  {s.eventTitle}
                </Link>{" "}
                ({t("plan.sessions.edition", { number: s.editionNumber })})
                {s.title ? (
                  <>
                    {" "}
                    · <span lang={partLang(s.eventTitleLanguage, locale)}>{s.title}</span>
                  </>
                ) : null}{" "}
                · {sessionDeliveryLabel(s.delivery, s.mode, locale)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* Forma training: ongoing and concluded */}
      <section aria-labelledby="in-corso-titolo" className="mb-5">
        <h2 id="in-corso-titolo" className="h3">
          {t("plan.active.title")}
        </h2>
        <p className="small">{t("plan.active.pendingHint")}</p>
        {plan.active.length === 0 ? (
          <p>{t("plan.active.none")}</p>
        ) : (
          <ul data-testid="plan-active">
            {plan.active.map((e) => (
              <li key={e.id}>
                <Link to={`/eventi/${e.eventId}`} lang={partLang(e.titleLanguage, locale)}>
                  {e.title}
                </Link>{" "}
                · {labelOf(EVENT_LEVEL_LABELS, e.level, locale)}, {labelOf(EVENT_MODE_LABELS, e.mode, locale)} ·{" "}
                {/* A waitlist position, an offer or an application holds no seat: no hours to show. */}
                {e.state === "in-sospeso" ? t("plan.state.in-sospeso") : hours(e.minutes)} ·{" "}
                <strong>{labelOf(ENROLMENT_STATUS_LABELS, e.status, locale)}</strong>
              </li>
            ))}
          </ul>
        )}
        <h2 id="concluse-titolo" className="h3 mt-4">
          {t("plan.completed.title")}
        </h2>
        <p className="small">{t("plan.completed.hint")}</p>
        {plan.completed.length === 0 ? (
          <p>{t("plan.completed.none")}</p>
        ) : (
          <ul data-testid="plan-completed">
            {plan.completed.map((e) => (
              <li key={e.id}>
                <Link to={`/eventi/${e.eventId}`} lang={partLang(e.titleLanguage, locale)}>
                  {e.title}
                </Link>{" "}
                · {dayRangeText(t, e.startsOn, e.endsOn, locale)} · {hours(e.minutes)} ({t(`plan.state.${e.state}`)})
              </li>
            ))}
          </ul>
        )}
      </section>

      {/* External training */}
      <section aria-labelledby="esterna-titolo" className="mb-5">
        <h2 id="esterna-titolo" className="h3">
          {t("plan.external.title")}
        </h2>
        <p>{t("plan.external.intro")}</p>
        {(done === "aggiunta" || done === "aggiunta-altro-anno" || done === "eliminata") && externalForm.valid ? (
          <OutcomeNotice level={3}>
            {done === "aggiunta"
              ? t("plan.external.added")
              : done === "aggiunta-altro-anno"
                ? t("plan.external.addedOtherYear", { year: yearLabel })
                : t("plan.external.deleted")}
          </OutcomeNotice>
        ) : null}
        {plan.externals.length === 0 ? (
          <p>{t("plan.external.none")}</p>
        ) : (
          <ul className="list-unstyled">
            {plan.externals.map((x) => (
              <li key={x.id} className="card shadow-sm mb-3" data-testid="external-training">
                <div className="card-body">
                  <h3 className="h5 card-title">{x.title}</h3>
                  <p className="mb-1">
                    {t("plan.external.organiser", { organiser: x.organiser })} ·{" "}
                    {dayRangeText(t, x.startsOn, x.endsOn, locale)} · {hours(x.minutes)} ({t(`plan.state.${x.state}`)})
                  </p>
                  {x.level || x.mode ? (
                    <p className="mb-1 small">
                      {[labelOf(EVENT_LEVEL_LABELS, x.level, locale), labelOf(EVENT_MODE_LABELS, x.mode, locale)]
                        .filter(Boolean)
                        .join(", ")}
                    </p>
                  ) : null}
                  <div className="d-flex flex-wrap gap-2 mt-2">
                    {x.hasCertificate ? (
                      <a className="btn btn-outline-primary btn-sm" href={`/il-mio-piano/attestati/${x.id}`}>
                        {t("plan.external.certificate", { title: x.title })}
                      </a>
                    ) : null}
                    {deleting === x.id ? null : (
                      <Form method="get" action={`/il-mio-piano#elimina-${x.id}`}>
                        <input type="hidden" name="anno" value={yearLabel} />
                        <input type="hidden" name="elimina" value={x.id} />
                        {/* "Mantieni" in the second step links to this id: the focus comes back here. */}
                        <button id={`elimina-esterna-${x.id}`} type="submit" className="btn btn-outline-danger btn-sm">
                          {t("plan.external.delete", { title: x.title })}
                        </button>
                      </Form>
                    )}
                  </div>
                  {deleting === x.id ? (
                    // Second step: the row and its certificate file go for good, so only on an explicit confirmation.
                    <ConfirmStep
                      id="confirm-external-delete"
                      headingId={`elimina-${x.id}`}
                      headingLevel={4}
                      className="mt-3"
                      small
                      title={t("plan.external.confirmDelete.title", { title: x.title })}
                      text={
                        x.hasCertificate
                          ? t("plan.external.confirmDelete.textWithCertificate")
                          : t("plan.external.confirmDelete.text")
                      }
                      yes={t("plan.external.confirmDelete.yes", { title: x.title })}
                      keep={t("plan.external.confirmDelete.keep")}
                      keepHref={`/il-mio-piano?anno=${yearLabel}#elimina-esterna-${x.id}`}
                      action={`/il-mio-piano?anno=${yearLabel}`}
                      fields={{ intent: "external-delete", trainingId: x.id }}
                    />
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        <h3 className="h5 mt-4">{t("plan.external.add")}</h3>
        <Form method="post" encType="multipart/form-data" {...getFormProps(externalForm)}>
          <input type="hidden" name="intent" value="external-add" />
          <FormErrorSummary errors={externalForm.errors} />
          <div className="row">
            <div className="col-md-7">
              <TextField field={externalFields.title} label={t("plan.external.field.title")} required />
            </div>
            <div className="col-md-5">
              <TextField field={externalFields.organiser} label={t("plan.external.field.organiser")} required />
            </div>
          </div>
          <div className="row">
            <div className="col-md-4">
              <TextField
                field={externalFields.startsOn}
                label={t("plan.external.field.startsOn")}
                type="date"
                required
              />
            </div>
            <div className="col-md-4">
              <TextField field={externalFields.endsOn} label={t("plan.external.field.endsOn")} type="date" required />
            </div>
            <div className="col-md-4">
              <TextField
                field={externalFields.hours}
                label={t("plan.external.field.hours")}
                hint={t("plan.external.field.hoursHint")}
                required
              />
            </div>
          </div>
          <div className="row">
            <div className="col-md-6">
              <SelectField
                field={externalFields.level}
                label={t("plan.external.field.level")}
                choices={options(EVENT_LEVEL_LABELS, locale)}
                placeholder={t("plan.external.field.none")}
              />
            </div>
            <div className="col-md-6">
              <SelectField
                field={externalFields.mode}
                label={t("plan.external.field.mode")}
                choices={options(EVENT_MODE_LABELS, locale)}
                placeholder={t("plan.external.field.none")}
              />
            </div>
          </div>
          <div className="form-group">
            <label htmlFor={externalFields.certificate.id} className="active d-block">
              {t("plan.external.field.certificate")}
            </label>
            <input
              {...certificateProps}
              key={certificateProps.key}
              accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
              className={`form-control${externalFields.certificate.errors?.length ? " is-invalid" : ""}`}
              aria-describedby={[
                `${externalFields.certificate.id}-hint`,
                externalFields.certificate.errors?.length ? externalFields.certificate.errorId : null,
              ]
                .filter(Boolean)
                .join(" ")}
            />
            <small id={`${externalFields.certificate.id}-hint`} className="form-text">
              {t("plan.external.field.certificateHint")}
            </small>
            <FieldErrors id={externalFields.certificate.errorId} errors={externalFields.certificate.errors} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={addingExternal}>
            {t("plan.external.submit")}
          </button>
        </Form>
      </section>

      {/* Email preferences */}
      <section aria-labelledby="promemoria-titolo" className="mb-5">
        <h2 id="promemoria-titolo" className="h3">
          {t("plan.prefs.title")}
        </h2>
        {done === "preferenze" ? <OutcomeNotice level={3}>{t("plan.prefs.saved")}</OutcomeNotice> : null}
        <Form method="post" key={String(plan.teacher.emailReminders)}>
          <input type="hidden" name="intent" value="preferences" />
          <div className="form-check">
            <input
              id="email-reminders"
              type="checkbox"
              name="emailReminders"
              defaultChecked={plan.teacher.emailReminders}
              aria-describedby="email-reminders-hint"
            />
            <label htmlFor="email-reminders">{t("plan.prefs.reminders")}</label>
          </div>
          <p id="email-reminders-hint" className="small">
            {t("plan.prefs.transactional")}
          </p>
          <button type="submit" className="btn btn-outline-primary btn-sm">
            {t("plan.prefs.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
