// The teacher's personal attendance QR code (issue 15, point 7): shown to the trainer at the door,
// it opens the trainer's register with this place's pass (/formazione/presenza/<pass>), where the
// trainer marks them present. Only the teacher's own "iscritto" places have one.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { messageWith, partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { loadAttendancePass } from "~/models/check-in.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { idParam } from "~/utils/route-params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.attendancePass", data?.event.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const pass = await loadAttendancePass(user.id, idParam(params.enrolmentId));
  if (!pass) throw new Response("Non trovato.", { status: 404 });
  return pass;
}

export default function AttendancePassPage() {
  const { pass, svg, name, event, editionNumber } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-3">{t("checkIn.pass.title")}</h1>
        <p>
          {messageWith(
            t,
            "checkIn.pass.intro",
            { number: editionNumber },
            { event: <span lang={partLang(event.titleLanguage, locale)}>{event.title}</span> },
          )}
        </p>
        <div
          role="img"
          aria-label={t("checkIn.pass.qrLabel", { name })}
          className="bg-white border p-2 mb-3"
          style={{ width: "min(100%, 22rem)" }}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <p className="mb-1">{t("checkIn.pass.code")}:</p>
        <p>
          <code className="fs-6 text-break" data-testid="attendance-pass">
            {pass}
          </code>
        </p>
        <p>
          <Link to="/le-mie-iscrizioni">{t("checkIn.myEnrolments")}</Link>
        </p>
      </div>
    </div>
  );
}
