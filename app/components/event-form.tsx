// The organiser's event form: the event, its editions and each edition's sessions, as nested
// Conform lists. Adding and removing editions or sessions are submit buttons with a Conform
// intent, so they work without JavaScript too (the server answers with the updated form).
import {
  getFormProps,
  getInputProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { IdleSessionNoScriptNote } from "~/components/idle-session-dialog.tsx";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { parseHoursToMinutes } from "~/domain/hours.ts";
import {
  EVENT_LANGUAGES,
  EVENT_LEVEL_LABELS,
  EVENT_MODE_LABELS,
  EVENT_TYPE_LABELS,
  LANGUAGE_LABELS,
  MAX_THEMES_PER_EVENT,
  PROFESSIONAL_ROLE_LABELS,
  REGION_LABELS,
  SCHOOL_LEVEL_LABELS,
  SESSION_DELIVERY_LABELS,
  SESSION_PLACE_LABELS,
  THEME_LABELS,
  labelOf,
} from "~/domain/vocabulary.ts";
import {
  emptyEdition,
  emptySession,
  eventFormSchema,
  type EditionFormValues,
  type EventFormValues,
  type EventSubmission,
  type FormRemovals,
} from "~/forms/event-form.ts";
import { messageWith, useLocale, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { formatDateTime, formatShortDate, parseRomeDateTime } from "~/utils/dates.ts";
import { hoursInWords } from "~/domain/hours.ts";
import { useHydrated } from "~/utils/use-hydrated.ts";
import {
  CheckboxField,
  CheckboxListField,
  FieldErrors,
  options,
  SelectField,
  TextAreaField,
  TextField,
} from "./form-fields.tsx";
import { ErrorSummary } from "./error-summary.tsx";

/**
 * Removing a session or an edition takes away the button that was pressed, and the keyboard focus
 * with it (to <body>: a screen reader says nothing and Tab starts again from the top of the page).
 * `after(id)` is the removal button's click handler: once the form has re-rendered without the
 * removed part, focus goes to the element `id` (the add button of the same list), which stays.
 */
function useFocusAfterRemoval() {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!pending.current) return;
    const target = document.getElementById(pending.current);
    const focused = document.activeElement;
    // The pressed button is still there (a removal refused, or not yet applied): wait.
    if (focused && focused !== document.body && focused.isConnected) return;
    pending.current = null;
    target?.focus();
  });
  return (id: string) => () => {
    pending.current = id;
  };
}

/** The labels of the event's own fields, of an edition's and of a session's, by their name in the form. */
const EVENT_FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  title: "events.form.title",
  description: "events.form.description",
  type: "events.form.type",
  language: "events.form.language",
  titleLanguage: "events.form.titleLanguage",
  textLanguage: "events.form.textLanguage",
  level: "events.form.level",
  regionCode: "events.form.region",
  openToAllRegions: "events.form.openToAllRegions",
  certifiedHours: "events.form.certifiedHours",
  completionPercent: "events.form.completionPercent",
  mode: "events.form.mode",
  venue: "events.form.venue",
  onlineUrl: "events.form.onlineUrl",
  schoolLevels: "events.form.schoolLevels",
  audienceRoles: "events.form.audienceRoles",
  themes: "events.form.themes",
  editions: "events.form.editions",
};
const EDITION_FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  startsOn: "events.form.editionStartsOn",
  endsOn: "events.form.editionEndsOn",
  seatCap: "events.form.seatCap",
  enrolmentOpensAt: "events.form.enrolmentOpensAt",
  enrolmentClosesAt: "events.form.enrolmentClosesAt",
};
const SESSION_FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  title: "events.form.sessionTitle",
  startsAt: "events.form.sessionStartsAt",
  endsAt: "events.form.sessionEndsAt",
  delivery: "events.form.sessionDelivery",
  place: "events.form.sessionPlace",
  hours: "events.form.sessionHours",
  required: "events.form.sessionRequired",
};

/**
 * A field's label for the error summary, with its edition and session: "Edizione 1, Incontro 2: Inizio"
 * (`editions[0].sessions[1].startsAt`); undefined for a name the form does not show.
 */
