// /sessione/ripresa: where the sign-in opened from the idle dialog's "Accedi di nuovo" comes back to
// (ADR 0094). It says to go back to the tab the person was working in: that page is still as they left
// it, and its form now goes out with this new session's cookie. Loading it shares the new session's
// idle end with the other tabs, which closes their "session ended" dialog.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { requireUser } from "~/utils/auth.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.sessionResumed") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return null;
}

export default function SessionResumedPage() {
  const t = useT();
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-3">{t("session.resumed.title")}</h1>
        <p>{t("session.resumed.text")}</p>
        <p>
          <Link to="/eventi">{t("session.resumed.catalogue")}</Link>
        </p>
      </div>
    </div>
  );
}
