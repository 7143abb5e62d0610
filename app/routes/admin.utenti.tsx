import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { writtenNameIn } from "~/domain/stored-reasons.ts";
import { APP_ROLE_LABELS, REGION_LABELS, labelOf } from "~/domain/vocabulary.ts";
import { adminUsersActionSchema } from "~/forms/admin-users-form.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import {
  grantRole,
  revocationSummary,
  revokeRole,
  roleHistoryOf,
  searchUsers,
  USER_SEARCH_LIMIT,
} from "~/models/roles.server.ts";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { ClosureLosses } from "~/components/closure-losses.tsx";
import { closeAccount, closureSummary } from "~/models/account-closure.server.ts";
import { requireNationalUnit } from "~/utils/auth.server.ts";
import { options } from "~/components/form-fields.tsx";
import { AdminNav } from "~/components/admin-nav.tsx";
import { readForm } from "~/utils/form-data.server.ts";
import { stripControlCharacters } from "~/domain/text.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { isIdShaped } from "~/utils/route-params.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.users") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireNationalUnit(request);
  const params = new URL(request.url).searchParams;
  const q = stripControlCharacters(params.get("q") ?? "").slice(0, 100);
  const { users: found, limited } = await searchUsers(q);
  const history = await roleHistoryOf(found.map((u) => u.id));
  const users = found.map(({ _count, ...u }) => ({
    ...u,
    trainerEvents: _count.trainerOf,
    roleHistory: history.get(u.id) ?? [],
  }));
  // ?chiudi=<id>: the confirmation asked before closing that account (showing it changes nothing). A value
  // that cannot be an id asks for nothing (a NUL in it made PostgreSQL answer 500).
  const closingId = params.get("chiudi") ?? "";
  const closing = isIdShaped(closingId) && closingId !== actor.userId ? await closureSummary(closingId) : null;
  // ?revoca=<roleId>: the second step of revoking that role (showing it changes nothing), as ?chiudi= above.
  const revokingId = params.get("revoca") ?? "";
  const revoking = isIdShaped(revokingId) ? await revocationSummary(revokingId) : null;
  // After a grant, a revocation or a closure (the action answers with the page): the title starts with it (pageTitle).
  return { q, users, limited, limit: USER_SEARCH_LIMIT, closing, revoking, ...answeredOutcome(context) };
}

