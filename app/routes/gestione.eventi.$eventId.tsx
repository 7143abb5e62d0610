import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useOutlet, useSearchParams } from "@remix-run/react";
import { allowedTransitions, enrolmentOpensOnPublishing, isEditable, isHttpUrl } from "~/domain/event-rules.ts";
import { eventCancellationPlan } from "~/domain/state-machine.ts";
import {
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_STATUS_LABELS,
  EVENT_TYPE_LABELS,
  LANGUAGE_LABELS,
  PROFESSIONAL_ROLE_LABELS,
  REGION_LABELS,
  SCHOOL_LEVEL_LABELS,
  SESSION_DELIVERY_LABELS,
  SESSION_PLACE_LABELS,
  THEME_LABELS,
  labelOf,
} from "~/domain/vocabulary.ts";
import { hasOwnPlace } from "~/domain/session-place.ts";
import { nameIn } from "~/domain/stored-reasons.ts";
import { CancellationConfirm } from "~/components/cancellation-confirm.tsx";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { AuditTable } from "~/components/audit-table.tsx";
import { eventAuditLine } from "~/components/event-audit-line.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { percentWithArticle } from "~/domain/completion-rule.ts";
import { eventPageActionSchema } from "~/forms/event-form.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { messageWith, partLang, type Translate, useLocale, useT } from "~/i18n/i18n.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { listAudit } from "~/models/audit.server.ts";
import {
  assignTrainer,
  changeEventStatus,
  getManagedEvent,
  listTrainerCandidates,
  refusalResponse,
  requireManagedEvent,
  unassignTrainer,
} from "~/models/event.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { formatDateTime, formatShortDate } from "~/utils/dates.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.manage",
      data?.event.title,
      outcomeOf(new URLSearchParams(location.search).get("esito")),
    ),
  },
];

