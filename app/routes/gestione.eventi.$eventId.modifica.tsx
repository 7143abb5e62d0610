import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EventForm } from "~/components/event-form.tsx";
import { isEditable } from "~/domain/event-rules.ts";
import { eventFormSchema, eventToFormValues } from "~/forms/event-form.ts";
import { messageWith, partLang, translator, useLocale, useT } from "~/i18n/i18n.tsx";
import {
  AUDIENCE_EXCLUDES_WAITING,
  eventEditFingerprint,
  formChoicesFor,
  formRemovalsOf,
  getManagedEvent,
  refusalResponse,
  requireManagedEvent,
  scheduleLockOf,
  updateEvent,
} from "~/models/event.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.editEvent") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor } = await requireOrganiser(request);
  const found = await getManagedEvent(actor, idParam(params.eventId));
  if (!found.ok) throw refusalResponse(found);
  const { event } = found;
  if (!isEditable(event.status)) throw redirect(`/gestione/eventi/${event.id}`);
  const locale = await getLocale(request, user.locale);
  return {
    event: { id: event.id, title: event.title, titleLanguage: event.titleLanguage, status: event.status },
    defaultValue: eventToFormValues(event, locale),
    basedOn: eventEditFingerprint(event),
    // Cancelled editions and those whose certificates were issued are shown read-only.
    scheduleLocks: Object.fromEntries(
      event.editions.flatMap((e) => {
        const lock = scheduleLockOf(e);
        return lock ? [[e.id, lock] as const] : [];
      }),
    ),
    // Editions with places and sessions with register lines are not offered for removal (the save would refuse it
    // and, with JavaScript, the part removed would be lost from the page); a session's materials go with it.
    removals: await formRemovalsOf(event),
    ...formChoicesFor(actor),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor } = await requireOrganiser(request);
  // Scope first: a request about someone else's event learns nothing, valid form or not.
  const event = await requireManagedEvent(actor, idParam(params.eventId));
  const submission = parseWithZod(await readForm(request), { schema: eventFormSchema });
  // The form stays based on what the organiser saw, whatever the page reloads meanwhile (see EditEventPage).
  const submitted = submission.payload.basedOn;
  const basedOn = typeof submitted === "string" ? submitted : undefined;
  if (submission.status !== "success") {
    return data({ result: submission.reply(), basedOn }, { status: submission.status === "error" ? 400 : 200 });
  }
  const outcome = await updateEvent(actor, event.id, submission.value);
  if (outcome.ok) {
    // Editions are numbered by their start days: the saved page names those whose number changed ("2-3,3-4").
    const renumbered = outcome.renumbered?.map((r) => `${r.from}-${r.to}`).join(",");
    // A narrower audience leaves some seated people outside it, who keep their seat: the saved page says how many,
    // per edition ("<edition id>-<count>").
    const outside = outcome.seatedOutside?.map((o) => `${o.editionId}-${o.count}`).join(",");
    return redirect(
      `/gestione/eventi/${event.id}?esito=salvato${renumbered ? `&numeri=${renumbered}` : ""}${outside ? `&fuori=${outside}` : ""}`,
    );
  }
  if (outcome.status === 403 || outcome.status === 404) throw refusalResponse(outcome);
  if ("fieldErrors" in outcome) {
    // The audience error states how many people in line it concerns: worded here, with the count.
    const { waitingOutside } = outcome;
    const t = waitingOutside ? translator(await getLocale(request, user.locale)) : null;
    const fieldErrors = Object.fromEntries(
      Object.entries(outcome.fieldErrors).map(([name, errors]) => [
        name,
        errors.map((e) => (t && e === AUDIENCE_EXCLUDES_WAITING ? t(e, { count: waitingOutside! }) : e)),
      ]),
    );
    return data(
      { result: submission.reply({ fieldErrors, formErrors: outcome.formErrors }), basedOn },
      { status: 400 },
    );
  }
  if ("basedOn" in outcome) {
    // Told, with their input kept: saving again (now based on the stored event) replaces the other change.
    return data(
      { result: submission.reply({ formErrors: ["events.error.changedMeanwhile"] }), basedOn: outcome.basedOn },
      { status: 409 },
    );
  }
  return data(
    { result: submission.reply({ formErrors: ["events.error.notEditable"] }), basedOn },
    { status: outcome.status },
  );
}

export default function EditEventPage() {
  const t = useT();
  const locale = useLocale();
  const { event, defaultValue, basedOn, levels, regions, scheduleLocks, removals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div>
      <p>
        <Link to={`/gestione/eventi/${event.id}`}>{t("events.admin.edit.back")}</Link>
      </p>
      <h1>
        {messageWith(
          t,
          "events.admin.edit.title",
          {},
          {
            title: <span lang={partLang(event.titleLanguage, locale)}>{event.title}</span>,
          },
        )}
      </h1>
      {event.status === "pubblicato" ? (
        <div className="alert alert-warning">{t("events.admin.edit.publishedWarning")}</div>
      ) : null}
      <EventForm
        id={`event-${event.id}`}
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        levels={levels}
        regions={regions}
        submitLabel={t("events.admin.edit.submit")}
        submitting={navigation.state === "submitting"}
        scheduleLocks={scheduleLocks}
        removals={removals}
        // The loader runs again after every submission: the form keeps the fingerprint it was filled in from
        // (the action echoes it), so an error then a save cannot silently overwrite a change made meanwhile.
        basedOn={actionData?.basedOn ?? basedOn}
      />
    </div>
  );
}
