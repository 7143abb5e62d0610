// The check-in QR code to project in the room (issue 12, point 7): the code large, the session and
// the address to type without a QR reader, refreshed like the trainer's check-in page (every
// CHECK_IN_REFRESH_SECONDS; a code is accepted for CHECK_IN_GRACE_SLOTS more minutes, so a teacher
// who scanned a code just replaced is still recorded). Same access as the register; works without
// JavaScript (a <noscript> meta refresh).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CheckInNotice } from "~/components/check-in-notice.tsx";
import { CheckInQrCode, useLiveCheckIn } from "~/components/trainer-check-in.tsx";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { requireTrainerCheckInPage } from "~/models/check-in.server.ts";
import { formatDateTime, formatTime } from "~/utils/dates.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, "title.checkInProjection", data?.session.edition.event.title) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return requireTrainerCheckInPage(request, params.sessionId);
}

export default function CheckInProjectionPage() {
  const { session, number, view, refreshSeconds, opensMinutesBefore } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const live = useLiveCheckIn(view, refreshSeconds);
  const event = session.edition.event;
  return (
    <div className="text-center" data-testid="qr-projection">
      {live ? (
        <noscript>
          <meta httpEquiv="refresh" content={String(refreshSeconds)} />
        </noscript>
      ) : null}
      <h1 className="h2 mb-1" lang={partLang(event.titleLanguage, locale)}>
        {event.title}
      </h1>
      <p className="lead mb-3">
        {session.title ? (
          <span lang={partLang(event.titleLanguage, locale)}>{session.title}</span>
        ) : (
          t("attendance.register.crumb", { number })
        )}{" "}
        · {formatDateTime(session.startsAt, locale)} – {formatTime(session.endsAt, locale)}
      </p>
      {view.kind === "aperto" ? (
        <>
          <CheckInQrCode
            svg={view.svg}
            className="bg-white border p-3 mx-auto mb-3"
            style={{ width: "min(92vw, 78vh)" }}
          />
          <p className="mb-1 fs-5">{t("checkIn.projection.fallback")}</p>
          <p>
            <code className="fs-4 text-break" data-testid="projection-url">
              {view.url}
            </code>
          </p>
          <p className="fs-5" aria-live="polite" data-testid="projection-count">
            {t("checkIn.trainer.count", { count: view.checkedIn, enrolled: view.enrolled })}
          </p>
          <p className="small">
            {t("checkIn.trainer.expiresAt", { time: formatTime(view.expiresAt, locale), seconds: refreshSeconds })}
          </p>
        </>
      ) : (
        <CheckInNotice view={view} opensMinutesBefore={opensMinutesBefore} className="text-start" />
      )}
      <p>
        <Link to={`/formazione/incontri/${session.id}`}>{t("checkIn.projection.back")}</Link>
      </p>
    </div>
  );
}
