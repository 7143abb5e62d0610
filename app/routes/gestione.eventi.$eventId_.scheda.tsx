// /gestione/eventi/:id/scheda: the organiser edits the event sheet — objectives, programme,
// attachments for everyone, and each session's materials (files and recording links) for its
// enrolled participants. Files go to the file store (ADR 0015), never to this instance's disk.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FieldErrors, FormErrorSummary, useFileSizeLimit } from "~/components/form-fields.tsx";
import { SheetFileList } from "~/components/event-sheet.tsx";
import { FILE_TITLE_MAX, MAX_SHEET_FILE_BYTES, SHEET_FILE_TYPES, SHEET_TEXT_MAX } from "~/domain/event-sheet.ts";
import { sheetActionSchema } from "~/forms/event-sheet-form.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { messageWith, partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { requireManagedEvent } from "~/models/event.server.ts";
import {
  addSessionLink,
  addSheetFile,
  loadManagedSheet,
  removeSheetFile,
  saveSheetText,
} from "~/models/event-sheet.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { formatBytes } from "~/utils/format-bytes.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { readUploadForm } from "~/utils/upload.server.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.eventSheet",
      data?.event.title,
      SHEET_OUTCOMES.get(new URLSearchParams(location.search).get("esito") ?? ""),
    ),
  },
];

