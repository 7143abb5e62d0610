import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { dayRangeText } from "~/components/catalogue/format.ts";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ApplicationForm, UnsentApplication } from "~/components/application/application-form.tsx";
import { RegistrationForm } from "~/components/application/registration-form.tsx";
import { FormErrorSummary } from "~/components/form-fields.tsx";
import { defaultEditionId, ENROLMENT_STATUS_LABELS } from "~/domain/enrolment.ts";
import { labelOf } from "~/domain/vocabulary.ts";
import { enrolmentRefusalMessage } from "~/components/enrolment-messages.ts";
import { partLang, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { answerFieldErrors, parseEnrolPageForm } from "~/forms/enrol-page-form.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { apply } from "~/models/application.server.ts";
import { enrolAsRequested } from "~/models/enrolment.server.ts";
import { loadEnrolPage } from "~/models/enrolment-views.server.ts";
import { resendEmailConfirmation } from "~/utils/account.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { consumeEnrolmentAttempt } from "~/utils/rate-limit.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useHydrated } from "~/utils/use-hydrated.ts";
import { useEffect, useRef, useState } from "react";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.enrol", data?.event.title) },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await loadEnrolPage(user, idParam(params.eventId));
  if (!page) throw new Response("Iniziativa non trovata", { status: 404 });
  const chosen = new URL(request.url).searchParams.get("edizione");
  return { ...page, chosenEditionId: chosen, emailConfirmed: user.emailConfirmed, email: user.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Enrolling, applying or asking for the confirmation link again changes nothing the session
  // lookup reads: the page of a refusal (409) uses this lookup too (ADR 0050).
  const user = await requireUser(request, context, { actionKeepsUser: true });
  const form = await readForm(request);
  // The words of an answer other than the redirect (a success needs none: no cookie parse for it).
  const words = async () => {
    const locale = await getLocale(request, user.locale);
    return { locale, t: translator(locale) };
  };
  // An application is checked against its edition's questions: the union reads the page (the
  // event's editions as this teacher sees them) for an application, and only then.
  const applicationEdition = async (editionId: string) => {
    const page = await loadEnrolPage(user, idParam(params.eventId));
    const edition = page?.editions.find((e) => e.id === editionId);
    return page && edition ? { ...edition, regionCode: page.event.regionCode } : null;
  };
  const submission = await parseEnrolPageForm(form, applicationEdition);
  const input = submission.status === "success" ? submission.value : null;
  if (!input && failedIntentOf(submission) === null) {
    const { t } = await words();
    return data({ error: t("events.error.badRequest") }, { status: 400 });
  }
  // An application refused before or by apply(), or a registration with answers to an edition's questions
  // refused before or by enrol(): the answer names its edition and carries what was typed (the reply's initialValue),
  // so the page says why and keeps the motivation and answers, drawn again without JavaScript too, in the form if
  // it is still open or as a copy if the edition no longer takes any.
  const applying = (input ? input.intent : failedIntentOf(submission)) === "apply";
  const registering = input?.intent === "enrol" && input.answers !== undefined;
  const refuse = (error: string, status: number) =>
    applying || registering
      ? data(
          {
            editionId: typeof submission.payload.editionId === "string" ? submission.payload.editionId : "",
            result: submission.reply({ formErrors: [error] }),
          },
          { status },
        )
      : data({ error }, { status });
  if (input?.intent === "resend-confirmation") {
    const resent = await resendEmailConfirmation(user.id);
    if (resent.ok || resent.reason === "already-confirmed") return data({ confirmationSent: true });
    const minutes = Math.ceil(resent.retryAfterSeconds / 60);
    const { t } = await words();
    return data({ error: t("enrol.emailUnconfirmed.rateLimited", { minutes }) }, { status: 429 });
  }
  // Enrolling and applying need a confirmed email (the page says how to get the link again).
  if (!user.emailConfirmed) {
    const { t } = await words();
    return refuse(t("enrol.refused.email-unconfirmed"), 403);
  }
  const rateLimited = async () => {
    const { t } = await words();
    return refuse(t("enrol.refused.rate-limited"), 429);
  };
  if (!input) {
    // An application's fields, checked against its edition's questions (or a malformed enrol
    // form): an attempt all the same.
    if (!(await consumeEnrolmentAttempt(user.id)).allowed) return rateLimited();
    const editionId = submission.payload.editionId;
    return data(
      { editionId: typeof editionId === "string" ? editionId : "", result: submission.reply() },
      { status: 400 },
    );
  }
  if (input.intent === "apply") {
    if (!(await consumeEnrolmentAttempt(user.id)).allowed) return rateLimited();
    // An application: motivation and answers, checked against this edition's questions.
    const { locale, t } = await words();
    if (!input.edition) return data({ error: t("enrol.refused.not-found") }, { status: 404 });
    const { edition, editionId, motivation, answers } = input;
    const applied = await apply(user.id, editionId, { motivation, answers });
    if (applied.ok) return redirect(`/le-mie-iscrizioni?esito=${encodeURIComponent(applied.enrolmentId)}`);
    const error =
      applied.reason === "invalid" || applied.reason === "not-application" || applied.reason === "selection-closed"
        ? t(`applications.refused.${applied.reason}`)
        : enrolmentRefusalMessage(t, locale, applied.reason, edition, edition.regionCode);
    return refuse(error, applied.reason === "not-found" ? 404 : 409);
  }
  // "Le mie iscrizioni" shows the outcome with the position: no need to count the line twice.
  // Answers to registration questions ride along; enrol() reads the questions with the edition.
  // The teacher's row comes with the session: enrol() does not read it again. The attempt is
  // counted against the enrolment rate limit by enrol() itself, in the seat transaction's write.
  const { editionId } = input;
  const outcome = await enrolAsRequested(user, idParam(params.eventId), editionId, new Date(), input.answers);
  if (!outcome.ok && outcome.reason === "rate-limited") return rateLimited();
  if (!outcome.ok && outcome.reason === "invalid-answers") {
    // Each refused answer's error next to its field, from enrol()'s own check (no second read).
    const result = submission.reply({ fieldErrors: answerFieldErrors(outcome.errors) });
    return data({ editionId, result }, { status: 400 });
  }
  if (!outcome.ok) {
    // The page (the loader's data, which Remix loads for the answer anyway) turns the reason into
    // its sentence: a refusal reads the event once, like a success, not twice. Answers to the edition's
    // registration questions come back as typed (the reply's initialValue): the page keeps them.
    const refusal = { reason: outcome.reason, editionId };
    const status = outcome.reason === "not-found" ? 404 : 409;
    return registering
      ? data({ refusal, editionId, result: submission.reply() }, { status })
      : data({ refusal }, { status });
  }
  return redirect(`/le-mie-iscrizioni?esito=${encodeURIComponent(outcome.enrolmentId)}`);
}

