// The organiser's participant list of an edition (issue 15, item 5): search by name, email or
// school and a status filter as GET parameters (the URL can be shared and reloaded), pages, and per
// row the removal and the move to another edition of the event. The move opens a second step
// (?sposta=<enrolmentId>, MoveConfirm) that says what will happen before anything changes.
import { Form, Link } from "@remix-run/react";
import {
  PARTICIPANT_FILTERS,
  PARTICIPANT_SEARCH_MAX,
  participantQueryString,
  type ParticipantFilter,
  type ParticipantQuery,
} from "~/domain/participant-list.ts";
import { ENROLMENT_STATUS_LABELS } from "~/domain/enrolment.ts";
import { nameIn, reasonIn } from "~/domain/stored-reasons.ts";
import { labelOf, REGION_CODES, REGION_LABELS } from "~/domain/vocabulary.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { listedName, NameAndEmail, PeopleTable, SchoolOf, StackedLabel, type ListedPerson } from "./listed-person.tsx";
import { formatDateTime, formatShortDate } from "~/utils/dates.ts";

type Row = {
  id: string;
  status: string;
  reason: string | null;
  createdAt: Date | string;
  position: number | null;
  /** The pool a waiting person is in, in an edition with regional quotas: a quota's region, or null for the general seats. */
  pool?: { regionCode: string | null } | null;
  completed: boolean;
  movedFromId: string | null;
  user: ListedPerson;
};

const MOVABLE = ["iscritto", "in-attesa", "offerta"];
const REMOVABLE = ["iscritto", "in-attesa", "offerta", "candidato"];

