import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EditionDetails } from "~/components/catalogue/edition-details.tsx";
import { dayRangeText } from "~/components/catalogue/format.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { editionSeats, enrolmentWindowState, enrolRefusalOf } from "~/domain/edition-availability.ts";
import {
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_TYPE_LABELS,
  labelOf,
  LANGUAGE_LABELS,
  PROFESSIONAL_ROLE_LABELS,
  PROFESSIONAL_ROLES,
  REGION_LABELS,
  SCHOOL_LEVEL_LABELS,
  SCHOOL_LEVELS,
  THEME_LABELS,
  THEMES,
} from "~/domain/vocabulary.ts";
import { percentWithArticle } from "~/domain/completion-rule.ts";
import { asLocale, partLang, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { getPublicEvent, publicPageHeaders } from "~/models/catalogue.server.ts";
import { myEditionStatuses } from "~/models/event-page.server.ts";
import { loadMaterials, loadPublicSheet } from "~/models/event-sheet.server.ts";
import { SheetFileList, SheetText } from "~/components/event-sheet.tsx";
import { actorOf, getSessionUser } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { lagTolerantSource } from "~/utils/read-replica.server.ts";
import { idParam } from "~/utils/route-params.server.ts";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  // Public page: no guard. Drafts and unknown ids are both a plain 404, so a draft's existence is not revealed.
  // From the read replica (ADR 0017) only for a visitor without a session who has not just written:
  // a signed-in teacher sees her own place and the seats as they are now.
  const event = await getPublicEvent(idParam(params.eventId), lagTolerantSource(request, { signedIn: "primary" }));
  if (!event) throw new Response("Not Found", { status: 404 });
  const now = new Date();
  // The signed-in teacher's place in each edition and her rooms (the page is then private: publicPageHeaders).
  const user = await getSessionUser(request, context);
  // The sheet (objectives, programme, trainers, attachments) is public; materials only for the
  // participants enrolled in an edition and the event's staff.
  const [mine, sheet, materials] = await Promise.all([
    user ? myEditionStatuses(user.id, event, now) : undefined,
    loadPublicSheet(event.id),
    loadMaterials(user ? actorOf(user) : null, event.id),
  ]);
  const { editions, schoolLevels, audienceRoles, themes, ...rest } = event;
  // The event as the enrol page's eligibility reads it (editionEligibility), and the place the signed-in
  // teacher holds in another edition of the event (one place per event: the enrol page's `held`).
  const forRules = {
    ...event,
    schoolLevels: schoolLevels.map((s) => s.schoolLevel),
    audienceRoles: audienceRoles.map((r) => r.role),
  };
  const heldElsewhere = (editionId: string) => {
    const other = editions.find((e) => e.id !== editionId && mine?.[e.id]);
    return other ? { editionNumber: other.number, status: mine![other.id]!.status } : null;
  };
  const body = {
    sheet,
    materials,
    event: {
      ...rest,
      // In the vocabularies' order (infanzia before primaria…), not alphabetical.
      schoolLevels: inVocabularyOrder(
        schoolLevels.map((s) => s.schoolLevel),
        SCHOOL_LEVELS,
      ),
      audienceRoles: inVocabularyOrder(
        audienceRoles.map((r) => r.role),
        PROFESSIONAL_ROLES,
      ),
      themes: inVocabularyOrder(
        themes.map((th) => th.theme),
        THEMES,
      ),
      ended: event.endsAt !== null && event.endsAt < now,
      editions: editions.map(({ seatsTaken, status, selectionClosedAt, quotas, ...edition }) => {
        const rules = { ...edition, status, selectionClosedAt, lastSessionEndsAt: lastEndOf(edition.sessions) };
        // Decided on the server, so the page does not depend on the visitor's clock. An edition by
        // application whose selection the organiser closed is closed, as on the enrolment page.
        // The training is over once its last session (live or activity) has ended: no enrol button then.
        const enrolmentState = enrolmentWindowState({ ...rules, seatsTaken }, event.status, now);
        const myPlace = mine?.[edition.id] ?? null;
        return {
          ...edition,
          // With regional quotas, a signed-in teacher is shown the pool her enrolment goes to (her region's quota,
          // or the seats no quota reserves) and a visitor the seats no quota reserves; both are told what each
          // region has reserved (ADR 0011). The page of a signed-in teacher is private (publicPageHeaders).
          ...editionSeats({ seatCap: edition.seatCap, seatsTaken }, quotas, user?.regionCode ?? null),
          enrolmentState,
          mine: myPlace,
          // A signed-in teacher the enrol page would refuse (a place in another edition, another region,
          // outside the audience) is told why instead of being offered the button; a visitor gets the button.
          refusal:
            user && enrolmentState === "open" && !myPlace
              ? enrolRefusalOf(user, forRules, rules, heldElsewhere(edition.id), now)
              : null,
        };
      }),
    },
  };
  return data(body, { headers: publicPageHeaders(request) });
}

