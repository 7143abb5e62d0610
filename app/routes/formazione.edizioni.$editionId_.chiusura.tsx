// Closing an edition: who completed and who did not (and why), then one button that closes the
// register and issues the certificates. Safe to press again (app/models/certificate.server.ts).
import { listedName } from "~/components/listed-person.tsx";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EditionPageHeading } from "~/components/register-breadcrumb.tsx";
import { registerMayClose } from "~/domain/certificate.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { percentWithArticle } from "~/domain/completion-rule.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { translator, useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import { CertificateError, closureSummary, issueCertificates } from "~/models/certificate.server.ts";
import { closeEditionSchema } from "~/forms/certificate-forms.ts";
import { trainerEditionOf } from "~/models/edition-scope.server.ts";
import { requireRegisterEdition } from "~/models/register-scope.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { formatDateRange, formatDateTime, formatDayMonth, formatOnDate, formatTime } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(
      matches,
      "title.closing",
      data?.edition.event.title,
      issuedOutcome(new URLSearchParams(location.search).get("emessi")),
    ),
  },
];

/** What ?emessi=<count> (where closing the edition redirects) says was just done, as the title's outcome. */
function issuedOutcome(issued: string | null): MessageKey | null {
  if (issued === null) return null;
  return Number(issued) > 0 ? "outcome.certificatesIssued" : "outcome.noCertificatesIssued";
}

/** When the edition may be closed (registerMayClose: its last day's end, in Rome), in the "not ended" notice. */
const endOf = (endsOn: Date | string, locale: Locale) => ({
  date: formatOnDate(endsOn, locale),
  time: formatTime(endsOn, locale),
});

/** A row's disagreeing certificate, by what can be done with it (closureSummary's reissueRefused). */
const DISAGREES = {
  reissuable: "certificates.close.disagreesHours",
  "not-completed": "certificates.close.disagreesOutcome",
  "account-closed": "certificates.close.disagreesAccountClosed",
} as const satisfies Record<string, MessageKey>;

/**
 * The notice of the valid certificates the register no longer agrees with, saying what can be done with them
 * (closureSummary.disagreeingBy): reissued or revoked, or only revoked (path no longer completed, account closed).
 * All of one kind, one sentence; several, each kind counted.
 */
function disagreeingNotice(
  count: number,
  by: { reissuable: number; notCompleted: number; accountClosed: number },
  t: Translate,
): string {
  const kinds = [
    [by.reissuable, "certificates.close.disagreeing", "certificates.close.disagreeingPart.reissuable"],
    [by.notCompleted, "certificates.close.disagreeingNotCompleted", "certificates.close.disagreeingPart.notCompleted"],
    [
      by.accountClosed,
      "certificates.close.disagreeingAccountClosed",
      "certificates.close.disagreeingPart.accountClosed",
    ],
  ] as const;
  const present = kinds.filter(([n]) => n > 0);
  if (present.length === 1) return t(present[0]![1], { count });
  const parts = present.map(([n, , part]) => t(part, { count: n })).join("; ");
  return t("certificates.close.disagreeingMixed", { count, parts });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireRegisterEdition(user, idParam(params.editionId));
  const summary = await closureSummary(edition.id);
  if (!summary) throw new Response("Non trovato.", { status: 404 });
  return {
    edition,
    summary,
    ended: registerMayClose(edition.endsOn, new Date()),
    cancelled: edition.status === "annullata",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireRegisterEdition(user, idParam(params.editionId));
  const locale = await getLocale(request, user.locale);
  const t = translator(locale);
  const submission = closeEditionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!submission.success) return data({ error: t("certificates.error.invalid") }, { status: 400 });
  const now = new Date();
  try {
    const result = await issueCertificates(trainerEditionOf(actorOf(user), edition), now);
    return redirect(
      `/formazione/edizioni/${edition.id}/chiusura?emessi=${result.issued}&validi=${result.alreadyValid}`,
    );
  } catch (error) {
    // A cancelled edition is never closed (app/domain/state-machine.ts, "close-attendance"): nothing changed.
    if (error instanceof CertificateError && error.reason === "edition-cancelled")
      return data({ error: t("certificates.error.edition-cancelled") }, { status: 409 });
    // Not ended yet (the rule is issueCertificates', for every caller): nothing changed.
    if (error instanceof CertificateError && error.reason === "not-ended")
      return data({ error: t("certificates.close.notEnded", endOf(edition.endsOn, locale)) }, { status: 409 });
    throw error;
  }
}