type ActionResult = {
  ok: boolean;
  message: MessageKey;
  /** A success's outcome, for the page's title (answerOutcome). */
  titleOutcome?: MessageKey;
  userId?: string;
  /** What the outcome is about, so the row shows it beside the control pressed: its roles, or the grant's button. */
  about?: "grant" | "revoke";
  fieldErrors?: Record<string, string[] | null>;
  /** A revoked "formatore": how many events it took the person off (the message says it). */
  count?: number;
  /** A refused grant's choices, shown again in that row (without JavaScript the page is drawn anew). */
  role?: string;
  regionCode?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireNationalUnit(request);
  const submission = parseWithZod(await readForm(request), { schema: adminUsersActionSchema });
  if (submission.status !== "success") {
    if (failedIntentOf(submission) === "close-account") {
      const userId = String(submission.payload.userId ?? "");
      const fieldErrors = submission.error ?? {};
      return data<ActionResult>(
        { ok: false, message: "admin.users.closeAccountConfirmRequired", userId, fieldErrors },
        { status: 400 },
      );
    }
    // Posted without the second step's confirmation (a page of before it): nothing is revoked.
    if (failedIntentOf(submission) === "revoke") {
      return data<ActionResult>({ ok: false, message: "admin.users.revokeConfirmRequired" }, { status: 400 });
    }
    if (failedIntentOf(submission) === "grant") {
      const userId = String(submission.payload.userId ?? "");
      const fieldErrors = submission.error ?? {};
      const chosen = (name: string) => String(submission.payload[name] ?? "").slice(0, 50);
      return data<ActionResult>(
        {
          ok: false,
          message: "common.formHasErrors",
          userId,
          fieldErrors,
          role: chosen("role"),
          regionCode: chosen("regionCode"),
        },
        { status: 400 },
      );
    }
    return data<ActionResult>({ ok: false, message: "events.error.badRequest" }, { status: 400 });
  }
  const input = submission.value;
  switch (input.intent) {
    case "grant": {
      const outcome = await grantRole(actor, input);
      if (!outcome.ok) {
        if (outcome.status === 403) throw new Response("Forbidden", { status: 403 });
        if (outcome.reason === "email-unconfirmed") {
          return data<ActionResult>(
            {
              ok: false,
              message: "admin.users.grantEmailUnconfirmed",
              userId: input.userId,
              about: "grant",
              role: input.role,
              regionCode: input.regionCode,
            },
            { status: outcome.status },
          );
        }
        return data<ActionResult>(
          { ok: false, message: "admin.users.notFound", userId: input.userId, about: "grant" },
          { status: outcome.status },
        );
      }
      return data<ActionResult>({
        ok: true,
        message: outcome.changed ? "admin.users.granted" : "admin.users.alreadyGranted",
        userId: input.userId,
        about: "grant",
        ...answerOutcome(context, outcome.changed ? "outcome.roleGranted" : "outcome.roleAlreadyGranted"),
      });
    }
    case "revoke": {
      const outcome = await revokeRole(actor, input.roleId);
      if (!outcome.ok) {
        if (outcome.status === 403) throw new Response("Forbidden", { status: 403 });
        const message: MessageKey =
          outcome.reason === "own-national-role"
            ? "admin.users.ownNationalRole"
            : outcome.reason === "last-national-unit"
              ? "admin.users.lastNationalRole"
              : "admin.users.notFound";
        return data<ActionResult>(
          { ok: false, message, userId: outcome.userId, about: "revoke" },
          { status: outcome.status },
        );
      }
      if (outcome.unassignedEvents) {
        return data<ActionResult>({
          ok: true,
          message: "admin.users.revokedTrainer",
          count: outcome.unassignedEvents,
          userId: outcome.userId,
          about: "revoke",
          ...answerOutcome(context, "outcome.roleRevoked"),
        });
      }
      return data<ActionResult>({
        ok: true,
        message: "admin.users.revoked",
        userId: outcome.userId,
        about: "revoke",
        ...answerOutcome(context, "outcome.roleRevoked"),
      });
    }
    case "close-account": {
      // On the person's request (GDPR art. 17): the same closure as /profilo/chiudi, audited with this actor.
      const userId = input.userId ?? "";
      if (!userId || userId === actor.userId)
        return data<ActionResult>({ ok: false, message: "events.error.badRequest" }, { status: 400 });
      const outcome = await closeAccount(userId, actor.userId);
      // The last other national-unit account (another closure took this actor's own meanwhile): kept open.
      if (!outcome.ok && outcome.reason === "last-national-unit")
        return data<ActionResult>({ ok: false, message: "admin.users.lastNationalUnit", userId }, { status: 409 });
      if (!outcome.ok)
        return data<ActionResult>({ ok: false, message: "admin.users.notFound", userId }, { status: 404 });
      return data<ActionResult>({
        ok: true,
        message: "admin.users.accountClosed",
        ...answerOutcome(context, "outcome.accountClosed"),
      });
    }
  }
}

