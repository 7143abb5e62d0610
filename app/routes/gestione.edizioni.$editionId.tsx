import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  AdmissionForm,
  ApplicantsRanking,
  ApplicationSetupForm,
  type ApplicationActionData,
  type EditionSettingsTyped,
} from "~/components/application/organiser-applications.tsx";
import { CancellationConfirm } from "~/components/cancellation-confirm.tsx";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { QuotasSection } from "~/components/edition-quotas.tsx";
import { FormErrorSummary } from "~/components/form-fields.tsx";
import { editionPageActionSchema } from "~/forms/edition-page-form.ts";
import type { Translate } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import {
  closeSelection,
  closeSelectionPreview,
  applicantsPageFor,
  loadApplicationsForOrganiser,
  loadSelectionCriteria,
  saveApplicationSetup,
  scoreApplicant,
  selectApplicants,
  selectTop,
  selectTopPreview,
  setAdmission,
  type SelectOutcome,
} from "~/models/application.server.ts";
import { messageWith, partLang, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { removeByOrganiser } from "~/models/enrolment.server.ts";
import {
  addQuota,
  changeEditionSettings,
  changeSeatCap,
  closeEnrolmentEarly,
  releaseQuota,
} from "~/models/seat-ledger.server.ts";
import { editionCancelTransition, isTransitionRefusal } from "~/domain/state-machine.ts";
import { quotaRegions, type CapChangeRefusal, type QuotaRefusal } from "~/domain/seat-ledger.ts";
import { loadEditionOverview } from "~/models/enrolment-views.server.ts";
import { requireManagedEdition } from "~/models/edition-scope.server.ts";
import { moveToEdition } from "~/models/seat-ledger.server.ts";
import { countParticipantsByFilter, loadMoveStep, loadParticipantList } from "~/models/participant-list.server.ts";
import { AuditTable } from "~/components/audit-table.tsx";
import { editionAuditLine } from "~/components/edition-audit-line.ts";
import { listEditionAudit } from "~/models/audit.server.ts";
import { ParticipantList, MoveConfirm } from "~/components/participant-list.tsx";
import { listedName } from "~/components/listed-person.tsx";
import { parseParticipantQuery } from "~/domain/participant-list.ts";
import { cancelEditionWithReason } from "~/models/event.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { toRomeInputValue } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam, isIdShaped } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.editionEnrolments",
      data?.edition.event.title,
      outcomeOf(new URLSearchParams(location.search)),
    ),
  },
];

/** What the address the page's actions redirect to says was just done, as the title's outcome (its OutcomeNotice). */
function outcomeOf(params: URLSearchParams): MessageKey | null {
  const moved = params.get("spostato");
  if (moved) return moved === "in-attesa" ? "outcome.participantMovedToWaitlist" : "outcome.participantMoved";
  if (params.get("selezione-chiusa")) return "outcome.selectionClosed";
  if (params.get("fatto")) return "outcome.changeSaved";
  return null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  await requireManagedEdition(actor, idParam(params.editionId));
  const editionId = idParam(params.editionId);
  const url = new URL(request.url);
  const query = parseParticipantQuery(url.searchParams);
  const [overview, applications, list, filterCounts, audit] = await Promise.all([
    loadEditionOverview(editionId),
    // One page of the ranking (?candidature-pagina=P): each row carries the application and a score form.
    loadApplicationsForOrganiser(editionId, url.searchParams.get("candidature-pagina")),
    loadParticipantList(editionId, query),
    countParticipantsByFilter(editionId),
    listEditionAudit(editionId),
  ]);
  if (!overview || !applications) throw new Response("Edizione non trovata", { status: 404 });
  // Organisers who manage the event may open its registers (canSeeEventRegister) once the edition has started.
  const now = new Date();
  const registersOpen = overview.edition.startsOn <= now;
  // "Annulla l'edizione" only while the cancellation would be accepted: not once it has taken place.
  const cancellable = editionCancelTransition(overview.edition, now).ok;
  // Second step of a move (?sposta=<enrolmentId>): the participant and the editions they may go to.
  const movingId = url.searchParams.get("sposta");
  const moving = movingId && isIdShaped(movingId) ? await loadMoveStep(editionId, movingId) : null;
  // Second step of closing the selection (?chiudi-selezione=1, with riserva=1 for a reserve list): what it will do.
  const closingSelection =
    url.searchParams.get("chiudi-selezione") === "1"
      ? await closeSelectionPreview(editionId, { reserve: url.searchParams.get("riserva") === "1" })
      : null;
  // Second step of "Seleziona le prime N" (?seleziona=N): who would take a seat, how many of them unscored.
  const selectCount = url.searchParams.get("seleziona");
  const selectingTop = selectCount === null ? null : await selectTopPreview(editionId, Number(selectCount));
  // The page shows counts (the overview reads no place) and one page of the participant list: an edition
  // may have thousands waiting.
  // The regions a new quota may be for: those whose teachers may enrol, none in a regional event closed to others.
  const regionsForQuota = quotaRegions(overview.edition.event);
  return {
    ...overview,
    applications,
    registersOpen,
    cancellable,
    list,
    query,
    filterCounts,
    moving,
    closingSelection,
    selectingTop,
    audit,
    regionsForQuota,
  };
}

