import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EventForm } from "~/components/event-form.tsx";
import { eventFormSchema } from "~/forms/event-form.ts";
import { useT } from "~/i18n/i18n.tsx";
import { createEvent, formChoicesFor, newEventDefaults, refusalResponse } from "~/models/event.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.newEvent") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  return { ...formChoicesFor(actor), defaultValue: newEventDefaults(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const submission = parseWithZod(await readForm(request), { schema: eventFormSchema });
  if (submission.status !== "success") {
    // Adding or removing an edition or a session (no JavaScript) also comes back here, without errors.
    return data({ result: submission.reply() }, { status: submission.status === "error" ? 400 : 200 });
  }
  const outcome = await createEvent(actor, submission.value);
  if (!outcome.ok) throw refusalResponse(outcome);
  return redirect(`/gestione/eventi/${outcome.eventId}?esito=salvato`);
}

export default function NewEventPage() {
  const t = useT();
  const { levels, regions, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div>
      <p>
        <Link to="/gestione/eventi">{t("events.admin.detail.backToList")}</Link>
      </p>
      <h1>{t("events.admin.new.title")}</h1>
      <p>{t("events.admin.new.intro")}</p>
      <EventForm
        id="event-new"
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        levels={levels}
        regions={regions}
        submitLabel={t("events.admin.new.submit")}
        submitting={navigation.state === "submitting"}
      />
    </div>
  );
}