export default function AdminUsersPage() {
  const t = useT();
  const locale = useLocale();
  const { q, users, limited, limit, closing, revoking } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { search } = useLocation();
  const busy = navigation.state !== "idle";
  const roleChoices = options(APP_ROLE_LABELS, locale);
  const closingFeedback = Boolean(closing && actionData?.userId === closing.id);
  const regionChoices = options(REGION_LABELS, locale);
  return (
    <div>
      <AdminNav />
      <h1>{t("admin.users.title")}</h1>
      <p>{t("admin.users.intro")}</p>
      <Form method="get" role="search" className="d-flex flex-wrap align-items-end gap-2 mb-4">
        <div className="form-group mb-0 flex-grow-1">
          <label htmlFor="user-search" className="active">
            {t("admin.users.search")}
          </label>
          <input id="user-search" type="search" name="q" defaultValue={q} className="form-control" maxLength={100} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("admin.users.searchSubmit")}
        </button>
      </Form>

      {/* An outcome about a person no longer listed (closed meanwhile in another tab) is shown here, not lost. */}
      {actionData?.ok && (!actionData.userId || !users.some((u) => u.id === actionData.userId)) && !closingFeedback ? (
        <OutcomeNotice>{t(actionData.message)}</OutcomeNotice>
      ) : null}
      <div aria-live="polite">
        {actionData &&
        !actionData.ok &&
        (!actionData.userId || !users.some((u) => u.id === actionData.userId)) &&
        !closingFeedback ? (
          <div className="alert alert-danger">{t(actionData.message)}</div>
        ) : null}
      </div>

      {closing ? (
        <CloseAccountConfirmation
          closing={closing}
          q={q}
          busy={busy}
          error={actionData?.userId === closing.id ? actionData?.fieldErrors?.confirm?.[0] : undefined}
          refusal={
            actionData?.userId === closing.id && !actionData.ok && !actionData.fieldErrors
              ? t(actionData.message)
              : undefined
          }
        />
      ) : null}

      {revoking ? <RevokeRoleConfirmation revoking={revoking} q={q} busy={busy} /> : null}

      {q.trim() && users.length === 0 ? <p>{t("admin.users.noResults")}</p> : null}
      {limited ? <p>{t("admin.users.limited", { count: limit })}</p> : null}
      {users.length ? (
        <ScrollRegion labelledBy="users-caption">
          <table className="table">
            <caption id="users-caption" className="visually-hidden">
              {t("admin.users.caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.users.colName")}</th>
                <th scope="col">{t("admin.users.colEmail")}</th>
                <th scope="col">{t("admin.users.colRegion")}</th>
                <th scope="col">{t("admin.users.colRoles")}</th>
                <th scope="col">{t("admin.users.colGrant")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const feedback = actionData?.userId === u.id ? actionData : null;
                const roleError = feedback?.fieldErrors?.role?.[0];
                const regionError = feedback?.fieldErrors?.regionCode?.[0];
                const name = `${u.firstName} ${u.lastName}`;
                // Every row has the same controls: their names say whose row it is (hidden text, so a
                // screen reader's list of form fields or buttons tells them apart and the visible
                // words stay the start of the name, WCAG 2.5.3).
                const whose = (
                  key:
                    | "admin.users.forPerson"
                    | "admin.users.toPerson"
                    | "admin.users.fromPerson"
                    | "admin.users.ofPerson",
                ) => <span className="visually-hidden">{t(key, { name })}</span>;
                return (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.firstName} {u.lastName}
                    </th>
                    <td>
                      {u.email}
                      {/* Seen before granting: a role needs a confirmed address (grantRole refuses it). */}
                      {u.emailVerifiedAt ? null : (
                        <span className="d-block small fw-semibold">{t("admin.users.emailUnconfirmed")}</span>
                      )}
                    </td>
                    {/* The region of the person's profile: whom to make referent of which region. */}
                    <td>{u.regionCode ? labelOf(REGION_LABELS, u.regionCode, locale) : "—"}</td>
                    {/* A revocation is sent to the page at this cell (#roles-<id>): the focus comes here, where its
                        outcome is shown under the roles (the button pressed is gone with its role), and without
                        JavaScript the new page opens here instead of at its top. */}
                    <td id={`roles-${u.id}`}>
                      {u.roles.length === 0 ? <span>{t("admin.users.noRoles")}</span> : null}
                      <ul className="list-unstyled mb-0">
                        {u.roles.map((r) => {
                          const label = `${labelOf(APP_ROLE_LABELS, r.role, locale)}${r.regionCode ? ` (${labelOf(REGION_LABELS, r.regionCode, locale)})` : ""}`;
                          return (
                            <li key={r.id} className="d-flex align-items-center gap-2">
                              <span>
                                {label}
                                {r.role === "formatore" && u.trainerEvents > 0
                                  ? ` · ${t("admin.users.trainerEvents", { count: u.trainerEvents })}`
                                  : null}
                              </span>
                              {/* Opens the second step (a GET, nothing changes): revoking a trainer took them off
                                  every event at one tap, for good. */}
                              <Link
                                to={`?${new URLSearchParams({ q, revoca: r.id })}#revoca-ruolo-title`}
                                className="btn btn-link btn-sm p-0"
                              >
                                {t("admin.users.revoke", { role: label })}
                                {whose("admin.users.fromPerson")}
                              </Link>
                            </li>
                          );
                        })}
                      </ul>
                      {feedback?.about === "revoke" ? (
                        <RowOutcome
                          ok={feedback.ok}
                          message={t(feedback.message, { count: feedback.count ?? 0 })}
                          shown={feedback}
                        />
                      ) : null}
                      {u.roleHistory.length > 0 ? (
                        // Who granted and revoked which role, and when: a disclosure (works without JavaScript).
                        <details className="mt-2 small">
                          <summary>
                            {t("admin.users.roleHistory", { count: u.roleHistory.length })}
                            {whose("admin.users.ofPerson")}
                          </summary>
                          <ul className="mb-0">
                            {u.roleHistory.map((h, i) => (
                              <li key={i}>
                                {t(
                                  h.action === "role.grant"
                                    ? "admin.users.history.grant"
                                    : "admin.users.history.revoke",
                                  {
                                    date: formatDateTime(h.at, locale),
                                    role: `${labelOf(APP_ROLE_LABELS, h.role, locale)}${h.regionCode ? ` (${labelOf(REGION_LABELS, h.regionCode, locale)})` : ""}`,
                                    // A granter whose account was closed since: the pseudonym in the page's language.
                                    who:
                                      h.actorName === null
                                        ? t("admin.users.history.unknownActor")
                                        : writtenNameIn(h.actorName, locale),
                                  },
                                )}
                              </li>
                            ))}
                          </ul>
                        </details>
                      ) : null}
                    </td>
                    <td>
                      {/* Sent to the page at the row's button (#grant-<id>): without JavaScript the new page opens
                          there, not at its top, with the outcome right below it. */}
                      <Form
                        method="post"
                        action={`${search}#grant-${u.id}`}
                        className="labels-above d-flex flex-wrap align-items-end gap-2"
                      >
                        <input type="hidden" name="intent" value="grant" />
                        <input type="hidden" name="userId" value={u.id} />
                        <div className="select-wrapper">
                          <label htmlFor={`role-${u.id}`} className="active">
                            {t("admin.users.role")}
                            {whose("admin.users.forPerson")}
                          </label>
                          <select
                            id={`role-${u.id}`}
                            name="role"
                            required
                            defaultValue={feedback?.ok === false ? (feedback.role ?? "") : ""}
                            aria-invalid={roleError ? true : undefined}
                            aria-describedby={`${roleError ? `role-${u.id}-error ` : ""}grant-${u.id}-hint`}
                          >
                            <option value="">{t("select.placeholder")}</option>
                            {roleChoices.map((c) => (
                              <option key={c.value} value={c.value}>
                                {c.label}
                              </option>
                            ))}
                          </select>
                          {roleError ? (
                            <div id={`role-${u.id}-error`} className="field-error">
                              {t(roleError as MessageKey)}
                            </div>
                          ) : null}
                        </div>
                        <div className="select-wrapper">
                          <label htmlFor={`region-${u.id}`} className="active">
                            {t("admin.users.region")}
                            {whose("admin.users.forPerson")}
                          </label>
                          <select
                            id={`region-${u.id}`}
                            name="regionCode"
                            defaultValue={feedback?.ok === false ? (feedback.regionCode ?? "") : ""}
                            aria-invalid={regionError ? true : undefined}
                            aria-describedby={regionError ? `region-${u.id}-error` : undefined}
                          >
                            <option value="">{t("select.placeholder")}</option>
                            {regionChoices.map((c) => (
                              <option key={c.value} value={c.value}>
                                {c.label}
                              </option>
                            ))}
                          </select>
                          {regionError ? (
                            <div id={`region-${u.id}-error`} className="field-error">
                              {t(regionError as MessageKey)}
                            </div>
                          ) : null}
                        </div>
                        <button
                          type="submit"
                          id={`grant-${u.id}`}
                          className="btn btn-outline-primary btn-sm"
                          disabled={busy}
                          aria-describedby={`grant-${u.id}-hint`}
                        >
                          {t("admin.users.grant")}
                          {whose("admin.users.toPerson")}
                        </button>
                        {/* A grant emails the person ("ruolo-modificato"): said before it is made. */}
                        <p id={`grant-${u.id}-hint`} className="small mb-0 w-100">
                          {t("admin.users.grantEmailHint")}
                        </p>
                      </Form>
                      {feedback && feedback.about !== "revoke" && feedback.userId !== closing?.id ? (
                        <RowOutcome ok={feedback.ok} message={t(feedback.message)} shown={feedback} />
                      ) : null}
                      <p className="mt-2 mb-0">
                        <Link
                          to={`?${new URLSearchParams({ q, chiudi: u.id })}`}
                          className="btn btn-link btn-sm p-0 text-danger"
                        >
                          {t("admin.users.closeAccount")}
                          {whose("admin.users.ofPerson")}
                        </Link>
                      </p>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </div>
  );
}

/**
 * The outcome of a row's grant, right below its button, where the focus goes back (NavigationFocus) and the
 * polite announcer reads it from. It was below the row's "Chiudi l'account" link, under the fold of a phone and
 * of a laptop when the button was low on the screen, and, at 390 px, in the part of the table scrolled away
 * sideways: whoever pressed the button saw nothing happen. Each new outcome is scrolled into sight, the least.
 */
function RowOutcome({ ok, message, shown }: { ok: boolean; message: string; shown: object }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [shown]);
  return (
    <div ref={box} className={`mt-2 ${ok ? "text-success small" : "field-error"}`} role="status">
      {message}
    </div>
  );
}

type Closing = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  places: number;
  roles: { role: string; regionCode: string }[];
  trainerEvents: number;
};

