// The organiser's side of applications on the edition page: admission switch, questions and
// criteria, the ranked applicants with their scores, selection and closing the selection.
// Plain POST forms (they work without JS); each input has a label, and its errors are linked
// with aria-describedby.
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import {
  ADMISSION_LABELS,
  ADMISSION_MODES,
  formatCriteria,
  formatQuestions,
  type AdmissionSwitchRefusal,
  type CloseSelectionPreview,
  type Criterion,
  type Question,
  type SelectTopPreview,
} from "~/domain/application.ts";
import { labelOf, REGION_LABELS, type Locale } from "~/domain/vocabulary.ts";
import { useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { listedName, NameAndEmail, PeopleTable, SchoolOf, StackedLabel, type ListedPerson } from "../listed-person.tsx";

/** What the edition page's action returns for the application forms. */
export type ApplicationActionData = {
  error?: string;
  /** The edition page's cancellation step stays open to show its error next to the reason. */
  cancelling?: boolean;
  /** The edition page's step before closing enrolment stays open to show its error. */
  closing?: boolean;
  /** Closing the selection was refused without its second step: the step shows the error. */
  closingSelection?: boolean;
  /** "Seleziona le prime N" was refused: its second step, if open, shows the error. */
  selectingTop?: boolean;
  /** A refused admission switch: the mode as chosen, shown again with the error at the field. */
  admissionTyped?: string;
  /** The move step (a participant to another edition) stays open for this enrolment to show its error. */
  moving?: string;
  setup?: { questions: string[]; criteria: string[]; values: { questions: string; criteria: string } };
  score?: { enrolmentId: string; errors: Record<string, string[]>; values: Record<string, string>; priority: boolean };
  /** The seat cap, the freed-seat rules or a new quota as typed, shown again when refused (a new page without JavaScript). */
  typed?: EditionSettingsTyped;
};

export type EditionSettingsTyped = {
  intent: "seat-cap" | "promotion" | "add-quota";
  values: Partial<Record<string, string>>;
};

/** Scores as typed and shown: up to two decimals, no grouping, the locale's decimal separator. */
function scoreFormat(locale: Locale) {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "it-IT", { maximumFractionDigits: 2, useGrouping: false });
}

/** A message key, or "key#line" for an error on one line of the questions or criteria. */
function errorText(t: Translate, message: string, params: Record<string, string | number> = {}): string {
  const [key, line] = message.split("#");
  return t(key as MessageKey, { ...params, ...(line ? { line } : {}) });
}

function Errors({ id, errors, params }: { id: string; errors?: string[]; params?: Record<string, string | number> }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div id={id} className="field-error" role="alert">
      {errors.map((e) => (
        <div key={e}>{errorText(t, e, params)}</div>
      ))}
    </div>
  );
}

