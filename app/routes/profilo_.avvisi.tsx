// /profilo/avvisi: the person's alerts for new events (ADR 0088): list, open, delete; the catalogue's
// button creates one here (POST, then back to this page with what happened).
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { alertQueryOf, describeAlert, filtersOfAlert, MAX_ALERTS_PER_PERSON } from "~/domain/catalogue-alert.ts";
import { catalogueAlertActionSchema } from "~/forms/catalogue-alert-forms.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { createCatalogueAlert, deleteCatalogueAlert, listCatalogueAlerts } from "~/models/catalogue-alert.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { formatShortDate } from "~/utils/dates.ts";
import { prisma } from "~/utils/db.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

// The title starts with what the catalogue's button did (?esito=, where it redirects), or the deletion just made
// (the action answers with the page: answeredOutcome).
export const meta: MetaFunction = ({ matches, location }) => {
  const outcome = new URLSearchParams(location.search).get("esito");
  const key = outcome === "creato" ? "outcome.alertCreated" : outcome === "esiste" ? "outcome.alertExists" : null;
  return [{ title: pageTitle(matches, "title.alerts", null, key) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request, user.locale);
  const [stored, account] = await Promise.all([
    listCatalogueAlerts(user.id),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerifiedAt: true } }),
  ]);
  const alerts = stored.map((alert) => ({
    id: alert.id,
    description: describeAlert(filtersOfAlert(alert.query), locale),
    searchPath: alert.query ? `/eventi?${alert.query}` : "/eventi",
    createdAt: alert.createdAt,
  }));
  // The search just created (or found already there), in words: what the alert keeps (ADR 0088 addendum).
  const created = new URL(request.url).searchParams.get("ricerca");
  const search = created === null ? null : describeAlert(filtersOfAlert(created), locale);
  return { alerts, unconfirmed: account.emailVerifiedAt === null, search, ...answeredOutcome(context) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(await getLocale(request, user.locale));
  const submission = parseWithZod(await readForm(request), { schema: catalogueAlertActionSchema });
  if (submission.status !== "success") {
    return data({ ok: false, message: t("alerts.notFound") }, { status: 400 });
  }
  if (submission.value.intent === "crea") {
    const query = submission.value.query ?? "";
    const outcome = await createCatalogueAlert(user.id, query);
    const kept = `&ricerca=${encodeURIComponent(alertQueryOf(query))}`;
    return redirect(
      `/profilo/avvisi?esito=${outcome.ok ? `creato${kept}` : outcome.reason === "exists" ? `esiste${kept}` : "limite"}`,
    );
  }
  const deleted = await deleteCatalogueAlert(user.id, submission.value.alertId);
  if (!deleted) return data({ ok: false, message: t("alerts.notFound") }, { status: 404 });
  return data({ ok: true, message: t("alerts.deleted"), ...answerOutcome(context, "outcome.alertDeleted") });
}

export default function AlertsPage() {
  const t = useT();
  const locale = useLocale();
  const { alerts, unconfirmed, search } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const outcome = useSuccessInUrl()("esito");
  // "done": an outcome (OutcomeNotice, "info" for an alert that was there already); "refused": a warning.
  type Message = { kind: "done" | "refused"; tone?: "success" | "info"; text: string };
  const outcomeMessage: Message | null =
    outcome === "creato"
      ? {
          kind: "done",
          tone: "success",
          text: search === null ? t("alerts.created") : t("alerts.createdFor", { search }),
        }
      : outcome === "esiste"
        ? { kind: "done", tone: "info", text: search === null ? t("alerts.exists") : t("alerts.existsFor", { search }) }
        : outcome === "limite"
          ? { kind: "refused", text: t("alerts.limit", { max: MAX_ALERTS_PER_PERSON }) }
          : null;
  const message: Message | null = actionData
    ? actionData.ok
      ? { kind: "done", tone: "success", text: actionData.message }
      : { kind: "refused", text: actionData.message }
    : outcomeMessage;
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-9">
        <h1 className="mb-3">{t("alerts.title")}</h1>
        <p>{t("alerts.intro", { max: MAX_ALERTS_PER_PERSON })}</p>
        {message?.kind === "done" ? <OutcomeNotice tone={message.tone}>{message.text}</OutcomeNotice> : null}
        <div aria-live="polite">
          {message?.kind === "refused" ? (
            <div className="alert alert-warning" role="status">
              {message.text}
            </div>
          ) : null}
        </div>
        {unconfirmed ? (
          <div className="alert alert-warning" role="status">
            {t("alerts.unconfirmed")}
          </div>
        ) : null}
        {alerts.length === 0 ? (
          <p>{t("alerts.none")}</p>
        ) : (
          <ScrollRegion label={t("alerts.title")}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("alerts.search")}</th>
                  <th scope="col">{t("alerts.createdAt")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("alerts.delete")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {alerts.map((alert) => (
                  <tr key={alert.id}>
                    <th scope="row">
                      <Link
                        to={alert.searchPath}
                        aria-label={t("alerts.openLabel", { description: alert.description })}
                      >
                        {alert.description}
                      </Link>
                    </th>
                    <td>{formatShortDate(alert.createdAt, locale)}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="elimina" />
                        <input type="hidden" name="alertId" value={alert.id} />
                        <button
                          type="submit"
                          className="btn btn-sm btn-outline-danger"
                          disabled={navigation.state === "submitting"}
                          aria-label={t("alerts.deleteLabel", { description: alert.description })}
                        >
                          {t("alerts.delete")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <p>
          {t("alerts.howTo")} <Link to="/eventi">{t("alerts.toCatalogue")}</Link>
        </p>
      </div>
    </div>
  );
}
