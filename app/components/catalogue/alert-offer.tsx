// The catalogue's offer of an alert for the search on screen (ADR 0088): a button for a signed-in
// person (POST to /profilo/avvisi), a sign-in link that comes back to this search for a visitor.
import { Form, Link, useRouteLoaderData } from "@remix-run/react";
import { droppedByAlert } from "~/domain/catalogue-alert.ts";
import { useT } from "~/i18n/i18n.tsx";
import type { RootLoaderData } from "~/root.tsx";

/** `search`: the catalogue's query string of the filters (catalogueSearchString: "" or "?…"). */
export function AlertOffer({ search }: { search: string }) {
  const t = useT();
  const signedIn = Boolean(useRouteLoaderData<RootLoaderData>("root")?.user);
  // An alert keeps neither the dates nor "free seats only" (ADR 0088): said before it is created.
  const dropped = droppedByAlert(search);
  return (
    <section className="mt-4 p-3 border rounded" aria-labelledby="avviso-titolo" data-testid="alert-offer">
      <h2 id="avviso-titolo" className="h6">
        {t("alerts.offer.title")}
      </h2>
      <p className="small mb-2">{t("alerts.offer.text")}</p>
      {dropped ? (
        <p className="small mb-2" data-testid="alert-offer-dropped">
          {t(`alerts.offer.dropped.${dropped}`)}
        </p>
      ) : null}
      {signedIn ? (
        <Form method="post" action="/profilo/avvisi">
          <input type="hidden" name="intent" value="crea" />
          <input type="hidden" name="query" value={search.replace(/^\?/, "")} />
          <button type="submit" className="btn btn-sm btn-outline-primary">
            {t("alerts.offer.submit")}
          </button>
        </Form>
      ) : (
        <Link to={`/accedi?redirectTo=${encodeURIComponent(`/eventi${search}`)}`}>{t("alerts.offer.signIn")}</Link>
      )}
    </section>
  );
}
