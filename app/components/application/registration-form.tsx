// Enrolling in a first-come edition that asks registration questions (accessibility needs,
// subject taught…): its own form with the answers, first come first served like the others.
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { FormErrorSummary } from "~/components/form-fields.tsx";
import { registrationFormSchema } from "~/forms/application-forms.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import { formatShortDate } from "~/utils/dates.ts";
import { QuestionFields, type ApplicationEdition } from "./application-form.tsx";

export function RegistrationForm({
  edition,
  seatsText,
  lastResult,
}: {
  edition: Omit<ApplicationEdition, "enrolmentClosesAt">;
  /** Seats left, unlimited or full (the sentence the first-come list shows). */
  seatsText: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const schema = registrationFormSchema(edition.questions);
  const [form, fields] = useForm({
    id: `registration-${edition.id}`,
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
        {t("enrol.editionLabel", { number: edition.number })}: {formatShortDate(edition.startsOn, locale)} –{" "}
        {formatShortDate(edition.endsOn, locale)}
      </h2>
      <p className="small">{seatsText}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrorSummary errors={form.errors} />
        <input type="hidden" name="intent" value="enrol" />
        <input type="hidden" name="editionId" value={edition.id} />
        <QuestionFields questions={edition.questions} answers={answers} legend={t("sheet.registration.legend")} />
        <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
          {t("sheet.registration.submit", { number: edition.number })}
        </button>
      </Form>
    </section>
  );
}
