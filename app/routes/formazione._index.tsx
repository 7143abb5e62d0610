import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isOrganiser, isTrainer } from "~/domain/permissions.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { listTrainerEditions } from "~/models/register-scope.server.ts";
import { actorOf, forbidden, requireUser } from "~/utils/auth.server.ts";
import { formatShortDate } from "~/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "Registri presenze · Forma" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user);
  const organiser = isOrganiser(actor);
  if (!isTrainer(actor) && !organiser) throw forbidden();
  return { editions: await listTrainerEditions(actor), organiser };
}

export default function TrainerHome() {
  const { editions, organiser } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div>
      <h1 className="mb-3">{t("attendance.home.title")}</h1>
      <p>{t("attendance.home.intro")}</p>
      {organiser ? <p className="small">{t("attendance.home.organiserHint")}</p> : null}
      {editions.length === 0 ? (
        <p>{t("attendance.home.none")}</p>
      ) : (
        <div className="table-responsive">
          <table className="table" data-testid="trainer-editions">
            <caption>{t("attendance.home.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("attendance.home.event")}</th>
                <th scope="col">{t("attendance.home.edition")}</th>
                <th scope="col">{t("attendance.home.dates")}</th>
                <th scope="col">{t("attendance.home.enrolled")}</th>
                <th scope="col">{t("attendance.home.state")}</th>
              </tr>
            </thead>
            <tbody>
              {editions.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/formazione/edizioni/${e.id}`}>{e.event.title}</Link>
                  </th>
                  <td>{t("attendance.home.editionNumber", { number: e.number })}</td>
                  <td>{t("attendance.home.datesValue", { from: formatShortDate(e.startsOn, locale), to: formatShortDate(e.endsOn, locale) })}</td>
                  <td>{e.seatsTaken}</td>
                  <td>{e.attendanceClosedAt ? t("attendance.home.closed") : t("attendance.home.open")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
