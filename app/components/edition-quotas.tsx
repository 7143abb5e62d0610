// An edition's seats reserved by region (ADR 0011): each quota's counts, its release, and the form that adds one.
// Releasing cannot be undone (the region can never have a quota again in the edition, its waiters lose their line):
// the row's button opens a second step (?rilascia=<quotaId>) that says with numbers what will happen.
import { Form } from "@remix-run/react";
import { ConfirmStep } from "~/components/confirm-step.tsx";
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
  releasing,
  releaseError,
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
  /** The quota whose release is being confirmed (?rilascia=<quotaId>, or sent back with an error). */
  releasing?: string | null;
  /** Why the confirmed release was refused, shown in its step. */
  releaseError?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const taken = new Set(quotas.map((q) => q.regionCode));
  const regionOf = (q: QuotaRow) => labelOf(REGION_LABELS, q.regionCode, locale);
  const toRelease = active ? quotas.find((q) => q.id === releasing && !q.releasedAt) : undefined;
  return (
    <section aria-labelledby="quotas-heading" className="mb-4">
      <h2 id="quotas-heading" className="h4">
        {t("quotas.title")}
      </h2>
      <p className="small">{t("quotas.intro")}</p>
      {toRelease ? (
        <ConfirmStep
          id="rilascia-quota"
          title={t("quotas.releaseStep.title", { region: regionOf(toRelease) })}
          text={t("quotas.releaseStep.text")}
          yes={t("quotas.releaseStep.yes")}
          keep={t("quotas.releaseStep.keep")}
          keepHref={`/gestione/edizioni/${editionId}#rilascia-${toRelease.id}`}
          fields={{ intent: "release-quota", quotaId: toRelease.id }}
          error={releaseError}
          small
        >
          <ul data-testid="release-consequences">
            <li>{t("quotas.releaseStep.seats", { free: toRelease.free, taken: toRelease.seatsTaken })}</li>
            <li>
              {t("quotas.releaseStep.waiting", {
                waiting: toRelease.waiting,
                general: generalPool.waiting,
                region: regionOf(toRelease),
              })}
            </li>
            <li>{t("quotas.releaseStep.region", { region: regionOf(toRelease) })}</li>
          </ul>
        </ConfirmStep>
      ) : null}
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
                    {regionOf(q)}
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
                    {/* First step: opens the confirmation (a GET, nothing changes yet). */}
                    {active && !q.releasedAt && q.id !== toRelease?.id ? (
                      <Form method="get" action={`/gestione/edizioni/${editionId}#rilascia-quota-title`}>
                        <input type="hidden" name="rilascia" value={q.id} />
                        <button id={`rilascia-${q.id}`} className="btn btn-outline-primary btn-sm">
                          {t(q.free > 0 ? "quotas.release" : "quotas.releaseFull")}
                          {/* Whose quota: every row's button would otherwise have the same name. */}
                          <span className="visually-hidden">{t("quotas.releaseRegion", { region: regionOf(q) })}</span>
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