/** What ?esito= (the address the event's forms redirect to) says was just done, as the title's outcome. */
function outcomeOf(done: string | null): MessageKey | null {
  if (done === "salvato") return "outcome.eventSaved";
  if (done === "copiato") return "outcome.eventCopied";
  if (done?.startsWith("stato-")) return "outcome.eventStatusChanged";
  if (done === "formatore-assegnato") return "outcome.trainerAssigned";
  if (done === "formatore-tolto") return "outcome.trainerRemoved";
  return null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const found = await getManagedEvent(actor, idParam(params.eventId));
  if (!found.ok) throw refusalResponse(found);
  const [audit, candidates] = await Promise.all([
    listAudit("event", found.event.id).then((page) => page.rows),
    listTrainerCandidates(),
  ]);
  const assigned = new Set(found.event.trainers.map((t) => t.user.id));
  const transitions = allowedTransitions(found.event.status);
  return {
    event: found.event,
    transitions,
    // What the publishing step (?pubblica=1) says of enrolment: when it opens (Rome time on the page).
    publishing: transitions.includes("pubblicato")
      ? { enrolmentOpens: enrolmentOpensOnPublishing(found.event.editions, new Date()) }
      : null,
    // What cancelling the event would do: the editions it cancels, and those already concluded that refuse it.
    cancellationPlan: eventCancellationPlan(found.event.editions, new Date()),
    editable: isEditable(found.event.status),
    audit,
    candidates: candidates.filter((c) => !assigned.has(c.id)),
    // Why nobody can be picked: no one has the role, or everyone who has it is assigned already.
    trainersToAssign:
      candidates.length === 0 ? "none" : candidates.every((c) => assigned.has(c.id)) ? "all-assigned" : "some",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const event = await requireManagedEvent(actor, idParam(params.eventId));
  const submission = parseWithZod(await readForm(request), { schema: eventPageActionSchema });
  if (submission.status !== "success") {
    // The cancellation step stays open with its reason and the error next to the field.
    const cancelling = failedIntentOf(submission) === "cancel";
    // Publishing without its confirmation: the publishing step opens with the error.
    const publishing = failedIntentOf(submission) === "status" && submission.payload.to === "pubblicato";
    const reason = submission.payload.reason;
    return data(
      {
        error: (cancelling
          ? "cancellation.reasonRequired"
          : publishing
            ? "events.admin.publish.confirmRequired"
            : "events.error.badRequest") as MessageKey,
        errorValues: {} as Record<string, string>,
        issues: [] as string[],
        cancelling,
        closing: false,
        publishing,
        reason: cancelling && typeof reason === "string" ? reason.slice(0, 600) : "",
      },
      { status: 400 },
    );
  }
  const form = submission.value;
  // Cancelling is irreversible: only from its second step, with a reason (intent "cancel").
  if (form.intent === "status" && form.to === "annullato") {
    return data(
      {
        error: "cancellation.confirmRequired" as MessageKey,
        errorValues: {} as Record<string, string>,
        issues: [] as string[],
        cancelling: true,
        closing: false,
        publishing: false,
        reason: "",
      },
      { status: 400 },
    );
  }
  // Closing is irreversible too: only from its confirmation step (?chiudi=1), which sends confirm=yes.
  if (form.intent === "status" && form.to === "chiuso" && form.confirm !== "yes") {
    return data(
      {
        error: "events.admin.close.confirmRequired" as MessageKey,
        errorValues: {} as Record<string, string>,
        issues: [] as string[],
        cancelling: false,
        closing: true,
        publishing: false,
        reason: "",
      },
      { status: 400 },
    );
  }
  const outcome =
    form.intent === "status"
      ? await changeEventStatus(actor, event.id, form.to)
      : form.intent === "cancel"
        ? await changeEventStatus(actor, event.id, "annullato", form.reason)
        : form.intent === "assign-trainer"
          ? await assignTrainer(actor, event.id, form.userId)
          : await unassignTrainer(actor, event.id, form.userId);
  if (outcome.ok) {
    const result =
      form.intent === "status"
        ? `stato-${form.to}`
        : form.intent === "cancel"
          ? "stato-annullato"
          : form.intent === "assign-trainer"
            ? "formatore-assegnato"
            : "formatore-tolto";
    return redirect(`/gestione/eventi/${event.id}?esito=${result}`);
  }
  if (outcome.status === 403 || outcome.status === 404) throw refusalResponse(outcome);
  const error: MessageKey =
    "issues" in outcome
      ? "events.error.publishInvalid"
      : outcome.reason === "not-a-trainer"
        ? "events.error.notATrainer"
        : outcome.reason === "reason-required"
          ? "cancellation.reasonRequired"
          : outcome.reason === "status-changed"
            ? "events.error.statusChanged"
            : outcome.reason === "transition-not-allowed"
              ? "events.error.transitionNotAllowed"
              : "concluded" in outcome && outcome.concluded.length > 0
                ? "events.error.editionsConcluded"
                : outcome.reason === "edition-concluded"
                  ? "events.error.editionConcluded"
                  : "events.error.badRequest";
  return data(
    {
      error,
      // The editions that have taken place, named in the refusal.
      errorValues: "concluded" in outcome ? { editions: outcome.concluded.join(", ") } : ({} as Record<string, string>),
      issues: "issues" in outcome ? outcome.issues : [],
      cancelling: form.intent === "cancel",
      closing: false,
      publishing: false,
      // A refused cancellation keeps the reason the organiser typed, for another try.
      reason: form.intent === "cancel" ? form.reason : "",
    },
    { status: outcome.status },
  );
}

const TRANSITION_LABEL: Record<string, MessageKey> = {
  pubblicato: "events.admin.detail.publish",
  chiuso: "events.admin.detail.close",
  annullato: "events.admin.detail.cancel",
};

/** The editions a save renumbered, as the edit page's action puts them in the URL ("2-3,3-4"); empty if none or malformed. */
function renumberedInUrl(value: string | null): { from: number; to: number }[] {
  if (!value || !/^\d{1,4}-\d{1,4}(,\d{1,4}-\d{1,4}){0,99}$/.test(value)) return [];
  return value.split(",").map((pair) => {
    const [from, to] = pair.split("-").map(Number);
    return { from: from!, to: to! };
  });
}

/**
 * The seated people a save's narrower audience left outside it, per edition, as the edit page's action puts them in
 * the URL ("<edition id>-<count>,…"), for the editions of this event; empty if none or malformed.
 */
function seatedOutsideInUrl(
  value: string | null,
  editions: readonly { id: string; number: number }[],
): { editionId: string; number: number; count: number }[] {
  if (!value || !/^[A-Za-z0-9_]{1,64}-\d{1,6}(,[A-Za-z0-9_]{1,64}-\d{1,6}){0,99}$/.test(value)) return [];
  return value.split(",").flatMap((pair) => {
    const [editionId, count] = pair.split("-");
    const edition = editions.find((e) => e.id === editionId);
    return edition && Number(count) > 0
      ? [{ editionId: edition.id, number: edition.number, count: Number(count) }]
      : [];
  });
}

function translateIssue(t: Translate, issue: string) {
  return issue.includes(".") && !issue.includes(" ") ? t(issue as MessageKey) : issue;
}

export default function OrganiserEventPage() {
  // /gestione/eventi/:id/modifica is a child route: it replaces this page rather than sitting inside it.
  const outlet = useOutlet();
  return outlet ?? <EventDetails />;
}

function EventDetails() {
  const t = useT();
  const locale = useLocale();
  const { event, transitions, publishing, cancellationPlan, editable, audit, candidates, trainersToAssign } =
    useLoaderData<typeof loader>();
  // Who created the event: a closed account's pseudonym in the page's language.
  const creator = nameIn(event.createdBy, locale);
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const successInUrl = useSuccessInUrl();
  const outcome = successInUrl("esito");
  // Editions follow their start days: a save that changed their numbers says which (they change for participants too).
  const renumbered = outcome === "salvato" ? renumberedInUrl(searchParams.get("numeri")) : [];
  // A narrower audience that seated people no longer match: they keep their seat, the organiser is told how many.
  const seatedOutside = outcome === "salvato" ? seatedOutsideInUrl(searchParams.get("fuori"), event.editions) : [];
  const seatedOutsideTotal = seatedOutside.reduce((sum, o) => sum + o.count, 0);
  const busy = navigation.state !== "idle";
  const statusLabel = labelOf(EVENT_STATUS_LABELS, event.status, locale);
  // Second step of cancelling (?annulla=1, or the step sent back with an error): works without JavaScript.
  const cancelling =
    transitions.includes("annullato") && (searchParams.get("annulla") === "1" || actionData?.cancelling === true);
  // The same second step before closing (?chiudi=1): closing cannot be undone either.
  const closing =
    !cancelling &&
    transitions.includes("chiuso") &&
    (searchParams.get("chiudi") === "1" || actionData?.closing === true);
  // And before publishing (?pubblica=1): it cannot be undone and announces the event by email.
  const publishStep =
    !cancelling && publishing !== null && (searchParams.get("pubblica") === "1" || actionData?.publishing === true)
      ? publishing
      : null;
  // The title inside the confirmations' headings, in its own language (ADR 0078).
  const titleInItsLanguage = <span lang={partLang(event.titleLanguage, locale)}>{event.title}</span>;

  return (
    <div>
      <p>
        <Link to="/gestione/eventi">{t("events.admin.detail.backToList")}</Link>
      </p>
      <h1 lang={partLang(event.titleLanguage, locale)}>{event.title}</h1>
      <p>
        <span className="badge bg-secondary">
          {t("events.admin.detail.status")}: {statusLabel}
        </span>{" "}
        {labelOf(EVENT_LEVEL_LABELS, event.level, locale)}
        {event.regionCode ? ` · ${labelOf(REGION_LABELS, event.regionCode, locale)}` : null}
      </p>

      {outcome === "salvato" ? (
        <OutcomeNotice
          details={
            <>
              {renumbered.length ? (
                <>
                  <p className="mb-0 mt-2">{t("events.admin.detail.savedRenumbered", { count: renumbered.length })}</p>
                  <ul className="mb-0">
                    {renumbered.map((r) => (
                      <li key={r.from}>{t("events.admin.detail.renumbered", r)}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {seatedOutsideTotal > 0 ? (
                <>
                  <p className="mb-0 mt-2" data-testid="seated-outside">
                    {t("events.admin.detail.seatedOutside", { count: seatedOutsideTotal })}
                  </p>
                  <ul className="mb-0">
                    {seatedOutside.map((o) => (
                      <li key={o.editionId}>
                        {t("events.admin.detail.seatedOutsideEdition", { number: o.number, count: o.count })}{" "}
                        <Link to={`/gestione/edizioni/${o.editionId}?stato=iscritto`}>
                          {t("events.admin.detail.seatedOutsideLink", { number: o.number })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          }
        >
          {t("events.admin.detail.saved")}
        </OutcomeNotice>
      ) : null}
      {outcome === "copiato" ? <OutcomeNotice>{t("events.admin.detail.copied")}</OutcomeNotice> : null}
      {outcome?.startsWith("stato-") ? (
        <OutcomeNotice>{t("events.admin.detail.statusChanged", { status: statusLabel })}</OutcomeNotice>
      ) : null}
      {/* A publication refused for what the event lacks is told here, with the list, even with the step open. */}
      {actionData?.error && !cancelling && !closing && !(publishStep && actionData.publishing) ? (
        <div className="alert alert-danger" role="alert">
          <p className="mb-0">{t(actionData.error, actionData.errorValues)}</p>
          {actionData.issues.length ? (
            <ul className="mb-0">
              {actionData.issues.map((i) => (
                <li key={i}>{translateIssue(t, i)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <section className="mb-4" aria-labelledby="actions-title">
        <h2 id="actions-title" className="h4">
          {t("events.admin.detail.actions")}
        </h2>
        <div className="d-flex flex-wrap gap-2">
          {editable ? (
            <Link to={`/gestione/eventi/${event.id}/modifica`} className="btn btn-outline-primary">
              {t("events.admin.detail.edit")}
            </Link>
          ) : null}
          <Link to={`/gestione/eventi/${event.id}/scheda`} className="btn btn-outline-primary">
            {t("sheet.admin.link")}
          </Link>
          <Link to={`/gestione/eventi/${event.id}/copia`} className="btn btn-outline-primary">
            {t("events.admin.detail.copy")}
          </Link>
          {transitions.map((to) =>
            to === "annullato" ? (
              // First step: opens the confirmation below (a GET, nothing changes yet).
              <Form method="get" key={to} action={`/gestione/eventi/${event.id}#annulla-evento-title`}>
                <input type="hidden" name="annulla" value="1" />
                <button
                  id="annulla-evento-apri"
                  type="submit"
                  className="btn btn-outline-danger"
                  disabled={busy || cancelling}
                >
                  {t(TRANSITION_LABEL[to]!)}
                </button>
              </Form>
            ) : to === "chiuso" ? (
              // First step: opens the confirmation below (a GET, nothing changes yet).
              <Form method="get" key={to} action={`/gestione/eventi/${event.id}#chiudi-evento-title`}>
                <input type="hidden" name="chiudi" value="1" />
                <button
                  id="chiudi-evento-apri"
                  type="submit"
                  className="btn btn-outline-danger"
                  disabled={busy || closing}
                >
                  {t(TRANSITION_LABEL[to]!)}
                </button>
              </Form>
            ) : (
              // First step of publishing: opens the confirmation below (a GET, nothing changes yet).
              <Form method="get" key={to} action={`/gestione/eventi/${event.id}#pubblica-evento-title`}>
                <input type="hidden" name="pubblica" value="1" />
                <button
                  id="pubblica-evento-apri"
                  type="submit"
                  className="btn btn-primary"
                  disabled={busy || publishStep !== null}
                >
                  {t(TRANSITION_LABEL[to] ?? "events.admin.detail.status")}
                </button>
              </Form>
            ),
          )}
        </div>
        {transitions.length === 0 ? (
          <p>
            {t(
              event.status === "annullato" ? "events.admin.detail.noActionsCancelled" : "events.admin.detail.noActions",
            )}
          </p>
        ) : null}
        {closing ? (
          <ConfirmStep
            id="chiudi-evento"
            className="mt-3"
            title={messageWith(t, "events.admin.close.title", {}, { title: titleInItsLanguage })}
            text={t("events.admin.close.text")}
            yes={t("events.admin.close.yes")}
            keep={t("events.admin.close.keep")}
            keepHref={`/gestione/eventi/${event.id}#chiudi-evento-apri`}
            fields={{ intent: "status", to: "chiuso" }}
            error={actionData?.error ? t(actionData.error) : null}
            disabled={busy}
          />
        ) : null}
        {publishStep ? (
          <ConfirmStep
            id="pubblica-evento"
            className="mt-3"
            title={messageWith(t, "events.admin.publish.title", {}, { title: titleInItsLanguage })}
            text={`${t("events.admin.publish.text")} ${
              publishStep.enrolmentOpens?.kind === "at"
                ? t("events.admin.publish.opensAt", { date: formatDateTime(publishStep.enrolmentOpens.at, locale) })
                : publishStep.enrolmentOpens?.kind === "now"
                  ? t("events.admin.publish.opensNow")
                  : ""
            }`.trim()}
            yes={t("events.admin.publish.yes")}
            keep={t("events.admin.publish.keep")}
            keepHref={`/gestione/eventi/${event.id}#pubblica-evento-apri`}
            fields={{ intent: "status", to: "pubblicato" }}
            error={actionData?.publishing ? t(actionData.error) : null}
            disabled={busy}
          />
        ) : null}
        {cancelling && cancellationPlan.concluded.length > 0 ? (
          // An edition has taken place: the event cannot be cancelled, and the step says why instead of asking.
          <section
            className="alert alert-warning mt-3"
            aria-labelledby="annulla-evento-title"
            data-testid="annulla-evento"
          >
            <h2 className="h5" id="annulla-evento-title" tabIndex={-1}>
              {messageWith(t, "cancellation.event.title", {}, { title: titleInItsLanguage })}
            </h2>
            <p role="alert">
              {t("events.error.editionsConcluded", { editions: cancellationPlan.concluded.join(", ") })}
            </p>
            <Link className="btn btn-outline-primary" to={`/gestione/eventi/${event.id}#annulla-evento-apri`}>
              {t("cancellation.event.keep")}
            </Link>
          </section>
        ) : cancelling ? (
          <div className="mt-3">
            <CancellationConfirm
              id="annulla-evento"
              title={messageWith(t, "cancellation.event.title", {}, { title: titleInItsLanguage })}
              text={
                cancellationPlan.cancels.length > 0
                  ? `${t("cancellation.event.text")} ${t("cancellation.event.editions", { editions: cancellationPlan.cancels.join(", ") })}`
                  : t("cancellation.event.text")
              }
              yes={t("cancellation.event.yes")}
              keep={t("cancellation.event.keep")}
              keepHref={`/gestione/eventi/${event.id}#annulla-evento-apri`}
              intent="cancel"
              error={actionData?.error ? t(actionData.error, actionData.errorValues) : undefined}
              defaultReason={actionData?.reason}
              disabled={busy}
            />
          </div>
        ) : null}
      </section>

      <section className="mb-4" aria-labelledby="summary-title">
        <h2 id="summary-title" className="h4">
          {t("events.admin.detail.summary")}
        </h2>
        <dl className="row">
          <dt className="col-sm-3">{t("events.form.type")}</dt>
          <dd className="col-sm-9">{labelOf(EVENT_TYPE_LABELS, event.type, locale)}</dd>
          <dt className="col-sm-3">{t("events.form.mode")}</dt>
          <dd className="col-sm-9">
            {labelOf(EVENT_MODE_LABELS, event.mode, locale)}
            {event.venue ? ` · ${event.venue}` : null}
            {event.onlineUrl ? (
              <>
                {" · "}
                {/* Only http(s) becomes a link, whatever older data may hold. */}
                {isHttpUrl(event.onlineUrl) ? (
                  <a href={event.onlineUrl} rel="noopener noreferrer">
                    {event.onlineUrl}
                  </a>
                ) : (
                  event.onlineUrl
                )}
              </>
            ) : null}
          </dd>
          <dt className="col-sm-3">{t("events.form.language")}</dt>
          <dd className="col-sm-9">{labelOf(LANGUAGE_LABELS, event.language, locale)}</dd>
          <dt className="col-sm-3">{t("events.form.certifiedHours")}</dt>
          <dd className="col-sm-9">{hoursInWords(event.certifiedMinutes, locale)}</dd>
          <dt className="col-sm-3">{t("events.certificate")}</dt>
          <dd className="col-sm-9">
            {t(
              event.editions.some((e) => e.sessions.some((s) => s.required))
                ? "events.certificateRuleWithRequired"
                : "events.certificateRule",
              { percent: percentWithArticle(event.completionPercent, locale) },
            )}
          </dd>
          {event.level === "regionale" ? (
            <>
              <dt className="col-sm-3">{t("events.form.openToAllRegions")}</dt>
              <dd className="col-sm-9">{event.openToAllRegions ? "✓" : "–"}</dd>
            </>
          ) : null}
          <dt className="col-sm-3">{t("events.form.schoolLevels")}</dt>
          <dd className="col-sm-9">
            {event.schoolLevels.map((s) => labelOf(SCHOOL_LEVEL_LABELS, s.schoolLevel, locale)).join(", ")}
          </dd>
          <dt className="col-sm-3">{t("events.form.audienceRoles")}</dt>
          <dd className="col-sm-9">
            {event.audienceRoles.map((r) => labelOf(PROFESSIONAL_ROLE_LABELS, r.role, locale)).join(", ")}
          </dd>
          <dt className="col-sm-3">{t("events.form.themes")}</dt>
          <dd className="col-sm-9">{event.themes.map((x) => labelOf(THEME_LABELS, x.theme, locale)).join(", ")}</dd>
          <dt className="col-sm-3">{t("events.admin.detail.createdBy")}</dt>
          <dd className="col-sm-9">
            {creator.firstName} {creator.lastName}
          </dd>
          {event.publishedAt ? (
            <>
              <dt className="col-sm-3">{t("events.admin.detail.publishedAt")}</dt>
              <dd className="col-sm-9">{formatDateTime(event.publishedAt, locale)}</dd>
            </>
          ) : null}
        </dl>
        <div className="small" style={{ whiteSpace: "pre-line" }} lang={partLang(event.textLanguage, locale)}>
          {event.description}
        </div>
      </section>

      <section className="mb-4" aria-labelledby="editions-title">
        <h2 id="editions-title" className="h4">
          {t("events.form.editions")}
        </h2>
        {event.editions.map((e) => (
          <div key={e.id} className="mb-3">
            <h3 className="h5">{t("events.admin.detail.edition", { number: e.number })}</h3>
            <ul className="list-unstyled mb-2">
              <li>
                {/* A one-day edition says its one date, not "from 06/11/2027 to 06/11/2027". */}
                {formatShortDate(e.startsOn, locale) === formatShortDate(e.endsOn, locale)
                  ? t("events.admin.detail.editionDay", { date: formatShortDate(e.startsOn, locale) })
                  : t("events.admin.detail.editionDates", {
                      from: formatShortDate(e.startsOn, locale),
                      to: formatShortDate(e.endsOn, locale),
                    })}
              </li>
              <li>
                {e.seatCap === null
                  ? t("events.admin.detail.noCap", { taken: e.seatsTaken })
                  : t("events.admin.detail.seats", { taken: e.seatsTaken, cap: e.seatCap })}
              </li>
              <li>
                {t("events.admin.detail.enrolment", {
                  from: formatDateTime(e.enrolmentOpensAt, locale),
                  to: formatDateTime(e.enrolmentClosesAt, locale),
                })}
              </li>
            </ul>
            <p>
              <Link to={`/gestione/edizioni/${e.id}`}>{t("events.admin.detail.enrolments", { number: e.number })}</Link>
            </p>
            <ScrollRegion labelledBy={`sessions-caption-${e.id}`}>
              <table className="table table-sm">
                <caption id={`sessions-caption-${e.id}`} className="visually-hidden">
                  {t("events.admin.detail.sessionsCaption", { number: e.number })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("events.admin.detail.colWhen")}</th>
                    <th scope="col">{t("events.admin.detail.colTitle")}</th>
                    <th scope="col">{t("events.admin.detail.colDelivery")}</th>
                    <th scope="col">{t("events.admin.detail.colHours")}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.sessions.map((s) => (
                    <tr key={s.id}>
                      <td>
                        {formatDateTime(s.startsAt, locale)} – {formatDateTime(s.endsAt, locale)}
                      </td>
                      <td lang={partLang(event.titleLanguage, locale)}>{s.title}</td>
                      <td>
                        {labelOf(SESSION_DELIVERY_LABELS, s.delivery, locale)}
                        {/* A blended event's live session: where it is held (ADR 0091). */}
                        {hasOwnPlace(s.delivery, event.mode)
                          ? ` · ${s.place ? labelOf(SESSION_PLACE_LABELS, s.place, locale) : t("events.form.sessionPlaceBoth")}`
                          : ""}
                        {s.required ? ` (${t("events.requiredActivity")})` : ""}
                      </td>
                      <td>{hoursInWords(s.minutes, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </div>
        ))}
      </section>

      <section className="mb-4" aria-labelledby="trainers-title">
        <h2 id="trainers-title" className="h4">
          {t("events.admin.trainers.title")}
        </h2>
        {outcome === "formatore-assegnato" ? (
          <OutcomeNotice level={3}>{t("events.admin.trainers.assigned")}</OutcomeNotice>
        ) : null}
        {outcome === "formatore-tolto" ? (
          <OutcomeNotice level={3}>{t("events.admin.trainers.removed")}</OutcomeNotice>
        ) : null}
        {event.trainers.length === 0 ? <p>{t("events.admin.trainers.none")}</p> : null}
        <ul className="list-unstyled">
          {event.trainers.map(({ user }) => (
            // A long address breaks and the button wraps under it: on a 320 px phone the row was 407 px wide.
            <li key={user.id} className="d-flex flex-wrap align-items-center column-gap-2 mb-1">
              <span className="text-break">
                {user.firstName} {user.lastName} ({user.email})
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="unassign-trainer" />
                <input type="hidden" name="userId" value={user.id} />
                <button type="submit" className="btn btn-link btn-sm p-0" disabled={busy}>
                  {t("events.admin.trainers.remove", { name: `${user.firstName} ${user.lastName}` })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {candidates.length ? (
          <Form method="post" className="d-flex flex-wrap align-items-end gap-2">
            <input type="hidden" name="intent" value="assign-trainer" />
            <div className="select-wrapper">
              <label htmlFor="trainer-userId" className="active">
                {t("events.admin.trainers.select")}
              </label>
              <select id="trainer-userId" name="userId" required>
                <option value="">{t("select.placeholder")}</option>
                {candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.lastName} {c.firstName} ({c.email})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-outline-primary" disabled={busy}>
              {t("events.admin.trainers.assign")}
            </button>
          </Form>
        ) : (
          <p className="small">
            {t(
              trainersToAssign === "all-assigned"
                ? "events.admin.trainers.allAssigned"
                : "events.admin.trainers.noCandidates",
            )}
          </p>
        )}
      </section>

      <AuditTable
        id="audit"
        title={t("events.admin.audit.title")}
        empty={t("events.admin.audit.empty")}
        rows={audit}
        line={(row) => eventAuditLine(row, t, locale)}
      />
    </div>
  );
}
