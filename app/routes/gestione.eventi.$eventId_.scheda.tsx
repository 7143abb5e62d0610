// /gestione/eventi/:id/scheda: the organiser edits the event sheet — objectives, programme,
// attachments for everyone, and each session's materials (files and recording links) for its
// enrolled participants. Files go to the file store (ADR 0015), never to this instance's disk.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrorSummary, useFileSizeLimit } from "~/components/form-fields.tsx";
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
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.eventSheet", data?.event.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const scope = await requireManagedEvent(actor, idParam(params.eventId));
  const event = await loadManagedSheet(scope);
  return { event, maxSize: formatBytes(MAX_SHEET_FILE_BYTES) };
}

type Feedback = { intent: string; errors: string[] };

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
    // A missing or unknown intent is no form of this page: "bad request"; else the form's own errors.
    const intent = failedIntentOf(submission);
    const errors = intent === null ? [] : Object.values(submission.error ?? {}).flatMap((e) => e ?? []);
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
        return data<Feedback>(
          { intent: "file", errors: [`sheet.refused.${outcome.reason}`] },
          { status: outcome.reason === "session-not-found" ? 404 : 400 },
        );
      }
      return redirect(`${back}?esito=file#${rest.sessionId ? `incontro-${rest.sessionId}` : "allegati"}`);
    }
    case "link": {
      const outcome = await addSessionLink(scope, actor.userId, input);
      if (!outcome.ok) return data<Feedback>({ intent: "link", errors: ["sheet.refused.session-not-found"] }, 404);
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
      <FormErrorSummary errors={actionData?.errors} />
      {outcome ? (
        <div className="alert alert-success" role="status">
          {t(`sheet.admin.done.${outcome}` as MessageKey)}
        </div>
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
        <UploadForm idPrefix="allegato" legend={t("sheet.admin.addAttachment")} maxSize={maxSize} busy={busy} />
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
              />
            </div>
            <div className="col-12 col-lg-6">
              <Form method="post" className="mb-4">
                <fieldset>
                  <legend className="h5">{t("sheet.admin.addLink")}</legend>
                  <input type="hidden" name="intent" value="link" />
                  <SessionSelect id="link-session" sessions={sessionOptions} required />
                  <div className="form-group">
                    <label htmlFor="link-title" className="active">
                      {t("sheet.fileTitle")}
                    </label>
                    <input
                      id="link-title"
                      name="title"
                      className="form-control"
                      maxLength={FILE_TITLE_MAX}
                      required
                      defaultValue={t("sheet.recording")}
                    />
                  </div>
                  <div className="form-group">
                    <label htmlFor="link-url" className="active">
                      {t("sheet.url")}
                    </label>
                    <input id="link-url" name="url" type="url" className="form-control" required maxLength={2000} />
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

function SessionSelect({ id, sessions, required }: { id: string; sessions: SessionOption[]; required?: boolean }) {
  const t = useT();
  return (
    <div className="select-wrapper mb-3">
      <label htmlFor={id}>{t("sheet.session")}</label>
      <select id={id} name="sessionId" required={required}>
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
}: {
  idPrefix: string;
  legend: string;
  maxSize: string;
  busy: boolean;
  /** A session's material: the session to attach it to; none = an attachment of the event. */
  sessions?: SessionOption[];
}) {
  const t = useT();
  const limitSize = useFileSizeLimit(MAX_SHEET_FILE_BYTES);
  return (
    <Form method="post" encType="multipart/form-data" className="mb-4">
      <fieldset>
        <legend className="h5">{legend}</legend>
        <input type="hidden" name="intent" value="file" />
        {sessions ? <SessionSelect id={`${idPrefix}-session`} sessions={sessions} required /> : null}
        <div className="form-group">
          <label htmlFor={`${idPrefix}-title`} className="active">
            {t("sheet.fileTitle")}
          </label>
          <input id={`${idPrefix}-title`} name="title" className="form-control" maxLength={FILE_TITLE_MAX} required />
        </div>
        <div className="mb-3">
          <label htmlFor={`${idPrefix}-file`} className="active d-block">
            {t("sheet.file")}
          </label>
          <input
            id={`${idPrefix}-file`}
            name="file"
            type="file"
            className="form-control"
            accept={ACCEPT}
            onChange={limitSize}
            required
            aria-describedby={`${idPrefix}-file-hint`}
          />
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
