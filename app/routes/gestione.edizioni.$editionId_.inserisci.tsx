// /gestione/edizioni/:id/inserisci: the organiser places a teacher in the edition by email
// (issue 15, item 2): a preview says what the address is (found, unknown, already placed, not
// eligible with an override and a reason), then the place goes through the seat ledger — a seat,
// or the waitlist when the edition is full. Audited and told to the teacher (placement.server.ts).
// The same for a CSV of addresses: a preview per row, then the outcome per row. The waitlist is
// listed too, and one person can be moved to another position with a reason.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import {
  CheckboxField,
  FormErrorSummary,
  TextAreaField,
  TextField,
  useFileSizeLimit,
} from "~/components/form-fields.tsx";
import {
  PLACEMENT_CSV_MAX_BYTES,
  PLACEMENT_CSV_MAX_ROWS,
  PLACEMENT_REASON_MAX,
  PLACEMENT_REASON_MIN,
  type PlacementTiming,
} from "~/domain/placement.ts";
import { parsePlacementCsv } from "~/domain/placement-csv.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { placementCsvFields, placementCsvFormSchema, type PlacementCsvForm } from "~/forms/placement-csv-form.ts";
import { placementPageActionSchema } from "~/forms/placement-page-form.ts";
import { placementFormSchema } from "~/forms/placement-form.ts";
import { waitlistMoveFormSchema } from "~/forms/waitlist-move-form.ts";
import { REGION_LABELS, labelOf } from "~/domain/vocabulary.ts";
import { messageWith, partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { requireManagedEdition, type ManagedEdition } from "~/models/edition-scope.server.ts";
import {
  loadPlacementPage,
  loadWaitlist,
  moveInWaitlist,
  placeTeacher,
  placeTeachers,
  previewPlacement,
  previewPlacements,
  type BatchRow,
  type PlacementPreview,
} from "~/models/placement.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { readUploadForm } from "~/utils/upload.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "placement.title",
      data?.edition.event.title,
      outcomeOf(new URLSearchParams(location.search), data?.timing),
    ),
  },
];

