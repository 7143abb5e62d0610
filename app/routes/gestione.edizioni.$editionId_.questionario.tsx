// The organiser's summary of an edition's satisfaction questionnaire: number of answers, average
// and distribution per question, the free-text comments. Answers are anonymous, and shown only from
// QUESTIONNAIRE_MIN_RESPONSES answers on (fewer would be one person's).
import { ScrollRegion } from "~/components/scroll-region.tsx";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QUESTIONNAIRE_MIN_RESPONSES, QUESTIONS, SCALE, SCALE_LABELS } from "~/domain/questionnaire.ts";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { requireManagedEdition } from "~/models/edition-scope.server.ts";
import { questionnaireResults } from "~/models/questionnaire.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(matches, "title.questionnaire", data?.edition.event.title),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const { id } = await requireManagedEdition(actor, idParam(params.editionId));
  return questionnaireResults(id);
}

export default function QuestionnaireSummaryPage() {
  const { edition, summary } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const number = (n: number) => n.toLocaleString(locale === "en" ? "en-GB" : "it-IT", { maximumFractionDigits: 2 });
  return (
    <div className="container my-4">
      <p>
        <Link to={`/gestione/edizioni/${edition.id}`}>{t("certificates.summary.back")}</Link>
      </p>
      <h1>{t("certificates.summary.title")}</h1>
      <p className="lead">
        <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span> —{" "}
        {t("attendance.home.editionNumber", { number: edition.number })}
      </p>
      <p data-testid="responses">{t("certificates.summary.responses", { count: summary.responses })}</p>
      <p className="small">{t("certificates.summary.anonymous")}</p>
      {summary.withheld ? (
        summary.responses > 0 ? (
          <p data-testid="results-withheld">
            {t("certificates.summary.withheld", { minimum: QUESTIONNAIRE_MIN_RESPONSES })}
          </p>
        ) : null
      ) : (
        <>
          <ScrollRegion labelledBy="summary-caption">
            <table className="table table-sm">
              <caption id="summary-caption" className="h5 text-dark" style={{ captionSide: "top" }}>
                {t("certificates.summary.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("certificates.summary.question")}</th>
                  <th scope="col">{t("certificates.summary.average")}</th>
                  {SCALE.map((s) => (
                    <th scope="col" key={s}>
                      {s} <span className="small d-block">{SCALE_LABELS[s][locale]}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {summary.questions.map((q) => (
                  <tr key={q.id}>
                    <th scope="row">{QUESTIONS.find((x) => x.id === q.id)![locale]}</th>
                    <td>{q.average === null ? "—" : number(q.average)}</td>
                    {q.distribution.map((count, i) => (
                      <td key={i}>{count}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <h2 className="h4">{t("certificates.summary.comments", { count: summary.comments.length })}</h2>
          {summary.comments.length ? (
            <ul>
              {summary.comments.map((c, i) => (
                <li key={i} style={{ whiteSpace: "pre-wrap" }}>
                  {c}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("certificates.summary.noComments")}</p>
          )}
        </>
      )}
    </div>
  );
}
