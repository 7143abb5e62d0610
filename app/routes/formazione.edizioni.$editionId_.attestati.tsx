// The edition's certificates: code, holder, hours, state; revoke with a reason, reissue.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EditionPageHeading } from "~/components/register-breadcrumb.tsx";
import { hoursInWords, verificationPath } from "~/domain/certificate.ts";
import { certificateActionSchema, MAX_REVOKE_REASON_LENGTH } from "~/forms/certificate-forms.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import {
  CertificateError,
  listEditionCertificates,
  reissueCertificate,
  revokeCertificate,
} from "~/models/certificate.server.ts";
import { trainerEditionOf } from "~/models/edition-scope.server.ts";
import { requireRegisterEdition } from "~/models/register-scope.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.certificates", data?.edition.event.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireRegisterEdition(user, idParam(params.editionId));
  const certificates = await listEditionCertificates(edition.id);
  return { edition, certificates };
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
  const { edition, certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const successInUrl = useSuccessInUrl();
  const t = useT();
  const locale = useLocale();
  const done = successInUrl("fatto");
  const valid = certificates.filter((c) => c.activeKey !== null).length;
  return (
    <div className="container my-4">
      <EditionPageHeading edition={edition} title={t("certificates.list.title")} />
      {done === "revocato" || done === "riemesso" ? (
        <div className="alert alert-success" role="status">
          {t(done === "revocato" ? "certificates.list.revoked" : "certificates.list.reissued")}
        </div>
      ) : null}
      {actionData ? (
        <div className="alert alert-danger" role="alert">
          {actionData.error}
        </div>
      ) : null}
      <p>
        {t("certificates.list.counts", { valid, total: certificates.length })}{" "}
        <Link to={`/formazione/edizioni/${edition.id}/chiusura`}>{t("certificates.close.title")}</Link>
      </p>
      {certificates.length > 0 ? (
        <ul id="certificate-actions-help" className="small">
          <li>{t("certificates.revoke.help")}</li>
          <li>{t("certificates.reissue.help")}</li>
        </ul>
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
                return (
                  <tr key={c.id}>
                    <td>
                      <Link to={verificationPath(c.code)}>
                        <code>{c.code}</code>
                      </Link>
                    </td>
                    <th scope="row">{c.holderName}</th>
                    <td>{hoursInWords(c.certifiedMinutes, locale)}</td>
                    <td>
                      {c.revokedAt ? (
                        <>
                          <span className="badge bg-danger">{t("certificates.state.revocato")}</span>
                          <span className="small d-block">
                            {formatDateTime(c.revokedAt, locale)}: {c.revokedReason}
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
                          <div className="form-group mb-1">
                            {/* Each row's field and buttons are named after the holder (a hidden end, so
                                the visible words stay the start of the name, WCAG 2.5.3): thirteen
                                "Revoca" were told apart by nothing in a screen reader's list. */}
                            <label htmlFor={reasonId} className="active small">
                              {t("certificates.revoke.reason")}
                              <span className="visually-hidden">
                                {t("certificates.ofHolder", { name: c.holderName })}
                              </span>
                            </label>
                            <input
                              id={reasonId}
                              name="reason"
                              type="text"
                              required
                              maxLength={MAX_REVOKE_REASON_LENGTH}
                              className="form-control form-control-sm"
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
                            <span className="visually-hidden">
                              {t("certificates.ofHolder", { name: c.holderName })}
                            </span>
                          </button>
                        </Form>
                      ) : null}
                      {c.replacedById === null ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="reissue" />
                          <input type="hidden" name="certificateId" value={c.id} />
                          <button
                            type="submit"
                            className="btn btn-outline-primary btn-sm"
                            aria-describedby="certificate-actions-help"
                          >
                            {t("certificates.reissue.submit")}
                            <span className="visually-hidden">
                              {t("certificates.ofHolder", { name: c.holderName })}
                            </span>
                          </button>
                        </Form>
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
