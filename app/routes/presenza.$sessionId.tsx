import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CHECK_IN_OPENS_MINUTES_BEFORE } from "~/domain/check-in.ts";
import { messageWith, partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { checkIn, loadCheckInPage, type CheckInRefusal } from "~/models/check-in.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatDateTime, formatLongDate, formatTime } from "~/utils/dates.ts";
import { consumeCheckInAttempt } from "~/utils/rate-limit.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.confirmAttendance", data?.session.event.title) },
];

/** The code is kept short and plain: anything else is simply not a valid code. */
const codeOf = (value: FormDataEntryValue | string | null) =>
  typeof value === "string" ? value.trim().slice(0, 64) : "";

// GET only shows the page (signing in first keeps the code in redirectTo); POST records.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const code = codeOf(new URL(request.url).searchParams.get("codice"));
  const page = await loadCheckInPage(user.id, idParam(params.sessionId), code);
  if (!page) throw new Response("Incontro non trovato.", { status: 404 });
  return { ...page, code, opensMinutesBefore: CHECK_IN_OPENS_MINUTES_BEFORE };
}

/** On success, the late arrival's minutes (null: recorded present), so the teacher is told which line was written. */
type ActionData = { ok: true; lateMinutes: number | null } | { ok: false; reason: CheckInRefusal | "rate-limited" };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const limit = await consumeCheckInAttempt(user.id);
  if (!limit.allowed) return data<ActionData>({ ok: false, reason: "rate-limited" }, { status: 429 });
  const form = await readForm(request);
  const outcome = await checkIn(user.id, idParam(params.sessionId), codeOf(form.get("codice")));
  if (outcome.ok)
    return data<ActionData>({
      ok: true,
      lateMinutes: outcome.mark.status === "ritardo" ? outcome.mark.minutesAttended : null,
    });
  const status = outcome.reason === "non-trovato" ? 404 : outcome.reason === "non-iscritto" ? 403 : 409;
  return data<ActionData>(outcome, { status });
}

/** Already in the register: said as information, or as a warning when the register says absent. */
const REFUSAL_ALERT: Partial<Record<CheckInRefusal | "rate-limited", string>> = {
  "gia-registrata": "alert-info",
  "segnata-assente": "alert-warning",
  "segnata-giustificata": "alert-warning",
};

export default function CheckInConfirmPage() {
  const { session, refusal, code, opensMinutesBefore } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const sessionName = session.title || t("checkIn.sessionOf", { date: formatLongDate(session.startsAt, locale) });
  const done = actionData?.ok === true;
  const lateMinutes = actionData?.ok ? actionData.lateMinutes : null;
  // After a POST its answer counts; before, what the GET already knows.
  const shownRefusal = actionData ? (actionData.ok ? null : actionData.reason) : refusal;
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1 className="mb-3">{t("checkIn.title")}</h1>
        <p className="lead">
          {messageWith(
            t,
            "checkIn.confirmIntro",
            {},
            {
              event: <span lang={partLang(session.event.titleLanguage, locale)}>{session.event.title}</span>,
              session: session.title ? (
                <span lang={partLang(session.event.titleLanguage, locale)}>{sessionName}</span>
              ) : (
                sessionName
              ),
            },
          )}
        </p>
        <dl className="row">
          <dt className="col-sm-3">{t("checkIn.when")}</dt>
          <dd className="col-sm-9">
            {formatDateTime(session.startsAt, locale)} – {formatTime(session.endsAt, locale)}
          </dd>
          {session.event.venue ? (
            <>
              <dt className="col-sm-3">{t("checkIn.where")}</dt>
              <dd className="col-sm-9">{session.event.venue}</dd>
            </>
          ) : null}
        </dl>

        {done ? (
          <div className="alert alert-success" role="status">
            <p className="mb-0">
              {lateMinutes === null ? t("checkIn.done") : t("checkIn.doneLate", { minutes: lateMinutes })}
            </p>
          </div>
        ) : shownRefusal ? (
          <div className={`alert ${REFUSAL_ALERT[shownRefusal] ?? "alert-danger"}`} role="alert">
            <p className="mb-0">{t(`checkIn.refused.${shownRefusal}`, { minutes: opensMinutesBefore })}</p>
          </div>
        ) : null}

        {!done && !shownRefusal ? (
          <Form method="post">
            <input type="hidden" name="codice" value={code} />
            <button type="submit" className="btn btn-primary btn-lg" disabled={navigation.state === "submitting"}>
              {t("checkIn.confirm")}
            </button>
          </Form>
        ) : (
          <p>
            <Link to="/le-mie-iscrizioni">{t("checkIn.myEnrolments")}</Link>
          </p>
        )}
      </div>
    </div>
  );
}
