// /gestione/eventi/:id/copia: copy an event as a draft (an event the organiser manages, or a
// national template for a regional referent), and, for the national unit, mark a national event
// as a template. Not nested in the event page: a referent may copy a template they do not manage.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { REGION_LABELS, labelOf } from "~/domain/vocabulary.ts";
import { eventCopyActionSchema, eventCopyFormSchema } from "~/forms/event-copy-form.ts";
import { messageWith, partLang, translator, useLocale, useT, type Translate } from "~/i18n/i18n.tsx";
import { copyEvent, loadCopySource, setTemplate } from "~/models/event-copy.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { formatOnDate, parseRomeDateTime, toRomeDateValue } from "~/utils/dates.ts";
import { getLocale } from "~/utils/locale.server.ts";
import type { CopyClockProblem } from "~/domain/event-copy.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.copyEvent") }];

async function requireCopySource(request: Request, eventId: string | undefined) {
  const { actor } = await requireOrganiser(request);
  // An id that cannot be one is a 404 before the query (PostgreSQL refuses a NUL with a 500).
  const event = await loadCopySource(actor, idParam(eventId));
  if (!event) throw new Response("Non trovato.", { status: 404 });
  return { actor, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireCopySource(request, params.eventId);
  return {
    event: { id: event.id, title: event.title, titleLanguage: event.titleLanguage, isTemplate: event.isTemplate },
    canMarkTemplate: event.canMarkTemplate,
    regions: event.regions,
    startsOn: event.startsAt ? toRomeDateValue(event.startsAt) : "",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Scope first: a request about someone else's event learns nothing, valid form or not.
  const { actor, event } = await requireCopySource(request, params.eventId);
  const submission = parseWithZod(await readForm(request), { schema: eventCopyActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  if (value.intent === "template") {
    const outcome = await setTemplate(actor, event.id, value.isTemplate);
    if (!outcome.ok) {
      return data({ result: submission.reply({ formErrors: ["events.copy.templateRefused"] }) }, { status: 403 });
    }
    return redirect(`/gestione/eventi/${event.id}/copia?esito=modello`);
  }
  const outcome = await copyEvent(actor, event.id, value.startsOn, { regionCode: value.regionCode ?? null });
  if (!outcome.ok && outcome.reason === "clock-change") {
    // Each time the chosen day cannot keep, named; the form keeps the day and region chosen.
    const locale = await getLocale(request);
    const t = translator(locale);
    const formErrors = outcome.problems.map((p) => clockChangeText(t, locale, p));
    return data({ result: submission.reply({ formErrors }) }, { status: 409 });
  }
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ formErrors: ["events.copy.templateRefused"] }) },
      { status: outcome.reason === "not-found" ? 404 : 403 },
    );
  }
  return redirect(`/gestione/eventi/${outcome.eventId}?esito=copiato`);
}

/** "Copia non creata: nella copia, l'incontro 2 dell'edizione 1 cadrebbe il 28 marzo 2027 alle 02:30, …" */
function clockChangeText(t: Translate, locale: Locale, problem: CopyClockProblem): string {
  const { what, edition } = problem;
  const whatText =
    what.kind !== "session"
      ? t(`events.copy.clockChange.${what.kind}`, { edition })
      : what.title.trim() === ""
        ? t("events.copy.clockChange.session", { number: what.number, edition })
        : t("events.copy.clockChange.sessionTitled", { number: what.number, title: what.title, edition });
  return t(`events.copy.clockChange.${problem.reason}`, {
    what: whatText,
    date: formatOnDate(parseRomeDateTime(problem.wallClock.slice(0, 10))!, locale),
    time: problem.wallClock.slice(11),
  });
}

export default function CopyEventPage() {
  const t = useT();
  const locale = useLocale();
  const { event, startsOn, canMarkTemplate, regions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "copia-evento",
    lastResult: actionData?.result,
    defaultValue: { startsOn },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventCopyFormSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div>
      <p>
        <Link to={`/gestione/eventi/${regions.length ? "" : event.id}`}>
          ← <span lang={partLang(event.titleLanguage, locale)}>{event.title}</span>
        </Link>
      </p>
      <h1 className="h2">
        {messageWith(
          t,
          "events.copy.title",
          {},
          {
            title: <span lang={partLang(event.titleLanguage, locale)}>{event.title}</span>,
          },
        )}
      </h1>
      <p>{t("events.copy.intro")}</p>
      <FormErrorSummary errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="copy" />
        <TextField field={fields.startsOn} label={t("events.copy.startsOn")} type="date" required />
        {regions.length > 1 ? (
          <div className="form-group">
            <label htmlFor="copy-region" className="active">
              {t("events.copy.region")}
            </label>
            <select
              id="copy-region"
              name="regionCode"
              className="form-select"
              defaultValue={fields.regionCode.initialValue ?? undefined}
            >
              {regions.map((r) => (
                <option key={r} value={r}>
                  {labelOf(REGION_LABELS, r, locale)}
                </option>
              ))}
            </select>
          </div>
        ) : regions.length === 1 ? (
          <p>{t("events.copy.intoRegion", { region: labelOf(REGION_LABELS, regions[0]!, locale) })}</p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={navigation.state !== "idle"}>
          {t("events.copy.submit")}
        </button>
      </Form>
      {canMarkTemplate ? (
        <section aria-labelledby="template-title" className="mt-5">
          <h2 id="template-title" className="h4">
            {t("events.copy.templateTitle")}
          </h2>
          <p>{t("events.copy.templateHint")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="template" />
            <div className="form-check mb-2">
              <input type="checkbox" id="is-template" name="isTemplate" value="on" defaultChecked={event.isTemplate} />
              <label htmlFor="is-template">{t("events.copy.templateLabel")}</label>
            </div>
            <button type="submit" className="btn btn-outline-primary btn-sm" disabled={navigation.state !== "idle"}>
              {t("events.copy.templateSave")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
