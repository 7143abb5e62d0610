import fs from "node:fs";
import { isTemplateKind } from "../../emails/index.ts";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AdminNav } from "~/components/admin-nav.tsx";
import { adminEmailActionSchema } from "~/forms/admin-email-form.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import {
  BULK_RETRY_MAX_AGE_DAYS,
  BULK_RETRY_REMINDER_MAX_AGE_HOURS,
  DELIVERY_STATUSES,
  isNotSentReason,
  RECENT_NOTIFICATIONS_LIMIT,
} from "~/domain/notification-delivery.ts";
import {
  countBulkRetryable,
  outboxMode,
  recentNotifications,
  retryFailedNotifications,
  retryNotification,
} from "~/models/outbox.server.ts";
import { requireNationalUnit } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { devMessagePath } from "~/utils/mailer.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { stripControlCharacters } from "~/domain/text.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

// The title starts with the retry just made (?esito=, where the action redirects); none when nothing was queued again.
export const meta: MetaFunction = ({ matches, location }) => {
  const params = new URLSearchParams(location.search);
  const outcome = params.get("esito");
  const key =
    outcome === "riprovata"
      ? "outcome.emailRetried"
      : outcome === "riprovate" && (Number.parseInt(params.get("n") ?? "", 10) || 0) > 0
        ? "outcome.emailsRequeued"
        : null;
  return [{ title: pageTitle(matches, "title.emailAdmin", null, key) }];
};

/** The page's filters in its address: a delivery status and (part of) a recipient's address. */
function filtersOf(params: URLSearchParams) {
  const requested = params.get("stato");
  const status = requested && (DELIVERY_STATUSES as readonly string[]).includes(requested) ? requested : null;
  // "Did my confirmation leave?": the messages to one person, by (part of) their address.
  const recipient = stripControlCharacters(params.get("destinatario") ?? "")
    .trim()
    .slice(0, 254);
  return { status, recipient };
}

/** The page's address with its filters and, after a retry, what was done (`esito`, `n`). */
function pageAddress(filters: { status: string | null; recipient: string }, outcome?: Record<string, string>) {
  const query = new URLSearchParams({
    ...(filters.status ? { stato: filters.status } : {}),
    ...(filters.recipient ? { destinatario: filters.recipient } : {}),
    ...outcome,
  });
  return query.size ? `/admin/email?${query}` : "/admin/email";
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireNationalUnit(request);
  const { status, recipient } = filtersOf(new URL(request.url).searchParams);
  const mode = outboxMode();
  const [{ rows, counts }, bulkRetryable] = await Promise.all([
    recentNotifications(status, RECENT_NOTIFICATIONS_LIMIT, recipient),
    countBulkRetryable(recipient),
  ]);
  return {
    mode,
    status,
    recipient,
    counts,
    bulkRetryable,
    rows: rows.map((r) => {
      const file = mode === "file" ? devMessagePath(r.id) : null;
      return {
        id: r.id,
        kind: r.kind,
        /** The kind as a message key (a label in both languages), null for a kind no template knows. */
        knownKind: isTemplateKind(r.kind) ? r.kind : null,
        /** The address the message goes to: not the account's for a change of address (recipientOf). */
        email: r.recipient,
        createdAt: r.createdAt.toISOString(),
        deliveryStatus: r.deliveryStatus,
        deliveryAttempts: r.deliveryAttempts,
        nextAttemptAt: r.nextAttemptAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
        lastError: r.lastError,
        /** Why the outbox did not send it (kept in lastError), to name in the admin's language. */
        notSentReason: r.deliveryStatus === "non-inviare" && isNotSentReason(r.lastError) ? r.lastError : null,
        readable: file !== null && fs.existsSync(file),
      };
    }),
  };
}

type ActionResult = { ok: boolean; message: MessageKey };

export async function action({ request }: ActionFunctionArgs) {
  await requireNationalUnit(request);
  const submission = parseWithZod(await readForm(request), { schema: adminEmailActionSchema });
  if (submission.status !== "success") {
    return data<ActionResult>({ ok: false, message: "events.error.badRequest" }, { status: 400 });
  }
  const filters = filtersOf(new URL(request.url).searchParams);
  // Done: back to the page (a reload then sends nothing again), which says what was done.
  if (submission.value.intent === "retry-failed") {
    const count = await retryFailedNotifications(filters.recipient);
    return redirect(pageAddress(filters, { esito: "riprovate", n: String(count) }));
  }
  const retried = await retryNotification(submission.value.id);
  if (retried) return redirect(pageAddress(filters, { esito: "riprovata" }));
  return data<ActionResult>({ ok: false, message: "admin.email.notRetried" }, { status: 409 });
}

const statusBadge: Record<string, string> = {
  "in-coda": "bg-secondary",
  inviata: "bg-success",
  errore: "bg-danger",
  "non-inviare": "bg-light text-dark",
};