/** The second step of closing an account: who, what it does, and an explicit confirmation. */
function CloseAccountConfirmation({
  closing,
  q,
  busy,
  error,
  refusal,
}: {
  closing: Closing;
  q: string;
  busy: boolean;
  error?: string;
  /** Why the closure confirmed was refused (the account is still open). */
  refusal?: string;
}) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel opens after a click on the list's link: take the focus to it, as a dialog would.
  useEffect(() => {
    heading.current?.focus();
  }, [closing.id]);
  const name = `${closing.firstName} ${closing.lastName}`;
  return (
    <section className="callout danger mb-4" aria-labelledby="close-account-title">
      <h2 id="close-account-title" className="h4" tabIndex={-1} ref={heading}>
        {t("admin.users.closeConfirmTitle", { name })}
      </h2>
      <p>{t("admin.users.closeConfirmIntro")}</p>
      <p data-testid="close-places">{t("admin.users.closeConfirmPlaces", { count: closing.places })}</p>
      {/* Closing revokes every role and takes the person off the events they train: said before, as revoking does. */}
      <ClosureLosses roles={closing.roles} trainerEvents={closing.trainerEvents} own={false} />
      {refusal ? (
        <div className="alert alert-danger" role="alert">
          {refusal}
        </div>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="close-account" />
        <input type="hidden" name="userId" value={closing.id} />
        <div className="form-check mb-3">
          <input
            id="close-account-confirm"
            type="checkbox"
            name="confirm"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "close-account-confirm-error" : undefined}
          />
          <label htmlFor="close-account-confirm">{t("admin.users.closeConfirmCheck", { email: closing.email })}</label>
          {error ? (
            // role=alert as every field error (FieldErrors): the focus goes back to the button pressed and the page's
            // live region leaves this case out, so without it a screen reader said nothing of the refusal.
            <div id="close-account-confirm-error" className="field-error" role="alert">
              {t(error as MessageKey)}
            </div>
          ) : null}
        </div>
        <div className="d-flex flex-wrap gap-3 align-items-center">
          <button type="submit" className="btn btn-danger" disabled={busy}>
            {t("admin.users.closeConfirmSubmit")}
          </button>
          <Link to={`?${new URLSearchParams({ q })}`}>{t("admin.users.closeConfirmCancel")}</Link>
        </div>
      </Form>
    </section>
  );
}

