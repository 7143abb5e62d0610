import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { NameFields, SchoolFields, TeacherFields, useAccountFieldLabel } from "~/components/account-fields.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { TextField } from "~/components/form-fields.tsx";
import { signupFormSchema } from "~/forms/account-forms.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { passwordSignInEnabled } from "~/models/oidc.server.ts";
import { createTeacherAccount } from "~/utils/account.server.ts";
import { getSessionUser } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp, consumeSignupAttempt } from "~/utils/rate-limit.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { rememberReturnTo, returnPathOf } from "~/utils/return-to.server.ts";
import { withReturnTo } from "~/utils/safe-redirect.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.signUp") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const returnTo = returnPathOf(new URL(request.url).searchParams.get("redirectTo"));
  if (await getSessionUser(request)) throw redirect(returnTo ?? "/eventi");
  // Without password sign-in, accounts are created at the first sign-in with an identity provider.
  if (!passwordSignInEnabled()) throw redirect("/accedi");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  // A message key: the error page says it in the reader's language.
  if (!passwordSignInEnabled()) throw new Response("forbidden.passwordSignUpOff" satisfies MessageKey, { status: 403 });
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signupFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const locale = await getLocale(request);
  const t = translator(locale);
  const verdict = await consumeSignupAttempt(clientIp(request));
  if (!verdict.allowed) {
    // Counted per network address, which a school lab or a training venue shares: the message says "rete", not
    // "indirizzo" (read under the Email field as the email refused), and how long to wait.
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    return data(
      {
        result: submission.reply({
          formErrors: [t("auth.signup.rateLimited", { minutes })],
          hideFields: ["password"],
        }),
      },
      { status: 429 },
    );
  }
  // The same answer whether the address was new or already had an account (its owner gets an
  // email instead): no session, a page that says to open the link sent by email.
  await createTeacherAccount(submission.value, locale);
  // Where she was going (e.g. an event's enrolment) survives the confirmation and the first sign-in.
  const returnTo = returnPathOf(formData.get("redirectTo"));
  if (!returnTo) return redirect("/registrati?inviata=1");
  return redirect(`/registrati?inviata=1&redirectTo=${encodeURIComponent(returnTo)}`, {
    headers: { "Set-Cookie": await rememberReturnTo(returnTo) },
  });
}

export default function SignupPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const fieldLabel = useAccountFieldLabel();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signupFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  if (searchParams.get("inviata") === "1") {
    return (
      <div className="row justify-content-center">
        <div className="col-12 col-lg-8">
          <h1 className="mb-4">{t("auth.signup.sentTitle")}</h1>
          <div className="alert alert-success" role="status">
            <p className="mb-0">{t("auth.signup.sentText")}</p>
          </div>
          <p>
            <Link to={withReturnTo("/accedi", redirectTo)}>{t("auth.signup.sentSignIn")}</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-8">
        <h1 className="mb-4">{t("auth.signup.title")}</h1>
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} lastResult={actionData?.result} labelOf={fieldLabel} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <NameFields firstName={fields.firstName} lastName={fields.lastName} />
          <TextField field={fields.email} label={t("auth.field.email")} type="email" autoComplete="email" required />
          <TextField
            field={fields.password}
            label={t("auth.field.password")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.field.passwordHint")}
            required
          />
          <SchoolFields schoolName={fields.schoolName} schoolCode={fields.schoolCode} />
          <TeacherFields
            schoolLevel={fields.schoolLevel}
            regionCode={fields.regionCode}
            professionalRole={fields.professionalRole}
          />
          <p data-testid="signup-privacy">
            {t("signup.privacy")} <Link to="/privacy">{t("signup.privacyLink")}</Link>.
          </p>
          <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
            {t("auth.signup.submit")}
          </button>
        </Form>
        <p className="mt-4">
          {t("auth.signup.haveAccount")} <Link to={withReturnTo("/accedi", redirectTo)}>{t("nav.login")}</Link>
        </p>
      </div>
    </div>
  );
}
