// An edition's seats reserved by region (ADR 0011): each quota's counts, its release, and the form that adds one.
import { Form } from "@remix-run/react";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { labelOf, REGION_LABELS, type RegionCode } from "~/domain/vocabulary.ts";
import { MAX_SEAT_CAP } from "~/forms/event-form.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { formatDateTime } from "~/utils/dates.ts";

/** A quota as the edition page shows it (loadEditionOverview): its counters, free seats and people waiting. */
export type QuotaRow = {
  id: string;
  regionCode: string;
  seats: number;
  seatsTaken: number;
  free: number;
  waiting: number;
  releasedAt: Date | string | null;
};

/** Seats reserved by region: counts per pool, release, and a form to add a quota. */
export function QuotasSection({
  quotas,
  generalPool,
  regionsForQuota,
  seatCap,
  active,
  editionId,
  typed,
  error,
}: {
  quotas: QuotaRow[];
  generalPool: { free: number | null; waiting: number };
  /** The regions a quota may be for (quotaRegions): none in a regional event closed to other regions. */
  regionsForQuota: RegionCode[];
  seatCap: number | null;
  active: boolean;
  editionId: string;
  /** The new quota as typed, when it was refused; its refusal is told by the seats field. */
  typed?: Partial<Record<string, string>>;
  error?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const taken = new Set(quotas.map((q) => q.regionCode));
  return (
    <section aria-labelledby="quotas-heading" className="mb-4">
      <h2 id="quotas-heading" className="h4">
        {t("quotas.title")}
      </h2>
      <p className="small">{t("quotas.intro")}</p>
      {quotas.length > 0 ? (
        <ScrollRegion labelledBy="quotas-heading">
          <table className="table table-sm" data-testid="quotas">
            <thead>
              <tr>
                <th scope="col">{t("quotas.region")}</th>
                <th scope="col">{t("quotas.seats")}</th>
                <th scope="col">{t("quotas.taken")}</th>
                <th scope="col">{t("quotas.free")}</th>
                <th scope="col">{t("quotas.waiting")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("quotas.release")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {quotas.map((q) => (
                <tr key={q.id}>
                  <th scope="row">
                    {labelOf(REGION_LABELS, q.regionCode, locale)}
                    {q.releasedAt ? (
                      <span className="small d-block">
                        {t("quotas.released", { date: formatDateTime(q.releasedAt, locale) })}
                      </span>
                    ) : null}
                  </th>
                  <td>{q.seats}</td>
                  <td>{q.seatsTaken}</td>
                  <td>{q.free}</td>
                  <td>{q.waiting}</td>
                  <td>
                    {/* A full quota too: releasing it is how its region leaves the event's rule (updateEvent). */}
                    {active && !q.releasedAt ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="release-quota" />
                        <input type="hidden" name="quotaId" value={q.id} />
                        <button className="btn btn-outline-primary btn-sm">
                          {t(q.free > 0 ? "quotas.release" : "quotas.releaseFull")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("quotas.general")}</th>
                <td colSpan={2}></td>
                <td>{generalPool.free ?? "—"}</td>
                <td>{generalPool.waiting}</td>
                <td></td>
              </tr>
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {!active ? null : regionsForQuota.length === 0 ? (
        <p className="small">{t("quotas.closedRegion")}</p>
      ) : seatCap === null ? (
        <p className="small">{t("quotas.needsCap")}</p>
      ) : (
        // The answer opens at the seats field (#quota-seats), its refusal right below it, with or without JavaScript.
        <Form method="post" action={`/gestione/edizioni/${editionId}#quota-seats`} className="row g-2 align-items-end">
          <input type="hidden" name="intent" value="add-quota" />
          <div className="col-md-5 select-wrapper">
            <label htmlFor="quota-region" className="active">
              {t("quotas.region")}
            </label>
            <select id="quota-region" name="regionCode" required defaultValue={typed?.regionCode}>
              {regionsForQuota
                .filter((code) => !taken.has(code))
                .map((code) => (
                  <option key={code} value={code}>
                    {REGION_LABELS[code][locale]}
                  </option>
                ))}
            </select>
          </div>
          <div className="col-md-3">
            <label htmlFor="quota-seats" className="active">
              {t("quotas.seats")}
            </label>
            <input
              id="quota-seats"
              name="seats"
              type="number"
              min={1}
              max={MAX_SEAT_CAP}
              required
              className={`form-control${error ? " is-invalid" : ""}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "quota-error" : undefined}
              defaultValue={typed?.seats}
            />
          </div>
          <div className="col-md-4">
            <button className="btn btn-primary btn-sm">{t("quotas.add")}</button>
          </div>
          {error ? (
            <div id="quota-error" className="field-error col-12" role="alert">
              {error}
            </div>
          ) : null}
        </Form>
      )}
    </section>
  );
}
