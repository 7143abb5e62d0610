import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CertificateDownloads } from "~/components/certificate-downloads.tsx";
import { FormErrorSummary } from "~/components/form-fields.tsx";
import { verificationPath } from "~/domain/certificate.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { ENROLMENT_STATUS_LABELS, teacherActionAlreadyDone } from "~/domain/enrolment.ts";
import { unprintableNameCharacters } from "~/domain/person-name.ts";
import { reasonIn } from "~/domain/stored-reasons.ts";
import { EVENT_TYPE_LABELS, labelOf } from "~/domain/vocabulary.ts";
import { messageWith, partLang, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { withdrawApplication } from "~/models/application.server.ts";
import { getCalendarToken, regenerateCalendarToken } from "~/models/calendar-token.server.ts";
import { originOf } from "~/models/calendar-feeds.server.ts";
import { acceptOffer, cancelByTeacher, declineOffer, teacherPlaceStatus } from "~/models/enrolment.server.ts";
import { loadMyEnrolmentsPage } from "~/models/enrolment-views.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDateTime, formatShortDate } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { consumeEnrolmentAttempt } from "~/utils/rate-limit.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { myEnrolmentsActionSchema } from "~/forms/my-enrolments-form.ts";
import { pageTitle } from "~/i18n/meta.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ matches, location, data }) => [
  {
    title: pageTitle(
      matches,
      "title.myEnrolments",
      null,
      outcomeOf(new URLSearchParams(location.search), data?.enrolments ?? []),
    ),
  },
];

/**
 * What the address an action redirected to says was just done, as the title's outcome (the page's OutcomeNotice says
 * it in full): the place enrolled in, queued for or applied to (?esito=<id>, as it is now), or ?fatto=.
 */
function outcomeOf(params: URLSearchParams, enrolments: readonly { id: string; status: string }[]): MessageKey | null {
  const outcomeId = params.get("esito");
  const place = outcomeId ? enrolments.find((e) => e.id === outcomeId) : undefined;
  if (place?.status === "iscritto") return "outcome.enrolled";
  if (place?.status === "in-attesa") return "outcome.waitlisted";
  if (place?.status === "candidato") return "outcome.applied";
  const done = params.get("fatto");
  if (done === "withdrawn") return "outcome.withdrawn";
  if (done === "cancelled" || done === "left" || done === "accepted" || done === "declined") return `outcome.${done}`;
  return null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  // One statement for the places and the feed's token (the page every enrolment redirects to: ADR 0030).
  const { enrolments, calendarToken } = await loadMyEnrolmentsPage(user.id);
  // The feed's full URL, so the teacher can paste it into a calendar app; GET never creates a token.
  const calendarUrl = calendarToken ? `${originOf(request)}/calendario/${calendarToken}.ics` : null;
  // A name saved before the PDFs' rule (ADR 0075) would print with gaps: the teacher is asked to correct it.
  return { enrolments, calendarUrl, unprintableName: unprintableNameCharacters(user) };
}

const DONE = { cancel: "cancelled", accept: "accepted", decline: "declined", withdraw: "withdrawn" } as const;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: myEnrolmentsActionSchema });
  const locale = await getLocale(request, user.locale);
  const t = translator(locale);
  if (submission.status !== "success") {
    // A cancellation, a decline or a withdrawal without its confirmation step, or a reason too long
    // (given back to its field); anything else is not a button of this page.
    const reasonError = submission.error?.reason?.[0];
    const error = submission.error?.confirm
      ? "confirm.required"
      : reasonError
        ? "myEnrolments.error.reasonTooLong"
        : "myEnrolments.error.not-allowed";
    const reason = submission.payload.reason;
    return data({ error: t(error), reason: typeof reason === "string" ? reason : undefined }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "calendar-token") {
    // Creates the feed URL, or replaces it: the previous URL stops working at once.
    const had = (await getCalendarToken(user.id)) !== null;
    await regenerateCalendarToken(user.id);
    return redirect(`/le-mie-iscrizioni?calendario=${had ? "rigenerato" : "creato"}#calendario-titolo`);
  }
  const { intent, enrolmentId } = value;
  const limit = await consumeEnrolmentAttempt(user.id);
  if (!limit.allowed) return data({ error: t("enrol.refused.rate-limited") }, { status: 429 });
  // Leaving the waitlist is a cancellation too, but the teacher had no seat: the outcome says she left the list,
  // not "Iscrizione annullata." (review as a teacher, 08/12/2026).
  const wasWaiting = intent === "cancel" && (await teacherPlaceStatus(user.id, enrolmentId)) === "in-attesa";
  const outcome =
    intent === "cancel"
      ? await cancelByTeacher(user.id, enrolmentId, new Date(), value.reason || null)
      : intent === "accept"
        ? await acceptOffer(user.id, enrolmentId)
        : intent === "withdraw"
          ? await withdrawApplication(user.id, enrolmentId)
          : await declineOffer(user.id, enrolmentId);
  // The same button sent again (a double submit, another tab, the back button) finds the place
  // already where the first one left it: that is the outcome the teacher asked for, not a refusal.
  const statusNow =
    !outcome.ok && outcome.reason === "not-allowed" ? await teacherPlaceStatus(user.id, enrolmentId) : null;
  const alreadyDone = statusNow !== null && teacherActionAlreadyDone(intent, statusNow);
  if (!outcome.ok && !alreadyDone) {
    // A place changed meanwhile (declining a seat accepted in another tab, cancelling a place the
    // organiser removed) says what it is now, not only that it cannot change.
    const error = statusNow
      ? t("myEnrolments.error.not-allowed-now", { status: labelOf(ENROLMENT_STATUS_LABELS, statusNow, locale) })
      : t(`myEnrolments.error.${outcome.reason}`);
    return data({ error }, { status: outcome.reason === "not-found" ? 404 : 409 });
  }
  const done = wasWaiting && outcome.ok ? "left" : DONE[intent];
  return redirect(`/le-mie-iscrizioni?fatto=${done}&id=${encodeURIComponent(enrolmentId)}`);
}

