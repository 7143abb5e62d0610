// The edition's certificates: code, holder, hours, state; revoke with a reason, reissue (a second step,
// ?riemetti=<certificateId>, naming the person and the hours: it cannot be undone).
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmStep } from "~/components/confirm-step.tsx";
import { EditionPageHeading } from "~/components/register-breadcrumb.tsx";
import { revokeHelp, verificationPath } from "~/domain/certificate.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { reasonIn, writtenNameIn } from "~/domain/stored-reasons.ts";
import { certificateActionSchema, MAX_REVOKE_REASON_LENGTH } from "~/forms/certificate-forms.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import {
  CertificateError,
  editionCertificatesWithRegister,
  reissueCertificate,
  revokeCertificate,
  type EditionCertificateRow,
} from "~/models/certificate.server.ts";
import { trainerEditionOf } from "~/models/edition-scope.server.ts";
import { requireRegisterEdition } from "~/models/register-scope.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam, isIdShaped } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.certificates",
      data?.edition.event.title,
      CERTIFICATE_OUTCOMES.get(new URLSearchParams(location.search).get("fatto") ?? ""),
    ),
  },
];

/** What ?fatto= (the address the page's actions redirect to) says was just done, as the title's outcome. */
const CERTIFICATE_OUTCOMES = new Map<string, MessageKey>([
  ["revocato", "outcome.certificateRevoked"],
  ["riemesso", "outcome.certificateReissued"],
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireRegisterEdition(user, idParam(params.editionId));
  const certificates = await editionCertificatesWithRegister(edition.id);
  // ?riemetti=<certificateId>: the second step of reissuing that certificate (showing it changes nothing). Only a
  // certificate the page offers "Riemetti" for opens it; any other value asks for nothing.
  const asked = new URL(request.url).searchParams.get("riemetti") ?? "";
  const reissuing = isIdShaped(asked) ? (certificates.find((c) => c.id === asked && c.reissuable)?.id ?? null) : null;
  // What the help of "Revoca" says: a closed account's holder reads no reason (ADR 0013). The help of "Riemetti"
  // only where some row offers it (reissueRefusal let it: a completed path, an open account).
  const revoke = revokeHelp(
    certificates.map((c) => ({ valid: c.activeKey !== null, holderAccountClosed: c.holderAccountClosed })),
  );
  return { edition, certificates, reissuing, help: { revoke, reissue: certificates.some((c) => c.reissuable) } };
}

/** reasonError: the revoke form's reason was refused (shown at the field too). */
type ActionData = { error: string; certificateId: string; reason?: string; reasonError?: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireRegisterEdition(user, idParam(params.editionId));
  const scope = trainerEditionOf(actorOf(user), edition);
  const t = translator(await getLocale(request, user.locale));
  const submission = parseWithZod(await readForm(request), { schema: certificateActionSchema });
  const fail = (body: ActionData, status = 400) => data(body, { status });
  if (submission.status !== "success") {
    const payload = submission.payload as Record<string, unknown>;
    const certificateId = typeof payload.certificateId === "string" ? payload.certificateId : "";
    const reasonKey = submission.error?.reason?.[0];
    // Posted without the second step's confirmation (a page of before it): nothing is reissued.
    if (payload.intent === "reissue" && submission.error?.confirm && !submission.error?.certificateId)
      return fail({ error: t("certificates.reissue.confirmRequired"), certificateId });
    if (payload.intent === "revoke" && reasonKey)
      return fail({
        error: t(reasonKey as MessageKey),
        certificateId,
        reason: typeof payload.reason === "string" ? payload.reason : "",
        reasonError: true,
      });
    return fail({ error: t("certificates.error.invalid"), certificateId });
  }
  const input = submission.value;
  const { certificateId } = input;
  const back = (done: string) => redirect(`/formazione/edizioni/${edition.id}/attestati?fatto=${done}`);
  // The models refuse a certificate of another edition ("not-found") and change nothing.
  if (input.intent === "revoke") {
    const r = await revokeCertificate(scope, certificateId, input.reason);
    if (r.ok) return back("revocato");
    return r.reason === "not-found"
      ? fail({ error: t("certificates.error.notFound"), certificateId }, 404)
      : fail({ error: t("certificates.error.alreadyRevoked"), certificateId }, 409);
  }
  try {
    await reissueCertificate(scope, certificateId);
    return back("riemesso");
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    return error.reason === "not-found"
      ? fail({ error: t("certificates.error.notFound"), certificateId }, 404)
      : fail({ error: t(`certificates.error.${error.reason}`), certificateId }, 409);
  }
}

export default function EditionCertificates() {
  const { edition, certificates, reissuing, help } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const successInUrl = useSuccessInUrl();
  const t = useT();
  const locale = useLocale();
  const done = successInUrl("fatto");
  const valid = certificates.filter((c) => c.activeKey !== null).length;
  // Valid certificates the register, corrected since, no longer agrees with (the closing page's certificateDisagrees).
  const disagreeing = certificates.filter((c) => c.register?.disagrees).length;
  const step = reissuing ? certificates.find((c) => c.id === reissuing) : undefined;
  // A refusal of the reissue being confirmed is said in its step, beside the buttons; any other at the top.
  const stepError = step && actionData?.certificateId === step.id ? actionData.error : null;
  return (
    <div className="container my-4">
      <EditionPageHeading edition={edition} title={t("certificates.list.title")} />
      {done === "revocato" || done === "riemesso" ? (
        <OutcomeNotice>
          {t(done === "revocato" ? "certificates.list.revoked" : "certificates.list.reissued")}
        </OutcomeNotice>
      ) : null}
      {actionData && !stepError ? (
        <div className="alert alert-danger" role="alert">
          {actionData.error}
        </div>
      ) : null}
      {disagreeing > 0 ? (
        <p className="alert alert-warning" data-testid="certificates-disagree">
          {t("certificates.list.disagreeing", { count: disagreeing })}
        </p>
      ) : null}
      <p>
        {t("certificates.list.counts", { valid, total: certificates.length })}{" "}
        <Link to={`/formazione/edizioni/${edition.id}/chiusura`}>{t("certificates.close.title")}</Link>
      </p>
      {help.revoke || help.reissue ? (
        <ul id="certificate-actions-help" className="small">
          {help.revoke ? (
            // Where the reason goes: to the holder while the account is open; a closed account's holder cannot sign
            // in and is sent no email, so it stays with the certificate, for the organisers (revokeHelp).
            <li>
              {help.revoke.kind === "closed"
                ? t("certificates.revoke.helpAccountClosed", { count: help.revoke.closed })
                : t("certificates.revoke.help")}
              {help.revoke.kind === "mixed"
                ? ` ${t("certificates.revoke.helpSomeAccountsClosed", { count: help.revoke.closed })}`
                : null}
            </li>
          ) : null}
          {help.reissue ? <li>{t("certificates.reissue.help")}</li> : null}
        </ul>
      ) : null}
      {step ? (
        <ReissueStep
          certificate={step}
          editionId={edition.id}
          error={stepError}
          busy={navigation.state === "submitting"}
        />
      ) : null}
      {certificates.length === 0 ? (
        <p>{t("certificates.list.none")}</p>
      ) : (
        <ScrollRegion labelledBy="certificates-caption">
          <table className="table table-sm align-top">
            <caption id="certificates-caption" className="visually-hidden">
              {t("certificates.list.title")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("certificates.col.code")}</th>
                <th scope="col">{t("certificates.col.participant")}</th>
                <th scope="col">{t("certificates.col.hours")}</th>
                <th scope="col">{t("certificates.col.state")}</th>
                <th scope="col">{t("certificates.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {certificates.map((c) => {
                const errorHere = actionData?.certificateId === c.id;
                const reasonId = `reason-${c.id}`;
                const reasonError = errorHere && actionData?.reasonError ? actionData.error : null;
                // A certificate issued after its holder closed the account (until 06/12/2026) states the pseudonym.
                const holder = writtenNameIn(c.holderName, locale);
                return (
                  <tr key={c.id}>
                    <td>
                      <Link to={verificationPath(c.code)}>
                        <code>{c.code}</code>
                      </Link>
                    </td>
                    <th scope="row">{holder}</th>
                    <td>
                      {hoursInWords(c.certifiedMinutes, locale)}
                      {c.register?.disagrees ? (
                        <span className="d-block small text-danger" data-testid="certificate-disagrees">
                          {c.register.completed
                            ? t(
                                // A closed account gets no new certificate (reissueCertificate refuses it): no
                                // "da riemettere" beside a row that offers no Riemetti; the row's actions say why
                                // (reissueRefused).
                                c.register.accountClosed
                                  ? "certificates.list.disagreesAccountClosed"
                                  : "certificates.list.disagreesHours",
                                { register: hoursInWords(c.register.minutes, locale) },
                              )
                            : t("certificates.close.disagreesOutcome", {
                                certified: hoursInWords(c.certifiedMinutes, locale),
                                register: hoursInWords(c.register.minutes, locale),
                              })}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {c.revokedAt ? (
                        <>
                          <span className="badge bg-danger">{t("certificates.state.revocato")}</span>
                          <span className="small d-block">
                            {formatDateTime(c.revokedAt, locale)}: {reasonIn(c.revokedReason, locale)}
                          </span>
                        </>
                      ) : (
                        <>
                          <span className="badge bg-success">{t("certificates.state.valido")}</span>
                          <span className="small d-block">
                            {t("certificates.issuedOn", { date: formatDateTime(c.issuedAt, locale) })}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      {c.activeKey !== null ? (
                        <Form method="post" className="mb-2">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="certificateId" value={c.id} />
                          <div className="mb-1">
                            {/* Each row's field and buttons are named after the holder (a hidden end, so
                                the visible words stay the start of the name, WCAG 2.5.3): thirteen
                                "Revoca" were told apart by nothing in a screen reader's list. The label is in
                                the flow, not Bootstrap Italia's floating one (absolute, over the field): wrapped
                                on two lines in this narrow column, it covered the previous row's Riemetti. */}
                            <label htmlFor={reasonId} className="form-label small mb-1 d-block">
                              {t(
                                c.holderAccountClosed
                                  ? "certificates.revoke.reasonAccountClosed"
                                  : "certificates.revoke.reason",
                              )}
                              <span className="visually-hidden">{t("certificates.ofHolder", { name: holder })}</span>
                            </label>
                            <input
                              id={reasonId}
                              name="reason"
                              type="text"
                              required
                              maxLength={MAX_REVOKE_REASON_LENGTH}
                              className="form-control form-control-sm border"
                              defaultValue={errorHere ? (actionData?.reason ?? "") : ""}
                              aria-invalid={reasonError ? true : undefined}
                              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
                            />
                            {reasonError ? (
                              <div id={`${reasonId}-error`} className="field-error">
                                {reasonError}
                              </div>
                            ) : null}
                          </div>
                          <button
                            type="submit"
                            className="btn btn-outline-danger btn-sm"
                            aria-describedby="certificate-actions-help"
                          >
                            {t("certificates.revoke.submit")}
                            <span className="visually-hidden">{t("certificates.ofHolder", { name: holder })}</span>
                          </button>
                        </Form>
                      ) : null}
                      {c.reissuable ? (
                        // The first step only opens the second (a GET, without JavaScript too); its heading takes
                        // the focus. Where the register no longer agrees with the certificate, it is the row's
                        // main button.
                        <Form method="get" action={`/formazione/edizioni/${edition.id}/attestati#riemetti-title`}>
                          <input type="hidden" name="riemetti" value={c.id} />
                          <button
                            id={`riemetti-${c.id}-apri`}
                            type="submit"
                            className={`btn btn-sm ${c.register?.disagrees ? "btn-primary" : "btn-outline-primary"}`}
                            aria-describedby="certificate-actions-help"
                          >
                            {t("certificates.reissue.submit")}
                            <span className="visually-hidden">{t("certificates.ofHolder", { name: holder })}</span>
                          </button>
                        </Form>
                      ) : null}
                      {c.reissueRefused === "account-closed" ? (
                        // Where Riemetti would be, why it is not (ADR 0013): in words, hours agreeing or not.
                        <p className="small mb-0" data-testid="certificate-not-reissuable">
                          {t(
                            c.activeKey !== null
                              ? "certificates.list.accountClosedValid"
                              : "certificates.list.accountClosedRevoked",
                          )}
                        </p>
                      ) : null}
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

/**
 * The second step of reissuing: whose certificate, the hours it states and the hours the register gives now, that
 * the old code stops being valid and that the person is emailed. Only its form reissues (confirm=yes); "No" goes
 * back to the row's button (#riemetti-<id>-apri).
 */
function ReissueStep({
  certificate: c,
  editionId,
  error,
  busy,
}: {
  certificate: Pick<
    EditionCertificateRow,
    "id" | "code" | "holderName" | "certifiedMinutes" | "activeKey" | "register"
  >;
  editionId: string;
  error: string | null;
  busy: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const registerMinutes = c.register?.minutes ?? 0;
  const holder = writtenNameIn(c.holderName, locale);
  const values = {
    name: holder,
    code: c.code,
    certified: hoursInWords(c.certifiedMinutes, locale),
    register: hoursInWords(registerMinutes, locale),
  };
  const text = t(
    c.activeKey !== null ? "certificates.reissue.confirmText" : "certificates.reissue.confirmTextRevoked",
    values,
  );
  return (
    <ConfirmStep
      id="riemetti"
      className="mb-4"
      title={t("certificates.reissue.confirmTitle", { name: holder })}
      text={registerMinutes === c.certifiedMinutes ? `${text} ${t("certificates.reissue.confirmSameHours")}` : text}
      yes={t("certificates.reissue.confirmYes")}
      keep={t("certificates.reissue.confirmKeep")}
      keepHref={`/formazione/edizioni/${editionId}/attestati#riemetti-${c.id}-apri`}
      fields={{ intent: "reissue", certificateId: c.id }}
      error={error}
      disabled={busy}
    />
  );
}