export default function EditionClosing() {
  const { edition, summary, ended, cancelled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const successInUrl = useSuccessInUrl();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const issued = successInUrl("emessi");
  const already = successInUrl("validi");
  const closedAt = edition.attendanceClosedAt;
  const unprintable = summary.participants.filter((p) => p.unprintableName.length > 0).length;
  return (
    <div className="container my-4">
      <EditionPageHeading
        edition={edition}
        title={t("certificates.close.title")}
        leadSuffix={` (${formatDateRange(edition.startsOn, edition.endsOn, locale)})`}
      />

      {issued !== null ? (
        <OutcomeNotice testId="issue-result">
          {t("certificates.close.issued", { count: Number(issued) })}
          {Number(already) > 0 ? ` ${t("certificates.close.alreadyValid", { count: Number(already) })}` : ""}
        </OutcomeNotice>
      ) : null}
      {actionData && "error" in actionData ? (
        <div className="alert alert-danger" role="alert">
          {actionData.error}
        </div>
      ) : null}

      <p>
        {closedAt
          ? t("certificates.close.closedAt", { date: formatDateTime(closedAt, locale) })
          : t("certificates.close.open")}{" "}
        {t("certificates.close.rule", { percent: percentWithArticle(summary.minimumPercent, locale) })}
      </p>
      <p>
        <strong>
          {t("certificates.close.counts", { completed: summary.completed, notCompleted: summary.notCompleted })}
        </strong>
      </p>

      {summary.disagreeing > 0 ? (
        <p className="alert alert-warning" data-testid="certificates-disagree">
          {disagreeingNotice(summary.disagreeing, summary.disagreeingBy, t)}{" "}
          <Link to={`/formazione/edizioni/${edition.id}/attestati`}>{t("certificates.list.link")}</Link>
        </p>
      ) : null}

      {summary.unprintableEvent.title.length + summary.unprintableEvent.venue.length > 0 ? (
        <p className="alert alert-warning" data-testid="unprintable-event">
          {t("certificates.close.unprintableEvent", {
            characters: [...new Set([...summary.unprintableEvent.title, ...summary.unprintableEvent.venue])].join(" "),
          })}
        </p>
      ) : null}

      {unprintable > 0 ? (
        <p className="alert alert-warning" data-testid="unprintable-names">
          {t("certificates.close.unprintableNames", { count: unprintable })}
        </p>
      ) : null}

      {/* Before the button: a register left empty or incomplete gives its missing people no hours (review 0018, 4). */}
      {!cancelled && summary.registerGaps.length > 0 ? (
        <div className="alert alert-warning" data-testid="register-gaps">
          <p>
            {t(closedAt ? "certificates.close.registerGapsClosed" : "certificates.close.registerGaps", {
              count: summary.registerGaps.length,
            })}
          </p>
          <ul className="mb-0">
            {summary.registerGaps.map((g) => (
              <li key={g.sessionId}>
                <Link to={`/formazione/incontri/${g.sessionId}`}>
                  {t("certificates.close.registerGapSession", {
                    number: g.number,
                    date: formatDayMonth(g.startsAt, locale),
                  })}
                </Link>
                {": "}
                {g.empty
                  ? t("certificates.close.registerEmpty")
                  : t("certificates.close.registerMissing", { count: g.missing })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {cancelled ? (
        <p className="alert alert-warning" data-testid="edition-cancelled">
          {t("certificates.error.edition-cancelled")}
        </p>
      ) : ended ? (
        <Form method="post" className="mb-4">
          <input type="hidden" name="intent" value="close" />
          <p id="close-confirmation" className="small">
            {closedAt
              ? t("certificates.close.confirmAgain")
              : t("certificates.close.confirm", { count: summary.toIssue })}
          </p>
          <button
            type="submit"
            className="btn btn-primary"
            aria-describedby="close-confirmation"
            disabled={navigation.state === "submitting"}
          >
            {closedAt ? t("certificates.close.again") : t("certificates.close.submit")}
          </button>
        </Form>
      ) : (
        <p className="alert alert-info">{t("certificates.close.notEnded", endOf(edition.endsOn, locale))}</p>
      )}
      <p>
        <Link to={`/formazione/edizioni/${edition.id}/attestati`}>{t("certificates.list.link")}</Link>
      </p>

      <ScrollRegion labelledBy="outcomes-caption">
        <table className="table table-sm">
          <caption id="outcomes-caption" className="h5 text-dark" style={{ captionSide: "top" }}>
            {t("certificates.close.caption")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("certificates.col.participant")}</th>
              <th scope="col">{t("certificates.col.hours")}</th>
              <th scope="col">{t("certificates.col.outcome")}</th>
              <th scope="col">{t("certificates.col.code")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.participants.map((p) => (
              <tr key={p.enrolmentId}>
                <th scope="row">
                  {listedName(p, locale)}
                  {p.unprintableName.length > 0 ? (
                    <span className="d-block small fw-normal text-danger">
                      {t("certificates.close.unprintableName", { characters: p.unprintableName.join(" ") })}
                    </span>
                  ) : null}
                </th>
                <td>
                  {t("certificates.hoursOf", {
                    done: hoursInWords(p.certifiedMinutes, locale),
                    total: hoursInWords(p.totalMinutes, locale),
                  })}
                </td>
                <td>
                  {p.completed ? (
                    <>
                      <span className="badge bg-success">{t("certificates.completed")}</span>
                      {p.accountClosed && !p.certificateCode ? (
                        <span className="d-block small">{t("certificates.close.accountClosed")}</span>
                      ) : null}
                    </>
                  ) : (
                    <>
                      <span className="badge bg-secondary">{t("certificates.notCompleted")}</span>
                      <ul className="small mb-0">
                        {p.certifiedMinutes < p.requiredMinutes ? (
                          <li>
                            {t("certificates.reason.hours", { required: hoursInWords(p.requiredMinutes, locale) })}
                          </li>
                        ) : null}
                        {p.missingActivities.map((a) => (
                          <li key={a}>{t("certificates.reason.activity", { title: a })}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
                <td>
                  {p.certificateCode ? (
                    <>
                      <code>{p.certificateCode}</code>
                      {p.certificateDisagrees && p.certificateMinutes !== null ? (
                        <span className="d-block small text-danger">
                          {t(DISAGREES[p.reissueRefused ?? "reissuable"], {
                            certified: hoursInWords(p.certificateMinutes, locale),
                            register: hoursInWords(p.certifiedMinutes, locale),
                          })}
                          {/* Not "da riemettere" for a closed account: reissueCertificate refuses it (ADR 0013);
                              the certificates page's words. */}
                          {p.reissueRefused === "account-closed"
                            ? ` ${t("certificates.list.accountClosedValid")}`
                            : null}
                        </span>
                      ) : null}
                    </>
                  ) : p.certificateRevoked ? (
                    <span className="badge bg-danger">{t("certificates.revokedBadge")}</span>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
