import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { loginFormSchema } from "~/forms/account-forms.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import { attemptLogin } from "~/utils/account.server.ts";
import { createUserSession, getSessionUser, safeRedirectTarget } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp } from "~/utils/rate-limit.server.ts";
import { readForm } from "~/utils/form-data.server.ts";

export const meta: MetaFunction = () => [{ title: "Accedi · Forma" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) {
    throw redirect(safeRedirectTarget(new URL(request.url).searchParams.get("redirectTo"), "/eventi"));
  }
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: loginFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const t = translator(await getLocale(request));
  const { email, password, redirectTo } = submission.value;
  const outcome = await attemptLogin(email, password, clientIp(request));
  if (!outcome.ok) {
    const message =
      outcome.reason === "rate-limited"
        ? t("auth.login.rateLimited", { minutes: Math.ceil(outcome.retryAfterSeconds / 60) })
        : t("auth.login.invalid");
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: outcome.reason === "rate-limited" ? 429 : 400 },
    );
  }
  return redirect(safeRedirectTarget(redirectTo, "/eventi"), {
    headers: { "Set-Cookie": await createUserSession(request, outcome.userId) },
  });
}

export default function LoginPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("auth.login.title")}</h1>
        <Form method="post" {...getFormProps(form)}>
          <FormErrorSummary errors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <TextField field={fields.email} label={t("auth.field.email")} type="email" autoComplete="username" required />
          <TextField
            field={fields.password}
            label={t("auth.field.password")}
            type="password"
            autoComplete="current-password"
            required
          />
          <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
            {t("auth.login.submit")}
          </button>
        </Form>
        <p className="mt-3">
          <Link to="/password-dimenticata">{t("account.forgot.link")}</Link>
        </p>
        <p className="mt-4">
          {t("auth.login.noAccount")} <Link to="/registrati">{t("nav.signup")}</Link>
        </p>
      </div>
    </div>
  );
}
