import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requirePasswordSignIn } from "~/models/oidc.server.ts";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { forgotPasswordFormSchema } from "~/forms/account-forms.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import { RESET_ANSWER_MIN_MS, requestPasswordReset } from "~/models/account-tokens.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp, consumePasswordResetAttempt } from "~/utils/rate-limit.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { rememberReturnTo } from "~/utils/return-to.server.ts";
import { returnPathOf, withReturnTo } from "~/utils/safe-redirect.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.forgotPassword") }];

// The answer never says whether the address has an account (no account enumeration): a known
// address, an unknown one and one over its per-email limit all get the same "sent" page.
export function loader({ context }: LoaderFunctionArgs) {
  requirePasswordSignIn();
  // After the request (a POST without JavaScript): the title starts with it.
  return answeredOutcome(context);
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePasswordSignIn();
  const started = performance.now();
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: forgotPasswordFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sent: false }, { status: 400 });
  }
  const t = translator(await getLocale(request));
  const verdict = await consumePasswordResetAttempt(clientIp(request), submission.value.email);
  if (!verdict.ip.allowed) {
    const minutes = Math.ceil(verdict.ip.retryAfterSeconds / 60);
    return data(
      { result: submission.reply({ formErrors: [t("account.forgot.rateLimited", { minutes })] }), sent: false },
      { status: 429 },
    );
  }
  if (verdict.email.allowed) await requestPasswordReset(submission.value.email);
  // Where she was going (the event she wanted to enrol in): remembered in this browser, as the sign-up does, so the
  // sign-in after the new password (the reset page's "Accedi", opened from the email) lands there. Set whatever the
  // address: the answer must not tell known addresses apart.
  const returnTo = returnPathOf(formData.get("redirectTo"));
  const headers = returnTo ? { "Set-Cookie": await rememberReturnTo(returnTo) } : undefined;
  const wait = RESET_ANSWER_MIN_MS - (performance.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return data(
    {
      result: submission.reply({ resetForm: true }),
      sent: true,
      ...answerOutcome(context, "outcome.resetLinkRequested"),
    },
    { headers },
  );
}

export default function ForgotPasswordPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  // From /accedi?redirectTo=…: kept for the way back and for the sign-in after the new password.
  const redirectTo = returnPathOf(searchParams.get("redirectTo")) ?? "";
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("account.forgot.title")}</h1>
        {actionData?.sent ? (
          <OutcomeNotice>{t("account.forgot.sent")}</OutcomeNotice>
        ) : (
          <p>{t("account.forgot.intro")}</p>
        )}
        <Form method="post" {...getFormProps(form)}>
          <FormErrorSummary errors={form.errors} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextField field={fields.email} label={t("auth.field.email")} type="email" autoComplete="email" required />
          <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
            {t("account.forgot.submit")}
          </button>
        </Form>
        <p className="mt-4">
          <Link to={withReturnTo("/accedi", redirectTo)}>{t("account.backToLogin")}</Link>
        </p>
      </div>
    </div>
  );
}