type Revoking = NonNullable<Awaited<ReturnType<typeof revocationSummary>>>;

/**
 * The second step of revoking a role: the role, the person and, for a trainer, the events it takes them off (granting
 * the role again does not put them back). Its form posts to the person's roles cell (#roles-<id>), where the outcome
 * is shown and the focus goes, with or without JavaScript.
 */
function RevokeRoleConfirmation({ revoking, q, busy }: { revoking: Revoking; q: string; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { search } = useLocation();
  const name = `${revoking.firstName} ${revoking.lastName}`;
  const role = `${labelOf(APP_ROLE_LABELS, revoking.role, locale)}${revoking.regionCode ? ` (${labelOf(REGION_LABELS, revoking.regionCode, locale)})` : ""}`;
  const more = revoking.eventCount - revoking.events.length;
  return (
    <ConfirmStep
      id="revoca-ruolo"
      className="mb-4"
      title={t("admin.users.revokeConfirmTitle", { role, name })}
      text={
        revoking.eventCount > 0
          ? t("admin.users.revokeConfirmTrainer", { count: revoking.eventCount })
          : t("admin.users.revokeConfirmText")
      }
      yes={t("admin.users.revokeConfirmYes")}
      keep={t("admin.users.revokeConfirmKeep")}
      keepHref={`?${new URLSearchParams({ q })}#roles-${revoking.userId}`}
      action={`${search}#roles-${revoking.userId}`}
      fields={{ intent: "revoke", roleId: revoking.roleId }}
      disabled={busy}
    >
      {revoking.events.length > 0 ? (
        <ul>
          {revoking.events.map((e) => (
            <li key={e.id} lang={e.titleLanguage === locale ? undefined : e.titleLanguage}>
              {e.title}
            </li>
          ))}
          {more > 0 ? <li>{t("admin.users.revokeConfirmMore", { count: more })}</li> : null}
        </ul>
      ) : null}
      {/* A revocation emails the person ("ruolo-modificato"): said before it is confirmed. */}
      <p>{t("admin.users.revokeEmailHint")}</p>
    </ConfirmStep>
  );
}
