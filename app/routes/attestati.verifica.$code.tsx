// Public verification of a certificate (the QR code on the PDF points here): valid, revoked
// (when, whom to ask, and its replacement; never the revoke reason, ADR 0092), or unknown. Shows
// only the certificate's snapshot: name, event, hours and dates. No login; lookups are
// rate-limited per address.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { VerifyCertificateForm } from "~/components/verify-certificate-form.tsx";
import { normaliseCertificateCode, verificationPath } from "~/domain/certificate.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { EVENT_TYPE_LABELS, labelOf } from "~/domain/vocabulary.ts";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { verifyCertificate } from "~/models/certificate.server.ts";
import { formatDateRange, formatDayDate, formatOnDate } from "~/utils/dates.ts";
import { clientIp, consumeVerificationLookup } from "~/utils/rate-limit.server.ts";
import { unindexedPageMeta } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => unindexedPageMeta(matches, "title.certificateCheck");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const typed = (params.code ?? "").slice(0, 40);
  const verdict = await consumeVerificationLookup(clientIp(request));
  if (!verdict.allowed) {
    return data(
      { typed, result: { state: "troppe-richieste" as const } },
      { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds), "X-Robots-Tag": "noindex" } },
    );
  }
  const code = normaliseCertificateCode(typed);
  const result = code ? await verifyCertificate(code) : ({ state: "sconosciuto" } as const);
  return data(
    { typed, result },
    {
      status: result.state === "sconosciuto" ? 404 : 200,
      headers: { "X-Robots-Tag": "noindex", "Cache-Control": "no-store" },
    },
  );
}

export default function VerifyCertificate() {
  const { typed, result } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="container my-4">
      <h1>{t("certificates.verify.title")}</h1>
      {result.state === "troppe-richieste" ? (
        <div className="alert alert-warning" role="alert">
          {t("certificates.verify.tooMany")}
        </div>
      ) : result.state === "sconosciuto" ? (
        <div className="alert alert-danger" role="alert" data-testid="verification">
          <h2 className="h4">{t("certificates.verify.unknown")}</h2>
          <p className="mb-0">{t("certificates.verify.unknownText", { code: typed })}</p>
        </div>
      ) : (
        <div
          className={`alert ${result.state === "valido" ? "alert-success" : "alert-danger"}`}
          role="status"
          data-testid="verification"
        >
          <h2 className="h4">
            {result.state === "valido"
              ? t("certificates.verify.valid")
              : t("certificates.verify.revoked", { date: formatOnDate(result.revokedAt!, locale) })}
          </h2>
          {result.accountClosed ? <p data-testid="account-closed">{t("profile.closedAccountNote")}</p> : null}
          {result.state === "revocato" ? (
            <p>
              {t("certificates.verify.revokedAsk", { organiser: result.organiser })}
              {result.replacementCode ? (
                <>
                  {" "}
                  {t("certificates.verify.replacedBy")}{" "}
                  <Link to={verificationPath(result.replacementCode)}>{result.replacementCode}</Link>
                </>
              ) : null}
            </p>
          ) : null}
          <dl className="row mb-0">
            <dt className="col-sm-4">{t("certificates.col.code")}</dt>
            <dd className="col-sm-8">
              <code>{result.code}</code>
            </dd>
            <dt className="col-sm-4">{t("certificates.verify.holder")}</dt>
            <dd className="col-sm-8">{result.holderName}</dd>
            <dt className="col-sm-4">{t("certificates.verify.event")}</dt>
            <dd className="col-sm-8">
              <span lang={partLang(result.eventTitleLanguage, locale)}>{result.eventTitle}</span> (
              {labelOf(EVENT_TYPE_LABELS, result.eventType, locale)})
            </dd>
            <dt className="col-sm-4">{t("certificates.verify.dates")}</dt>
            <dd className="col-sm-8">{formatDateRange(result.editionStartsOn, result.editionEndsOn, locale)}</dd>
            <dt className="col-sm-4">{t("certificates.col.hours")}</dt>
            <dd className="col-sm-8">{hoursInWords(result.certifiedMinutes, locale)}</dd>
            <dt className="col-sm-4">{t("certificates.verify.organiser")}</dt>
            <dd className="col-sm-8">{result.organiser}</dd>
            <dt className="col-sm-4">{t("certificates.verify.issued")}</dt>
            <dd className="col-sm-8">{formatDayDate(result.issuedAt, locale)}</dd>
          </dl>
          {result.state === "valido" ? (
            // The holder may show its English rendering (ADR 0096): same code, this same page.
            <p className="mt-2 mb-0" data-testid="english-rendering">
              {t("certificates.verify.englishRendering")}
            </p>
          ) : null}
        </div>
      )}
      <h2 className="h4 mt-4">{t("certificates.verify.another")}</h2>
      <VerifyCertificateForm typed="" invalid={false} />
    </div>
  );
}