/** What ?esito= (the address the sheet's forms redirect to) says was just done, as the title's outcome. */
const SHEET_OUTCOMES = new Map<string, MessageKey>([
  ["testi", "outcome.sheetTextsSaved"],
  ["file", "outcome.sheetFileUploaded"],
  ["link", "outcome.sheetLinkSaved"],
  ["rimosso", "outcome.sheetRemoved"],
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const scope = await requireManagedEvent(actor, idParam(params.eventId));
  const event = await loadManagedSheet(scope);
  return { event, maxSize: formatBytes(MAX_SHEET_FILE_BYTES) };
}

/**
 * A refusal: the form it came from (`intent`; for a file, `form`: the event's attachment or a session's material),
 * its errors by field (`fieldErrors`, shown inside that form, beside the field) or for the whole form (`errors`), and
 * what was typed (`values`), so the form comes back as it was sent, with or without JavaScript.
 */
type Feedback = {
  intent: string;
  errors: string[];
  fieldErrors?: Record<string, string[]>;
  values?: { sessionId: string; title: string; url: string };
  form?: UploadPrefix;
};

type UploadPrefix = "allegato" | "materiale";

/** The link's or file's fields as posted (text only; the file itself cannot be sent back). */
const postedValues = (payload: Record<string, unknown>) => {
  const text = (name: string) => (typeof payload[name] === "string" ? (payload[name] as string).slice(0, 2000) : "");
  return { sessionId: text("sessionId"), title: text("title"), url: text("url") };
};
const uploadFormOf = (values: { sessionId: string }): UploadPrefix => (values.sessionId ? "materiale" : "allegato");

export async function action({ request, params }: ActionFunctionArgs) {
  // Scope first: a request about someone else's event learns nothing, whatever it carries.
  const { actor } = await requireOrganiser(request);
  const scope = await requireManagedEvent(actor, idParam(params.eventId));
  const form = await readUploadForm(request, MAX_SHEET_FILE_BYTES);
  if (form === "too-large") {
    return data<Feedback>({ intent: "file", errors: ["sheet.validation.fileSize"] }, { status: 413 });
  }
  const submission = parseWithZod(form, { schema: sheetActionSchema });
  if (submission.status !== "success") {
    // A missing or unknown intent is no form of this page: "bad request"; else the form's own errors, by field for
    // the link and file forms (shown beside their field, with what was typed).
    const intent = failedIntentOf(submission);
    const fieldErrors = Object.fromEntries(
      Object.entries(submission.error ?? {}).flatMap(([name, e]) => (e?.length ? [[name, e]] : [])),
    );
    if (intent === "link" || intent === "file") {
      const values = postedValues(submission.payload);
      return data<Feedback>(
        {
          intent,
          errors: Object.keys(fieldErrors).length ? [] : ["events.error.badRequest"],
          fieldErrors,
          values,
          ...(intent === "file" ? { form: uploadFormOf(values) } : {}),
        },
        { status: 400 },
      );
    }
    const errors = intent === null ? [] : Object.values(fieldErrors).flat();
    return data<Feedback>(
      { intent: intent ?? "", errors: errors.length ? errors : ["events.error.badRequest"] },
      { status: 400 },
    );
  }
  const input = submission.value;
  const back = `/gestione/eventi/${scope.id}/scheda`;
  switch (input.intent) {
    case "text":
      await saveSheetText(scope, actor.userId, input);
      return redirect(`${back}?esito=testi`);
    case "file": {
      const { file, ...rest } = input;
      const outcome = await addSheetFile(scope, actor.userId, rest, {
        bytes: new Uint8Array(await file.arrayBuffer()),
        name: file.name,
      });
      if (!outcome.ok) {
        const values = postedValues({ sessionId: rest.sessionId ?? "", title: rest.title });
        const field = outcome.reason === "session-not-found" ? "sessionId" : "file";
        return data<Feedback>(
          {
            intent: "file",
            errors: [],
            fieldErrors: { [field]: [`sheet.refused.${outcome.reason}`] },
            values,
            form: uploadFormOf(values),
          },
          { status: outcome.reason === "session-not-found" ? 404 : 400 },
        );
      }
      return redirect(`${back}?esito=file#${rest.sessionId ? `incontro-${rest.sessionId}` : "allegati"}`);
    }
    case "link": {
      const outcome = await addSessionLink(scope, actor.userId, input);
      if (!outcome.ok)
        return data<Feedback>(
          {
            intent: "link",
            errors: [],
            fieldErrors: { sessionId: ["sheet.refused.session-not-found"] },
            values: postedValues(input),
          },
          404,
        );
      return redirect(`${back}?esito=link#incontro-${input.sessionId}`);
    }
    case "remove": {
      const removed = await removeSheetFile(scope, actor.userId, input.fileId);
      if (!removed) return data<Feedback>({ intent: "remove", errors: ["sheet.refused.file-not-found"] }, 404);
      return redirect(`${back}?esito=rimosso`);
    }
  }
}

const ACCEPT = [...Object.values(SHEET_FILE_TYPES).map((ext) => `.${ext}`), ...Object.keys(SHEET_FILE_TYPES)].join(",");

export default function EventSheetPage() {
  const t = useT();
  const locale = useLocale();
  const { event, maxSize } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const successInUrl = useSuccessInUrl();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const outcome = successInUrl("esito");
  const linkRefused = actionData?.intent === "link" ? actionData : undefined;
  const attachments = event.files.filter((f) => f.sessionId === null);
  const sessions = event.editions.flatMap((e) => e.sessions.map((s) => ({ ...s, editionNumber: e.number })));
  const sessionLabel = (s: (typeof sessions)[number]) =>
    `${t("enrol.editionLabel", { number: s.editionNumber })} · ${s.title || t("sheet.session")} · ${formatDateTime(s.startsAt, locale)}`;
  const sessionOptions = sessions.map((s) => ({ id: s.id, label: sessionLabel(s) }));
  // Removing cannot be undone: the button opens a confirmation next to the file (?rimuovi=<id>, a GET,
  // no JavaScript needed), whose "yes" removes it.
  const [searchParams] = useSearchParams();
  const confirming = searchParams.get("rimuovi");
  const back = `/gestione/eventi/${event.id}/scheda`;
  const removeButton = (fileId: string, title: string) =>
    confirming === fileId ? (
      <div
        role="group"
        aria-labelledby={`rimuovi-${fileId}`}
        className="alert alert-warning mt-2 mb-0"
        data-testid="remove-file-step"
      >
        <p className="fw-semibold mb-1" id={`rimuovi-${fileId}`} tabIndex={-1}>
          {t("sheet.removeConfirm", { title })}
        </p>
        <p className="mb-2">{t("sheet.removeConfirmText")}</p>
        <Form method="post" action={back} className="d-flex flex-wrap gap-2">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="fileId" value={fileId} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" className="btn btn-danger btn-sm" disabled={busy}>
            {t("sheet.removeYes")}
            <span className="visually-hidden"> {title}</span>
          </button>
          <Link className="btn btn-outline-primary btn-sm" to={back}>
            {t("sheet.removeKeep")}
          </Link>
        </Form>
      </div>
    ) : (
      <Form method="get" action={`${back}#rimuovi-${fileId}`} className="d-inline">
        <input type="hidden" name="rimuovi" value={fileId} />
        <button type="submit" className="btn btn-link btn-sm p-0 ms-2" disabled={busy}>
          {t("sheet.remove")}
          <span className="visually-hidden"> {title}</span>
        </button>
      </Form>
    );
  return (
    <div>
      <p>
        <Link to={`/gestione/eventi/${event.id}`}>
          ← <span lang={partLang(event.titleLanguage, locale)}>{event.title}</span>
        </Link>
      </p>
      <h1 className="h2">
        {messageWith(
          t,
          "sheet.admin.title",
          {},
          {
            title: <span lang={partLang(event.titleLanguage, locale)}>{event.title}</span>,
          },
        )}
      </h1>
      <p>{t("sheet.admin.intro")}</p>
      {/* The link and file forms show their refusals inside themselves, beside the field. */}
      {actionData && !actionData.fieldErrors ? <FormErrorSummary errors={actionData.errors} /> : null}
      {outcome && SHEET_OUTCOMES.has(outcome) ? (
        <OutcomeNotice>{t(`sheet.admin.done.${outcome}` as MessageKey)}</OutcomeNotice>
      ) : null}

      <section className="mb-5" aria-labelledby="testi-title">
        <h2 id="testi-title" className="h4">
          {t("sheet.texts")}
        </h2>
        <Form method="post">
          <input type="hidden" name="intent" value="text" />
          {(
            [
              ["objectives", "sheet.objectives", 5, event.objectives],
              ["programme", "sheet.programme", 8, event.programme],
            ] as const
          ).map(([name, label, rows, value]) => (
            <div className="form-group" key={name}>
              <label htmlFor={name} className="active">
                {t(label)}
              </label>
              <textarea
                id={name}
                name={name}
                className="form-control"
                rows={rows}
                maxLength={SHEET_TEXT_MAX}
                defaultValue={value}
                aria-describedby="texts-hint"
              />
            </div>
          ))}
          <small id="texts-hint" className="form-text d-block mb-3">
            {t("sheet.textsHint")}
          </small>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("sheet.saveTexts")}
          </button>
        </Form>
      </section>

      <section className="mb-5" aria-labelledby="allegati">
        <h2 id="allegati" className="h4">
          {t("sheet.attachments")}
        </h2>
        <p>{t("sheet.admin.attachmentsIntro")}</p>
        <SheetFileList
          eventId={event.id}
          files={attachments}
          empty={t("sheet.noAttachments")}
          action={(f) => removeButton(f.id, f.title)}
        />
        <UploadForm
          idPrefix="allegato"
          legend={t("sheet.admin.addAttachment")}
          maxSize={maxSize}
          busy={busy}
          refused={actionData?.intent === "file" && actionData.form === "allegato" ? actionData : undefined}
        />
      </section>

      <section className="mb-5" aria-labelledby="materiali">
        <h2 id="materiali" className="h4">
          {t("sheet.materials")}
        </h2>
        <p>{t("sheet.admin.materialsIntro")}</p>
        {sessions.length === 0 ? <p>{t("sheet.admin.noSessions")}</p> : null}
        {sessions.map((s) => (
          <div key={s.id} className="mb-3" id={`incontro-${s.id}`}>
            <h3 className="h6">
              {t("enrol.editionLabel", { number: s.editionNumber })} ·{" "}
              {s.title ? <span lang={partLang(event.titleLanguage, locale)}>{s.title}</span> : t("sheet.session")} ·{" "}
              {formatDateTime(s.startsAt, locale)}
            </h3>
            <SheetFileList
              eventId={event.id}
              files={event.files.filter((f) => f.sessionId === s.id)}
              empty={t("sheet.noMaterials")}
              action={(f) => removeButton(f.id, f.title)}
            />
          </div>
        ))}
        {sessions.length > 0 ? (
          <div className="row">
            <div className="col-12 col-lg-6">
              <UploadForm
                idPrefix="materiale"
                legend={t("sheet.admin.addMaterial")}
                maxSize={maxSize}
                busy={busy}
                sessions={sessionOptions}
                refused={actionData?.intent === "file" && actionData.form === "materiale" ? actionData : undefined}
              />
            </div>
            <div className="col-12 col-lg-6">
              <Form
                method="post"
                className="mb-4"
                // A new refusal renders the form afresh with what was sent (uncontrolled fields keep their first value).
                key={linkRefused ? JSON.stringify(linkRefused) : "link"}
              >
                <fieldset>
                  <legend className="h5">{t("sheet.admin.addLink")}</legend>
                  <FormErrorSummary errors={linkRefused?.errors} />
                  <input type="hidden" name="intent" value="link" />
                  <SessionSelect
                    id="link-session"
                    sessions={sessionOptions}
                    required
                    defaultValue={linkRefused?.values?.sessionId}
                    errors={linkRefused?.fieldErrors?.sessionId}
                  />
                  <div className="form-group">
                    <label htmlFor="link-title" className="active">
                      {t("sheet.fileTitle")}
                    </label>
                    <input
                      id="link-title"
                      name="title"
                      maxLength={FILE_TITLE_MAX}
                      required
                      defaultValue={linkRefused?.values?.title ?? t("sheet.recording")}
                      {...invalidProps("link-title", linkRefused?.fieldErrors?.title)}
                    />
                    <FieldErrors id="link-title-error" errors={linkRefused?.fieldErrors?.title} />
                  </div>
                  <div className="form-group">
                    <label htmlFor="link-url" className="active">
                      {t("sheet.url")}
                    </label>
                    <input
                      id="link-url"
                      name="url"
                      type="url"
                      required
                      maxLength={2000}
                      defaultValue={linkRefused?.values?.url}
                      {...invalidProps("link-url", linkRefused?.fieldErrors?.url)}
                    />
                    <FieldErrors id="link-url-error" errors={linkRefused?.fieldErrors?.url} />
                  </div>
                  <button type="submit" className="btn btn-outline-primary" disabled={busy}>
                    {t("sheet.admin.saveLink")}
                  </button>
                </fieldset>
              </Form>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

type SessionOption = { id: string; label: string };

/** A field refused by the server: marked invalid and described by its message (`<id>-error`, then any hint). */
function invalidProps(id: string, errors: string[] | undefined, hintId?: string) {
  const invalid = !!errors?.length;
  const describedBy = [invalid ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(" ");
  return {
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": describedBy || undefined,
    className: `form-control${invalid ? " is-invalid" : ""}`,
  } as const;
}

function SessionSelect({
  id,
  sessions,
  required,
  defaultValue,
  errors,
}: {
  id: string;
  sessions: SessionOption[];
  required?: boolean;
  defaultValue?: string;
  errors?: string[];
}) {
  const t = useT();
  const invalid = !!errors?.length;
  return (
    <div className="select-wrapper mb-3">
      <label htmlFor={id}>{t("sheet.session")}</label>
      <FieldErrors id={`${id}-error`} errors={errors} />
      <select
        id={id}
        name="sessionId"
        required={required}
        defaultValue={defaultValue || undefined}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      >
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function UploadForm({
  idPrefix,
  legend,
  maxSize,
  busy,
  sessions,
  refused,
}: {
  idPrefix: string;
  legend: string;
  maxSize: string;
  busy: boolean;
  /** A session's material: the session to attach it to; none = an attachment of the event. */
  sessions?: SessionOption[];
  /** This form's refusal, to show inside it with what was typed (the file itself must be chosen again). */
  refused?: Feedback;
}) {
  const t = useT();
  const limitSize = useFileSizeLimit(MAX_SHEET_FILE_BYTES);
  const fileErrors = refused?.fieldErrors?.file;
  const titleErrors = refused?.fieldErrors?.title;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="mb-4"
      key={refused ? JSON.stringify(refused) : idPrefix}
    >
      <fieldset>
        <legend className="h5">{legend}</legend>
        <FormErrorSummary errors={refused?.errors} />
        <input type="hidden" name="intent" value="file" />
        {sessions ? (
          <SessionSelect
            id={`${idPrefix}-session`}
            sessions={sessions}
            required
            defaultValue={refused?.values?.sessionId}
            errors={refused?.fieldErrors?.sessionId}
          />
        ) : null}
        <div className="form-group">
          <label htmlFor={`${idPrefix}-title`} className="active">
            {t("sheet.fileTitle")}
          </label>
          <input
            id={`${idPrefix}-title`}
            name="title"
            maxLength={FILE_TITLE_MAX}
            required
            defaultValue={refused?.values?.title}
            {...invalidProps(`${idPrefix}-title`, titleErrors)}
          />
          <FieldErrors id={`${idPrefix}-title-error`} errors={titleErrors} />
        </div>
        <div className="mb-3">
          <label htmlFor={`${idPrefix}-file`} className="active d-block">
            {t("sheet.file")}
          </label>
          <input
            id={`${idPrefix}-file`}
            name="file"
            type="file"
            accept={ACCEPT}
            onChange={limitSize}
            required
            {...invalidProps(`${idPrefix}-file`, fileErrors, `${idPrefix}-file-hint`)}
          />
          <FieldErrors id={`${idPrefix}-file-error`} errors={fileErrors} />
          <small id={`${idPrefix}-file-hint`} className="form-text">
            {t("sheet.fileHint", { size: maxSize })}
          </small>
        </div>
        <button type="submit" className="btn btn-outline-primary" disabled={busy}>
          {t("sheet.admin.upload")}
        </button>
      </fieldset>
    </Form>
  );
}