// Cache-Control and Vary as the loader decided (public for visitors without a session).
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

/** The end of an edition's last session (sessions come in start order, so the latest end is looked for). */
function lastEndOf(sessions: readonly { endsAt: Date | string }[]): Date | null {
  const ends = sessions.map((s) => new Date(s.endsAt).getTime());
  return ends.length === 0 ? null : new Date(Math.max(...ends));
}

function inVocabularyOrder(values: string[], vocabulary: readonly string[]): string[] {
  const rank = (v: string) => (vocabulary.includes(v) ? vocabulary.indexOf(v) : vocabulary.length);
  return [...values].sort((a, b) => rank(a) - rank(b));
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const t = translator(asLocale(root?.locale));
  if (!data) return [{ title: `${t("common.notFound")} · Forma` }];
  return [
    { title: t("catalogue.event.metaTitle", { title: data.event.title }) },
    { name: "description", content: data.event.description.slice(0, 160) },
  ];
};

export default function EventPage() {
  const t = useT();
  const locale = useLocale();
  const { event, sheet, materials } = useLoaderData<typeof loader>();
  const titleLang = partLang(event.titleLanguage, locale);
  const textLang = partLang(event.textLanguage, locale);
  const materialEditions = event.editions.filter((e) => materials.editionIds.includes(e.id));
  // An event whose editions were all cancelled one by one is cancelled too, not "ended".
  const cancelled =
    event.status === "annullato" ||
    (event.editions.length > 0 && event.editions.every((e) => e.enrolmentState === "cancelled"));
  const cancellationReason =
    event.cancellationReason ?? (event.editions.length === 1 ? event.editions[0]!.cancellationReason : null);
  const paragraphs = event.description
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <article aria-labelledby="evento-titolo">
      <nav className="breadcrumb-container" aria-label={t("catalogue.event.breadcrumb")}>
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/eventi">{t("nav.catalogue")}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page" lang={titleLang}>
            {event.title}
          </li>
        </ol>
      </nav>
      <p className="small text-uppercase fw-semibold text-secondary mb-1">
        {labelOf(EVENT_TYPE_LABELS, event.type, locale)} · {labelOf(EVENT_LEVEL_LABELS, event.level, locale)}
      </p>
      <h1 id="evento-titolo">
        <span lang={titleLang}>{event.title}</span>
        {cancelled ? (
          <span className="badge bg-danger ms-3 align-middle fs-6">{t("catalogue.event.cancelledTitle")}</span>
        ) : null}
      </h1>
      {cancelled ? (
        <div className="alert alert-danger" role="alert" data-testid="event-cancelled">
          <strong>{t("catalogue.event.cancelledTitle")}.</strong> {t("catalogue.event.cancelledText")}
          {cancellationReason ? (
            <p className="mb-0 mt-2">{t("cancellation.reasonShown", { reason: cancellationReason })}</p>
          ) : null}
        </div>
      ) : event.ended ? (
        <div className="alert alert-info">{t("catalogue.event.endedText")}</div>
      ) : event.status === "chiuso" ? (
        <div className="alert alert-info">{t("catalogue.event.closedText")}</div>
      ) : null}

      <div className="row">
        <div className="col-12 col-lg-7">
          <h2 className="h3">{t("catalogue.event.description")}</h2>
          {paragraphs.map((p, i) => (
            <p key={i} lang={textLang}>
              {p}
            </p>
          ))}
          {(
            [
              ["obiettivi-titolo", "sheet.objectives", sheet.objectives],
              ["programma-titolo", "sheet.programme", sheet.programme],
            ] as const
          ).map(([id, heading, text]) =>
            text ? (
              <section key={id} aria-labelledby={id}>
                <h2 id={id} className="h3">
                  {t(heading)}
                </h2>
                <div lang={textLang}>
                  <SheetText text={text} />
                </div>
              </section>
            ) : null,
          )}
          {sheet.trainers.length > 0 ? (
            <section aria-labelledby="formatori-titolo" className="mb-4">
              <h2 id="formatori-titolo" className="h3">
                {t("sheet.trainers")}
              </h2>
              <ul className="list-unstyled">
                {sheet.trainers.map((trainer) => (
                  <li key={trainer.id} className="mb-3">
                    <h3 className="h5 mb-1">{trainer.name}</h3>
                    {trainer.profile ? <SheetText text={trainer.profile} /> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {sheet.attachments.length > 0 ? (
            <section aria-labelledby="allegati-titolo" className="mb-4">
              <h2 id="allegati-titolo" className="h3">
                {t("sheet.attachments")}
              </h2>
              <SheetFileList eventId={event.id} files={sheet.attachments} />
            </section>
          ) : null}
        </div>
        <div className="col-12 col-lg-5">
          <section className="card shadow-sm rounded mb-4" aria-labelledby="sintesi-titolo">
            <div className="card-body">
              <h2 id="sintesi-titolo" className="h4">
                {t("catalogue.event.details")}
              </h2>
              <dl className="mb-0">
                <dt>{t("catalogue.event.type")}</dt>
                <dd>{labelOf(EVENT_TYPE_LABELS, event.type, locale)}</dd>
                <dt>{t("catalogue.event.level")}</dt>
                <dd>{labelOf(EVENT_LEVEL_LABELS, event.level, locale)}</dd>
                {event.regionCode ? (
                  <>
                    <dt>{t("catalogue.event.region")}</dt>
                    <dd>
                      {labelOf(REGION_LABELS, event.regionCode, locale)}
                      <br />
                      <small>
                        {event.openToAllRegions
                          ? t("catalogue.event.openToAllRegions")
                          : t("catalogue.event.regionOnly", {
                              region: labelOf(REGION_LABELS, event.regionCode, locale),
                            })}
                      </small>
                    </dd>
                  </>
                ) : null}
                <dt>{t("catalogue.event.mode")}</dt>
                <dd>{labelOf(EVENT_MODE_LABELS, event.mode, locale)}</dd>
                <dt>{t("catalogue.event.venue")}</dt>
                <dd>
                  {event.venue ? event.venue : null}
                  {event.venue && event.mode === "blended" ? <br /> : null}
                  {event.mode !== "in-presenza" && (!event.venue || event.mode === "blended")
                    ? t("catalogue.event.online")
                    : null}
                </dd>
                <dt>{t("catalogue.event.language")}</dt>
                <dd>{labelOf(LANGUAGE_LABELS, event.language, locale)}</dd>
                <dt>{t("catalogue.event.hours")}</dt>
                <dd>
                  {event.editions.length > 1
                    ? t("catalogue.event.hoursPerEdition", { hours: hoursInWords(event.certifiedMinutes, locale) })
                    : hoursInWords(event.certifiedMinutes, locale)}
                </dd>
                <dt>{t("events.certificate")}</dt>
                <dd>
                  {t(
                    event.editions.some((e) => e.sessions.some((s) => s.required))
                      ? "events.certificateRuleWithRequired"
                      : "events.certificateRule",
                    { percent: percentWithArticle(event.completionPercent, locale) },
                  )}
                </dd>
                {event.startsAt && event.endsAt ? (
                  <>
                    <dt>{t("catalogue.event.period")}</dt>
                    <dd>{dayRangeText(t, event.startsAt, event.endsAt, locale)}</dd>
                  </>
                ) : null}
                <dt>{t("catalogue.event.schoolLevels")}</dt>
                <dd>
                  {event.schoolLevels.length
                    ? event.schoolLevels.map((s) => labelOf(SCHOOL_LEVEL_LABELS, s, locale)).join(", ")
                    : t("catalogue.event.allSchoolLevels")}
                </dd>
                <dt>{t("catalogue.event.roles")}</dt>
                <dd>
                  {event.audienceRoles.length
                    ? event.audienceRoles.map((r) => labelOf(PROFESSIONAL_ROLE_LABELS, r, locale)).join(", ")
                    : t("catalogue.event.allRoles")}
                </dd>
                {event.themes.length ? (
                  <>
                    <dt>{t("catalogue.event.themes")}</dt>
                    <dd className="mb-0">
                      <ul className="list-unstyled mb-0">
                        {event.themes.map((th) => (
                          <li key={th}>{labelOf(THEME_LABELS, th, locale)}</li>
                        ))}
                      </ul>
                    </dd>
                  </>
                ) : null}
              </dl>
            </div>
          </section>
        </div>
      </div>

      <section aria-labelledby="edizioni-titolo">
        <h2 id="edizioni-titolo" className="h3">
          {t("catalogue.event.editions")}
        </h2>
        {event.editions.length === 0 ? <p>{t("catalogue.event.noEditions")}</p> : null}
        {event.editions.some((edition) => edition.sessions.length > 0) ? (
          <p>
            {/* A resource route: a plain link, so the browser downloads the file. */}
            <a
              href={`/eventi/${encodeURIComponent(event.id)}/calendario.ics`}
              download
              aria-describedby="ics-hint"
              type="text/calendar"
            >
              {t("calendar.event.download")}
            </a>{" "}
            <small id="ics-hint" className="text-secondary">
              {t("calendar.event.downloadHint")}
            </small>
          </p>
        ) : null}
        {event.editions.map((edition) => (
          <EditionDetails
            key={edition.id}
            edition={edition}
            mode={event.mode}
            titleLang={titleLang}
            enrolHref={`/eventi/${event.id}/iscrizione?edizione=${encodeURIComponent(edition.id)}`}
          />
        ))}
      </section>
      {materialEditions.length > 0 ? (
        <section aria-labelledby="materiali-titolo" className="mb-4">
          <h2 id="materiali-titolo" className="h3">
            {t("sheet.materials")}
          </h2>
          <p>{t(materials.staff ? "sheet.materialsStaff" : "sheet.materialsEnrolled")}</p>
          {materialEditions.map((edition) => (
            <div key={edition.id}>
              {event.editions.length > 1 ? (
                <h3 className="h5">{t("enrol.editionLabel", { number: edition.number })}</h3>
              ) : null}
              {edition.sessions
                .filter((s) => materials.bySession[s.id]?.length)
                .map((s) => (
                  <div key={s.id}>
                    <p className="fw-semibold mb-1">
                      {s.title ? <span lang={titleLang}>{s.title}</span> : t("sheet.session")} ·{" "}
                      {formatDateTime(s.startsAt, locale)}
                    </p>
                    <SheetFileList eventId={event.id} files={materials.bySession[s.id] ?? []} />
                  </div>
                ))}
            </div>
          ))}
        </section>
      ) : null}
      <p>
        <Link to="/eventi">{t("common.backToCatalogue")}</Link>
      </p>
    </article>
  );
}