export default function AdminEmailPage() {
  const t = useT();
  const locale = useLocale();
  const { mode, status, recipient, counts, rows, bulkRetryable } = useLoaderData<typeof loader>();
  const filterLink = (s: string | null) => pageAddress({ status: s, recipient });
  const actionData = useActionData<typeof action>();
  const successInUrl = useSuccessInUrl();
  const outcome = successInUrl("esito");
  const retriedCount = Number.parseInt(successInUrl("n") ?? "", 10) || 0;
  const busy = useNavigation().state !== "idle";
  const statusLabel = (s: string) =>
    (DELIVERY_STATUSES as readonly string[]).includes(s) ? t(`admin.email.status.${s}` as MessageKey) : s;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <div>
      <AdminNav />
      <h1>{t("admin.email.title")}</h1>
      <p>{t("admin.email.intro")}</p>
      <div className={`alert ${mode === "none" ? "alert-warning" : "alert-info"}`}>{t(`admin.email.mode.${mode}`)}</div>

      <Form method="get" role="search" className="d-flex flex-wrap align-items-end gap-2 mb-3">
        {status ? <input type="hidden" name="stato" value={status} /> : null}
        <div className="form-group mb-0 flex-grow-1">
          <label htmlFor="email-recipient" className="active">
            {t("admin.email.recipient")}
          </label>
          <input
            id="email-recipient"
            type="search"
            name="destinatario"
            defaultValue={recipient}
            className="form-control"
            maxLength={254}
          />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("admin.email.recipientSubmit")}
        </button>
      </Form>

      <nav aria-label={t("admin.email.filter")} className="mb-3">
        <ul className="list-inline mb-0">
          <li className="list-inline-item">
            <Link
              to={filterLink(null)}
              aria-current={status === null ? "page" : undefined}
              className={status === null ? "fw-bold" : undefined}
            >
              {t("admin.email.filter.all")} ({total})
            </Link>
          </li>
          {DELIVERY_STATUSES.map((s) => (
            <li key={s} className="list-inline-item">
              <Link
                to={filterLink(s)}
                aria-current={status === s ? "page" : undefined}
                className={status === s ? "fw-bold" : undefined}
              >
                {statusLabel(s)} ({counts[s] ?? 0})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {outcome === "riprovata" ? (
        <OutcomeNotice>{t("admin.email.retried")}</OutcomeNotice>
      ) : outcome === "riprovate" ? (
        // None queued again (all sent meanwhile): said, not as a success.
        <OutcomeNotice tone={retriedCount > 0 ? "success" : "info"}>
          {t("admin.email.retriedMany", { count: retriedCount })}
        </OutcomeNotice>
      ) : null}
      <div aria-live="polite">
        {actionData ? (
          <div className={`alert ${actionData.ok ? "alert-success" : "alert-danger"}`}>{t(actionData.message)}</div>
        ) : null}
      </div>

      {bulkRetryable > 0 ? (
        <Form method="post" className="mb-3">
          <input type="hidden" name="intent" value="retry-failed" />
          <p className="mb-2">
            {t("admin.email.retryFailedHint", {
              days: BULK_RETRY_MAX_AGE_DAYS,
              hours: BULK_RETRY_REMINDER_MAX_AGE_HOURS,
            })}
          </p>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {recipient
              ? t("admin.email.retryFailedTo", { count: bulkRetryable, recipient })
              : t("admin.email.retryFailed", { count: bulkRetryable })}
          </button>
        </Form>
      ) : null}

      {rows.length === 0 ? (
        <p>{t("admin.email.empty")}</p>
      ) : (
        <ScrollRegion labelledBy="email-caption">
          <table className="table table-sm">
            <caption id="email-caption">{t("admin.email.caption", { count: RECENT_NOTIFICATIONS_LIMIT })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.email.col.created")}</th>
                <th scope="col">{t("admin.email.col.to")}</th>
                <th scope="col">{t("admin.email.col.kind")}</th>
                <th scope="col">{t("admin.email.col.status")}</th>
                <th scope="col">{t("admin.email.col.attempts")}</th>
                <th scope="col">{t("admin.email.col.when")}</th>
                <th scope="col">{t("admin.email.col.error")}</th>
                <th scope="col">{t("admin.email.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const canRetry =
                  r.deliveryStatus === "errore" || (r.deliveryStatus === "in-coda" && r.deliveryAttempts > 0);
                return (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.createdAt, locale)}</td>
                    <th scope="row" className="fw-normal">
                      {r.email}
                    </th>
                    <td>{r.knownKind ? t(`admin.email.kind.${r.knownKind}`) : <code>{r.kind}</code>}</td>
                    <td>
                      <span className={`badge ${statusBadge[r.deliveryStatus] ?? "bg-secondary"}`}>
                        {statusLabel(r.deliveryStatus)}
                      </span>
                    </td>
                    <td>{r.deliveryAttempts}</td>
                    <td>
                      {r.sentAt
                        ? formatDateTime(r.sentAt, locale)
                        : r.deliveryStatus === "in-coda"
                          ? formatDateTime(r.nextAttemptAt, locale)
                          : "—"}
                    </td>
                    <td className="text-break small">
                      {r.notSentReason ? t(`admin.email.notSent.${r.notSentReason}`) : (r.lastError ?? "—")}
                    </td>
                    <td>
                      <div className="d-flex gap-2 align-items-center">
                        {canRetry ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="retry" />
                            <input type="hidden" name="id" value={r.id} />
                            <button
                              type="submit"
                              className="btn btn-outline-primary btn-sm"
                              disabled={busy}
                              aria-label={t("admin.email.retryLabel", { email: r.email })}
                            >
                              {t("admin.email.retry")}
                            </button>
                          </Form>
                        ) : null}
                        {r.readable ? (
                          <a
                            href={`/admin/email/${r.id}`}
                            target="_blank"
                            rel="noreferrer"
                            aria-label={t("admin.email.readLabel", { email: r.email })}
                          >
                            {t("admin.email.read")}
                          </a>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