function eventFieldLabel(t: ReturnType<typeof useT>, name: string): string | undefined {
  const session = /^editions\[(\d+)\]\.sessions\[(\d+)\]\.(\w+)$/.exec(name);
  if (session) {
    const key = SESSION_FIELD_LABELS[session[3]!];
    return key
      ? `${t("events.form.edition", { number: Number(session[1]) + 1 })}, ${t("events.form.session", { number: Number(session[2]) + 1 })}: ${t(key)}`
      : undefined;
  }
  const edition = /^editions\[(\d+)\]\.(\w+)$/.exec(name);
  if (edition) {
    const number = Number(edition[1]) + 1;
    if (edition[2] === "sessions") return t("events.form.sessions", { number });
    const key = EDITION_FIELD_LABELS[edition[2]!];
    return key ? `${t("events.form.edition", { number })}: ${t(key)}` : undefined;
  }
  const key = EVENT_FIELD_LABELS[name];
  return key ? t(key) : undefined;
}

/** The id of an edition's "add a session" button (focused after one of its sessions is removed). */
const addSessionId = (editionId: string) => `${editionId}-add-session`;

/**
 * Without JavaScript an add or delete button sends the form and the server answers with the form
 * updated, a new page that would open at its top (thousands of pixels above the list on a phone):
 * the button's own action names the list's add button as the fragment, so the page opens there.
 * With JavaScript Conform applies the change in the page and the action is never used.
 */
const backTo = (id: string) => `#${id}`;

function HiddenId({ field }: { field: FieldMetadata<string | undefined> }) {
  const props = getInputProps(field, { type: "hidden" });
  return <input {...props} key={props.key} />;
}

/** Why an edition's schedule can no longer change (scheduleLockOf in app/models/event.server.ts). */
export type ScheduleLock = "cancelled" | "register-closed";

/** A stored value sent back unchanged (a locked edition's fields). */
function HiddenValue({ field }: { field: FieldMetadata<string | undefined> }) {
  const props = getInputProps(field, { type: "hidden" });
  return <input {...props} key={props.key} />;
}

/**
 * A cancelled edition, or one whose certificates were issued: its days, enrolment window and
 * sessions are shown as text, as stored, with no button to change, add or remove anything. Only its
 * id, its cap and the marker are sent (lockedEditionFields): its schedule is neither sent back nor
 * validated again, so a time stored before Rome's clock checks (25/10/2026 02:30) cannot block the
 * form (ADR 0084); updateEvent keeps the stored schedule.
 */
function LockedEditionFields({
  edition,
  index,
  lock,
  stored,
}: {
  edition: FieldMetadata<EditionFormValues>;
  index: number;
  lock: ScheduleLock;
  /** The edition as stored (the page's default values): what is shown, whatever the last submission held. */
  stored: EditionFormValues | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const e = edition.getFieldset();
  const number = index + 1;
  const day = (v: string | undefined) => {
    const date = parseRomeDateTime(v ?? "");
    return date ? formatShortDate(date, locale) : (v ?? "");
  };
  // A stored time Rome lives twice (parseRomeDateTime will not guess which) reads as its wall clock: 25/10/2026, 02:30.
  const at = (v: string | undefined) => {
    const date = parseRomeDateTime(v ?? "");
    if (date) return formatDateTime(date, locale);
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})$/.exec(v ?? "");
    return m ? `${m[3]}/${m[2]}/${m[1]}, ${m[4]}` : (v ?? "");
  };
  return (
    <fieldset className="border rounded p-3 mb-4" aria-labelledby={`${edition.id}-legend`}>
      <legend id={`${edition.id}-legend`} className="h5 float-none w-auto px-2">
        {t("events.form.edition", { number })}
      </legend>
      <div className="alert alert-info" id={`${edition.id}-locked`}>
        {t(lock === "cancelled" ? "events.form.editionCancelledReadOnly" : "events.form.editionRegisterClosedReadOnly")}
      </div>
      <HiddenId field={e.id} />
      <HiddenValue field={e.seatCap} />
      <input type="hidden" name={`${edition.name}.scheduleLocked`} value="on" />
      <dl className="row small mb-2">
        <dt className="col-sm-4">{t("events.form.editionStartsOn")}</dt>
        <dd className="col-sm-8">{day(stored?.startsOn)}</dd>
        <dt className="col-sm-4">{t("events.form.editionEndsOn")}</dt>
        <dd className="col-sm-8">{day(stored?.endsOn)}</dd>
        <dt className="col-sm-4">{t("events.form.enrolmentOpensAt")}</dt>
        <dd className="col-sm-8">{at(stored?.enrolmentOpensAt)}</dd>
        <dt className="col-sm-4">{t("events.form.enrolmentClosesAt")}</dt>
        <dd className="col-sm-8">{at(stored?.enrolmentClosesAt)}</dd>
      </dl>
      {/* Not a heading: the form's sections are legends, an h3 here came straight after the page's h1. */}
      <p className="h6" id={`${edition.id}-sessions`}>
        {t("events.form.sessions", { number })}
      </p>
      <ul className="small" aria-labelledby={`${edition.id}-sessions`}>
        {(stored?.sessions ?? []).map((s, j) => (
          <li key={s.id ?? j}>
            {s.title ? `${s.title}: ` : null}
            {at(s.startsAt)} – {at(s.endsAt)} ({labelOf(SESSION_DELIVERY_LABELS, s.delivery ?? "", locale)}
            {s.place ? `, ${labelOf(SESSION_PLACE_LABELS, s.place, locale)}` : ""}, {s.hours} h)
          </li>
        ))}
      </ul>
      <FieldErrors id={e.sessions.errorId} errors={e.sessions.errors} />
    </fieldset>
  );
}

