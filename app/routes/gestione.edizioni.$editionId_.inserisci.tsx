// /gestione/edizioni/:id/inserisci: the organiser places a teacher in the edition by email
// (issue 15, item 2): a preview says what the address is (found, unknown, already placed, not
// eligible with an override and a reason), then the place goes through the seat ledger — a seat,
// or the waitlist when the edition is full. Audited and told to the teacher (placement.server.ts).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CheckboxField, FormErrorSummary, TextAreaField, TextField } from "~/components/form-fields.tsx";
import { PLACEMENT_REASON_MAX, PLACEMENT_REASON_MIN } from "~/domain/placement.ts";
import { placementFormSchema } from "~/forms/placement-form.ts";
import { useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { requireManagedEdition } from "~/models/edition-scope.server.ts";
import { loadPlacementPage, placeTeacher, previewPlacement, type PlacementPreview } from "~/models/placement.server.ts";
import { requireOrganiser } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Inserisci partecipanti · ${data.edition.event.title} · Forma` : "Inserisci partecipanti · Forma",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireOrganiser(request);
  const { id } = await requireManagedEdition(actor, idParam(params.editionId));
  return loadPlacementPage(id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Scope first: a request about another region's edition learns nothing and changes nothing.
  const { user, actor } = await requireOrganiser(request);
  const { id } = await requireManagedEdition(actor, idParam(params.editionId));
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: placementFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), preview: null }, { status: 400 });
  const form = submission.value;
  if (form.intent === "anteprima") {
    return { result: submission.reply(), preview: (await previewPlacement(id, form.email)) as PlacementPreview | null };
  }
  const outcome = await placeTeacher(user.id, id, {
    email: form.email,
    override: form.override,
    reason: form.reason ?? null,
  });
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({ formErrors: [`placement.error.${outcome.reason}`] }),
        preview: (await previewPlacement(id, form.email)) as PlacementPreview | null,
      },
      { status: outcome.reason === "unknown" ? 404 : 409 },
    );
  }
  return redirect(`/gestione/edizioni/${id}/inserisci?inserito=${outcome.status}`);
}

export default function PlacementPage() {
  const { edition, full } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const t = useT();
  const [form, fields] = useForm({
    id: "inserisci-partecipante",
    lastResult: actionData?.result ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: placementFormSchema }),
    shouldValidate: "onSubmit",
  });
  const preview = actionData?.preview ?? null;
  const done = params.get("inserito");
  const busy = navigation.state !== "idle";
  const checkText = (p: PlacementPreview) =>
    t(`placement.check.${p.check}` as MessageKey, {
      name: p.name ?? "",
      email: p.email,
      reasons: p.reasons.map((r) => t(`placement.reason.${r}` as MessageKey)).join(", "),
    });
  return (
    <div>
      <p className="mb-1">
        <Link to={`/gestione/edizioni/${edition.id}`}>← {t("placement.back")}</Link>
      </p>
      <h1 className="h2">{t("placement.title")}</h1>
      <p className="lead">{t("placement.edition", { title: edition.event.title, number: edition.number })}</p>
      {done === "iscritto" || done === "in-attesa" ? (
        <div className="alert alert-success" role="status" data-testid="placement-done">
          {t(`placement.done.${done}`)}
        </div>
      ) : null}
      <p>{t("placement.intro")}</p>
      {full ? (
        <p className="alert alert-warning" data-testid="placement-full">
          {t("placement.full")}
        </p>
      ) : null}
      <FormErrorSummary errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <TextField field={fields.email} label={t("placement.email")} type="email" required />
        <button type="submit" name="intent" value="anteprima" className="btn btn-outline-primary" disabled={busy}>
          {t("placement.previewButton")}
        </button>
        {preview ? (
          <section aria-labelledby="preview-title" className="mt-4">
            <h2 id="preview-title" className="h4">
              {t("placement.previewTitle")}
            </h2>
            <p data-testid="placement-check" data-check={preview.check}>
              {checkText(preview)}
            </p>
            {preview.check === "not-eligible" ? (
              <>
                <CheckboxField field={fields.override} label={t("placement.override")} />
                <TextAreaField
                  field={fields.reason}
                  label={t("placement.reason")}
                  hint={t("placement.reasonHint", { min: PLACEMENT_REASON_MIN, max: PLACEMENT_REASON_MAX })}
                  rows={3}
                />
              </>
            ) : null}
            {preview.check === "found" || preview.check === "not-eligible" ? (
              <button type="submit" name="intent" value="inserisci" className="btn btn-primary" disabled={busy}>
                {t("placement.submit")}
              </button>
            ) : null}
            {full && (preview.check === "found" || preview.check === "not-eligible") ? (
              <p className="mt-2">{t("placement.full")}</p>
            ) : null}
          </section>
        ) : null}
      </Form>
    </div>
  );
}
