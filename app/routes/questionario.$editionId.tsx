// The satisfaction questionnaire a teacher answers before downloading the certificate. Answers are
// stored anonymously (app/models/questionnaire.server.ts); answering twice is refused gracefully.
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { IdleSessionNoScriptNote } from "~/components/idle-session-dialog.tsx";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CertificateDownloads } from "~/components/certificate-downloads.tsx";
import { FieldErrors, FormErrorSummary, TextAreaField } from "~/components/form-fields.tsx";
import { QUESTIONS, SCALE, SCALE_LABELS } from "~/domain/questionnaire.ts";
import { questionnaireSchema } from "~/forms/questionnaire-form.ts";
import { partLang, useLocale, useT } from "~/i18n/i18n.tsx";
import { hasAnswered, questionnaireEdition, submitQuestionnaire } from "~/models/questionnaire.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { idParam } from "~/utils/route-params.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  {
    title: pageTitle(matches, "title.questionnaire", data?.edition.event.title, outcomeOf(location.search, data)),
  },
];

/** What the address the action redirected to says was just done (?inviato=1, ?gia=1), as the title's outcome. */
function outcomeOf(search: string, data: { answered: boolean } | undefined) {
  if (!data?.answered) return null;
  const params = new URLSearchParams(search);
  if (params.get("inviato")) return "outcome.questionnaireSent" as const;
  if (params.get("gia")) return "outcome.questionnaireAlready" as const;
  return null;
}

async function requireQuestionnaire(userId: string, editionId: string) {
  const edition = await questionnaireEdition(userId, editionId);
  if (!edition) throw new Response("Il questionario di questa edizione non è disponibile per te.", { status: 404 });
  return edition;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireQuestionnaire(user.id, idParam(params.editionId));
  return {
    edition: { id: edition.id, number: edition.number, event: edition.event },
    certificateId: edition.certificateId,
    answered: await hasAnswered(user.id, edition.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const edition = await requireQuestionnaire(user.id, idParam(params.editionId));
  const submission = parseWithZod(await readForm(request), { schema: questionnaireSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await submitQuestionnaire(user.id, edition.id, submission.value);
  return redirect(`/questionario/${edition.id}?${outcome === "registrato" ? "inviato=1" : "gia=1"}`);
}

function LikertQuestion({ field, label }: { field: FieldMetadata<number>; label: string }) {
  const t = useT();
  const locale = useLocale();
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset
      className="mb-4"
      aria-describedby={invalid ? field.errorId : undefined}
      aria-invalid={invalid || undefined}
    >
      <legend className="h6 mb-2">
        {label} <span aria-hidden="true">*</span>
        <span className="visually-hidden">{t("certificates.questionnaire.required")}</span>
      </legend>
      <div className="d-flex flex-wrap gap-3">
        {SCALE.map((score) => {
          const id = `${field.id}-${score}`;
          return (
            // mt-0: Bootstrap Italia puts a margin above every check after the first, so the second option of a
            // row sat 8 px below the first on a phone; the row's gap spaces them (review as a teacher, 08/12/2026).
            <div key={score} className="form-check form-check-inline mt-0">
              <input
                className="form-check-input"
                type="radio"
                id={id}
                name={field.name}
                value={String(score)}
                defaultChecked={field.initialValue === String(score)}
                required
              />
              <label className="form-check-label" htmlFor={id}>
                {score} – {SCALE_LABELS[score][locale]}
              </label>
            </div>
          );
        })}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export default function Questionnaire() {
  const { edition, certificateId, answered } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "questionnaire",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: questionnaireSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="container my-4">
      <h1>{t("certificates.questionnaire.title")}</h1>
      <p className="lead">
        <span lang={partLang(edition.event.titleLanguage, locale)}>{edition.event.title}</span> —{" "}
        {t("attendance.home.editionNumber", { number: edition.number })}
      </p>
      {answered ? (
        <>
          {/* Just sent (or sent before, the action said so): the outcome, in the title too (meta). */}
          {params.get("inviato") ? (
            <OutcomeNotice>{t("certificates.questionnaire.thanks")}</OutcomeNotice>
          ) : params.get("gia") ? (
            <OutcomeNotice tone="info">{t("certificates.questionnaire.already")}</OutcomeNotice>
          ) : (
            <p className="alert alert-success" role="status">
              {t("certificates.questionnaire.already")}
            </p>
          )}
          {/* Both downloads: a teacher sent here by "PDF in inglese" finds the English one again (ADR 0096). */}
          <p data-testid="questionnaire-downloads">
            <CertificateDownloads certificateId={certificateId} />
          </p>
        </>
      ) : (
        <>
          <p>{t("certificates.questionnaire.intro")}</p>
          <FormErrorSummary errors={form.errors} />
          {fields && Object.values(fields).some((f) => f.errors?.length) ? (
            <div className="alert alert-danger" role="alert">
              {t("certificates.questionnaire.errors")}
            </div>
          ) : null}
          <IdleSessionNoScriptNote />
          <Form method="post" {...getFormProps(form)}>
            {QUESTIONS.map((q) => (
              <LikertQuestion key={q.id} field={fields[q.id] as unknown as FieldMetadata<number>} label={q[locale]} />
            ))}
            <TextAreaField
              field={fields.comment as FieldMetadata<string | undefined>}
              label={t("certificates.questionnaire.comment")}
              hint={t("certificates.questionnaire.commentHint")}
              rows={4}
            />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("certificates.questionnaire.submit")}
            </button>
          </Form>
        </>
      )}
      <p className="mt-4">
        <Link to="/le-mie-iscrizioni">{t("certificates.backToEnrolments")}</Link>
      </p>
    </div>
  );
}
