// Where a participant's personal QR code leads (issue 15, point 7): the trainer's phone camera opens
// /formazione/presenza/<pass>. A pass of an edition the trainer keeps goes to the register of the
// session under way (its check-in window holds now), where the trainer confirms "segna presente";
// without one, the edition's registers. Same access as the registers (403 for anyone else); a pass
// this server did not make is refused. Nothing is written on GET.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/i18n.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { currentSessionOf, passEditionId } from "~/models/check-in.server.ts";
import { requireRegisterEdition } from "~/models/register-scope.server.ts";
import { requireUser } from "~/utils/auth.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.staffPass") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const pass = (params.pass ?? "").trim().slice(0, 200);
  const editionId = await passEditionId(pass);
  if (!editionId) return data({ editionId: null }, { status: 404 });
  const edition = await requireRegisterEdition(user, editionId);
  const session = await currentSessionOf(edition.id);
  if (session)
    return redirect(`/formazione/incontri/${session.id}?partecipante=${encodeURIComponent(pass)}#presenze-telefono`);
  return { editionId: edition.id };
}

export default function StaffPassPage() {
  const { editionId } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1 className="mb-3">{t("title.staffPass")}</h1>
      {editionId ? (
        <>
          <div className="alert alert-info" role="status">
            {t("attendance.staff.pass.noSession")}
          </div>
          <p>
            <Link to={`/formazione/edizioni/${editionId}`}>{t("attendance.staff.pass.openEdition")}</Link>
          </p>
        </>
      ) : (
        <div className="alert alert-danger" role="alert">
          {t("attendance.staff.pass.refused.non-valido")}
        </div>
      )}
    </div>
  );
}