function EditionFields({
  form,
  edition,
  index,
  count,
  certifiedMinutes,
  focusAfterRemoval,
  addEditionId,
  mode,
  removals,
}: {
  /** The event's mode as the form holds it now: a blended event's live sessions say where they are held. */
  mode: string;
  removals: FormRemovals;
  form: FormMetadata<EventFormValues>;
  edition: FieldMetadata<EditionFormValues>;
  index: number;
  count: number;
  certifiedMinutes: number | null;
  focusAfterRemoval: (id: string) => () => void;
  addEditionId: string;
}) {
  const t = useT();
  const locale = useLocale();
  const e = edition.getFieldset();
  const sessions = e.sessions.getFieldList();
  const number = index + 1;
  const sessionMinutes = sessions.map((s) => parseHoursToMinutes(String(s.getFieldset().hours.value ?? "")) ?? 0);
  const total = sessionMinutes.reduce((a, b) => a + b, 0);
  const deliveryChoices = options(SESSION_DELIVERY_LABELS, locale);
  const placeChoices = options(SESSION_PLACE_LABELS, locale);
  // Without JavaScript the mode and the deliveries chosen on this page are unknown until it is sent:
  // every session offers the place, and the server keeps it only on a blended event's live session.
  const hydrated = useHydrated();
  // The stored edition this part of the form shows (none for one added here): one holding places is not offered for
  // removal, since the save would refuse it (and, with JavaScript, this part would be gone from the page).
  const storedId = String(e.id.initialValue ?? "");
  const hasPlaces = storedId !== "" && removals.editionsWithPlaces.includes(storedId);
  return (
    <fieldset className="border rounded p-3 mb-4" aria-labelledby={`${edition.id}-legend`}>
      <legend id={`${edition.id}-legend`} className="h5 float-none w-auto px-2">
        {t("events.form.edition", { number })}
      </legend>
      <HiddenId field={e.id} />
      <div className="row">
        <div className="col-md-6">
          <TextField field={e.startsOn} label={t("events.form.editionStartsOn")} type="date" required />
        </div>
        <div className="col-md-6">
          <TextField field={e.endsOn} label={t("events.form.editionEndsOn")} type="date" required />
        </div>
        <div className="col-md-4">
          <TextField
            field={e.seatCap}
            label={t("events.form.seatCap")}
            type="number"
            hint={t("events.form.seatCapHint")}
          />
        </div>
        <div className="col-md-4">
          <TextField
            field={e.enrolmentOpensAt}
            label={t("events.form.enrolmentOpensAt")}
            type="datetime-local"
            required
          />
        </div>
        <div className="col-md-4">
          <TextField
            field={e.enrolmentClosesAt}
            label={t("events.form.enrolmentClosesAt")}
            type="datetime-local"
            required
          />
        </div>
      </div>

      <fieldset aria-describedby={e.sessions.errors?.length ? e.sessions.errorId : undefined}>
        <legend className="h6">{t("events.form.sessions", { number })}</legend>
        {sessions.map((session, j) => {
          const s = session.getFieldset();
          const storedSessionId = String(s.id.initialValue ?? "");
          // Register lines or completed activities: the session has taken place and stays (the save refuses).
          const recorded = storedSessionId !== "" && removals.sessionsWithRecords.includes(storedSessionId);
          // Its delivery stays what it is stored as: the lines or completions count only with it (the save refuses).
          const lockedDelivery = recorded ? removals.recordedDeliveries[storedSessionId] : undefined;
          // Its materials (files and links of the event sheet) are deleted with it: the button says so beforehand.
          const materials = storedSessionId ? (removals.materialsBySession[storedSessionId] ?? 0) : 0;
          const materialsNoteId = `${session.id}-materials`;
          return (
            <fieldset
              key={session.key}
              className="border-start border-3 ps-3 mb-3"
              aria-labelledby={`${session.id}-legend`}
            >
              <legend id={`${session.id}-legend`} className="h6 fw-normal">
                {t("events.form.session", { number: j + 1 })}
              </legend>
              <HiddenId field={s.id} />
              {/* Two fields a line up to 1199 px: at a quarter of the width "Modalità di svolgimento" wrapped and its
                  floated label came over the session's title (768 px, found by the staff QA pass). */}
              <div className="row">
                <div className="col-md-12">
                  <TextField
                    field={s.title}
                    label={t("events.form.sessionTitle")}
                    hint={t("events.form.sessionTitleHint")}
                  />
                </div>
                <div className="col-md-6 col-xl-3">
                  <TextField
                    field={s.startsAt}
                    label={t("events.form.sessionStartsAt")}
                    type="datetime-local"
                    required
                  />
                </div>
                <div className="col-md-6 col-xl-3">
                  <TextField field={s.endsAt} label={t("events.form.sessionEndsAt")} type="datetime-local" required />
                </div>
                <div className="col-md-6 col-xl-3">
                  <SelectField
                    field={s.delivery}
                    label={t("events.form.sessionDelivery")}
                    choices={deliveryChoices}
                    required={lockedDelivery === undefined}
                    lockedTo={lockedDelivery}
                    hint={lockedDelivery === undefined ? undefined : t("events.form.sessionDeliveryLocked")}
                  />
                </div>
                <div className="col-md-6 col-xl-3">
                  <TextField field={s.hours} label={t("events.form.sessionHours")} required />
                </div>
                {/* A blended event's live session says where it is held (ADR 0091); empty = both. */}
                {!hydrated || (mode === "blended" && s.delivery.value !== "asincrona") ? (
                  <div className="col-md-6">
                    <SelectField
                      field={s.place}
                      label={t("events.form.sessionPlace")}
                      hint={t("events.form.sessionPlaceHint")}
                      choices={placeChoices}
                      placeholder={t("events.form.sessionPlaceBoth")}
                    />
                  </div>
                ) : null}
              </div>
              {/* Always shown (works without JavaScript); kept only on asynchronous activities. */}
              <CheckboxField
                field={s.required}
                label={t("events.form.sessionRequired")}
                hint={t("events.form.sessionRequiredHint")}
              />
              {sessions.length > 1 && recorded ? (
                <p className="small mb-0">{t("events.form.sessionKeptRecorded", { number: j + 1 })}</p>
              ) : sessions.length > 1 ? (
                <>
                  {materials > 0 ? (
                    <p className="small" id={materialsNoteId}>
                      {t("events.form.sessionRemovalTakesMaterials", { number: j + 1, count: materials })}
                    </p>
                  ) : null}
                  <button
                    {...form.remove.getButtonProps({ name: e.sessions.name, index: j })}
                    formAction={backTo(addSessionId(edition.id))}
                    onClick={focusAfterRemoval(addSessionId(edition.id))}
                    aria-describedby={materials > 0 ? materialsNoteId : undefined}
                    className="btn btn-outline-danger btn-sm"
                  >
                    {t("events.form.removeSession", { number: j + 1 })}
                  </button>
                </>
              ) : null}
            </fieldset>
          );
        })}
        {/* Without the event's certified hours the tally said "0 / – ore certificate": a dash a screen reader
            reads as nothing, or as "meno"; it says what is missing in words instead. */}
        <p className="small" aria-live="polite" data-testid="hours-tally">
          {certifiedMinutes === null
            ? t("events.form.hoursTallyNoCertified", { sessions: hoursInWords(total, locale) })
            : t("events.form.hoursTally", {
                sessions: hoursInWords(total, locale),
                certified: hoursInWords(certifiedMinutes, locale),
              })}
        </p>
        <FieldErrors id={e.sessions.errorId} errors={e.sessions.errors} />
        <button
          {...form.insert.getButtonProps({ name: e.sessions.name, defaultValue: emptySession() })}
          formAction={backTo(addSessionId(edition.id))}
          id={addSessionId(edition.id)}
          className="btn btn-outline-primary btn-sm"
        >
          {t("events.form.addSession", { number })}
        </button>
      </fieldset>

      {count > 1 && hasPlaces ? (
        <p className="small mt-3 mb-0">
          {messageWith(
            t,
            "events.form.editionKeptWithPlaces",
            { number },
            {
              link: (
                // In a new tab: leaving the form here would lose every change not yet saved.
                <Link to={`/gestione/edizioni/${storedId}`} target="_blank" rel="noopener">
                  {t("events.form.editionKeptWithPlacesLink", { number })}
                </Link>
              ),
            },
          )}
        </p>
      ) : count > 1 ? (
        <div className="mt-3">
          <button
            {...form.remove.getButtonProps({ name: "editions", index })}
            formAction={backTo(addEditionId)}
            onClick={focusAfterRemoval(addEditionId)}
            className="btn btn-outline-danger btn-sm"
          >
            {t("events.form.removeEdition", { number })}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

/** A new event: nothing stored yet, so everything may be removed. */
const NO_REMOVALS: FormRemovals = {
  editionsWithPlaces: [],
  sessionsWithRecords: [],
  recordedDeliveries: {},
  materialsBySession: {},
};

export function EventForm({
  id,
  lastResult,
  defaultValue,
  levels,
  regions,
  submitLabel,
  submitting,
  scheduleLocks = {},
  removals = NO_REMOVALS,
  basedOn,
}: {
  /** On the edit form: which stored editions and sessions may not be removed, and each session's materials. */
  removals?: FormRemovals;
  /** The edit form's fingerprint of the stored event it was filled in from (absent on a new event). */
  basedOn?: string;
  /** Stored editions whose schedule can no longer change, by id: shown read-only. */
  scheduleLocks?: Readonly<Record<string, ScheduleLock>>;
  id: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: EventFormValues;
  /** Levels this organiser may publish at (publishableLevels). */
  levels: readonly string[];
  /** Regions this organiser may publish in (all for the national unit). */
  regions: readonly string[];
  submitLabel: string;
  submitting: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm<EventFormValues, EventSubmission>({
    id,
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const editions = fields.editions.getFieldList();
  const focusAfterRemoval = useFocusAfterRemoval();
  const addEditionId = `${fields.editions.id}-add`;
  const certifiedMinutes = parseHoursToMinutes(String(fields.certifiedHours.value ?? ""));
  const levelChoices = levels.map((value) => ({ value, label: labelOf(EVENT_LEVEL_LABELS, value, locale) }));
  const regionChoices = regions.map((value) => ({ value, label: labelOf(REGION_LABELS, value, locale) }));
  const languageChoices = EVENT_LANGUAGES.map((value) => ({ value, label: labelOf(LANGUAGE_LABELS, value, locale) }));

  return (
    <Form method="post" {...getFormProps(form)}>
      <ErrorSummary form={form} lastResult={lastResult} labelOf={(name) => eventFieldLabel(t, name)} />
      {basedOn ? <input type="hidden" name="basedOn" value={basedOn} /> : null}
      <p className="small">{t("events.form.timeZoneHint")}</p>
      <IdleSessionNoScriptNote />

      <fieldset className="mb-4">
        <legend className="h4">{t("events.form.general")}</legend>
        <TextField field={fields.title} label={t("events.form.title")} required />
        <TextAreaField field={fields.description} label={t("events.form.description")} rows={6} required />
        <div className="row">
          <div className="col-md-6">
            <SelectField
              field={fields.type}
              label={t("events.form.type")}
              choices={options(EVENT_TYPE_LABELS, locale)}
              required
            />
          </div>
          <div className="col-md-6">
            <SelectField field={fields.language} label={t("events.form.language")} choices={languageChoices} required />
          </div>
          <div className="col-md-6">
            <SelectField
              field={fields.titleLanguage}
              label={t("events.form.titleLanguage")}
              hint={t("events.form.titleLanguageHint")}
              choices={languageChoices}
              required
            />
          </div>
          <div className="col-md-6">
            <SelectField
              field={fields.textLanguage}
              label={t("events.form.textLanguage")}
              hint={t("events.form.textLanguageHint")}
              choices={languageChoices}
              required
            />
          </div>
          <div className="col-md-6">
            <SelectField field={fields.level} label={t("events.form.level")} choices={levelChoices} required />
          </div>
          <div className="col-md-6">
            <SelectField
              field={fields.regionCode}
              label={t("events.form.region")}
              choices={regionChoices}
              hint={t("events.form.regionHint")}
            />
          </div>
        </div>
        <CheckboxField
          field={fields.openToAllRegions}
          label={t("events.form.openToAllRegions")}
          hint={t("events.form.openToAllRegionsHint")}
        />
        <div className="row">
          <div className="col-md-6">
            <TextField
              field={fields.certifiedHours}
              label={t("events.form.certifiedHours")}
              hint={t("events.form.certifiedHoursHint")}
              required
            />
          </div>
          <div className="col-md-6">
            <TextField
              field={fields.completionPercent}
              label={t("events.form.completionPercent")}
              type="number"
              hint={t("events.form.completionPercentHint")}
            />
          </div>
        </div>
      </fieldset>

      <fieldset className="mb-4">
        <legend className="h4">{t("events.form.place")}</legend>
        <SelectField
          field={fields.mode}
          label={t("events.form.mode")}
          choices={options(EVENT_MODE_LABELS, locale)}
          required
        />
        <TextField field={fields.venue} label={t("events.form.venue")} hint={t("events.form.venueHint")} />
        <TextField
          field={fields.onlineUrl}
          label={t("events.form.onlineUrl")}
          type="url"
          hint={t("events.form.onlineUrlHint")}
        />
      </fieldset>

      <fieldset className="mb-4">
        <legend className="h4">{t("events.form.audience")}</legend>
        <CheckboxListField
          field={fields.schoolLevels}
          legend={t("events.form.schoolLevels")}
          choices={options(SCHOOL_LEVEL_LABELS, locale)}
        />
        <CheckboxListField
          field={fields.audienceRoles}
          legend={t("events.form.audienceRoles")}
          choices={options(PROFESSIONAL_ROLE_LABELS, locale)}
        />
        <CheckboxListField
          field={fields.themes}
          legend={t("events.form.themes")}
          hint={t("events.form.themesHint", { max: MAX_THEMES_PER_EVENT })}
          choices={options(THEME_LABELS, locale)}
        />
      </fieldset>

      <fieldset className="mb-4" aria-describedby={`${fields.editions.id}-hint`}>
        <legend className="h4">{t("events.form.editions")}</legend>
        <p id={`${fields.editions.id}-hint`} className="small">
          {t("events.form.editionsHint")}
        </p>
        {editions.map((edition, i) => {
          const lock = scheduleLocks[String(edition.getFieldset().id.initialValue ?? "")];
          const id = String(edition.getFieldset().id.initialValue ?? "");
          return lock ? (
            <LockedEditionFields
              key={edition.key}
              edition={edition}
              index={i}
              lock={lock}
              stored={defaultValue.editions.find((e) => e.id === id)}
            />
          ) : (
            <EditionFields
              key={edition.key}
              form={form}
              edition={edition}
              index={i}
              count={editions.length}
              certifiedMinutes={certifiedMinutes}
              focusAfterRemoval={focusAfterRemoval}
              addEditionId={addEditionId}
              mode={String(fields.mode.value ?? "")}
              removals={removals}
            />
          );
        })}
        <FieldErrors id={fields.editions.errorId} errors={fields.editions.errors} />
        <button
          {...form.insert.getButtonProps({ name: fields.editions.name, defaultValue: emptyEdition() })}
          formAction={backTo(addEditionId)}
          id={addEditionId}
          className="btn btn-outline-primary"
        >
          {t("events.form.addEdition")}
        </button>
      </fieldset>

      <button type="submit" className="btn btn-primary" disabled={submitting}>
        {submitLabel}
      </button>
    </Form>
  );
}