/** What the address the page's actions redirect to says was just done, as the title's outcome (its OutcomeNotice). */
function outcomeOf(params: URLSearchParams, timing: string | undefined): MessageKey | null {
  const placed = params.get("inserito");
  if (placed === "iscritto") return timing === "after-the-fact" ? "outcome.participationRecorded" : "outcome.placed";
  if (placed === "in-attesa") return "outcome.placedOnWaitlist";
  if (params.get("spostato")) return "outcome.waitlistReordered";
  return null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const { id } = await requireManagedEdition(actor, idParam(params.editionId));
  const [page, waitlist] = await Promise.all([loadPlacementPage(id), loadWaitlist(id)]);
  return { ...page, waitlist };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Scope first: a request about another region's edition learns nothing and changes nothing.
  const { actor } = await requireOrganiser(request);
  const scope = await requireManagedEdition(actor, idParam(params.editionId));
  const { id } = scope;
  const formData = await readUploadForm(request, PLACEMENT_CSV_MAX_BYTES);
  if (formData === "too-large") return data({ csv: csvFailure("placement.csv.error.too-large") }, { status: 413 });
  const submission = parseWithZod(formData, { schema: placementPageActionSchema });
  if (submission.status !== "success") {
    const intent = failedIntentOf(submission);
    if (intent === "anteprima-csv") {
      return data({ csv: csvFailure("placement.csv.error.form", submission.reply()) }, { status: 400 });
    }
    if (intent === "inserisci-csv") {
      // The confirmation refused (a reason too short for the override, say): the preview of the addresses
      // it carried is shown again with the form and its error, as with JavaScript; it is not dropped.
      const emails = placementCsvFields.shape.emails.safeParse(submission.payload.emails);
      const preview = emails.success && emails.data.length ? await previewPlacements(id, emails.data) : null;
      return data(
        {
          csv: {
            ...csvFailure(preview ? "common.formHasErrors" : "placement.csv.error.form", submission.reply()),
            preview,
          } as CsvData,
        },
        { status: 400 },
      );
    }
    if (intent === "sposta")
      return data(
        { move: { enrolmentId: String(submission.payload.enrolmentId ?? ""), result: submission.reply() } },
        { status: 400 },
      );
    return data({ result: submission.reply(), preview: null }, { status: 400 });
  }
  // A cancelled edition takes nobody and its waitlist is over; once its register is closed and the
  // certificates issued, nobody is added either (ADR 0098): nothing on this page applies to them.
  const page = await loadPlacementPage(id);
  if (page.edition.status === "annullata" || page.timing === "register-closed") {
    const error = page.edition.status === "annullata" ? "placement.error.cancelled" : "placement.error.register-closed";
    return data({ result: submission.reply({ formErrors: [error] }), preview: null }, { status: 409 });
  }
  const input = submission.value;
  // The CSV member (anteprima-csv, inserisci-csv) is the one with the address list.
  if ("emails" in input) return csvAction(scope, formData, input, submission.reply());
  if (input.intent === "sposta") {
    const outcome = await moveInWaitlist(scope, {
      enrolmentId: input.enrolmentId,
      toPosition: input.position,
      reason: input.reason,
    });
    if (!outcome.ok)
      return data(
        {
          move: {
            enrolmentId: input.enrolmentId,
            result: submission.reply({ formErrors: [`placement.waitlist.error.${outcome.reason}`] }),
          },
        },
        { status: outcome.reason === "not-waiting" ? 404 : 400 },
      );
    return redirect(`/gestione/edizioni/${id}/inserisci?spostato=${outcome.to}`);
  }
  const form = input;
  if (form.intent === "anteprima") {
    return { result: submission.reply(), preview: (await previewPlacement(id, form.email)) as PlacementPreview | null };
  }
  // Only the address the preview on screen showed is placed: one edited after it (the button was still
  // there), an old page or a script without it is refused with nothing written, and previewed, so the
  // organiser sees who the address is and confirms on that.
  if (form.previewedEmail !== form.email) {
    return data(
      {
        result: submission.reply({ formErrors: ["placement.error.preview-changed"] }),
        preview: (await previewPlacement(id, form.email)) as PlacementPreview | null,
      },
      { status: 409 },
    );
  }
  const outcome = await placeTeacher(scope, {
    email: form.email,
    override: form.override,
    reason: form.reason ?? null,
    raiseCapTo: form.raiseCapTo ?? null,
  });
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({ formErrors: [`placement.error.${outcome.reason}`] }),
        preview: (await previewPlacement(id, form.email)) as PlacementPreview | null,
      },
      { status: outcome.reason === "unknown" ? 404 : 409 },
    );
  }
  return redirect(`/gestione/edizioni/${id}/inserisci?inserito=${outcome.status}`);
}

/** A full edition: before its end, whoever is placed waits; after it, only a raised cap gives the seat (ADR 0098). */
function fullMessage(timing: PlacementTiming): MessageKey {
  return timing === "after-the-fact" ? "placement.fullAfterTheFact" : "placement.full";
}

/**
 * Where the previewed person's place would come from, read for their own pool (the page's notice reads the
 * general seats only): their region's reserved seats, free or full, or the general seats when full. Raising
 * the cap adds general seats: it is offered for those alone (raiseCapForOne gives nothing to a quota's line).
 */
function PoolNote({
  pool,
  timing,
  raise,
}: {
  pool: NonNullable<PlacementPreview["pool"]>;
  timing: PlacementTiming;
  raise: { seatCap: number | null } | null;
}) {
  const t = useT();
  const locale = useLocale();
  if (pool.regionCode === null) {
    if (!pool.full) return null;
    return (
      <>
        <p className="mt-2" data-testid="placement-pool" data-pool="general">
          {t(fullMessage(timing))}
        </p>
        {raise ? <RaiseCap id="raise-cap-one" seatCap={raise.seatCap} count={1} /> : null}
      </>
    );
  }
  const region = labelOf(REGION_LABELS, pool.regionCode, locale);
  const key = !pool.full
    ? "placement.pool.quotaSeat"
    : timing === "after-the-fact"
      ? "placement.pool.quotaFullAfterTheFact"
      : "placement.pool.quotaFull";
  return (
    <p className="mt-2" data-testid="placement-pool" data-pool={pool.full ? "quota-full" : "quota"}>
      {t(key, { region })}
    </p>
  );
}

