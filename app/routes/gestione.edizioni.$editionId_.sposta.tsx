// /gestione/edizioni/:id/sposta: the organiser moves many confirmed participants of the edition to
// another edition of the same event (ADR 0085, app/models/bulk-move.server.ts). Three steps, none
// changing anything before the last: choose the edition and tick the people (a page, GET); the
// preview says how many fit and in which order (POST "anteprima", writes nothing); the confirmation
// moves them (POST "sposta"), then the summary (?esito=<audit id>) says who was moved and why the
// others stayed. Works without JavaScript.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { listedName } from "~/components/listed-person.tsx";
import { FormErrorSummary } from "~/components/form-fields.tsx";
import { MoveTargetOptions } from "~/components/participant-list.tsx";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { bulkMoveFormSchema, BULK_MOVE_REASON_MAX } from "~/forms/bulk-move-form.ts";
import { partLang, useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import {
  loadBulkMoveOutcome,
  loadBulkMovePage,
  moveManyToEdition,
  previewBulkMove,
} from "~/models/bulk-move.server.ts";
import { requireManagedEdition } from "~/models/edition-scope.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam, isIdShaped } from "~/utils/route-params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(
      matches,
      "title.bulkMove",
      data?.edition.event.title,
      data?.outcome ? bulkOutcomeOf(data.outcome.summary) : null,
    ),
  },
];

/** The summary's outcome (?esito=<id>, read back by the loader), as the title's outcome (its OutcomeNotice). */
function bulkOutcomeOf(summary: { moved: number; notMoved: number }): MessageKey {
  if (summary.moved === 0) return "outcome.bulkMovedNobody";
  return summary.notMoved > 0 ? "outcome.bulkMovedInPart" : "outcome.bulkMoved";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const { id } = await requireManagedEdition(actor, idParam(params.editionId));
  const esito = new URL(request.url).searchParams.get("esito");
  const [page, outcome] = await Promise.all([
    loadBulkMovePage(id),
    esito && isIdShaped(esito) ? loadBulkMoveOutcome(id, esito) : null,
  ]);
  return { ...page, outcome };
}

type Values = { targetEditionId: string; enrolmentIds: string[]; reason: string };

const valuesOf = (payload: Record<string, unknown>): Values => {
  const ids = payload.enrolmentId;
  return {
    targetEditionId: typeof payload.targetEditionId === "string" ? payload.targetEditionId : "",
    enrolmentIds: (Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]).map(String).slice(0, 5000),
    reason: typeof payload.reason === "string" ? payload.reason.slice(0, BULK_MOVE_REASON_MAX) : "",
  };
};

export async function action({ request, params }: ActionFunctionArgs) {
  // Scope first: a request about another region's edition learns nothing and changes nothing.
  const { actor } = await requireOrganiser(request);
  const scope = await requireManagedEdition(actor, idParam(params.editionId));
  const submission = parseWithZod(await readForm(request), { schema: bulkMoveFormSchema });
  const values = valuesOf(submission.payload as Record<string, unknown>);
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).find((m) => m?.length)?.[0];
    return data({ error: first ?? "validation.invalidChoice", values, preview: null }, { status: 400 });
  }
  const input = submission.value;
  const { edition } = await loadBulkMovePage(scope.id);
  if (edition.status === "annullata")
    return data({ error: "participants.bulk.cancelled", values, preview: null }, { status: 409 });
  if (input.intent === "anteprima") {
    const preview = await previewBulkMove(scope.id, input.targetEditionId, input.enrolmentId);
    if (!preview) return data({ error: "participants.bulk.error.target", values, preview: null }, { status: 409 });
    return data({ error: null, values, preview });
  }
  const moved = await moveManyToEdition(scope, {
    targetEditionId: input.targetEditionId,
    enrolmentIds: input.enrolmentId,
    reason: input.reason ?? null,
    move: input.move,
    expected: input.expected,
  });
  if (!moved) return data({ error: "participants.bulk.error.target", values, preview: null }, { status: 409 });
  return redirect(`/gestione/edizioni/${scope.id}/sposta?esito=${moved.auditId}`);
}

type LoaderData = Awaited<ReturnType<typeof loader>>;
type Summary = NonNullable<LoaderData["outcome"]>["summary"];

/** "23 spostati, 4 non spostati: posti esauriti" (one reason), or each reason with its count. */
function summaryText(t: Translate, summary: Summary) {
  const head = t("participants.bulk.summary", { moved: summary.moved, notMoved: summary.notMoved });
  if (summary.reasons.length === 0) return `${head}.`;
  const label = (reason: string) => t(`participants.bulk.reason.${reason}` as MessageKey);
  const why =
    summary.reasons.length === 1
      ? label(summary.reasons[0]!.reason)
      : summary.reasons.map((r) => `${label(r.reason)} (${r.count})`).join(", ");
  return `${head}: ${why}.`;
}

