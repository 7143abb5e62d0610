// /gestione/edizioni/:id/messaggi: the organiser writes to some participants of the edition
// (issue 15): recipients by status, subject and text, a preview (count and one rendered email),
// then the send, through the outbox. The page lists the messages already sent.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { IdleSessionNoScriptNote } from "~/components/idle-session-dialog.tsx";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FormErrorSummary, SelectField, TextAreaField, TextField } from "~/components/form-fields.tsx";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import {
  MESSAGE_AUDIENCES,
  MESSAGE_BODY_MAX,
  MESSAGE_BODY_MIN,
  MESSAGE_SUBJECT_MAX,
  MESSAGE_SUBJECT_MIN,
  sameMessageContent,
} from "~/domain/participant-message.ts";
import { AUTO_AMOUNT_BOUNDS, AUTO_RULES, type AutoRule } from "~/domain/automatic-message.ts";
import { nameIn } from "~/domain/stored-reasons.ts";
import { autoMessageSaveSchema } from "~/forms/auto-message-form.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { messagesPageActionSchema } from "~/forms/messages-page-form.ts";
import { participantMessageFormSchema } from "~/forms/participant-message-form.ts";
import { messageWith, partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { deleteAutoMessage, listAutoMessages, saveAutoMessage } from "~/models/automatic-messages.server.ts";
import { requireManagedEdition } from "~/models/edition-scope.server.ts";
import {
  isAttendanceSession,
  loadMessagesPage,
  previewParticipantMessage,
  type FilterRefusal,
  sendParticipantMessage,
  type MessageDelivery,
  type MessagePreview,
} from "~/models/participant-message.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "participantMessages.title",
      data?.edition.event.title,
      outcomeOf(new URLSearchParams(location.search)),
    ),
  },
];

/** What the address the page's actions redirect to says was just done, as the title's outcome (its OutcomeNotice). */
function outcomeOf(params: URLSearchParams): MessageKey | null {
  if (params.get("inviato")) return "outcome.messageQueued";
  const auto = params.get("automatico");
  if (auto) return auto === "salvato" ? "outcome.autoMessageSaved" : "outcome.autoMessageOff";
  return null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor } = await requireOrganiser(request);
  const { id } = await requireManagedEdition(actor, idParam(params.editionId));
  const [page, autoMessages] = await Promise.all([loadMessagesPage(id), listAutoMessages(id)]);
  // Replies to what this organiser sends go to their own address (ADR 0076): the page says so first.
  const now = new Date();
  // Present or absent can be asked only of a session already begun (isAttendanceSession).
  const attendanceSessionIds = page.edition.sessions.filter((s) => isAttendanceSession(s, now)).map((s) => s.id);
  return { ...page, autoMessages, replyAddress: user.email, attendanceSessionIds };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Scope first: a request about another region's edition learns nothing and queues nothing.
  const { user, actor } = await requireOrganiser(request);
  const { id } = await requireManagedEdition(actor, idParam(params.editionId));
  const submission = parseWithZod(await readForm(request), { schema: messagesPageActionSchema });
  if (submission.status !== "success") {
    const intent = failedIntentOf(submission);
    if (intent === "salva-automatico" || intent === "elimina-automatico") {
      const rule = String(submission.payload.rule ?? "");
      return data({ result: null, preview: null, auto: { rule, result: submission.reply() } }, { status: 400 });
    }
    return data({ result: submission.reply(), preview: null }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "salva-automatico" || input.intent === "elimina-automatico") {
    if (input.intent === "salva-automatico") await saveAutoMessage(user.id, id, input);
    else await deleteAutoMessage(id, input.rule);
    return redirect(
      `/gestione/edizioni/${id}/messaggi?automatico=${input.intent === "salva-automatico" ? "salvato" : "disattivato"}`,
    );
  }
  const form = input;
  const sessionRefused = (reason: FilterRefusal) =>
    data(
      {
        result: submission.reply({
          fieldErrors: {
            sessionId: [
              reason === "session-not-started"
                ? "participantMessages.error.sessionNotStarted"
                : "participantMessages.error.unknownSession",
            ],
          },
        }),
        preview: null,
      },
      { status: 400 },
    );
  if (form.intent === "anteprima") {
    const outcome = await previewParticipantMessage(user.id, id, form);
    if (!outcome.ok) return sessionRefused(outcome.reason);
    return { result: submission.reply(), preview: outcome.preview as MessagePreview | null };
  }
  const outcome = await sendParticipantMessage(user.id, id, { ...form, sendKey: form.sendKey! });
  if (!outcome.ok) {
    // Nothing was sent; the form keeps what was posted (the previewed values).
    switch (outcome.reason) {
      case "not-previewed":
        return data(
          { result: submission.reply({ formErrors: ["participantMessages.error.notPreviewed"] }), preview: null },
          { status: 400 },
        );
      case "recipients-changed":
        // The same message, with the new preview of who would receive it now: confirmed again on its count.
        return data(
          {
            result: submission.reply({ formErrors: ["participantMessages.error.recipientsChanged"] }),
            preview: outcome.preview as MessagePreview | null,
          },
          { status: 409 },
        );
      case "no-recipients":
        return data(
          { result: submission.reply({ formErrors: ["participantMessages.error.noRecipients"] }), preview: null },
          { status: 400 },
        );
      default:
        return sessionRefused(outcome.reason);
    }
  }
  return redirect(`/gestione/edizioni/${id}/messaggi?inviato=${outcome.recipients}`);
}

