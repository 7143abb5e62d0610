import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CheckboxField, FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { loginFormSchema } from "~/forms/account-forms.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import { passwordSignInEnabled, publicProviders, requirePasswordSignIn } from "~/models/oidc.server.ts";
import { attemptLogin } from "~/utils/account.server.ts";
import { createUserSession, getSessionUser, safeRedirectTarget } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { sessionIdOf } from "~/utils/session.server.ts";
import { clientIp } from "~/utils/rate-limit.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { forgetReturnTo, readReturnTo } from "~/utils/return-to.server.ts";
import { withReturnTo } from "~/utils/safe-redirect.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { SESSION_IDLE_MINUTES, SESSION_MAX_AGE_SECONDS, SESSION_RESUMED_PATH } from "~/domain/session-lifetime.ts";

const SESSION_DAYS = SESSION_MAX_AGE_SECONDS / 86_400;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.signIn") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) {
    throw redirect(safeRedirectTarget(new URL(request.url).searchParams.get("redirectTo"), "/eventi"));
  }
  // The browser still holds a session cookie that no longer signs anyone in: the session ended (2 hours
  // idle without "Mantieni l'accesso", ADR 0089, or ended from another device). Say so: a person sent
  // here from a form they had filled in would otherwise not know why, nor that it was not saved.
  const sessionEnded = (await sessionIdOf(request)) !== null;
  return {
    providers: publicProviders(await getLocale(request)),
    passwordEnabled: passwordSignInEnabled(),
    sessionEnded,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  // Reached only by a stale page or a crafted POST: 403, said in both languages as the password pages' 404 is.
  requirePasswordSignIn(403);
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
  const { providers, passwordEnabled, sessionEnded } = useLoaderData<typeof loader>();
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
  const keepHint = t("auth.login.keepHint", { days: SESSION_DAYS, hours: SESSION_IDLE_MINUTES / 60 });
  const submitting = navigation.state === "submitting";
  const redirectTo = <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />;
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("auth.login.title")}</h1>
        {sessionEnded && !actionData ? (
          <div className="alert alert-info" role="status">
            <p className="mb-0">
              {/* Opened from the idle dialog's "Accedi di nuovo" (ADR 0094): the page left in the other tab
                  keeps what was typed there. */}
              {searchParams.get("redirectTo")?.split("?")[0] === SESSION_RESUMED_PATH
                ? t("session.signInToResume")
                : t("auth.login.sessionEnded", { hours: SESSION_IDLE_MINUTES / 60 })}
            </p>
          </div>
        ) : null}
        {/* The providers' buttons are a form of their own (ADR 0097): a form sends every field it owns, so in
            the password's form they posted the typed password to /auth/oidc/<id>. Each form has its own "Mantieni
            l'accesso" (one checkbox cannot belong to two forms, and without JavaScript nothing can copy it), each
            with its own name: two controls called alike left a screen reader's list of fields ambiguous (WCAG 2.4.6). */}
        {providers.length > 0 ? (
          <Form method="post" id="oidc-start" className="mb-4">
            <section aria-labelledby="oidc-providers">
              <h2 id="oidc-providers" className="h5">
                {t("oidc.providersTitle")}
              </h2>
              {redirectTo}
              <KeepSignedIn id="oidc-start-keep" label={t("auth.login.keepProvider")} hint={keepHint} />
              {providers.map((provider) => (
                <button
                  key={provider.id}
                  type="submit"
                  name="intent"
                  value="accedi"
                  formAction={`/auth/oidc/${provider.id}`}
                  className="btn btn-outline-primary w-100 mb-2"
                  disabled={submitting}
                >
                  {provider.icon ? <img src={provider.icon} alt="" width={24} height={24} className="me-2" /> : null}
                  {provider.label}
                </button>
              ))}
            </section>
          </Form>
        ) : null}
        {passwordEnabled ? (
          <Form
            method="post"
            {...getFormProps(form)}
            aria-labelledby={providers.length > 0 ? "password-sign-in" : undefined}
          >
            {providers.length > 0 ? (
              <h2 id="password-sign-in" className="h5">
                {t("oidc.passwordTitle")}
              </h2>
            ) : null}
            <FormErrorSummary errors={form.errors} />
            {redirectTo}
            <TextField
              field={fields.email}
              label={t("auth.field.email")}
              type="email"
              autoComplete="username"
              required
            />
            <TextField
              field={fields.password}
              label={t("auth.field.password")}
              type="password"
              autoComplete="current-password"
              required
            />
            <CheckboxField field={fields.keep} label={t("auth.login.keep")} hint={keepHint} />
            <button type="submit" className="btn btn-primary" disabled={submitting}>
              {t("auth.login.submit")}
            </button>
          </Form>
        ) : (
          <p>{t("oidc.passwordOff")}</p>
        )}
        {passwordEnabled ? <PasswordLinks /> : null}
      </div>
    </div>
  );
}

/** "Mantieni su questo dispositivo l'accesso con identità digitale", the providers' form's own (no Conform there: nothing to validate). */
function KeepSignedIn({ id, label, hint }: { id: string; label: string; hint: string }) {
  return (
    <div className="form-group">
      <div className="form-check">
        <input type="checkbox" id={id} name="keep" aria-describedby={`${id}-hint`} />
        <label htmlFor={id}>{label}</label>
      </div>
      <small id={`${id}-hint`} className="form-text">
        {hint}
      </small>
    </div>
  );
}

/** "Password dimenticata?" and "Registrati", both keeping where the person was going (?redirectTo=, if valid). */
function PasswordLinks() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  return (
    <>
      <p className="mt-3">
        <Link to={withReturnTo("/password-dimenticata", redirectTo)}>{t("account.forgot.link")}</Link>
      </p>
      <p className="mt-4">
        {t("auth.login.noAccount")} <Link to={withReturnTo("/registrati", redirectTo)}>{t("nav.signup")}</Link>
      </p>
    </>
  );
}