export default function BulkMovePage() {
  const { edition, people, targets, outcome } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === "submitting";
  const base = `/gestione/edizioni/${edition.id}`;
  const preview = actionData?.preview ?? null;
  const values = actionData?.values;
  const chosen = values ? new Set(values.enrolmentIds) : null;
  const titleLang = partLang(edition.event.titleLanguage, locale);

  // The preview, the summary and a refusal take the focus where they appear (the page's top is far on a phone).
  const previewRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionData?.preview) previewRef.current?.focus();
    else if (actionData?.error) errorRef.current?.focus();
  }, [actionData]);

  const movable = people.filter((p) => !p.certified && !p.closed);
  return (
    <div>
      <p className="mb-1">
        <Link to={base}>← {t("participants.bulk.back", { number: edition.number })}</Link>
      </p>
      <h1 className="h2 mb-1">{t("participants.bulk.title", { number: edition.number })}</h1>
      <p className="lead" lang={titleLang}>
        {edition.event.title}
      </p>

      {outcome ? (
        // Some people not moved: an outcome in part ("info", as a place on the waiting list instead of a seat).
        <OutcomeNotice
          tone={outcome.summary.notMoved > 0 ? "info" : "success"}
          testId="bulk-outcome"
          details={
            <>
              <p className="fw-semibold mt-2" data-testid="bulk-summary">
                {summaryText(t, outcome.summary)}
              </p>
              <p className="small">
                {t("participants.bulk.outcome.when", { date: formatDateTime(outcome.at, locale) })}
              </p>
              <ScrollRegion labelledBy="outcome-caption">
                <table className="table table-sm mb-0" data-testid="bulk-outcome-rows">
                  <caption id="outcome-caption">{t("participants.bulk.outcome.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("organiserEdition.participant")}</th>
                      <th scope="col">{t("participants.bulk.col.outcome")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outcome.rows.map((r) => (
                      <tr key={r.enrolmentId}>
                        <th scope="row" className="fw-normal">
                          {r.name ? listedName(r.name, locale) : r.enrolmentId}
                          {r.email ? <span className="d-block small text-break">{r.email}</span> : null}
                        </th>
                        <td>{t(`participants.bulk.reason.${r.outcome}` as MessageKey)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          }
        >
          {t("participants.bulk.outcome.title", { number: outcome.toEditionNumber ?? "?" })}
        </OutcomeNotice>
      ) : null}

      {actionData?.error ? (
        <div ref={errorRef} tabIndex={-1} data-testid="bulk-error">
          <FormErrorSummary errors={[actionData.error]} />
        </div>
      ) : null}

      {edition.status === "annullata" ? (
        <div className="alert alert-warning" role="status">
          {t("participants.bulk.cancelled")}
        </div>
      ) : targets.length === 0 ? (
        <p>{t("participants.bulk.noTargets")}</p>
      ) : people.length === 0 ? (
        <p>{t("participants.bulk.nobodyHere")}</p>
      ) : (
        <>
          {preview ? (
            <section aria-labelledby="anteprima-title" className="alert alert-warning" data-testid="bulk-preview">
              <h2 className="h5" id="anteprima-title" tabIndex={-1} ref={previewRef}>
                {t("participants.bulk.preview.title", { number: preview.target.number })}
              </h2>
              <p data-testid="bulk-preview-text">
                {t("participants.bulk.preview.text", {
                  fits: preview.fits,
                  chosen: preview.rows.length,
                  number: preview.target.number,
                  free:
                    preview.target.free === null
                      ? t("participants.bulk.preview.unlimited")
                      : t("participants.bulk.preview.free", { count: preview.target.free }),
                })}{" "}
                {preview.rows.length > preview.fits
                  ? t("participants.bulk.preview.rest", { count: preview.rows.length - preview.fits })
                  : null}
              </p>
              {preview.gone > 0 ? <p>{t("participants.bulk.preview.gone", { count: preview.gone })}</p> : null}
              <ScrollRegion labelledBy="preview-caption">
                <table className="table table-sm" data-testid="bulk-preview-rows">
                  <caption id="preview-caption">{t("participants.bulk.preview.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("participants.bulk.col.order")}</th>
                      <th scope="col">{t("organiserEdition.participant")}</th>
                      <th scope="col">{t("participants.bulk.col.enrolledAt")}</th>
                      <th scope="col">{t("participants.bulk.col.outcome")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((r, i) => (
                      <tr key={r.enrolmentId} data-outcome={r.outcome}>
                        <td>{i + 1}</td>
                        <th scope="row" className="fw-normal">
                          {listedName(r, locale)}
                          <span className="d-block small text-break">{r.email}</span>
                        </th>
                        <td>{formatDateTime(r.enrolledAt, locale)}</td>
                        <td>{t(`participants.bulk.reason.${r.outcome}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              {preview.fits > 0 ? (
                <Form method="post" action={`${base}/sposta`}>
                  <input type="hidden" name="intent" value="sposta" />
                  <input type="hidden" name="confirm" value="yes" />
                  <input type="hidden" name="targetEditionId" value={preview.target.id} />
                  {/* Everyone previewed (the summary names them all), and which of them the preview says will be
                      moved: only those, and no more than it says; a seat freed in the target meanwhile does not move
                      someone the organiser was told would stay. */}
                  {preview.rows.map((r) => (
                    <input key={r.enrolmentId} type="hidden" name="enrolmentId" value={r.enrolmentId} />
                  ))}
                  {preview.rows
                    .filter((r) => r.outcome === "fits")
                    .map((r) => (
                      <input key={r.enrolmentId} type="hidden" name="move" value={r.enrolmentId} />
                    ))}
                  <input type="hidden" name="expected" value={preview.fits} />
                  {values?.reason ? <input type="hidden" name="reason" value={values.reason} /> : null}
                  <p data-testid="bulk-preview-reason">
                    {values?.reason
                      ? t("participants.bulk.preview.reasonSent", { reason: values.reason })
                      : t("participants.bulk.preview.noReason")}{" "}
                    {t("participants.bulk.preview.reasonChange")}
                  </p>
                  <p className="small">{t("participants.bulk.preview.race")}</p>
                  <div className="d-flex flex-wrap gap-2">
                    <button type="submit" className="btn btn-primary" disabled={busy}>
                      {t("participants.bulk.confirm", { count: preview.fits })}
                    </button>
                    <Link className="btn btn-outline-primary" to={base}>
                      {t("participants.bulk.keep")}
                    </Link>
                  </div>
                </Form>
              ) : (
                <Link className="btn btn-outline-primary" to={base}>
                  {t("participants.bulk.keep")}
                </Link>
              )}
            </section>
          ) : null}

          <p>{t("participants.bulk.intro")}</p>
          <Form method="post" action={`${base}/sposta`}>
            <input type="hidden" name="intent" value="anteprima" />
            <fieldset className="mb-3">
              <legend className="h5">{t("participants.move.target")}</legend>
              <MoveTargetOptions
                targets={targets}
                checked={(target, i) => (values ? values.targetEditionId === target.id : i === 0)}
              />
            </fieldset>
            <fieldset className="mb-3">
              <legend className="h5">{t("participants.bulk.people")}</legend>
              <p id="bulk-people-hint" className="small">
                {t("participants.bulk.peopleHint")}
              </p>
              <ScrollRegion labelledBy="bulk-caption">
                <table className="table table-sm align-middle" data-testid="bulk-people">
                  <caption id="bulk-caption">{t("participants.bulk.caption", { number: edition.number })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("participants.bulk.col.order")}</th>
                      <th scope="col">{t("participants.bulk.col.move")}</th>
                      <th scope="col">{t("organiserEdition.participant")}</th>
                      <th scope="col">{t("participants.bulk.col.enrolledAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {people.map((p, i) => {
                      const name = listedName(p, locale);
                      const stays = p.certified || p.closed;
                      return (
                        <tr key={p.enrolmentId}>
                          <td>{i + 1}</td>
                          <td>
                            {stays ? (
                              <span className="small">
                                {t(p.certified ? "participants.bulk.certifiedNote" : "participants.bulk.closedNote")}
                              </span>
                            ) : (
                              <input
                                type="checkbox"
                                className="form-check-input cell-checkbox"
                                id={`move-${p.enrolmentId}`}
                                name="enrolmentId"
                                value={p.enrolmentId}
                                defaultChecked={chosen ? chosen.has(p.enrolmentId) : true}
                                aria-label={t("participants.bulk.tick", { name })}
                                aria-describedby="bulk-people-hint"
                              />
                            )}
                          </td>
                          <th scope="row" className="fw-normal">
                            {name}
                            <span className="d-block small text-break">{p.email}</span>
                          </th>
                          <td>{formatDateTime(p.enrolledAt, locale)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollRegion>
            </fieldset>
            <div className="mb-3">
              <label htmlFor="bulk-reason" className="form-label fw-semibold d-block">
                {t("participants.bulk.reason")}
              </label>
              <textarea
                id="bulk-reason"
                name="reason"
                rows={2}
                className="form-control border"
                maxLength={BULK_MOVE_REASON_MAX}
                defaultValue={values?.reason ?? ""}
              />
            </div>
            <button type="submit" className="btn btn-outline-primary" disabled={busy || movable.length === 0}>
              {t("participants.bulk.preview")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