/** Field errors from Conform's submission ("scores.c1" → "c1"). */
function errorsUnder(
  error: Record<string, string[] | null> | null | undefined,
  prefix: string,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(error ?? {})
      .filter(([name, messages]) => name.startsWith(prefix) && messages?.length)
      .map(([name, messages]) => [name.slice(prefix.length), messages!]),
  );
}

/** A refusal of the edition's state table (app/domain/state-machine.ts) other than "not-found". */
function isStateRefusal(reason: string): reason is "edition-cancelled" | "edition-closed" | "wrong-state" {
  return isTransitionRefusal(reason) && reason !== "not-found";
}

function selectionError(t: Translate, outcome: Exclude<SelectOutcome, { ok: true }>) {
  if (outcome.reason === "over-cap")
    return t("applications.select.error.over-cap", { free: outcome.free, requested: outcome.requested });
  if (isStateRefusal(outcome.reason)) return t(`transition.${outcome.reason}`);
  return t(`applications.select.error.${outcome.reason}`);
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The page's answers: the application forms' and the steps' own (a quota's release, a participant's removal). */
type PageActionData = ApplicationActionData & {
  /** The release step (?rilascia=<quotaId>) stays open for this quota to show its error. */
  releasing?: string;
  /** A refused removal: whose, and the reason as typed, for that row to show the error and keep the text. */
  removing?: { enrolmentId: string; reason: string };
};

/** The removal form as posted, for its row (ids are at most 64 characters, a reason is refused beyond 500). */
const removalAsTyped = (payload: Record<string, unknown>) => ({
  enrolmentId: text(payload.enrolmentId).slice(0, 64),
  reason: text(payload.reason).slice(0, 1000),
});

/** The seat-cap and freed-seat forms' fields as typed, for the page to show again with the refusal. */
function typedSettings(payload: Record<string, unknown>): EditionSettingsTyped | undefined {
  const intent = payload.intent;
  if (intent !== "seat-cap" && intent !== "promotion" && intent !== "add-quota") return undefined;
  const names =
    intent === "seat-cap"
      ? ["seatCap"]
      : intent === "add-quota"
        ? ["regionCode", "seats"]
        : ["promotionMode", "offerHours", "cancellationCutoffAt"];
  const values = Object.fromEntries(
    names.flatMap((name) => (typeof payload[name] === "string" ? [[name, String(payload[name]).slice(0, 100)]] : [])),
  );
  return { intent, values };
}

/** The answer to a form the union refused: the same message (or field errors) each form always gave. */
function invalidSubmission(
  t: Translate,
  payload: Record<string, unknown>,
  error: Record<string, string[] | null> | null | undefined,
) {
  const typed = typedSettings(payload);
  const fail = (body: PageActionData, status = 400) => data({ ...body, typed }, { status });
  const first = Object.values(error ?? {}).find((m) => m?.length)?.[0];
  switch (payload.intent) {
    case "application-setup": {
      const values = { questions: text(payload.questions), criteria: text(payload.criteria) };
      return fail({ setup: { questions: error?.questions ?? [], criteria: error?.criteria ?? [], values } });
    }
    case "score": {
      const scores = (payload.scores ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(Object.entries(scores).map(([id, v]) => [id, text(v)]));
      return fail({
        error: t("applications.refused.invalid"),
        score: {
          enrolmentId: text(payload.enrolmentId),
          errors: errorsUnder(error, "scores."),
          values,
          priority: payload.priority === "on",
        },
      });
    }
    case "admission":
      return fail({ error: t("validation.invalidChoice") });
    case "add-quota":
      // A number of seats that is not a whole number from 1 (or beyond any cap) is said as such, by the field.
      return fail({ error: t(error?.seats?.length ? "quotas.error.invalid-seats" : "validation.invalidChoice") });
    case "select-top":
      // Without its second step (?seleziona=N): nothing changes, the step's message.
      return fail({
        error: t(
          payload.confirm !== "yes" ? "applications.selectTop.confirmRequired" : "applications.select.error.nobody",
        ),
        selectingTop: true,
      });
    case "select-one":
      return fail({ error: t("applications.select.error.not-found") });
    case "promotion":
      return fail({ error: t((first ?? "organiserEdition.error.offerHours") as MessageKey) });
    case "seat-cap":
      return fail({ error: t((first ?? "organiserEdition.error.invalid") as MessageKey) });
    case "cancel":
      // The second step (?annulla=1) stays open with its error next to the reason.
      return fail({
        error: t(payload.confirm !== "yes" ? "cancellation.confirmRequired" : "cancellation.reasonRequired"),
        cancelling: true,
      });
    case "release-quota":
      // A release without its second step (?rilascia=<quotaId>): nothing changes, the step opens with its error.
      return fail({ error: t("quotas.releaseStep.confirmRequired"), releasing: text(payload.quotaId) });
    case "close":
      // The second step (?chiudi=1) stays open with its error.
      return fail({ error: t("organiserEdition.close.confirmRequired"), closing: true });
    case "close-selection":
      // Closing the selection without its second step (?chiudi-selezione=1): nothing changes.
      return fail({ error: t("applications.close.confirmRequired"), closingSelection: true });
    case "remove":
      // Told under that participant's reason field, with the reason as typed (a blank one, or one too long).
      return fail({
        error: t((error?.reason?.[0] ?? "organiserEdition.error.invalid") as MessageKey),
        removing: removalAsTyped(payload),
      });
    case "move":
      // The second step (?sposta=<id>) stays open with its error.
      return fail({
        error: t((first ?? "organiserEdition.error.invalid") as MessageKey),
        moving: text(payload.enrolmentId),
      });
    default:
      return fail({ error: t("organiserEdition.error.invalid") });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor } = await requireOrganiser(request);
  // The capability every model function below requires: only the scope guard makes one.
  const edition = await requireManagedEdition(actor, idParam(params.editionId));
  const t = translator(await getLocale(request, user.locale));
  // One parse; the union reads the edition's criteria itself, for a score form only.
  const schema = editionPageActionSchema(() => loadSelectionCriteria(edition.id));
  const submission = await parseWithZod(await readForm(request), { schema, async: true });
  if (submission.status !== "success")
    return invalidSubmission(t, submission.payload as Record<string, unknown>, submission.error);
  const input = submission.value;

  const done = redirect(`/gestione/edizioni/${edition.id}?fatto=1`);
  const typed = typedSettings(submission.payload as Record<string, unknown>);
  const fail = (body: PageActionData, status = 400) => data({ ...body, typed }, { status });
  /** A transition the edition's state machine refused (app/domain/state-machine.ts): 404 or 409 with its message. */
  const refused = (reason: string, fallback: () => string) =>
    isTransitionRefusal(reason)
      ? fail({ error: t(`transition.${reason}`) }, reason === "not-found" ? 404 : 409)
      : fail({ error: fallback() }, 409);

  switch (input.intent) {
    case "remove": {
      // The model refuses an enrolment of another edition ("not-found") and changes nothing.
      const r = await removeByOrganiser(edition, input.enrolmentId, input.reason);
      if (!r.ok)
        return fail(
          {
            error: t(`myEnrolments.error.${r.reason}`),
            removing: { enrolmentId: input.enrolmentId, reason: input.reason },
          },
          r.reason === "not-found" ? 404 : 409,
        );
      return done;
    }
    case "seat-cap": {
      const r = await changeSeatCap(edition, input.seatCap);
      return r.ok ? done : refused(r.reason, () => t(`organiserEdition.error.${r.reason as CapChangeRefusal}`));
    }
    case "promotion": {
      const r = await changeEditionSettings(edition, input);
      if (r.ok) return done;
      return refused(r.reason, () =>
        t(
          r.reason === "cutoff-after-start"
            ? "organiserEdition.error.cutoffAfterStart"
            : "organiserEdition.error.offerHours",
        ),
      );
    }
    case "add-quota": {
      const r = await addQuota(edition, input.regionCode, input.seats);
      return r.ok ? done : refused(r.reason, () => t(`quotas.error.${r.reason as QuotaRefusal}`));
    }
    case "release-quota": {
      const r = await releaseQuota(edition, input.quotaId);
      if (r.ok) return done;
      if (r.reason === "not-found") return fail({ error: t("quotas.error.not-found") }, 404);
      if (isTransitionRefusal(r.reason)) return refused(r.reason, () => t("transition.wrong-state"));
      // Shown in the step if it is still open (a quota released meanwhile has none: the top of the page says it).
      return fail({ error: t(`quotas.error.${r.reason as QuotaRefusal | "released"}`), releasing: input.quotaId }, 409);
    }
    case "close": {
      const r = await closeEnrolmentEarly(edition);
      return r.ok ? done : refused(r.reason, () => t("transition.wrong-state"));
    }
    case "cancel": {
      // Irreversible: only from the second step, with the reason told to the participants.
      const r = await cancelEditionWithReason(edition, input.reason);
      return r.ok
        ? done
        : refused(r.reason, () =>
            t(
              r.reason === "attendance-closed"
                ? "organiserEdition.error.attendance-closed"
                : r.reason === "ended"
                  ? "organiserEdition.error.ended"
                  : "transition.wrong-state",
            ),
          );
    }
    case "admission": {
      const r = await setAdmission(edition, input.admission);
      if (r.ok) return done;
      // Said at the choice, the mode as chosen kept (the page's top is far above on a phone).
      const atField = (key: MessageKey) => fail({ error: t(key), admissionTyped: input.admission }, 409);
      if (r.reason === "selection-closed") return atField("applications.admission.selection-closed");
      if (r.reason === "has-enrolments" || r.reason === "not-found")
        return atField("applications.admission.has-enrolments");
      if (r.reason === "has-quotas") return atField("applications.admission.has-quotas");
      return refused(r.reason, () => t("transition.wrong-state"));
    }
    case "application-setup": {
      const values = { questions: text(submission.payload.questions), criteria: text(submission.payload.criteria) };
      const r = await saveApplicationSetup(edition, input);
      if (r.ok) return done;
      if (isStateRefusal(r.reason)) return refused(r.reason, () => t("transition.wrong-state"));
      if (r.reason === "questions-locked")
        return fail({ setup: { questions: ["applications.setup.questions-locked"], criteria: [], values } }, 409);
      if (r.reason === "criteria-locked")
        return fail({ setup: { questions: [], criteria: ["applications.setup.criteria-locked"], values } }, 409);
      return fail({ error: t("applications.select.error.not-application") }, 409);
    }
    case "score": {
      const r = await scoreApplicant(edition, input.enrolmentId, { scores: input.scores, priority: input.priority });
      // Back at the applicant's row, on the ranking page it is on now (the score may have moved it), focused:
      // the next applicant to score is beside it, not 800 rows below the top of the page.
      if (r.ok)
        return redirect(
          `/gestione/edizioni/${edition.id}?fatto=1&candidature-pagina=${await applicantsPageFor(edition.id, input.enrolmentId)}#candidatura-${input.enrolmentId}`,
        );
      if (r.reason === "invalid") {
        const errors = Object.fromEntries(
          Object.entries(r.errors).map(([id, reason]) => [id, [`applications.score.error.${reason}`]]),
        );
        const score = { enrolmentId: input.enrolmentId, errors, values: input.scores, priority: input.priority };
        return fail({ error: t("applications.refused.invalid"), score });
      }
      if (r.reason === "no-criteria") return fail({ error: t("applications.score.no-criteria") }, 409);
      if (r.reason === "not-candidate") return fail({ error: t("applications.select.error.not-candidate") }, 409);
      if (isStateRefusal(r.reason)) return refused(r.reason, () => t("transition.wrong-state"));
      return fail({ error: t(`applications.select.error.${r.reason}`) }, r.reason === "not-found" ? 404 : 409);
    }
    case "select-top": {
      const r = await selectTop(edition, input.count);
      return r.ok ? done : fail({ error: selectionError(t, r), selectingTop: true }, 409);
    }
    case "select-one": {
      const r = await selectApplicants(edition, [input.enrolmentId]);
      return r.ok ? done : fail({ error: selectionError(t, r) }, 409);
    }
    case "move": {
      const r = await moveToEdition(edition, input);
      if (r.ok) return redirect(`/gestione/edizioni/${edition.id}?spostato=${r.status}`);
      return fail(
        { error: t(`participants.move.error.${r.reason}`), moving: input.enrolmentId },
        r.reason === "not-found" ? 404 : 409,
      );
    }
    case "close-selection": {
      const r = await closeSelection(edition, new Date(), { reserve: input.reserve });
      // The outcome says how many were told they were not selected, or joined the reserve list.
      if (r.ok)
        return redirect(
          `/gestione/edizioni/${edition.id}?selezione-chiusa=${r.reserve > 0 ? "riserva" : "non-selezionate"}&candidature=${r.reserve || r.notSelected}`,
        );
      if (isStateRefusal(r.reason)) return refused(r.reason, () => t("transition.wrong-state"));
      return fail({ error: t(`applications.select.error.${r.reason}`) }, 409);
    }
  }
}

export default function OrganiserEditionPage() {
  const {
    edition,
    seatsLeft,
    applications,
    quotas,
    generalPool,
    regionsForQuota,
    registersOpen,
    cancellable,
    list,
    query,
    filterCounts,
    moving,
    closingSelection,
    selectingTop,
    audit,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as PageActionData | undefined;
  const byApplication = applications.admission === "candidatura";
  const [params] = useSearchParams();
  const successInUrl = useSuccessInUrl();
  const locale = useLocale();
  // A refused seat cap or freed-seat rule shows the values as typed, not the stored ones.
  const typedSeatCap = actionData?.typed?.intent === "seat-cap" ? actionData.typed.values : undefined;
  const typedPromotion = actionData?.typed?.intent === "promotion" ? actionData.typed.values : undefined;
  // Their refusal is told next to the form, where the person pressed (the page's top is far above on a phone).
  const capError = typedSeatCap ? actionData?.error : undefined;
  const promotionError = typedPromotion ? actionData?.error : undefined;
  const typedQuota = actionData?.typed?.intent === "add-quota" ? actionData.typed.values : undefined;
  const quotaError = typedQuota ? actionData?.error : undefined;
  const admissionError = actionData?.admissionTyped ? actionData.error : undefined;
  // Second step of cancelling the edition (?annulla=1, or sent back with an error): works without JavaScript.
  const cancelling = params.get("annulla") === "1" || (actionData as { cancelling?: boolean } | undefined)?.cancelling;
  // The same second step before closing enrolment (?chiudi=1): it cannot be undone either.
  const closing = !cancelling && (params.get("chiudi") === "1" || actionData?.closing === true);
  // The second step of releasing a quota (?rilascia=<quotaId>, or sent back with an error), while the quota is open.
  const releasing = actionData?.releasing ?? params.get("rilascia");
  const releaseStepOpen =
    edition.status !== "annullata" && !byApplication && quotas.some((q) => q.id === releasing && !q.releasedAt);
  const releaseError = releaseStepOpen && actionData?.releasing ? actionData.error : undefined;
  // A refused removal is told under that participant's reason field; the top of the page names whose it was.
  const removedRow = actionData?.removing && list.rows.find((r) => r.id === actionData.removing?.enrolmentId);
  const removal =
    removedRow && actionData?.removing && actionData.error
      ? { ...actionData.removing, error: actionData.error, name: listedName(removedRow.user, locale) }
      : undefined;
  const t = useT();
  const active = edition.status !== "annullata";
  return (
    <div>
      <p className="mb-1">
        <Link to={`/gestione/eventi/${edition.event.id}`}>
          ← <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span>
        </Link>
      </p>
      <h1 className="h2 mb-4">
        {messageWith(
          t,
          "organiserEdition.title",
          { number: edition.number },
          {
            title: <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span>,
          },
        )}
      </h1>
      {registersOpen ? (
        <p>
          <Link to={`/formazione/edizioni/${edition.id}`}>{t("attendance.organiserLink")}</Link>
        </p>
      ) : null}
      <p>
        <Link to={`/gestione/edizioni/${edition.id}/questionario`}>{t("certificates.summary.link")}</Link>
      </p>
      <p>
        <Link to={`/gestione/edizioni/${edition.id}/messaggi`}>{t("participantMessages.link")}</Link>
      </p>
      {/* A cancelled edition takes nobody: no link to place people in it. */}
      {edition.status === "annullata" ? null : (
        <p>
          <Link to={`/gestione/edizioni/${edition.id}/inserisci`}>{t("placement.link")}</Link>
        </p>
      )}
      {edition.status === "annullata" ? null : (
        <p>
          <Link to={`/gestione/edizioni/${edition.id}/sposta`}>{t("participants.bulk.link")}</Link>
        </p>
      )}
      {actionData?.error &&
      !cancelling &&
      !closing &&
      !(closingSelection && actionData.closingSelection) &&
      !(selectingTop && actionData.selectingTop) &&
      !actionData.moving &&
      !capError &&
      !promotionError &&
      !quotaError &&
      !admissionError &&
      !releaseError &&
      !removal ? (
        <FormErrorSummary errors={[actionData.error]} />
      ) : null}
      {removal ? (
        <FormErrorSummary>
          <p className="mb-0">
            <a href={`#reason-${removal.enrolmentId}`}>
              {t("organiserEdition.removeFailed", { name: removal.name, error: removal.error })}
            </a>
          </p>
        </FormErrorSummary>
      ) : null}
      {successInUrl("spostato") ? (
        // On the new edition's waiting list, not in a seat: an outcome in part (as the teacher's own waiting list).
        <OutcomeNotice tone={successInUrl("spostato") === "in-attesa" ? "info" : "success"} testId="moved">
          {t(
            successInUrl("spostato") === "in-attesa"
              ? "participants.move.done.waiting"
              : "participants.move.done.seated",
          )}
        </OutcomeNotice>
      ) : null}
      {successInUrl("selezione-chiusa") ? (
        <OutcomeNotice testId="selection-closed">
          {t(
            successInUrl("selezione-chiusa") === "riserva"
              ? "applications.done.closedReserve"
              : "applications.done.closed",
            { count: Number(successInUrl("candidature")) || 0 },
          )}
        </OutcomeNotice>
      ) : null}
      {successInUrl("fatto") ? <OutcomeNotice>{t("organiserEdition.done")}</OutcomeNotice> : null}
      {edition.status !== "attiva" ? (
        <div className="alert alert-warning" role="status">
          {t(`organiserEdition.statusNote.${edition.status as "annullata" | "iscrizioni-chiuse"}`)}
        </div>
      ) : null}
      <section aria-labelledby="counts-heading" className="mb-4">
        <h2 id="counts-heading" className="h4">
          {t("organiserEdition.counts")}
        </h2>
        <dl className="row" data-testid="edition-counts">
          <dt className="col-sm-4">{t("organiserEdition.seatCap")}</dt>
          <dd className="col-sm-8">{edition.seatCap ?? t("enrol.unlimited")}</dd>
          <dt className="col-sm-4">{t("organiserEdition.seatsLeft")}</dt>
          <dd className="col-sm-8" data-testid="seats-left">
            {seatsLeft ?? "—"}
          </dd>
          <dt className="col-sm-4">{t("organiserEdition.enrolled")}</dt>
          <dd className="col-sm-8" data-testid="count-enrolled">
            {filterCounts.iscritto}
          </dd>
          <dt className="col-sm-4">{t("organiserEdition.offered")}</dt>
          <dd className="col-sm-8">{filterCounts.offerta}</dd>
          <dt className="col-sm-4">{t("organiserEdition.waitlisted")}</dt>
          <dd className="col-sm-8" data-testid="count-waitlisted">
            {filterCounts["in-attesa"]}
          </dd>
          {byApplication ? (
            <>
              <dt className="col-sm-4">{t("applications.count.candidates")}</dt>
              <dd className="col-sm-8" data-testid="count-candidates">
                {filterCounts.candidato}
              </dd>
            </>
          ) : null}
          {/* Every place that ended, not only cancellations: moved, not selected, offers and waits ended too. */}
          <dt className="col-sm-4">{t("organiserEdition.cancelled")}</dt>
          <dd className="col-sm-8" data-testid="count-ended">
            {filterCounts.conclusi}
          </dd>
        </dl>
        <a className="btn btn-outline-primary" href={`/gestione/edizioni/${edition.id}/iscritti.csv`} download>
          {t("organiserEdition.exportCsv")}
        </a>
        {filterCounts.completati > 0 ? (
          <a
            className="btn btn-outline-primary ms-2"
            href={`/gestione/edizioni/${edition.id}/attestati.zip`}
            download
            data-testid="certificates-zip"
          >
            {t("participants.certificatesZip")}
          </a>
        ) : null}
      </section>

      {active ? (
        <section aria-labelledby="admission-heading" className="mb-4">
          <h2 id="admission-heading" className="h4">
            {t("applications.admission.title")}
          </h2>
          <AdmissionForm
            admission={applications.admission}
            canSwitch={applications.canSwitchAdmission}
            locked={applications.admissionLocked}
            editionId={edition.id}
            typed={actionData?.admissionTyped}
            error={admissionError}
          />
        </section>
      ) : null}
      {active ? (
        <ApplicationSetupForm
          questions={applications.questions}
          criteria={applications.criteria}
          feedback={actionData?.setup}
          registration={!byApplication}
        />
      ) : null}
      {byApplication ? (
        <ApplicantsRanking
          applicants={applications.applicants}
          total={applications.total}
          page={applications.page}
          pages={applications.pages}
          questions={applications.questions}
          criteria={applications.criteria}
          selectable={applications.selectable}
          seatCap={edition.seatCap}
          selectionClosedAt={applications.selectionClosedAt}
          active={active}
          selectionRefused={applications.selectionRefused}
          eventStatus={applications.eventStatus}
          offerHours={edition.offerHours}
          feedback={actionData?.score}
          editionId={edition.id}
          closeStep={closingSelection}
          closeStepError={actionData?.closingSelection ? actionData.error : undefined}
          selectStep={selectingTop}
          selectStepError={actionData?.selectingTop ? actionData.error : undefined}
        />
      ) : null}

      {active ? (
        <section className="row mb-4">
          <div className="col-md-6">
            {/* The answer opens at the field (#seatCap), its refusal right below it, with or without JavaScript. */}
            <Form method="post" action={`/gestione/edizioni/${edition.id}#seatCap`} className="mb-3">
              <input type="hidden" name="intent" value="seat-cap" />
              <div className="form-group">
                <label htmlFor="seatCap" className="active">
                  {t("organiserEdition.newCap")}
                </label>
                <input
                  id="seatCap"
                  name="seatCap"
                  type="number"
                  min={1}
                  className={`form-control${capError ? " is-invalid" : ""}`}
                  aria-invalid={capError ? true : undefined}
                  aria-describedby={capError ? "seatCap-error" : undefined}
                  defaultValue={typedSeatCap?.seatCap ?? edition.seatCap ?? ""}
                />
                {capError ? (
                  <div id="seatCap-error" className="field-error" role="alert">
                    {capError}
                  </div>
                ) : null}
              </div>
              <button className="btn btn-primary btn-sm">{t("organiserEdition.changeCap")}</button>
            </Form>
            {byApplication ? null : (
              <Form method="post" action={`/gestione/edizioni/${edition.id}#promotion-error`} className="mb-3">
                <input type="hidden" name="intent" value="promotion" />
                <fieldset>
                  <legend className="h6">{t("organiserEdition.promotionMode")}</legend>
                  <div className="form-check">
                    <input
                      type="radio"
                      id="pm-auto"
                      name="promotionMode"
                      value="automatica"
                      defaultChecked={(typedPromotion?.promotionMode ?? edition.promotionMode) === "automatica"}
                    />
                    <label htmlFor="pm-auto">{t("organiserEdition.promotionMode.automatica")}</label>
                  </div>
                  <div className="form-check">
                    <input
                      type="radio"
                      id="pm-offer"
                      name="promotionMode"
                      value="offerta"
                      defaultChecked={(typedPromotion?.promotionMode ?? edition.promotionMode) === "offerta"}
                    />
                    <label htmlFor="pm-offer">
                      {t("organiserEdition.promotionMode.offerta", { hours: edition.offerHours })}
                    </label>
                  </div>
                </fieldset>
                {/* No mt-3: the 2 rem above a form group (app.css) is the room its floated label needs,
                    or the label lies across the last choice of the fieldset. */}
                <div className="form-group">
                  <label htmlFor="offerHours" className="active">
                    {t("organiserEdition.offerHours")}
                  </label>
                  <input
                    id="offerHours"
                    name="offerHours"
                    type="number"
                    min={1}
                    max={336}
                    required
                    className="form-control"
                    aria-describedby="offerHours-hint"
                    defaultValue={typedPromotion?.offerHours ?? edition.offerHours}
                  />
                  <small id="offerHours-hint" className="form-text">
                    {t("organiserEdition.offerHoursHint")}
                  </small>
                </div>
                <div className="form-group">
                  <label htmlFor="cancellationCutoffAt" className="active">
                    {t("organiserEdition.cancellationCutoff")}
                  </label>
                  <input
                    id="cancellationCutoffAt"
                    name="cancellationCutoffAt"
                    type="datetime-local"
                    className="form-control"
                    aria-describedby="cancellationCutoffAt-hint"
                    defaultValue={
                      typedPromotion?.cancellationCutoffAt ??
                      (edition.cancellationCutoffAt ? toRomeInputValue(edition.cancellationCutoffAt) : "")
                    }
                  />
                  <small id="cancellationCutoffAt-hint" className="form-text">
                    {t("organiserEdition.cancellationCutoffHint")}
                  </small>
                </div>
                {promotionError ? (
                  <div id="promotion-error" className="field-error mb-2" role="alert">
                    {promotionError}
                  </div>
                ) : null}
                <button className="btn btn-primary btn-sm">{t("organiserEdition.savePromotionMode")}</button>
              </Form>
            )}
          </div>
          <div className="col-md-6">
            {edition.status !== "attiva" ? null : closing ? (
              <ConfirmStep
                id="chiudi-iscrizioni"
                title={t("organiserEdition.close.title", { number: edition.number })}
                text={t("organiserEdition.close.text")}
                yes={t("organiserEdition.close.yes")}
                keep={t("organiserEdition.close.keep")}
                keepHref={`/gestione/edizioni/${edition.id}#chiudi-iscrizioni-apri`}
                fields={{ intent: "close" }}
                error={actionData?.error}
                small
              />
            ) : (
              // First step: opens the confirmation (a GET, nothing changes yet).
              <Form method="get" action={`/gestione/edizioni/${edition.id}#chiudi-iscrizioni-title`} className="mb-3">
                <input type="hidden" name="chiudi" value="1" />
                <button id="chiudi-iscrizioni-apri" className="btn btn-outline-primary btn-sm">
                  {t("organiserEdition.closeEnrolment")}
                </button>
              </Form>
            )}
            {/* An edition that has ended (register open or closed) took place and cannot be cancelled. */}
            {!cancellable ? null : cancelling ? (
              <CancellationConfirm
                id="annulla-edizione"
                title={t("cancellation.edition.title", { number: edition.number })}
                text={t("cancellation.edition.text")}
                yes={t("cancellation.edition.yes")}
                keep={t("cancellation.edition.keep")}
                keepHref={`/gestione/edizioni/${edition.id}#annulla-edizione-apri`}
                intent="cancel"
                error={actionData?.error}
              />
            ) : (
              // First step: opens the confirmation (a GET, nothing changes yet).
              <Form method="get" action={`/gestione/edizioni/${edition.id}#annulla-edizione-title`}>
                <input type="hidden" name="annulla" value="1" />
                <button id="annulla-edizione-apri" className="btn btn-outline-danger btn-sm">
                  {t("organiserEdition.cancelEdition")}
                </button>
              </Form>
            )}
          </div>
        </section>
      ) : null}

      {byApplication ? null : (
        <QuotasSection
          quotas={quotas}
          generalPool={generalPool}
          regionsForQuota={regionsForQuota}
          seatCap={edition.seatCap}
          active={active}
          editionId={edition.id}
          typed={typedQuota}
          error={quotaError}
          releasing={releaseStepOpen ? releasing : null}
          releaseError={releaseError}
        />
      )}

      {moving ? (
        <MoveConfirm
          editionId={edition.id}
          moving={moving}
          query={query}
          error={actionData?.moving === moving.place.id ? actionData.error : undefined}
        />
      ) : null}
      <ParticipantList
        editionId={edition.id}
        list={list}
        query={query}
        counts={filterCounts}
        active={active}
        removal={removal}
      />
      {/* Who changed seats, quotas, rules and places, and when (recorded in the audit log). */}
      <AuditTable
        id="edition-audit"
        title={t("organiserEdition.audit.title")}
        empty={t("organiserEdition.audit.empty")}
        rows={audit.rows}
        line={(row) => editionAuditLine(row, t, locale)}
        more={
          audit.olderFrom
            ? [
                {
                  to: `/gestione/edizioni/${edition.id}/modifiche?prima=${audit.olderFrom}`,
                  label: t("organiserEdition.audit.older"),
                },
              ]
            : []
        }
      />
    </div>
  );
}
