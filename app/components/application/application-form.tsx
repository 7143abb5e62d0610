// The teacher's application for one edition: motivation and the organiser's questions.
// Accessible Conform fields (labels, errors linked with aria-describedby); works without JS.
import { getFormProps, useForm, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { dayRangeText } from "~/components/catalogue/format.ts";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ZodTypeAny } from "zod";
import { FormErrorSummary, SelectField, TextAreaField, validateWithZod } from "~/components/form-fields.tsx";
import type { Question } from "~/domain/application.ts";
import { applicationFormSchema } from "~/forms/application-forms.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { formatDateTime } from "~/utils/dates.ts";

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
  const { form, fields, answers } = useEditionQuestionsForm(
    `application-${edition.id}`,
    applicationFormSchema(edition.questions),
    lastResult,
  );
  return (
    <EditionQuestionsForm
      form={form}
      intent="apply"
      editionId={edition.id}
      heading={
        <>
          {t("applications.form.heading")} · {t("enrol.editionLabel", { number: edition.number })}:{" "}
          {dayRangeText(t, edition.startsOn, edition.endsOn, locale)}
        </>
      }
      intro={<p>{t("applications.form.intro", { date: formatDateTime(edition.enrolmentClosesAt, locale) })}</p>}
      questions={
        <QuestionFields questions={edition.questions} answers={answers} legend={t("applications.form.questions")} />
      }
      submitLabel={t("applications.form.submit")}
    >
      <TextAreaField
        field={fields.motivation}
        label={t("applications.form.motivation")}
        hint={t("applications.form.motivationHint")}
        rows={6}
        required
      />
    </EditionQuestionsForm>
  );
}

/**
 * An application (or a registration with questions: `registration`) refused once its edition took no more (its
 * form is gone): what the teacher typed, read-only, to copy (the motivation may be 2,000 characters written over
 * twenty minutes, an answer 1,000). The page's error summary says why.
 */
export function UnsentApplication({
  edition,
  values,
  registration = false,
}: {
  edition: Omit<ApplicationEdition, "enrolmentClosesAt">;
  values: unknown;
  registration?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const typed = (values ?? {}) as { motivation?: unknown; answers?: Record<string, unknown> };
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const id = `unsent-${edition.id}`;
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="mb-5"
      data-testid={registration ? "unsent-registration" : "unsent-application"}
    >
      <h2 id={`${id}-heading`} className="h4">
        {t(registration ? "applications.unsent.registrationHeading" : "applications.unsent.heading")} ·{" "}
        {t("enrol.editionLabel", { number: edition.number })}:{" "}
        {dayRangeText(t, edition.startsOn, edition.endsOn, locale)}
      </h2>
      <p>{t(registration ? "applications.unsent.registrationIntro" : "applications.unsent.intro")}</p>
      {registration ? null : (
        <div className="form-group">
          <label htmlFor={`${id}-motivation`} className="active">
            {t("applications.form.motivation")}
          </label>
          <textarea id={`${id}-motivation`} className="form-control" rows={6} readOnly value={text(typed.motivation)} />
        </div>
      )}
      {edition.questions.map((q) => {
        const answer = text(typed.answers?.[q.id]);
        return answer ? (
          <div className="form-group" key={q.id}>
            <label htmlFor={`${id}-${q.id}`} className="active">
              {q.label}
            </label>
            <textarea id={`${id}-${q.id}`} className="form-control" rows={2} readOnly value={answer} />
          </div>
        ) : null;
      })}
    </section>
  );
}

/**
 * The Conform form of an edition's application or registration (checked on submit, like the
 * action), with the fields of the answers to the edition's questions.
 */
export function useEditionQuestionsForm<Schema extends ZodTypeAny>(
  id: string,
  schema: Schema,
  lastResult?: SubmissionResult<string[]> | null,
) {
  const [form, fields] = useForm({ id, lastResult, ...validateWithZod(schema, "onSubmit") });
  // Both schemas have `answers` (answersSchema): one field per question id.
  const { answers } = fields as unknown as { answers: FieldMetadata<Record<string, string | undefined>> };
  return { form, fields, answers: answers.getFieldset() as Record<string, FieldMetadata<string | undefined>> };
}

/**
 * The section an edition's application or registration form stands in: its heading (which names
 * the section), an introduction, then the form: errors, the edition's id, its own fields, the
 * answers to the questions and the submit button.
 */
export function EditionQuestionsForm<Schema extends Record<string, unknown>>({
  form,
  intent,
  editionId,
  heading,
  intro,
  questions,
  submitLabel,
  children,
}: {
  form: FormMetadata<Schema, string[]>;
  /** The edition page's intent, where its action has several. */
  intent?: string;
  editionId: string;
  heading: ReactNode;
  intro: ReactNode;
  /** The answers' fields (QuestionFields). */
  questions: ReactNode;
  submitLabel: string;
  /** The form's own fields, before the questions. */
  children?: ReactNode;
}) {
  const navigation = useNavigation();
  const headingId = `${form.id}-heading`;
  return (
    <section aria-labelledby={headingId} className="mb-5">
      <h2 id={headingId} className="h4">
        {heading}
      </h2>
      {intro}
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary errors={form.errors} />
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        <input type="hidden" name="editionId" value={editionId} />
        {children}
        {questions}
        <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
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