export function ParticipantList({
  editionId,
  list,
  query,
  counts,
  active,
  removal,
}: {
  editionId: string;
  list: { rows: Row[]; total: number; page: number; pages: number };
  query: ParticipantQuery;
  counts: Record<ParticipantFilter, number>;
  /** The edition is not cancelled: rows may be removed or moved. */
  active: boolean;
  /** A refused removal: its row shows the error under the reason field and keeps the reason as typed. */
  removal?: { enrolmentId: string; reason: string; error: string };
}) {
  const t = useT();
  const locale = useLocale();
  const base = `/gestione/edizioni/${editionId}`;
  const pageLink = (page: number) => `${base}${participantQueryString({ ...query, page })}#participants-title`;
  const moveLink = (id: string) => {
    const params = new URLSearchParams(participantQueryString(query).slice(1));
    params.set("sposta", id);
    return `${base}?${params}#sposta-title`;
  };
  return (
    <section aria-labelledby="participants-title" className="mb-4">
      <h2 id="participants-title" className="h4">
        {t("participants.title")}
      </h2>
      <Form
        method="get"
        action={`${base}#participants-title`}
        className="labels-above row g-2 align-items-end mb-3"
        role="search"
      >
        <div className="col-md-4">
          <label htmlFor="participants-q" className="active">
            {t("participants.search")}
          </label>
          <input
            id="participants-q"
            name="q"
            type="search"
            className="form-control"
            defaultValue={query.q}
            maxLength={PARTICIPANT_SEARCH_MAX}
          />
        </div>
        <div className="col-md-3 select-wrapper">
          <label htmlFor="participants-status" className="active">
            {t("participants.filter")}
          </label>
          <select id="participants-status" name="stato" defaultValue={query.filter}>
            {PARTICIPANT_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`participants.filter.${f}`, { count: counts[f] })}
              </option>
            ))}
          </select>
        </div>
        <div className="col-md-3 select-wrapper">
          <label htmlFor="participants-region" className="active">
            {t("participants.region")}
          </label>
          <select id="participants-region" name="regione" defaultValue={query.region ?? ""}>
            <option value="">{t("participants.region.all")}</option>
            {REGION_CODES.map((code) => (
              <option key={code} value={code}>
                {labelOf(REGION_LABELS, code, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="col-md-2">
          <button type="submit" className="btn btn-outline-primary">
            {t("participants.searchSubmit")}
          </button>
        </div>
      </Form>
      <p aria-live="polite" data-testid="participants-found">
        {t("participants.found", { count: list.total })}
      </p>
      {list.rows.length === 0 ? null : (
        <PeopleTable
          testId="participants"
          caption={t("participants.caption")}
          stacked
          columns={[
            t("organiserEdition.participant"),
            t("organiserEdition.school"),
            t("organiserEdition.region"),
            t("participants.status"),
            t("organiserEdition.enrolledAt"),
            active ? t("participants.actions") : null,
          ]}
        >
          {list.rows.map((e) => {
            const name = listedName(e.user, locale);
            const removalError = removal?.enrolmentId === e.id ? removal.error : undefined;
            return (
              <tr key={e.id} data-status={e.status}>
                <th scope="row" className="fw-normal">
                  <NameAndEmail name={name} email={e.user.email} refusedAt={e.user.emailRefusedAt} />
                  {e.reason ? (
                    <div className="small">{t("myEnrolments.reason", { reason: reasonIn(e.reason, locale) })}</div>
                  ) : null}
                </th>
                <td>
                  {e.user.schoolName || e.user.schoolCode ? (
                    <>
                      <StackedLabel>{t("organiserEdition.school")}</StackedLabel>
                      <SchoolOf person={e.user} />
                    </>
                  ) : null}
                </td>
                <td className="stacked-inline">
                  <StackedLabel>{t("organiserEdition.region")}</StackedLabel>
                  {labelOf(REGION_LABELS, e.user.regionCode, locale)}
                </td>
                <td data-testid="participant-status">
                  <StackedLabel>{t("participants.status")}</StackedLabel>
                  {labelOf(ENROLMENT_STATUS_LABELS, e.status, locale)}
                  {e.position === null
                    ? null
                    : ` (${
                        !e.pool
                          ? t("participants.position", { position: e.position })
                          : e.pool.regionCode
                            ? t("participants.position.quota", {
                                position: e.position,
                                region: labelOf(REGION_LABELS, e.pool.regionCode, locale),
                              })
                            : t("participants.position.general", { position: e.position })
                      })`}
                  {e.completed ? <div className="small">{t("participants.completed")}</div> : null}
                  {e.movedFromId ? <div className="small">{t("participants.movedHere")}</div> : null}
                </td>
                <td className="stacked-inline">
                  <StackedLabel>{t("organiserEdition.enrolledAt")}</StackedLabel>
                  {formatDateTime(e.createdAt, locale)}
                </td>
                {active ? (
                  <td className="stacked-actions">
                    {/* A certified participant took part and was certified: neither moved nor removed (the
                        ledger refuses both, "has-certificate"), so neither is offered. */}
                    {MOVABLE.includes(e.status) && !e.completed ? (
                      <Link id={`sposta-${e.id}`} className="btn btn-outline-primary btn-sm mb-2" to={moveLink(e.id)}>
                        {t("participants.move")}
                        <span className="visually-hidden"> {name}</span>
                      </Link>
                    ) : null}
                    {REMOVABLE.includes(e.status) && !e.completed ? (
                      <Form method="post" className="removal-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="enrolmentId" value={e.id} />
                        <label className="form-label small mb-1" htmlFor={`reason-${e.id}`}>
                          {t("organiserEdition.removeReason")}
                          {/* Whose removal: every row's field would otherwise have the same name. */}
                          <span className="visually-hidden">{t("participants.forPerson", { name })}</span>
                        </label>
                        <input
                          id={`reason-${e.id}`}
                          name="reason"
                          className={`form-control form-control-sm border mb-1${removalError ? " is-invalid" : ""}`}
                          required
                          maxLength={500}
                          aria-invalid={removalError ? true : undefined}
                          aria-describedby={removalError ? `reason-${e.id}-error` : undefined}
                          defaultValue={removalError ? removal?.reason : undefined}
                        />
                        {removalError ? (
                          <div id={`reason-${e.id}-error`} className="field-error mb-1" role="alert">
                            {removalError}
                          </div>
                        ) : null}
                        <button type="submit" className="btn btn-outline-danger btn-sm">
                          {t("organiserEdition.remove")}
                          <span className="visually-hidden"> {name}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </PeopleTable>
      )}
      {list.pages > 1 ? (
        <nav aria-label={t("participants.pages")} className="d-flex gap-3 align-items-center">
          {list.page > 1 ? <Link to={pageLink(list.page - 1)}>{t("events.admin.list.previous")}</Link> : null}
          <span>{t("events.admin.list.page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? <Link to={pageLink(list.page + 1)}>{t("events.admin.list.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

type MoveStep = {
  place: { id: string; status: string; user: { firstName: string; lastName: string; email: string } };
  targets: { id: string; number: number; startsOn: Date | string; seatCap: number | null; free: number | null }[];
};

/** The move's second step: where to, what if it is full, an optional reason, and the confirmation. */
export function MoveConfirm({
  editionId,
  moving,
  query,
  error,
}: {
  editionId: string;
  moving: MoveStep;
  query: ParticipantQuery;
  error?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const back = `/gestione/edizioni/${editionId}${participantQueryString(query)}`;
  const { firstName, lastName } = nameIn(moving.place.user, locale);
  const name = `${firstName} ${lastName}`;
  const current = labelOf(ENROLMENT_STATUS_LABELS, moving.place.status, locale);
  return (
    <section className="alert alert-warning" aria-labelledby="sposta-title" data-testid="move-step">
      <h2 className="h5" id="sposta-title" tabIndex={-1}>
        {t("participants.move.title", { name })}
      </h2>
      <p>{t("participants.move.text", { email: moving.place.user.email, status: current })}</p>
      {error ? (
        <div className="field-error mb-3" role="alert">
          {error}
        </div>
      ) : null}
      {moving.targets.length === 0 ? (
        <p>{t("participants.move.noTargets")}</p>
      ) : (
        <Form method="post" action={`${back}${back.includes("?") ? "&" : "?"}sposta=${moving.place.id}`}>
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="confirm" value="yes" />
          <input type="hidden" name="enrolmentId" value={moving.place.id} />
          <fieldset className="mb-3">
            <legend className="h6">{t("participants.move.target")}</legend>
            <MoveTargetOptions targets={moving.targets} checked={(target, i) => i === 0} />
          </fieldset>
          <div className="form-check mb-3">
            <input type="checkbox" id="move-waitlist" name="waitlist" defaultChecked />
            <label htmlFor="move-waitlist">{t("participants.move.waitlist")}</label>
          </div>
          <div className="mb-3">
            <label htmlFor="move-reason" className="form-label fw-semibold d-block">
              {t("participants.move.reason")}
            </label>
            <textarea id="move-reason" name="reason" rows={2} className="form-control border" maxLength={500} />
          </div>
          <p>{t("participants.move.consequences")}</p>
          <div className="d-flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary">
              {t("participants.move.confirm")}
            </button>
            {/* Back to the row's "Sposta" link, which takes the focus (not the page's h1). */}
            <Link className="btn btn-outline-primary" to={`${back}#sposta-${moving.place.id}`}>
              {t("participants.move.keep")}
            </Link>
          </div>
        </Form>
      )}
    </section>
  );
}

/** A move's target editions as radio buttons (name "targetEditionId"): number, first day, seats free. */
export function MoveTargetOptions({
  targets,
  checked,
}: {
  targets: MoveStep["targets"];
  checked: (target: MoveStep["targets"][number], index: number) => boolean;
}) {
  const t = useT();
  const locale = useLocale();
  return targets.map((target, i) => (
    <div className="form-check" key={target.id}>
      <input
        type="radio"
        id={`target-${target.id}`}
        name="targetEditionId"
        value={target.id}
        defaultChecked={checked(target, i)}
        required
      />
      <label htmlFor={`target-${target.id}`}>
        {t("participants.move.targetLabel", {
          number: target.number,
          date: formatShortDate(target.startsOn, locale),
        })}{" "}
        ·{" "}
        {target.free === null ? t("participants.move.unlimited") : t("participants.move.free", { count: target.free })}
      </label>
    </div>
  ));
}
