import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CheckInNotice } from "~/components/check-in-notice.tsx";
import { CheckInQrCode, useLiveCheckIn } from "~/components/trainer-check-in.tsx";
import { RegisterBreadcrumb } from "~/components/register-breadcrumb.tsx";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { requireTrainerCheckInPage } from "~/models/check-in.server.ts";
import { formatDateTime, formatTime } from "~/utils/dates.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.checkIn", data?.session.edition.event.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return requireTrainerCheckInPage(request, params.sessionId);
}

export default function CheckInPage() {
  const { session, number, view, refreshSeconds, opensMinutesBefore } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const live = useLiveCheckIn(view, refreshSeconds);

  const event = session.edition.event;
  return (
    <div className="row">
      <div className="col-12 col-lg-10">
        <RegisterBreadcrumb
          items={[
            { label: t("nav.registers"), to: "/formazione" },
            {
              label: t("attendance.home.editionNumber", { number: session.edition.number }),
              to: `/formazione/edizioni/${session.edition.id}`,
            },
            { label: t("attendance.register.crumb", { number }), to: `/formazione/incontri/${session.id}` },
            { label: t("checkIn.trainer.title") },
          ]}
        />
        <h1 className="mb-2">{t("checkIn.trainer.title")}</h1>
        <p className="lead mb-1" lang={partLang(event.titleLanguage, locale)}>
          {event.title}
        </p>
        <p>
          {session.title ? <span lang={partLang(event.titleLanguage, locale)}>{session.title} · </span> : null}
          {formatDateTime(session.startsAt, locale)} – {formatTime(session.endsAt, locale)}
        </p>

        <p className="fw-semibold" aria-live="polite" data-testid="check-in-count">
          {t("checkIn.trainer.count", { count: view.checkedIn, enrolled: view.enrolled })}
        </p>

        {view.kind === "aperto" ? (
          <>
            <p>{t("checkIn.trainer.intro")}</p>
            <CheckInQrCode svg={view.svg} className="bg-white border p-2 mb-3" style={{ width: "min(100%, 30rem)" }} />
            <p className="mb-1">
              <strong>{t("checkIn.trainer.url")}:</strong>
            </p>
            <p>
              <code className="fs-6 text-break" data-testid="check-in-url">
                {view.url}
              </code>
            </p>
            <p>
              {t("checkIn.trainer.expiresAt", { time: formatTime(view.expiresAt, locale), seconds: refreshSeconds })}{" "}
              {t("checkIn.trainer.closesAt", { time: formatTime(view.closesAt, locale) })}
            </p>
          </>
        ) : (
          <CheckInNotice view={view} opensMinutesBefore={opensMinutesBefore} />
        )}

        {live ? (
          <p className="d-flex flex-wrap gap-2">
            <Link to={`/formazione/incontri/${session.id}/check-in`} className="btn btn-outline-primary" reloadDocument>
              {t("checkIn.trainer.refresh")}
            </Link>
            <Link to={`/formazione/incontri/${session.id}/qr`} className="btn btn-primary">
              {t("attendance.register.qrFullScreen")}
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
