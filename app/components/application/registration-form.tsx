// Enrolling in a first-come edition that asks registration questions (accessibility needs,
// subject taught…): its own form with the answers, first come first served like the others.
import type { SubmissionResult } from "@conform-to/react";
import { dayRangeText } from "~/components/catalogue/format.ts";
import { registrationFormSchema } from "~/forms/application-forms.ts";
import { useLocale, useT } from "~/i18n/i18n.tsx";
import {
  EditionQuestionsForm,
  QuestionFields,
  useEditionQuestionsForm,
  type ApplicationEdition,
} from "./application-form.tsx";

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
  const { form, answers } = useEditionQuestionsForm(
    `registration-${edition.id}`,
    registrationFormSchema(edition.questions),
    lastResult,
  );
  return (
    <EditionQuestionsForm
      form={form}
      intent="enrol"
      editionId={edition.id}
      heading={
        <>
          {t("enrol.editionLabel", { number: edition.number })}:{" "}
          {dayRangeText(t, edition.startsOn, edition.endsOn, locale)}
        </>
      }
      intro={<p className="small">{seatsText}</p>}
      questions={
        <QuestionFields questions={edition.questions} answers={answers} legend={t("sheet.registration.legend")} />
      }
      submitLabel={t("sheet.registration.submit", { number: edition.number })}
    />
  );
}