type AutoMessageRow = { rule: string; amount: number; subject: string; body: string };
type AutoResult = { rule: string; result: SubmissionResult<string[]> };

/** The form of one automatic rule: its amount, subject and text; turn it off when set. */
function AutoRuleForm({
  rule,
  current,
  lastResult,
}: {
  rule: AutoRule;
  current: AutoMessageRow | undefined;
  lastResult: AutoResult["result"] | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `automatico-${rule}`,
    lastResult,
    defaultValue: current ? { amount: String(current.amount), subject: current.subject, body: current.body } : {},
    onValidate: ({ formData }) => parseWithZod(formData, { schema: autoMessageSaveSchema }),
    shouldValidate: "onSubmit",
  });
  const bounds = AUTO_AMOUNT_BOUNDS[rule];
  return (
    <section aria-labelledby={`auto-${rule}-title`} className="mt-4" data-testid={`auto-${rule}`}>
      <h3 id={`auto-${rule}-title`} className="h5">
        {t(`participantMessages.auto.rule.${rule}`)}
      </h3>
      <p>
        {current
          ? t(`participantMessages.auto.active.${rule}`, { amount: current.amount })
          : t("participantMessages.auto.inactive")}
      </p>
      <FormErrorSummary errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="rule" value={rule} />
        <TextField
          field={fields.amount}
          label={t(`participantMessages.auto.amount.${rule}`)}
          hint={t("participantMessages.auto.amountHint", bounds)}
          type="number"
          required
        />
        <TextField field={fields.subject} label={t("participantMessages.subject")} required />
        <TextAreaField field={fields.body} label={t("participantMessages.body")} rows={5} required />
        <button
          type="submit"
          name="intent"
          value="salva-automatico"
          className="btn btn-outline-primary me-2"
          disabled={navigation.state !== "idle"}
        >
          {t("participantMessages.auto.save")}
        </button>
        {current ? (
          <button
            type="submit"
            name="intent"
            value="elimina-automatico"
            formNoValidate
            className="btn btn-link"
            disabled={navigation.state !== "idle"}
          >
            {t("participantMessages.auto.delete")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}

export default function ParticipantMessagesPage() {
  const { edition, history, autoMessages, replyAddress, attendanceSessionIds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const successInUrl = useSuccessInUrl();
  const t = useT();
  const locale = useLocale();
  /** Who wrote a message, "Name Surname": a closed account's pseudonym in the page's language (nameIn). */
  const authorName = (author: { firstName: string; lastName: string }) => {
    const { firstName, lastName } = nameIn(author, locale);
    return `${firstName} ${lastName}`;
  };
  const [form, fields] = useForm({
    id: "messaggio-partecipanti",
    lastResult: actionData?.result ?? undefined,
    defaultValue: { audience: "iscritti" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: participantMessageFormSchema }),
    shouldValidate: "onSubmit",
  });
  const preview = actionData?.preview ?? null;
  // The preview takes the focus where it appears (WCAG 4.1.3, as the bulk move's does): its count and
  // "Invia a N persone" are read next, where nothing was announced before.
  const previewRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (preview) previewRef.current?.focus();
  }, [preview]);
  // The send form posts what the preview showed (preview.values), never the compose form's live
  // values. Once those differ (audience, session, subject or text changed after the preview), the
  // preview no longer shows what the organiser is looking at: no send button until it is shown again.
  const previewStale =
    preview !== null &&
    !sameMessageContent(preview.values, {
      audience: fields.audience.value,
      sessionId: fields.sessionId.value,
      subject: fields.subject.value,
      body: fields.body.value,
    });
  // The sample is in its recipient's language; marked where it is not the page's (WCAG 3.1.2).
  const sampleLang =
    preview?.sampleRecipient && preview.sampleRecipient.locale !== locale ? preview.sampleRecipient.locale : undefined;
  const sent = successInUrl("inviato");
  const autoDone = successInUrl("automatico");
  const autoResult = actionData && "auto" in actionData ? (actionData.auto as AutoResult) : null;
  const audienceLabel = (a: string) =>
    (MESSAGE_AUDIENCES as readonly string[]).includes(a) ? t(`participantMessages.audience.${a}` as MessageKey) : a;
  const sessionLabel = (sessionId: string | null) => {
    const s = edition.sessions.find((x) => x.id === sessionId);
    return s
      ? t("participantMessages.sessionOption", { date: formatDateTime(s.startsAt, locale), title: s.title })
      : "";
  };
  const busy = navigation.state !== "idle";
  // What became of a message's emails: only the parts that have any.
  const deliveryText = (d: MessageDelivery) =>
    (["sent", "waiting", "notSent", "gone"] as const)
      .filter((part) => d[part] > 0)
      .map((part) => t(`participantMessages.delivery.${part}`, { count: d[part] }))
      .join(", ") || "—";
  return (
    <div>
      <p className="mb-1">
        <Link to={`/gestione/edizioni/${edition.id}`}>← {t("participantMessages.back")}</Link>
      </p>
      <h1 className="h2">{t("participantMessages.title")}</h1>
      <p className="lead">
        {messageWith(
          t,
          "participantMessages.edition",
          { number: edition.number },
          {
            title: <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span>,
          },
        )}
      </p>
      {sent ? (
        <OutcomeNotice testId="message-sent">
          {t("participantMessages.sent", { count: Number(sent) || 0 })}
        </OutcomeNotice>
      ) : null}
      <p>{t("participantMessages.intro")}</p>
      <p className="alert alert-info">{t("participantMessages.optOutNote")}</p>
      <p data-testid="reply-note">{t("participantMessages.replyNote", { email: replyAddress })}</p>
      <IdleSessionNoScriptNote />
      <FormErrorSummary errors={[...(form.errors ?? []), ...(fields.sendKey.errors ?? [])]} />
      <Form method="post" {...getFormProps(form)}>
        <SelectField
          field={fields.audience}
          label={t("participantMessages.audience")}
          required
          choices={MESSAGE_AUDIENCES.map((a) => ({ value: a, label: audienceLabel(a) }))}
        />
        <SelectField
          field={fields.sessionId}
          label={t("participantMessages.session")}
          hint={t("participantMessages.sessionHint")}
          choices={attendanceSessionIds.map((id) => ({ value: id, label: sessionLabel(id) }))}
        />
        <TextField
          field={fields.subject}
          label={t("participantMessages.subject")}
          hint={t("participantMessages.subjectHint", { min: MESSAGE_SUBJECT_MIN, max: MESSAGE_SUBJECT_MAX })}
          required
        />
        <TextAreaField
          field={fields.body}
          label={t("participantMessages.body")}
          hint={t("participantMessages.bodyHint", { min: MESSAGE_BODY_MIN, max: MESSAGE_BODY_MAX })}
          rows={8}
          required
        />
        <button type="submit" name="intent" value="anteprima" className="btn btn-outline-primary" disabled={busy}>
          {t("participantMessages.previewButton")}
        </button>
      </Form>
      {preview ? (
        <section aria-labelledby="preview-title" className="mt-4">
          <h2 id="preview-title" className="h4" tabIndex={-1} ref={previewRef}>
            {t("participantMessages.previewTitle")}
          </h2>
          <p data-testid="recipient-count">{t("participantMessages.count", { count: preview.count })}</p>
          {/* Who the register has not judged is not told they were absent (or present): said, with how many. */}
          {preview.unrecorded ? (
            <p data-testid="unrecorded">{t("participantMessages.unrecorded", { count: preview.unrecorded })}</p>
          ) : null}
          {preview.certificatesNotIssued ? (
            <p className="alert alert-warning" data-testid="certificates-not-issued">
              {t("participantMessages.certificatesNotIssued")}
            </p>
          ) : null}
          {preview.sample ? (
            <>
              {preview.sampleRecipient ? (
                <p className="mb-1">
                  {t("participantMessages.sampleIntro", { name: preview.sampleRecipient.firstName })}
                </p>
              ) : null}
              <div className="border rounded p-3 mb-3" data-testid="sample-email">
                <p className="fw-semibold mb-2">
                  {t("participantMessages.sampleSubject")}: <span lang={sampleLang}>{preview.sample.subject}</span>
                </p>
                <div style={{ whiteSpace: "pre-wrap" }} lang={sampleLang}>
                  {preview.sample.text}
                </div>
              </div>
              {previewStale ? (
                <p className="alert alert-warning" data-testid="preview-stale">
                  {t("participantMessages.previewStale")}
                </p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="audience" value={preview.values.audience} />
                  <input type="hidden" name="sessionId" value={preview.values.sessionId} />
                  <input type="hidden" name="subject" value={preview.values.subject} />
                  <input type="hidden" name="body" value={preview.values.body} />
                  <input type="hidden" name="sendKey" value={preview.sendKey} />
                  <button type="submit" name="intent" value="invia" className="btn btn-primary" disabled={busy}>
                    {t("participantMessages.send", { count: preview.count })}
                  </button>
                </Form>
              )}
            </>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="auto-title" className="mt-5">
        <h2 id="auto-title" className="h4">
          {t("participantMessages.auto.title")}
        </h2>
        {autoDone && !actionData ? (
          <OutcomeNotice level={3}>
            {t(autoDone === "salvato" ? "participantMessages.auto.saved" : "participantMessages.auto.deleted")}
          </OutcomeNotice>
        ) : null}
        <p>{t("participantMessages.auto.intro")}</p>
        <p>{t("participantMessages.auto.replyNote", { email: replyAddress })}</p>
        {AUTO_RULES.map((rule) => (
          <AutoRuleForm
            key={rule}
            rule={rule}
            current={autoMessages.find((a) => a.rule === rule)}
            lastResult={autoResult?.rule === rule ? autoResult.result : undefined}
          />
        ))}
      </section>
      <section aria-labelledby="history-title" className="mt-5">
        <h2 id="history-title" className="h4">
          {t("participantMessages.historyTitle")}
        </h2>
        {history.length === 0 ? (
          <p>{t("participantMessages.historyEmpty")}</p>
        ) : (
          <ScrollRegion labelledBy="history-title">
            <table className="table table-sm">
              <thead>
                <tr>
                  <th scope="col">{t("participantMessages.col.date")}</th>
                  <th scope="col">{t("participantMessages.col.subject")}</th>
                  <th scope="col">{t("participantMessages.col.audience")}</th>
                  <th scope="col">{t("participantMessages.col.count")}</th>
                  <th scope="col">{t("participantMessages.col.delivery")}</th>
                  <th scope="col">{t("participantMessages.col.author")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((m) => (
                  <tr key={m.id}>
                    <td>{formatDateTime(m.createdAt, locale)}</td>
                    <td>
                      <details>
                        <summary>{m.subject}</summary>
                        <div style={{ whiteSpace: "pre-wrap" }}>{m.body}</div>
                      </details>
                    </td>
                    <td>
                      {audienceLabel(m.audience)}
                      {m.sessionId ? ` (${sessionLabel(m.sessionId)})` : ""}
                    </td>
                    <td>{m.recipientCount}</td>
                    <td data-testid="message-delivery">{deliveryText(m.delivery)}</td>
                    <td>{m.author ? authorName(m.author) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}