/** What the preview says of one address, in words. */
function useCheckText() {
  const t = useT();
  return (p: PlacementPreview) =>
    t(`placement.check.${p.check}` as MessageKey, {
      name: p.name ?? "",
      email: p.email,
      reasons: p.reasons.map((r) => t(`placement.reason.${r}` as MessageKey)).join(", "),
    });
}

/**
 * When the edition is full: "raise the seat cap to N and place them" (N = the cap plus the people
 * to place), else they go to the waitlist. The cap changes through the edition page's rule.
 * A CSV's list (`upTo`) sends the cap plus everyone who may be placed, the override's people
 * included: each teacher placed raises it by one (raiseCapForOne), never past it, so those left
 * out take nothing, and without JavaScript, where the page cannot know the override is ticked, the
 * people placed by it are seated too (the cap sent was the found ones' alone: they waited).
 */
function RaiseCap({ id, seatCap, count, upTo }: { id: string; seatCap: number | null; count: number; upTo?: number }) {
  const t = useT();
  if (seatCap === null) return null;
  const to = seatCap + (upTo ?? count);
  return (
    <div className="form-check my-3" data-testid="raise-cap">
      <input type="checkbox" id={id} name="raiseCapTo" value={String(to)} />
      <label htmlFor={id}>
        {upTo === undefined ? t("placement.raiseCap", { cap: to, count }) : t("placement.csv.raiseCap", { cap: to })}
      </label>
    </div>
  );
}

type CsvData = {
  error: string | null;
  result: SubmissionResult<string[]> | null;
  preview: PlacementPreview[] | null;
  invalid: { line: number; value: string }[];
  done: BatchRow[] | null;
};

function csvFailure(error: string, result: SubmissionResult<string[]> | null = null): CsvData {
  return { error, result, preview: null, invalid: [], done: null };
}

/** The CSV form: the file's preview, or the placement of the previewed addresses. */
async function csvAction(
  scope: ManagedEdition,
  formData: FormData,
  form: PlacementCsvForm,
  result: SubmissionResult<string[]>,
) {
  const editionId = scope.id;
  if (form.intent === "inserisci-csv") {
    const done = await placeTeachers(scope, {
      emails: form.emails,
      override: form.override,
      notEligible: form.notEligible,
      reason: form.reason ?? null,
      raiseCapTo: form.raiseCapTo ?? null,
    });
    return data({ csv: { error: null, result, preview: null, invalid: [], done } as CsvData });
  }
  const file = formData.get("file");
  if (!(file instanceof Blob) || file.size === 0)
    return data({ csv: csvFailure("placement.csv.error.empty") }, { status: 400 });
  const parsed = parsePlacementCsv(new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok)
    return data(
      { csv: csvFailure(`placement.csv.error.${parsed.problem}`) },
      { status: parsed.problem === "too-large" ? 413 : 400 },
    );
  const preview = await previewPlacements(editionId, parsed.csv.emails);
  return data({
    csv: { error: null, result: null, preview, invalid: parsed.csv.invalid, done: null } as CsvData,
  });
}

