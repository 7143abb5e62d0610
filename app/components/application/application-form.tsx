// The teacher's application for one edition: motivation and the organiser's questions.
// Accessible Conform fields (labels, errors linked with aria-describedby); works without JS.
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { FormErrorSummary, SelectField, TextAreaField } from "~/components/form-fields.tsx";
import type { Question } from "~/domain/application.ts";
import { applicationFormSchema } from "~/forms/application-forms.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { formatDateTime, formatShortDate } from "~/utils/dates.ts";

export type ApplicationEdition = {
  id: string;
  number: number;
  startsOn: Date | string;
  endsOn: Date | string;
  enrolmentClosesAt: Date | string;
  questions: Question[];
};

export function ApplicationForm({
  edition,
  lastResult,
}: {
  edition: ApplicationEdition;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const schema = applicationFormSchema(edition.questions);
  const [form, fields] = useForm({
    id: `application-${edition.id}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const answers = fields.answers.getFieldset() as Record<string, FieldMetadata<string | undefined>>;
  const headingId = `${form.id}-heading`;
  return (
    <section aria-labelledby={headingId} className="mb-5">
      <h2 id={headingId} className="h4">
        {t("applications.form.heading")} · {t("enrol.editionLabel", { number: edition.number })}:{" "}
        {formatShortDate(edition.startsOn, locale)} – {formatShortDate(edition.endsOn, locale)}
      </h2>
      <p>{t("applications.form.intro", { date: formatDateTime(edition.enrolmentClosesAt, locale) })}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary errors={form.errors} />
        <input type="hidden" name="intent" value="apply" />
        <input type="hidden" name="editionId" value={edition.id} />
        <TextAreaField
          field={fields.motivation}
          label={t("applications.form.motivation")}
          hint={t("applications.form.motivationHint")}
          rows={6}
          required
        />
        <QuestionFields questions={edition.questions} answers={answers} legend={t("applications.form.questions")} />
        <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
          {t("applications.form.submit")}
        </button>
      </Form>
    </section>
  );
}

/** One field per question (a choice or free text); optional questions are not marked required. */
export function QuestionFields({
  questions,
  answers,
  legend,
}: {
  questions: readonly Question[];
  answers: Record<string, FieldMetadata<string | undefined>>;
  legend: string;
}) {
  if (questions.length === 0) return null;
  return (
    <fieldset className="mb-3">
      <legend className="h5">{legend}</legend>
      {questions.map((q) => {
        const field = answers[q.id]!;
        return q.kind === "scelta" ? (
          <SelectField
            key={q.id}
            field={field}
            label={q.label}
            choices={q.options.map((o) => ({ value: o, label: o }))}
            required={!q.optional}
          />
        ) : (
          <TextAreaField key={q.id} field={field} label={q.label} rows={3} required={!q.optional} />
        );
      })}
    </fieldset>
  );
}