// What the seats sentence says, by the pool the teacher's enrolment goes to (editionSeats).
const SEATS_LEFT = {
  edition: "enrol.seatsLeft",
  general: "enrol.seatsLeftGeneral",
  region: "enrol.seatsLeftRegion",
} as const;
const SEATS_FULL = { edition: "enrol.full", general: "enrol.fullGeneral", region: "enrol.fullRegion" } as const;

export default function EnrolPage() {
  const { event, editions, held, chosenEditionId, emailConfirmed, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  // A teacher who already holds a place in the event is told where it is, not offered a second one.
  const open = held ? [] : editions.filter((e) => e.eligibility.ok);
  // Editions by application show their application form instead of the confirm button.
  // First-come editions that ask registration questions have a form each, with the answers.
  const firstCome = editions.filter((e) => e.admission !== "candidatura" && e.questions.length === 0);
  const openFirstCome = open.filter((e) => e.admission !== "candidatura" && e.questions.length === 0);
  const openWithQuestions = open.filter((e) => e.admission !== "candidatura" && e.questions.length > 0);
  // The seats of the pool her enrolment goes to (with regional quotas: her region's, or the seats no quota reserves).
  const seatsText = (e: (typeof editions)[number]) =>
    e.seatsLeft === null
      ? t("enrol.unlimited")
      : e.seatsLeft > 0
        ? t(SEATS_LEFT[e.pool], { count: e.seatsLeft })
        : t(SEATS_FULL[e.pool]);
  const openByApplication = open.filter((e) => e.admission === "candidatura");
  const defaultId = defaultEditionId(openFirstCome, chosenEditionId);
  // The button says what the click does for the edition selected (review 0018): the waitlist for a full one, a
  // seat otherwise. When the open editions differ, a page without scripts (or before they run) cannot follow the
  // radios: it says "send the request" and each edition's line says what it gives; with scripts, the name
  // follows the checked radio (read once hydrated too: the browser may have restored another choice).
  const hydrated = useHydrated();
  const [selectedId, setSelectedId] = useState(defaultId);
  const enrolForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const checked = enrolForm.current?.querySelector<HTMLInputElement>('input[name="editionId"]:checked');
    if (checked) setSelectedId(checked.value);
  }, []);
  const selected = openFirstCome.find((e) => e.id === selectedId);
  const submitKey = openFirstCome.every((e) => e.full)
    ? "enrol.submitWaitlist"
    : openFirstCome.every((e) => !e.full)
      ? "enrol.submit"
      : hydrated && selected
        ? selected.full
          ? "enrol.submitWaitlist"
          : "enrol.submit"
        : "enrol.submitEither";
  const applicationResult = actionData && "result" in actionData ? actionData : null;
  // An application or a registration with questions refused once its edition no longer takes any (deadline passed,
  // selection or enrolment closed meanwhile, a place taken in another tab): its form is gone, so the page's summary
  // says why and a copy keeps what was typed.
  const unsent =
    applicationResult && !open.some((e) => e.id === applicationResult.editionId)
      ? editions.find(
          (e) => e.id === applicationResult.editionId && (e.admission === "candidatura" || e.questions.length > 0),
        )
      : undefined;
  const unsentErrors = unsent
    ? (applicationResult?.result.error?.[""] ?? [
        unsent.eligibility.ok
          ? t("applications.refused.invalid")
          : enrolmentRefusalMessage(t, locale, unsent.eligibility.reason, unsent, event.regionCode),
      ])
    : [];
  const refusal = actionData && "refusal" in actionData ? actionData.refusal : null;
  const actionError =
    actionData && "error" in actionData && actionData.error
      ? actionData.error
      : refusal
        ? enrolmentRefusalMessage(
            t,
            locale,
            refusal.reason,
            editions.find((e) => e.id === refusal.editionId),
            event.regionCode,
          )
        : null;
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <p className="mb-1">
          <Link to={`/eventi/${event.id}`}>
            ← <span lang={partLang(event.titleLanguage, locale)}>{event.title}</span>
          </Link>
        </p>
        <h1 className="mb-4">{t("enrol.title")}</h1>
        {actionError || unsentErrors.length ? (
          <FormErrorSummary errors={actionError ? [actionError] : unsentErrors} />
        ) : null}
        {emailConfirmed ? null : (
          <div className="alert alert-warning" role="status">
            <h2 className="h5">{t("enrol.emailUnconfirmed.title")}</h2>
            <p>{t("enrol.emailUnconfirmed.text", { email })}</p>
            {actionData && "confirmationSent" in actionData ? (
              <p className="fw-semibold">{t("enrol.emailUnconfirmed.sent")}</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="resend-confirmation" />
                <button type="submit" className="btn btn-outline-primary btn-sm">
                  {t("enrol.emailUnconfirmed.resend")}
                </button>
              </Form>
            )}
          </div>
        )}
        <p>{t(held || event.cancelled ? "enrol.heldIntro" : "enrol.confirmIntro")}</p>
        <p className="lead" lang={partLang(event.titleLanguage, locale)}>
          {event.title}
        </p>
        {event.cancelled ? (
          // As the event page says it: cancelled, with the organiser's reason, not "not accepting enrolments".
          <div className="alert alert-danger" role="status" data-testid="enrol-event-cancelled">
            <strong>{t("catalogue.event.cancelledTitle")}.</strong> {t("catalogue.event.cancelledText")}
            {event.cancellationReason ? (
              <p className="mb-0 mt-2">{t("cancellation.reasonShown", { reason: event.cancellationReason })}</p>
            ) : null}
          </div>
        ) : held ? (
          <div className="alert alert-info" data-testid="enrol-held">
            <p className="mb-0">
              {t("enrol.held", {
                number: held.editionNumber,
                status: labelOf(ENROLMENT_STATUS_LABELS, held.status, locale),
              })}{" "}
              <Link to="/le-mie-iscrizioni">{t("eventPage.mine.manage")}</Link>
            </p>
          </div>
        ) : open.length === 0 ? (
          <div className="alert alert-warning" role="status">
            {editions.map((e) =>
              e.eligibility.ok ? null : (
                <p key={e.id} className="mb-1">
                  {t("enrol.editionLabel", { number: e.number })}:{" "}
                  {enrolmentRefusalMessage(t, locale, e.eligibility.reason, e, event.regionCode)}
                </p>
              ),
            )}
          </div>
        ) : null}
        {unsent && applicationResult ? (
          <UnsentApplication
            edition={unsent}
            values={applicationResult.result.initialValue}
            registration={unsent.admission !== "candidatura"}
          />
        ) : null}
        {openByApplication.map((e) => (
          <ApplicationForm
            key={e.id}
            edition={e}
            lastResult={applicationResult?.editionId === e.id ? applicationResult.result : null}
          />
        ))}
        {openWithQuestions.map((e) => (
          <RegistrationForm
            key={e.id}
            edition={e}
            seatsText={seatsText(e)}
            lastResult={applicationResult?.editionId === e.id ? applicationResult.result : null}
          />
        ))}
        {openFirstCome.length > 0 ? (
          <Form method="post" ref={enrolForm}>
            <input type="hidden" name="intent" value="enrol" />
            <fieldset className="mb-4">
              <legend className="h5">{t("enrol.chooseEdition")}</legend>
              {firstCome.map((e) => (
                <div className="form-check" key={e.id}>
                  <input
                    type="radio"
                    name="editionId"
                    id={`edition-${e.id}`}
                    value={e.id}
                    defaultChecked={e.id === defaultId}
                    onChange={(change) => setSelectedId(change.currentTarget.value)}
                    disabled={!e.eligibility.ok}
                    aria-describedby={`edition-${e.id}-info`}
                  />
                  <label htmlFor={`edition-${e.id}`}>
                    {t("enrol.editionLabel", { number: e.number })}: {dayRangeText(t, e.startsOn, e.endsOn, locale)}
                  </label>
                  <p id={`edition-${e.id}-info`} className="small ms-4 mb-2">
                    {!e.eligibility.ok
                      ? enrolmentRefusalMessage(t, locale, e.eligibility.reason, e, event.regionCode)
                      : seatsText(e)}
                  </p>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t(submitKey)}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