/** The CSV part of the page: upload, preview per row, outcome per row. */
function CsvPlacement({
  csv,
  full,
  raise,
}: {
  csv: CsvData | null;
  /** What a full edition means for whoever is placed now (fullMessage), or null. */
  full: MessageKey | null;
  raise: { seatCap: number | null } | null;
}) {
  const t = useT();
  const limitSize = useFileSizeLimit(PLACEMENT_CSV_MAX_BYTES);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [form, fields] = useForm({
    id: "inserisci-csv",
    lastResult: csv?.result ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: placementCsvFormSchema }),
    shouldValidate: "onSubmit",
  });
  const placeable = (csv?.preview ?? []).filter((p) => p.check === "found" || p.check === "not-eligible");
  const notEligible = placeable.filter((p) => p.check === "not-eligible").length;
  const anyNotEligible = notEligible > 0;
  // Those who would be placed: the ones found, and those outside the requirements only with the
  // override ticked (the action refuses them without it). Without JavaScript the label counts the first.
  const placing = placeable.length - (fields.override.value === "on" ? 0 : notEligible);
  const checkText = useCheckText();
  return (
    <section aria-labelledby="csv-title" className="mt-5">
      <h2 id="csv-title" className="h4">
        {t("placement.csv.title")}
      </h2>
      <p>{t("placement.csv.intro", { rows: PLACEMENT_CSV_MAX_ROWS, kb: PLACEMENT_CSV_MAX_BYTES / 1024 })}</p>
      {csv?.error ? <FormErrorSummary errors={[csv.error]} /> : null}
      <Form method="post" encType="multipart/form-data">
        <div className="mb-3">
          <label htmlFor="placement-file" className="form-label">
            {t("placement.csv.file")}
          </label>
          <input
            id="placement-file"
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={limitSize}
            className="form-control"
            required
          />
        </div>
        <button type="submit" name="intent" value="anteprima-csv" className="btn btn-outline-primary" disabled={busy}>
          {t("placement.previewButton")}
        </button>
      </Form>
      {csv?.preview ? (
        <div className="mt-4">
          <h3 className="h5">{t("placement.previewTitle")}</h3>
          <ul data-testid="csv-preview">
            {csv.preview.map((p) => (
              <li key={p.email} data-check={p.check}>
                {checkText(p)}
              </li>
            ))}
            {csv.invalid.map((i) => (
              <li key={`line-${i.line}`} data-check="invalid">
                {t("placement.csv.invalid", { line: i.line, value: i.value })}
              </li>
            ))}
          </ul>
          {placeable.length > 0 ? (
            <Form method="post" {...getFormProps(form)}>
              <ErrorSummary
                form={form}
                lastResult={csv?.result}
                labelOf={(name) =>
                  ({ override: t("placement.csv.override", { count: notEligible }), reason: t("placement.reason") })[
                    name
                  ]
                }
              />
              <input type="hidden" name="emails" value={placeable.map((p) => p.email).join("\n")} />
              {/* The override applies to these only: an address previewed as eligible is never placed under it. */}
              <input
                type="hidden"
                name="notEligible"
                value={placeable
                  .filter((p) => p.check === "not-eligible")
                  .map((p) => p.email)
                  .join("\n")}
              />
              {anyNotEligible ? (
                <>
                  <CheckboxField field={fields.override} label={t("placement.csv.override", { count: notEligible })} />
                  <TextAreaField
                    field={fields.reason}
                    label={t("placement.reason")}
                    hint={t("placement.reasonHint", { min: PLACEMENT_REASON_MIN, max: PLACEMENT_REASON_MAX })}
                    rows={3}
                  />
                </>
              ) : null}
              {full ? <p>{t(full)}</p> : null}
              {raise ? (
                <RaiseCap id="raise-cap-csv" seatCap={raise.seatCap} count={placing} upTo={placeable.length} />
              ) : null}
              <button type="submit" name="intent" value="inserisci-csv" className="btn btn-primary" disabled={busy}>
                {t("placement.csv.submit", { count: placing })}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {csv?.done ? (
        <div className="mt-4" role="status">
          <h3 className="h5">{t("placement.csv.doneTitle")}</h3>
          <ul data-testid="csv-done">
            {csv.done.map((r) => (
              <li key={r.email} data-outcome={r.outcome}>
                {r.email}: {t(`placement.csv.outcome.${r.outcome}` as MessageKey)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

type Waitlist = Awaited<ReturnType<typeof loadWaitlist>>;
type MoveData = { enrolmentId: string; result: SubmissionResult<string[]> };

/** One waiting person and the form that moves them. */
function MoveForm({
  person,
  lastResult,
}: {
  person: Waitlist[number]["line"][number];
  lastResult: MoveData["result"] | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  // Every waiting person has the same controls: each one's name ends with whose place it moves (hidden
  // text, so a screen reader's list of fields or buttons tells them apart and the visible words stay
  // the start of the name, WCAG 2.4.6 and 2.5.3).
  const whose = <span className="visually-hidden">{t("placement.waitlist.ofPerson", { name: person.name })}</span>;
  const [form, fields] = useForm({
    id: `sposta-${person.enrolmentId}`,
    lastResult,
    defaultValue: { position: String(person.position) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: waitlistMoveFormSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <li className="mb-3" data-testid="waitlist-person">
      <p className="mb-1">
        {t("placement.waitlist.person", { position: person.position, name: person.name, email: person.email })}
      </p>
      {/* Open again when the server refused it (no JavaScript): the error and what was typed are inside. */}
      <details open={lastResult?.status === "error" ? true : undefined}>
        <summary>
          {t("placement.waitlist.move")}
          {whose}
        </summary>
        <FormErrorSummary errors={form.errors} />
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="enrolmentId" value={person.enrolmentId} />
          <TextField
            field={fields.position}
            label={
              <>
                {t("placement.waitlist.position")}
                {whose}
              </>
            }
            type="number"
            required
          />
          <TextAreaField
            field={fields.reason}
            label={
              <>
                {t("placement.waitlist.reason")}
                {whose}
              </>
            }
            rows={2}
            required
          />
          <button
            type="submit"
            name="intent"
            value="sposta"
            className="btn btn-outline-primary btn-sm"
            disabled={navigation.state !== "idle"}
          >
            {t("placement.waitlist.submit")}
            {whose}
          </button>
        </Form>
      </details>
    </li>
  );
}

/** The waitlist, pool by pool, each person movable with a reason. */
function WaitlistSection({ waitlist, move }: { waitlist: Waitlist; move: MoveData | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="waitlist-title" className="mt-5">
      <h2 id="waitlist-title" className="h4">
        {t("placement.waitlist.title")}
      </h2>
      {waitlist.length === 0 ? <p>{t("placement.waitlist.empty")}</p> : <p>{t("placement.waitlist.intro")}</p>}
      {waitlist.map((pool) => (
        <div key={pool.quotaId ?? "general"}>
          {/* A quota's line always says whose region it is; the general one needs a heading only beside another. */}
          {pool.regionCode ? (
            <h3 className="h5">
              {t("placement.waitlist.quotaPool", { region: labelOf(REGION_LABELS, pool.regionCode, locale) })}
            </h3>
          ) : waitlist.length > 1 ? (
            <h3 className="h5">{t("placement.waitlist.generalPool")}</h3>
          ) : null}
          <ol className="list-unstyled">
            {pool.line.map((person) => (
              <MoveForm
                key={person.enrolmentId}
                person={person}
                lastResult={move?.enrolmentId === person.enrolmentId ? move.result : undefined}
              />
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

export default function PlacementPage() {
  const { edition, timing } = useLoaderData<typeof loader>();
  const successInUrl = useSuccessInUrl();
  const t = useT();
  const locale = useLocale();
  const done = successInUrl("inserito");
  return (
    <div>
      <p className="mb-1">
        <Link to={`/gestione/edizioni/${edition.id}`}>← {t("placement.back")}</Link>
      </p>
      <h1 className="h2">{t("placement.title")}</h1>
      <p className="lead">
        {messageWith(
          t,
          "placement.edition",
          { number: edition.number },
          {
            title: <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span>,
          },
        )}
      </p>
      {done === "iscritto" || done === "in-attesa" ? (
        // On the waiting list, the edition being full: an outcome in part.
        <OutcomeNotice tone={done === "in-attesa" ? "info" : "success"} testId="placement-done">
          {/* After the edition's end a placement records a participation (ADR 0098): say that, as its email does,
              not "Iscrizione fatta" as if the person would now take part. */}
          {t(
            done === "iscritto" && timing === "after-the-fact"
              ? "placement.done.afterTheFact"
              : `placement.done.${done}`,
          )}
        </OutcomeNotice>
      ) : null}
      {edition.status === "annullata" ? (
        // A cancelled edition is read-only: no placement, no list, no waitlist to reorder.
        <p className="alert alert-info" data-testid="placement-cancelled">
          {t("placement.cancelled")}
        </p>
      ) : timing === "register-closed" ? (
        <p className="alert alert-info" data-testid="placement-register-closed">
          {t("placement.registerClosed")}
        </p>
      ) : (
        <PlacementForms />
      )}
    </div>
  );
}

/** The page's forms for an edition that still takes people. */
function PlacementForms() {
  const { edition, full: isFull, capRaisable, waitlist, timing } = useLoaderData<typeof loader>();
  const raise = capRaisable ? { seatCap: edition.seatCap } : null;
  const full = isFull ? fullMessage(timing) : null;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    id: "inserisci-partecipante",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: placementFormSchema }),
    shouldValidate: "onSubmit",
  });
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const placeable = preview !== null && (preview.check === "found" || preview.check === "not-eligible");
  // The preview is of one address; once the field holds another (edited after it), the preview no longer
  // says who would be placed: no button until it is shown again (the action refuses it too).
  const previewStale = preview !== null && (fields.email.value ?? "").trim().toLowerCase() !== preview.email;
  const csv = actionData && "csv" in actionData ? (actionData.csv as CsvData) : null;
  const move = actionData && "move" in actionData ? (actionData.move as MoveData) : null;
  const moved = useSuccessInUrl()("spostato");
  const busy = navigation.state !== "idle";
  const checkText = useCheckText();
  // The preview takes the focus where it appears (WCAG 4.1.3, as the bulk move's does): its heading, then its
  // verdict, are read, and without it nothing was, with the focus left on "Mostra l'anteprima" above it.
  // A refusal's preview comes with an error: the error summary takes the focus then.
  const previewRef = useRef<HTMLHeadingElement>(null);
  const refused = actionData && "result" in actionData && actionData.result?.status === "error";
  useEffect(() => {
    if (preview && !refused) previewRef.current?.focus();
  }, [preview, refused]);
  const placementFieldLabel = (name: string) =>
    ({ email: t("placement.email"), override: t("placement.override"), reason: t("placement.reason") })[name];
  return (
    <>
      {/* After the end nobody goes on a waitlist (ADR 0098): the intro does not say they would. */}
      <p>{t(timing === "after-the-fact" ? "placement.introAfterTheFact" : "placement.intro")}</p>
      {timing === "after-the-fact" ? (
        <p className="alert alert-info" data-testid="placement-after-the-fact">
          {t("placement.afterTheFact")}
        </p>
      ) : null}
      {full ? (
        <p className="alert alert-warning" data-testid="placement-full">
          {t(full)}
        </p>
      ) : null}
      <ErrorSummary
        form={form}
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        labelOf={placementFieldLabel}
      />
      <Form method="post" {...getFormProps(form)}>
        <TextField field={fields.email} label={t("placement.email")} type="email" required />
        <button type="submit" name="intent" value="anteprima" className="btn btn-outline-primary" disabled={busy}>
          {t("placement.previewButton")}
        </button>
        {preview ? (
          <section aria-labelledby="preview-title" className="mt-4">
            <h2 id="preview-title" className="h4" tabIndex={-1} ref={previewRef}>
              {t("placement.previewTitle")}
            </h2>
            <p data-testid="placement-check" data-check={preview.check}>
              {checkText(preview)}
            </p>
            {placeable && previewStale ? (
              <p className="alert alert-warning" data-testid="placement-preview-stale">
                {t("placement.previewStale")}
              </p>
            ) : null}
            {/* The address this preview is of: the place goes to it only while it is the one in the field. */}
            {placeable ? <input type="hidden" name="previewedEmail" value={preview.email} /> : null}
            {placeable && !previewStale && preview.check === "not-eligible" ? (
              <>
                <CheckboxField field={fields.override} label={t("placement.override")} />
                <TextAreaField
                  field={fields.reason}
                  label={t("placement.reason")}
                  hint={t("placement.reasonHint", { min: PLACEMENT_REASON_MIN, max: PLACEMENT_REASON_MAX })}
                  rows={3}
                />
              </>
            ) : null}
            {placeable && !previewStale && preview.pool ? (
              <PoolNote pool={preview.pool} timing={timing} raise={raise} />
            ) : null}
            {placeable && !previewStale ? (
              <button type="submit" name="intent" value="inserisci" className="btn btn-primary" disabled={busy}>
                {t("placement.submit", { name: preview.name ?? preview.email })}
              </button>
            ) : null}
          </section>
        ) : null}
      </Form>
      <CsvPlacement csv={csv} full={full} raise={raise} />
      {moved && !actionData ? (
        <div className="mt-4">
          <OutcomeNotice>{t("placement.waitlist.moved", { position: Number(moved) || 0 })}</OutcomeNotice>
        </div>
      ) : null}
      {/* An ended edition's waitlist can still be reordered if people remain on it; an empty one is not shown then. */}
      {timing === "after-the-fact" && waitlist.length === 0 ? null : (
        <WaitlistSection waitlist={waitlist} move={move} />
      )}
    </>
  );
}