export default function MyEnrolmentsPage() {
  const { enrolments, calendarUrl, unprintableName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const successInUrl = useSuccessInUrl();
  const t = useT();
  const locale = useLocale();
  const outcomeId = successInUrl("esito");
  const outcome = outcomeId ? enrolments.find((e) => e.id === outcomeId) : undefined;
  const outcomeTitle = outcome ? (
    <span lang={partLang(outcome.event.titleLanguage, locale)}>{outcome.event.title}</span>
  ) : null;
  const done = successInUrl("fatto");
  const calendarDone = successInUrl("calendario");
  const active = enrolments.filter((e) => e.active);
  const past = enrolments.filter((e) => !e.active);

  return (
    <div>
      <h1 className="mb-4">{t("myEnrolments.title")}</h1>
      {actionData?.error ? <FormErrorSummary errors={[actionData.error]} /> : null}
      {outcome && (outcome.status === "iscritto" || outcome.status === "in-attesa") ? (
        <OutcomeNotice tone={outcome.status === "iscritto" ? "success" : "info"}>
          {/* The title in its own language (WCAG 3.1.2): the first thing read after enrolling. */}
          {outcome.status === "iscritto"
            ? messageWith(t, "enrol.outcome.iscritto", { number: outcome.editionNumber }, { title: outcomeTitle })
            : messageWith(
                t,
                "enrol.outcome.in-attesa",
                { number: outcome.editionNumber, position: outcome.position ?? "" },
                { title: outcomeTitle },
              )}
        </OutcomeNotice>
      ) : null}
      {outcome?.status === "candidato" ? (
        <OutcomeNotice>
          {messageWith(t, "applications.outcome.sent", { number: outcome.editionNumber }, { title: outcomeTitle })}
        </OutcomeNotice>
      ) : null}
      {done === "withdrawn" ? <OutcomeNotice>{t("applications.done.withdrawn")}</OutcomeNotice> : null}
      {done === "cancelled" || done === "left" || done === "accepted" || done === "declined" ? (
        <OutcomeNotice>{t(`myEnrolments.done.${done}`)}</OutcomeNotice>
      ) : null}
      {unprintableName.length > 0 ? (
        <p className="alert alert-warning" data-testid="unprintable-name">
          {t("myEnrolments.name.unprintable", { characters: unprintableName.join(" ") })}{" "}
          <Link to="/profilo#profilo-titolo">{t("myEnrolments.name.fix")}</Link>
        </p>
      ) : null}
      {enrolments.length === 0 ? (
        <p>
          {t("myEnrolments.empty")} <Link to="/eventi">{t("nav.catalogue")}</Link>
        </p>
      ) : null}
      {active.length > 0 ? (
        <section aria-labelledby="active-heading" className="mb-5">
          <h2 id="active-heading" className="h3">
            {t("myEnrolments.active")}
          </h2>
          <ul className="list-unstyled">
            {active.map((e) => (
              <li key={e.id} className="card shadow-sm mb-3" data-testid="enrolment">
                <div className="card-body">
                  <h3 className="h5 card-title">
                    <Link to={`/eventi/${e.event.id}`} lang={partLang(e.event.titleLanguage, locale)}>
                      {e.event.title}
                    </Link>
                  </h3>
                  <p className="mb-1">
                    {labelOf(EVENT_TYPE_LABELS, e.event.type, locale)} ·{" "}
                    {t("enrol.editionLabel", { number: e.editionNumber })}
                    {e.firstSessionAt
                      ? ` · ${t("myEnrolments.firstSession", { date: formatDateTime(e.firstSessionAt, locale) })}`
                      : null}
                  </p>
                  <p className="mb-1">
                    <strong>{t("myEnrolments.status")}:</strong>{" "}
                    <span data-testid="enrolment-status">{labelOf(ENROLMENT_STATUS_LABELS, e.status, locale)}</span>
                  </p>
                  {e.status === "iscritto" && e.byApplication ? (
                    <p className="mb-1">{t("applications.accepted")}</p>
                  ) : null}
                  {e.status === "in-attesa" && e.byApplication ? (
                    <p className="mb-1" data-testid="reserve-note">
                      {t("applications.reserve.teacher")}
                    </p>
                  ) : null}
                  {e.position !== null ? (
                    <p className="mb-1">{t("myEnrolments.position", { position: e.position })}</p>
                  ) : null}
                  {e.status === "offerta" && e.offerExpiresAt ? (
                    <div className="alert alert-warning my-2" role="status">
                      {t("myEnrolments.offerUntil", { date: formatDateTime(e.offerExpiresAt, locale) })}
                    </div>
                  ) : null}
                  {e.status === "iscritto" && e.cancelRefusal === "recorded-present" ? (
                    // No button the writer would refuse: why, and what to do instead (ADR 0011 addendum).
                    <p className="small mb-2" data-testid="cancel-recorded-present">
                      {t("myEnrolments.cancelRecordedPresent")}
                    </p>
                  ) : e.status === "iscritto" && e.cancellationDeadline ? (
                    <p className="small mb-2">
                      {e.canCancel
                        ? t("myEnrolments.cancelUntil", { date: formatDateTime(e.cancellationDeadline, locale) })
                        : t("myEnrolments.cancelClosed", { date: formatDateTime(e.cancellationDeadline, locale) })}
                    </p>
                  ) : null}
                  {e.status === "iscritto" ? (
                    <p className="small mb-2">
                      {/* Its route is looked up when clicked, not when the page shows (ADR 0060). */}
                      <Link to={`/le-mie-iscrizioni/${e.id}/qr`} discover="none">
                        {t("checkIn.pass.link")}
                      </Link>
                    </p>
                  ) : null}
                  <CertificateAndProgress e={e} />
                  <div className="d-flex flex-wrap gap-2">
                    {e.status === "offerta" && params.get("conferma") === e.id ? (
                      <SecondStep e={e} intent="decline" />
                    ) : e.status === "offerta" ? (
                      <>
                        <Form method="post">
                          <input type="hidden" name="enrolmentId" value={e.id} />
                          <button className="btn btn-primary btn-sm" name="intent" value="accept">
                            {t("myEnrolments.accept")}
                          </button>
                        </Form>
                        <AskConfirmation e={e} intent="decline" label={t("myEnrolments.decline")} />
                      </>
                    ) : e.canWithdraw && params.get("conferma") === e.id ? (
                      <SecondStep e={e} intent="withdraw" />
                    ) : e.canWithdraw ? (
                      <AskConfirmation e={e} intent="withdraw" label={t("applications.withdraw")} />
                    ) : e.canCancel && params.get("conferma") === e.id ? (
                      // Second step (no JavaScript needed): the irreversible action only on a
                      // second, explicit confirmation, with the reason the organiser reads.
                      <ConfirmStep
                        id="confirm-cancel"
                        headingId={`conferma-${e.id}`}
                        headingLevel={4}
                        className="w-100"
                        small
                        title={e.status === "in-attesa" ? t("confirm.leaveWaitlist.title") : t("confirm.cancel.title")}
                        text={messageWith(
                          t,
                          e.status === "in-attesa" ? "confirm.leaveWaitlist.text" : "confirm.cancel.text",
                          {},
                          { title: <span lang={partLang(e.event.titleLanguage, locale)}>{e.event.title}</span> },
                        )}
                        yes={e.status === "in-attesa" ? t("confirm.leaveWaitlist.yes") : t("confirm.cancel.yes")}
                        keep={t("confirm.keep")}
                        keepHref={`/le-mie-iscrizioni#${firstStepId("cancel", e.id)}`}
                        fields={{ intent: "cancel", enrolmentId: e.id }}
                      >
                        <div className="mb-3">
                          <label htmlFor={`cancel-reason-${e.id}`} className="form-label fw-semibold d-block">
                            {t("confirm.cancel.reason")}
                          </label>
                          <textarea
                            id={`cancel-reason-${e.id}`}
                            name="reason"
                            rows={2}
                            className="form-control border"
                            maxLength={500}
                            aria-describedby={`cancel-reason-${e.id}-hint`}
                            defaultValue={
                              actionData && "reason" in actionData ? String(actionData.reason ?? "") : undefined
                            }
                          />
                          <small id={`cancel-reason-${e.id}-hint`} className="form-text">
                            {t("confirm.cancel.reasonHint")}
                          </small>
                        </div>
                      </ConfirmStep>
                    ) : e.canCancel ? (
                      <Form method="get" action={`/le-mie-iscrizioni#conferma-${e.id}`}>
                        <input type="hidden" name="conferma" value={e.id} />
                        <button id={firstStepId("cancel", e.id)} className="btn btn-outline-danger btn-sm">
                          {e.status === "in-attesa" ? t("myEnrolments.leaveWaitlist") : t("myEnrolments.cancel")}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {past.length > 0 ? (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading" className="h3">
            {t("myEnrolments.past")}
          </h2>
          <ul>
            {past.map((e) => (
              <li key={e.id} data-testid="past-enrolment" className="mb-2">
                <Link to={`/eventi/${e.event.id}`} lang={partLang(e.event.titleLanguage, locale)}>
                  {e.event.title}
                </Link>{" "}
                · {t("enrol.editionLabel", { number: e.editionNumber })} ·{" "}
                {labelOf(ENROLMENT_STATUS_LABELS, e.status, locale)}
                {e.editionEnded ? ` · ${t("myEnrolments.endedOn", { date: formatShortDate(e.endsOn, locale) })}` : null}
                {e.reason ? ` · ${t("myEnrolments.reason", { reason: reasonIn(e.reason, locale) })}` : null}
                {/* A concluded course keeps its certified hours, certificate and questionnaire. */}
                <CertificateAndProgress e={e} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="calendario-titolo" className="mt-5" data-testid="calendar-feed">
        <h2 id="calendario-titolo" className="h3">
          {t("calendar.feed.title")}
        </h2>
        <p>{t("calendar.feed.intro")}</p>
        {calendarDone === "creato" || calendarDone === "rigenerato" ? (
          <div className="alert alert-success" role="status">
            {calendarDone === "creato" ? t("calendar.feed.created") : t("calendar.feed.regenerated")}
          </div>
        ) : null}
        {calendarUrl ? (
          <>
            <div className="form-group">
              <label htmlFor="calendar-url" className="active">
                {t("calendar.feed.urlLabel")}
              </label>
              <input
                id="calendar-url"
                type="text"
                className="form-control"
                readOnly
                value={calendarUrl}
                aria-describedby="calendar-url-hint"
                onFocus={(event) => event.currentTarget.select()}
              />
              <small id="calendar-url-hint" className="form-text">
                {t("calendar.feed.secret")}
              </small>
            </div>
            <h3 className="h5">{t("calendar.feed.howTo")}</h3>
            <ul>
              <li>{t("calendar.feed.google")}</li>
              <li>{t("calendar.feed.outlook")}</li>
              <li>{t("calendar.feed.apple")}</li>
            </ul>
            <p className="small">{t("calendar.feed.delay")}</p>
            <Form method="post">
              <p className="small" id="calendar-regenerate-hint">
                {t("calendar.feed.regenerateHint")}
              </p>
              <button
                className="btn btn-outline-primary btn-sm"
                name="intent"
                value="calendar-token"
                aria-describedby="calendar-regenerate-hint"
              >
                {t("calendar.feed.regenerate")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t("calendar.feed.none")}</p>
            <Form method="post">
              <button className="btn btn-primary btn-sm" name="intent" value="calendar-token">
                {t("calendar.feed.create")}
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}

type MyEnrolment = ReturnType<typeof useLoaderData<typeof loader>>["enrolments"][number];

/**
 * The id of a place's first-step button (cancel, decline, withdraw): the second step's "Mantieni" links
 * to `#<id>`, so the focus goes back to the button that opened it, not to the page's h1.
 */
function firstStepId(intent: "cancel" | "decline" | "withdraw", enrolmentId: string): string {
  return `${{ cancel: "annulla", decline: "rifiuta", withdraw: "ritira" }[intent]}-${enrolmentId}`;
}

/** An irreversible button's first step: a GET to the same page with `?conferma=<id>`, which shows the second. */
function AskConfirmation({ e, intent, label }: { e: MyEnrolment; intent: "decline" | "withdraw"; label: string }) {
  return (
    <Form method="get" action={`/le-mie-iscrizioni#conferma-${e.id}`}>
      <input type="hidden" name="conferma" value={e.id} />
      <button id={firstStepId(intent, e.id)} className="btn btn-outline-danger btn-sm">
        {label}
      </button>
    </Form>
  );
}

/**
 * The second step of declining an offered seat or withdrawing an application, as cancelling's (no
 * JavaScript needed): what it will do, and the POST with `confirm=yes`. Its heading is the URL's
 * #conferma-<id>, so the focus moves to it. The POST keeps `?conferma`: a refusal shows the step again.
 */
function SecondStep({ e, intent }: { e: MyEnrolment; intent: "decline" | "withdraw" }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ConfirmStep
      id={`confirm-${intent}`}
      headingId={`conferma-${e.id}`}
      headingLevel={4}
      className="w-100"
      small
      title={t(`confirm.${intent}.title`)}
      text={messageWith(
        t,
        `confirm.${intent}.text`,
        {},
        { title: <span lang={partLang(e.event.titleLanguage, locale)}>{e.event.title}</span> },
      )}
      yes={t(`confirm.${intent}.yes`)}
      keep={t("confirm.keep")}
      keepHref={`/le-mie-iscrizioni#${firstStepId(intent, e.id)}`}
      fields={{ intent, enrolmentId: e.id }}
    />
  );
}

/**
 * The certified hours (the certificate's, once issued) or the hours the register records so far, the certificate
 * (download, code, questionnaire first) or why it was revoked: current and concluded places alike.
 */
function CertificateAndProgress({ e }: { e: MyEnrolment }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {e.certificate ? (
        // The certificate's own figure, as its PDF and the training plan state it: the register may have been
        // corrected since (it stays open after closing), and what it says now is not what was certified.
        <p className="mb-1" data-testid="enrolment-certified-hours">
          <strong>{t("certificates.progress.title")}:</strong>{" "}
          {t("certificates.progress.fromCertificate", { hours: hoursInWords(e.certificate.certifiedMinutes, locale) })}{" "}
          <span className="badge bg-success ms-2">{t("certificates.progress.completed")}</span>
        </p>
      ) : null}
      {e.progress ? (
        <div className="mb-2" data-testid="enrolment-progress">
          <p className="mb-1">
            <strong>{t("certificates.progress.recordedTitle")}:</strong>{" "}
            {t("certificates.progress.value", {
              done: hoursInWords(e.progress.certifiedMinutes, locale),
              total: hoursInWords(e.progress.totalMinutes, locale),
              required: hoursInWords(e.progress.requiredMinutes, locale),
            })}
            {/* A space in the text, not only the margin: a screen reader ran "minuti)Completato" together. */}
            {e.revokedCertificate || e.progress.completed ? " " : null}
            {e.revokedCertificate ? (
              <span className="badge bg-danger ms-2">{t("certificates.revokedBadge")}</span>
            ) : e.progress.completed ? (
              <span className="badge bg-success ms-2">{t("certificates.progress.completed")}</span>
            ) : null}
          </p>
          {e.progress.missingActivities.length > 0 ? (
            <p className="small mb-1">
              {t("certificates.progress.missing", { titles: e.progress.missingActivities.join(", ") })}
            </p>
          ) : null}
        </div>
      ) : null}
      {e.revokedCertificate ? (
        <div className="mb-2" data-testid="enrolment-certificate-revoked">
          <p className="mb-1">
            {t("certificates.revokedOn", {
              code: e.revokedCertificate.code,
              date: formatDateTime(e.revokedCertificate.revokedAt, locale),
            })}
          </p>
          <p className="small mb-0">
            {e.revokedCertificate.reason
              ? t("certificates.revokedReason", { reason: reasonIn(e.revokedCertificate.reason, locale) })
              : t("certificates.revokedNoReason")}
          </p>
        </div>
      ) : null}
      {e.certificate ? (
        <div className="mb-2" data-testid="enrolment-certificate">
          <CertificateDownloads certificateId={e.certificate.id} small />
          <p className="small mb-0 mt-1">
            {t("certificates.progress.code", { code: e.certificate.code })} ·{" "}
            <Link to={verificationPath(e.certificate.code)}>{t("certificates.verify.title")}</Link>
          </p>
          {e.certificate.questionnaireAnswered ? null : (
            <p className="small mb-0">{t("certificates.progress.questionnaireFirst")}</p>
          )}
        </div>
      ) : null}
    </>
  );
}
