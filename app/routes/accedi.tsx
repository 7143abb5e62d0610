import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CheckboxField, FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { loginFormSchema } from "~/forms/account-forms.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import { passwordSignInEnabled, publicProviders } from "~/models/oidc.server.ts";
import { attemptLogin } from "~/utils/account.server.ts";
import { createUserSession, getSessionUser, safeRedirectTarget } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp } from "~/utils/rate-limit.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { forgetReturnTo, readReturnTo } from "~/utils/return-to.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { SESSION_IDLE_MINUTES, SESSION_MAX_AGE_SECONDS } from "~/domain/session-lifetime.ts";

const SESSION_DAYS = SESSION_MAX_AGE_SECONDS / 86_400;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.signIn") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) {
    throw redirect(safeRedirectTarget(new URL(request.url).searchParams.get("redirectTo"), "/eventi"));
  }
  return { providers: publicProviders(), passwordEnabled: passwordSignInEnabled() };
}

export async function action({ request }: ActionFunctionArgs) {
  if (!passwordSignInEnabled()) throw new Response("L'accesso con password non è attivo.", { status: 403 });
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: loginFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const t = translator(await getLocale(request));
  const { email, password, redirectTo, keep } = submission.value;
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
  // Without a return address in the form, the one remembered at sign-up (first sign-in after confirming).
  const remembered = await readReturnTo(request);
  const headers = new Headers({ "Set-Cookie": await createUserSession(request, outcome.userId, { keep }) });
  if (remembered) headers.append("Set-Cookie", await forgetReturnTo());
  return redirect(safeRedirectTarget(redirectTo || remembered, "/eventi"), { headers });
}

export default function LoginPage() {
  const t = useT();
  const { providers, passwordEnabled } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("auth.login.title")}</h1>
        {providers.length > 0 ? (
          <section aria-labelledby="oidc-providers" className="mb-4">
            <h2 id="oidc-providers" className="h5">
              {t("oidc.providersTitle")}
            </h2>
            {providers.map((provider) => (
              <Form key={provider.id} method="post" action={`/auth/oidc/${provider.id}`} className="mb-2">
                <input type="hidden" name="intent" value="accedi" />
                <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
                <button type="submit" className="btn btn-outline-primary w-100">
                  {provider.icon ? <img src={provider.icon} alt="" width={24} height={24} className="me-2" /> : null}
                  {provider.label}
                </button>
              </Form>
            ))}
            {passwordEnabled ? <h2 className="h5 mt-4">{t("oidc.passwordTitle")}</h2> : null}
          </section>
        ) : null}
        {passwordEnabled ? <PasswordSignIn /> : <p>{t("oidc.passwordOff")}</p>}
      </div>
    </div>
  );
}

function PasswordSignIn() {
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
    <>
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
        <CheckboxField
          field={fields.keep}
          label={t("auth.login.keep")}
          hint={t("auth.login.keepHint", { days: SESSION_DAYS, hours: SESSION_IDLE_MINUTES / 60 })}
        />
        <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
          {t("auth.login.submit")}
        </button>
      </Form>
      <p className="mt-3">
        <Link to="/password-dimenticata">{t("account.forgot.link")}</Link>
      </p>
      <p className="mt-4">
        {t("auth.login.noAccount")}{" "}
        <Link
          to={
            searchParams.get("redirectTo")
              ? `/registrati?redirectTo=${encodeURIComponent(searchParams.get("redirectTo")!)}`
              : "/registrati"
          }
        >
          {t("nav.signup")}
        </Link>
      </p>
    </>
  );
}