export function AdmissionForm({
  admission,
  canSwitch,
  locked,
  editionId,
  typed,
  error,
}: {
  admission: string;
  canSwitch: boolean;
  /** Why the mode can no longer change (admissionSwitchRefusal), said under the choices. */
  locked?: AdmissionSwitchRefusal | null;
  editionId: string;
  /** A refused switch: the mode as chosen, kept, and why it was refused, at the field. */
  typed?: string;
  error?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const describedBy = [canSwitch ? null : "admission-locked", error ? "admission-error" : null].filter(Boolean);
  return (
    // The answer opens at the choice (#admission-heading), its refusal below it, with or without JavaScript.
    <Form method="post" action={`/gestione/edizioni/${editionId}#admission-heading`} className="mb-4">
      <input type="hidden" name="intent" value="admission" />
      <fieldset disabled={!canSwitch} aria-describedby={describedBy.length ? describedBy.join(" ") : undefined}>
        <legend className="h5">{t("applications.admission.legend")}</legend>
        {ADMISSION_MODES.map((mode) => (
          <div className="form-check" key={mode}>
            <input
              type="radio"
              id={`admission-${mode}`}
              name="admission"
              value={mode}
              defaultChecked={(typed ?? admission) === mode}
            />
            <label htmlFor={`admission-${mode}`}>{labelOf(ADMISSION_LABELS, mode, locale)}</label>
          </div>
        ))}
        {canSwitch ? null : (
          <p id="admission-locked" className="small">
            {t(
              locked === "selection-closed"
                ? "applications.admission.selection-closed"
                : "applications.admission.locked",
            )}
          </p>
        )}
        {error ? (
          <div id="admission-error" className="field-error" role="alert">
            {error}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary btn-sm">
          {t("applications.admission.save")}
        </button>
      </fieldset>
    </Form>
  );
}

export function ApplicationSetupForm({
  questions,
  criteria,
  feedback,
  registration = false,
}: {
  questions: Question[];
  criteria: Criterion[];
  feedback?: ApplicationActionData["setup"];
  /** A first-come edition: registration questions only, no ranking criteria. */
  registration?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const field = (name: "questions" | "criteria", rows: number, defaultValue: string) => {
    const errors = feedback?.[name] ?? [];
    const describedBy = [`setup-${name}-hint`, errors.length ? `setup-${name}-error` : null].filter(Boolean).join(" ");
    return (
      <div className="form-group">
        <label htmlFor={`setup-${name}`} className="active">
          {t(
            name === "criteria"
              ? "applications.setup.criteria"
              : registration
                ? "applications.registration.questions"
                : "applications.setup.questions",
          )}
        </label>
        <textarea
          id={`setup-${name}`}
          name={name}
          rows={rows}
          className={`form-control${errors.length ? " is-invalid" : ""}`}
          defaultValue={feedback ? feedback.values[name] : defaultValue}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={describedBy}
          maxLength={10_000}
        />
        <small id={`setup-${name}-hint`} className="form-text">
          {t(
            name === "criteria"
              ? "applications.setup.criteriaHint"
              : registration
                ? "applications.registration.questionsHint"
                : "applications.setup.questionsHint",
          )}
        </small>
        <Errors id={`setup-${name}-error`} errors={errors} />
      </div>
    );
  };
  return (
    <section aria-labelledby="setup-heading" className="mb-4">
      <h2 id="setup-heading" className="h4">
        {t(registration ? "applications.registration.title" : "applications.setup.title")}
      </h2>
      <Form method="post">
        <input type="hidden" name="intent" value="application-setup" />
        {field("questions", 4, formatQuestions(questions, locale))}
        {registration ? null : field("criteria", 3, formatCriteria(criteria))}
        <button type="submit" className="btn btn-primary btn-sm">
          {t(registration ? "applications.registration.save" : "applications.setup.save")}
        </button>
      </Form>
    </section>
  );
}

type Applicant = {
  id: string;
  rank: number;
  motivation: string | null;
  answers: Record<string, string>;
  scores: Record<string, number>;
  totalScore: number | null;
  priority: boolean;
  createdAt: Date | string;
  user: ListedPerson;
};

function ScoreForm({
  applicant,
  criteria,
  feedback,
}: {
  applicant: Applicant;
  criteria: Criterion[];
  feedback?: ApplicationActionData["score"];
}) {
  const t = useT();
  const locale = useLocale();
  const mine = feedback?.enrolmentId === applicant.id ? feedback : undefined;
  const name = listedName(applicant.user, locale);
  const number = scoreFormat(locale);
  return (
    <Form
      method="post"
      className="d-flex flex-column gap-1"
      aria-label={`${t("applications.col.assessment")}: ${name}`}
    >
      <input type="hidden" name="intent" value="score" />
      <input type="hidden" name="enrolmentId" value={applicant.id} />
      {criteria.map((c) => {
        const id = `score-${applicant.id}-${c.id}`;
        const errors = mine?.errors[c.id] ?? [];
        const stored = applicant.scores[c.id];
        return (
          <div key={c.id} className="form-group mb-1">
            <label htmlFor={id} className="active small">
              {t("applications.scoreLabel", { criterion: c.label, max: c.maxScore })}
              <span className="visually-hidden"> – {name}</span>
            </label>
            <input
              id={id}
              name={`scores.${c.id}`}
              inputMode="decimal"
              className={`form-control form-control-sm${errors.length ? " is-invalid" : ""}`}
              defaultValue={mine ? (mine.values[c.id] ?? "") : stored === undefined ? "" : number.format(stored)}
              aria-invalid={errors.length ? true : undefined}
              aria-describedby={errors.length ? `${id}-error` : undefined}
              required
            />
            <Errors id={`${id}-error`} errors={errors} params={{ max: c.maxScore }} />
          </div>
        );
      })}
      <div className="form-check">
        <input
          type="checkbox"
          id={`priority-${applicant.id}`}
          name="priority"
          defaultChecked={mine ? mine.priority : applicant.priority}
        />
        <label htmlFor={`priority-${applicant.id}`}>
          {t("applications.priority")}
          <span className="visually-hidden"> – {name}</span>
        </label>
      </div>
      <button type="submit" className="btn btn-outline-primary btn-sm">
        {t("applications.score.save")}
        <span className="visually-hidden"> – {name}</span>
      </button>
    </Form>
  );
}

/** What closing the selection will do, with the numbers (the second step's text). */
function closeStepText(t: Translate, step: CloseSelectionPreview): string {
  const count = step.underReview;
  if (!step.reserve) return `${t("applications.close.step.reject", { count })} ${t("applications.close.step.final")}`;
  const seats =
    count === 0
      ? ""
      : step.giving === "none"
        ? t("applications.close.step.trainingOver")
        : step.unlimited
          ? t(step.giving === "offer" ? "applications.close.step.offerAll" : "applications.close.step.giveAll", {
              hours: step.offerHours,
            })
          : t(step.giving === "offer" ? "applications.close.step.offerSeats" : "applications.close.step.giveSeats", {
              seats: step.seatsAtOnce,
              hours: step.offerHours,
            });
  return [t("applications.close.step.reserve", { count }), seats, t("applications.close.step.final")]
    .filter(Boolean)
    .join(" ");
}

/** Links to the ranking's other pages, keeping the page's other parameters (the participant list's filters). */
function RankingPages({ page, pages, total }: { page: number; pages: number; total: number }) {
  const t = useT();
  const [params] = useSearchParams();
  const link = (to: number) => {
    const next = new URLSearchParams(params);
    for (const name of ["fatto", "seleziona", "chiudi-selezione", "riserva"]) next.delete(name);
    next.set("candidature-pagina", String(to));
    return `?${next.toString()}#ranking-heading`;
  };
  return (
    <nav aria-label={t("applications.ranking.pages")} className="d-flex gap-3 align-items-center mb-3">
      {page > 1 ? <Link to={link(page - 1)}>{t("events.admin.list.previous")}</Link> : null}
      <span>{t("applications.ranking.page", { page, pages, total })}</span>
      {page < pages ? <Link to={link(page + 1)}>{t("events.admin.list.next")}</Link> : null}
    </nav>
  );
}

/** What selecting the first N will do, with the numbers (the second step's text). */
function selectStepText(t: Translate, step: SelectTopPreview, locale: Locale): string {
  const names = step.unscoredNamed.map((p) => listedName(p, locale)).join(", ");
  const more = step.unscored - step.unscoredNamed.length;
  return [
    t("applications.selectTop.step.seated", { count: step.seated }),
    t("applications.selectTop.step.unscored", { count: step.unscored }),
    step.unscored > 0
      ? t("applications.selectTop.step.unscoredNames", {
          names: more > 0 ? `${names} ${t("applications.selectTop.step.more", { count: more })}` : names,
        })
      : "",
    t("applications.selectTop.step.final"),
  ]
    .filter(Boolean)
    .join(" ");
}

export function ApplicantsRanking({
  applicants,
  total,
  page,
  pages,
  questions,
  criteria,
  selectable,
  seatCap,
  selectionClosedAt,
  active,
  selectionRefused,
  eventStatus,
  offerHours,
  feedback,
  editionId,
  closeStep,
  closeStepError,
  selectStep,
  selectStepError,
}: {
  /** One page of the ranking (ranks global). */
  applicants: Applicant[];
  /** Applicants under review, every page. */
  total: number;
  page: number;
  pages: number;
  questions: Question[];
  criteria: Criterion[];
  selectable: number;
  seatCap: number | null;
  selectionClosedAt: Date | string | null;
  active: boolean;
  /**
   * Why select() would refuse now (selectionRefusal: a closed, cancelled or unpublished event, a cancelled edition),
   * null while the selection may go on: then the ranking stays readable and offers no selection, score or close.
   */
  selectionRefused: string | null;
  /** The event's status, for the sentence that says why the selection is over (or not open yet). */
  eventStatus: string;
  /** How long a reserve has to accept an offered seat (the edition's offer window). */
  offerHours: number;
  feedback?: ApplicationActionData["score"];
  editionId: string;
  /** The second step of closing the selection (?chiudi-selezione=1): what it will do. */
  closeStep: CloseSelectionPreview | null;
  closeStepError?: string;
  /** The second step of "Seleziona le prime N" (?seleziona=N): what it will do, or that N is over the free seats. */
  selectStep: SelectTopPreview | null;
  selectStepError?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const open = active && selectionClosedAt === null && selectionRefused === null;
  // Said once at the top of the ranking: a closed event (or one not yet published) takes no selection, and the page
  // offers none (a cancelled edition is said by the page's own status note).
  const eventNote =
    selectionRefused === null || selectionClosedAt !== null
      ? null
      : eventStatus === "chiuso"
        ? t("applications.ranking.eventClosed")
        : eventStatus === "bozza"
          ? t("applications.ranking.eventDraft")
          : null;
  const number = scoreFormat(locale);
  return (
    <section aria-labelledby="ranking-heading" className="mb-5">
      <h2 id="ranking-heading" className="h4">
        {t("applications.ranking.title")}
      </h2>
      {selectionClosedAt ? (
        <div className="alert alert-info" role="status">
          {t("applications.closedOn", { date: formatDateTime(selectionClosedAt, locale) })}
        </div>
      ) : null}
      {eventNote ? (
        <div className="alert alert-info" role="status" data-testid="selection-event-closed">
          {eventNote}
        </div>
      ) : null}
      <p className="small">{t("applications.ranking.rule")}</p>
      {criteria.length === 0 && open ? <p className="small">{t("applications.score.no-criteria")}</p> : null}
      {total === 0 ? (
        <p>{t("applications.ranking.none")}</p>
      ) : (
        <PeopleTable
          testId="applicants"
          caption={t("applications.ranking.title")}
          className="mb-3"
          stacked
          columns={[
            t("applications.col.rank"),
            t("applications.col.applicant"),
            t("applications.col.application"),
            t("applications.col.assessment"),
            open ? t("applications.col.select") : null,
          ]}
        >
          {applicants.map((a) => {
            const name = listedName(a.user, locale);
            return (
              // The row a saved score comes back to (#candidatura-<id>), focused by the fragment.
              <tr key={a.id} id={`candidatura-${a.id}`} tabIndex={-1} data-testid="applicant">
                <th scope="row">
                  <StackedLabel>{t("applications.col.rank")}</StackedLabel>
                  {a.rank}
                </th>
                <td>
                  <NameAndEmail name={name} email={a.user.email} refusedAt={a.user.emailRefusedAt} />
                  <div className="small">
                    <SchoolOf person={a.user} />
                  </div>
                  <div className="small">{labelOf(REGION_LABELS, a.user.regionCode, locale)}</div>
                </td>
                <td className="small">
                  <div>{t("applications.appliedAt", { date: formatDateTime(a.createdAt, locale) })}</div>
                  <div>
                    <strong>{t("applications.motivation")}:</strong> {a.motivation}
                  </div>
                  {questions.length ? (
                    <dl className="mb-0">
                      {questions.map((q) => (
                        <div key={q.id}>
                          <dt className="d-inline">{q.label}:</dt>{" "}
                          <dd className="d-inline">{a.answers[q.id] ?? "—"}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </td>
                <td>
                  <StackedLabel>{t("applications.col.assessment")}</StackedLabel>
                  <p className="mb-1" data-testid="applicant-total">
                    {a.totalScore === null
                      ? t("applications.notScored")
                      : t("applications.total", { total: number.format(a.totalScore) })}
                    {a.priority ? ` · ${t("applications.priority")}` : ""}
                  </p>
                  {open && criteria.length ? <ScoreForm applicant={a} criteria={criteria} feedback={feedback} /> : null}
                </td>
                {open ? (
                  <td className="stacked-actions">
                    <Form method="post">
                      <input type="hidden" name="intent" value="select-one" />
                      <input type="hidden" name="enrolmentId" value={a.id} />
                      <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
                        {t("applications.selectOne", { name })}
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </PeopleTable>
      )}
      {pages > 1 ? <RankingPages page={page} pages={pages} total={total} /> : null}
      {open ? (
        <div className="row">
          <div className="col-md-6">
            {selectStep && !selectStep.overCap ? (
              <ConfirmStep
                id="seleziona-prime"
                headingId="seleziona-prime"
                className="mb-3"
                title={t("applications.selectTop.step.title", { count: selectStep.seated })}
                text={selectStepText(t, selectStep, locale)}
                yes={t("applications.selectTop.step.yes")}
                keep={t("applications.selectTop.step.keep")}
                keepHref={`/gestione/edizioni/${editionId}#select-count`}
                fields={{ intent: "select-top", count: String(selectStep.requested) }}
                error={selectStepError}
                disabled={busy}
                small
              />
            ) : (
              // First step: how many (a GET, nothing changes yet); the second says who takes a seat.
              <Form method="get" action={`/gestione/edizioni/${editionId}#seleziona-prime`} className="mb-3">
                <div className="form-group">
                  <label htmlFor="select-count" className="active">
                    {seatCap === null
                      ? t("applications.selectTop.unlimited")
                      : t("applications.selectTop.label", { free: selectable })}
                  </label>
                  <input
                    id="select-count"
                    name="seleziona"
                    type="number"
                    min={1}
                    className={`form-control${selectStep ? " is-invalid" : ""}`}
                    defaultValue={selectStep ? selectStep.requested : selectable || ""}
                    aria-invalid={selectStep ? true : undefined}
                    aria-describedby={selectStep ? "seleziona-prime" : undefined}
                    required
                  />
                  {selectStep ? (
                    // N over the free seats: said at the field, before any confirmation.
                    <div id="seleziona-prime" className="field-error" role="alert" tabIndex={-1}>
                      {selectStepError ??
                        t("applications.select.error.over-cap", {
                          free: selectStep.free,
                          requested: selectStep.requested,
                        })}
                    </div>
                  ) : null}
                </div>
                <button type="submit" className="btn btn-primary btn-sm" disabled={busy || total === 0}>
                  {t("applications.selectTop.submit")}
                </button>
              </Form>
            )}
          </div>
          <div className="col-md-6">
            {closeStep ? (
              <ConfirmStep
                id="chiudi-selezione"
                className="mb-3"
                title={t("applications.close.step.title")}
                text={closeStepText(t, closeStep)}
                yes={t("applications.close.step.yes")}
                keep={t("applications.close.step.keep")}
                keepHref={`/gestione/edizioni/${editionId}#chiudi-selezione-apri`}
                fields={{ intent: "close-selection", ...(closeStep.reserve ? { reserve: "on" } : {}) }}
                error={closeStepError}
                disabled={busy}
                small
              />
            ) : (
              // First step: the choice of a reserve list, then the confirmation (a GET, nothing changes yet).
              <Form method="get" action={`/gestione/edizioni/${editionId}#chiudi-selezione-title`} className="mb-3">
                <input type="hidden" name="chiudi-selezione" value="1" />
                <p id="close-selection-hint" className="small">
                  {t("applications.close.hint", { hours: offerHours })}
                </p>
                <div className="form-check mb-2">
                  {/* Without a seat cap a reserve list would be offered a seat at once, every one of them: not ticked. */}
                  <input
                    type="checkbox"
                    id="close-reserve"
                    name="riserva"
                    value="1"
                    defaultChecked={seatCap !== null}
                    aria-describedby={seatCap === null ? "close-reserve-unlimited" : undefined}
                  />
                  <label htmlFor="close-reserve">{t("applications.close.reserve")}</label>
                  {seatCap === null ? (
                    <p id="close-reserve-unlimited" className="small mb-0">
                      {t("applications.close.reserveUnlimited")}
                    </p>
                  ) : null}
                </div>
                <button
                  id="chiudi-selezione-apri"
                  type="submit"
                  className="btn btn-outline-danger btn-sm"
                  aria-describedby="close-selection-hint"
                  disabled={busy}
                >
                  {t("applications.close.submit")}
                </button>
              </Form>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
