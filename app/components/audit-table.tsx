// A change log as a table (when, who, what), for an event's and an edition's management pages:
// `line` words each row in the page's language (event-audit-line.ts, edition-audit-line.ts).
// Who made a change is named as written, a closed account's pseudonym in the page's language (writtenNameIn).
import { Link } from "@remix-run/react";
import { ScrollRegion } from "~/components/scroll-region.tsx";
import { writtenNameIn } from "~/domain/stored-reasons.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { formatDateTime } from "~/utils/dates.ts";

type Row = {
  id: string;
  at: Date | string;
  actorName: string | null;
  action: string;
  details: Record<string, unknown>;
};

export function AuditTable<R extends Row>({
  id,
  title,
  empty,
  rows,
  line,
  more,
}: {
  /** The section's id prefix (its heading and caption ids). */
  id: string;
  title: string;
  empty: string;
  rows: R[];
  line: (row: R) => string;
  /** Links under the table to other pages of the log (older entries, back to the newest). */
  more?: { to: string; label: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="mb-4" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="h4">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ScrollRegion labelledBy={`${id}-caption`}>
          <table className="table table-sm">
            <caption id={`${id}-caption`} className="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("events.admin.audit.colWhen")}</th>
                <th scope="col">{t("events.admin.audit.colWho")}</th>
                <th scope="col">{t("events.admin.audit.colWhat")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.at, locale)}</td>
                  <td>
                    {row.actorName === null
                      ? t("events.admin.audit.unknownActor")
                      : writtenNameIn(row.actorName, locale)}
                  </td>
                  <td>{line(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {more && more.length > 0 ? (
        <p className="d-flex flex-wrap gap-3">
          {more.map((link) => (
            <Link key={link.to} to={link.to}>
              {link.label}
            </Link>
          ))}
        </p>
      ) : null}
    </section>
  );
}
