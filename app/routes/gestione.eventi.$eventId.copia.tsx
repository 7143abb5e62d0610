import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { eventCopyFormSchema } from "~/forms/event-copy-form.ts";
import { useT } from "~/i18n/i18n.tsx";
import { copyEvent, loadCopySource } from "~/models/event-copy.server.ts";
import { refusalResponse, requireManagedEvent } from "~/models/event.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { toRomeDateValue } from "~/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "Copia evento · Forma" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const scope = await requireManagedEvent(actor, params.eventId ?? "");
  const event = await loadCopySource(scope.id);
  return {
    event: { id: event.id, title: event.title },
    startsOn: event.startsAt ? toRomeDateValue(event.startsAt) : "",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  // Scope first: a request about someone else's event learns nothing, valid form or not.
  const event = await requireManagedEvent(actor, params.eventId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: eventCopyFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await copyEvent(actor, event.id, submission.value.startsOn);
  if (!outcome.ok) {
    throw refusalResponse({ ok: false, status: outcome.reason === "not-found" ? 404 : 403, reason: outcome.reason });
  }
  return redirect(`/gestione/eventi/${outcome.eventId}?esito=copiato`);
}

export default function CopyEventPage() {
  const t = useT();
  const { event, startsOn } = useLoaderData<typeof loader>();
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
        <Link to={`/gestione/eventi/${event.id}`}>← {event.title}</Link>
      </p>
      <h1 className="h2">{t("events.copy.title", { title: event.title })}</h1>
      <p>{t("events.copy.intro")}</p>
      <FormErrorSummary errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <TextField field={fields.startsOn} label={t("events.copy.startsOn")} type="date" required />
        <button type="submit" className="btn btn-primary" disabled={navigation.state !== "idle"}>
          {t("events.copy.submit")}
        </button>
      </Form>
    </div>
  );
}
