// POST /auth/oidc/<provider>: starts a sign-in (or, for a signed-in person, the confirmation that
// it is them, ADR 0082) at an OpenID provider: sets the flow cookie and sends the browser there. A
// sign-in's "Mantieni l'accesso" choice rides in the signed flow cookie to the callback (ADR 0092).
// Linking an identity starts at /profilo/accessi, after its proof (ADR 0014 addendum).
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { providerLabelIn } from "~/domain/provider-label.ts";
import { oidcStartActionSchema } from "~/forms/oidc-forms.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import { OidcUnavailableError, providerById, startOidcSignIn } from "~/models/oidc.server.ts";
import { requireUser, safeRedirectTarget } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.signIn") }];

export function loader() {
  return redirect("/accedi");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = await getLocale(request);
  const t = translator(locale);
  const provider = providerById(params.provider);
  if (!provider) return data({ message: t("oidc.unknownProvider") }, { status: 404 });
  const submission = parseWithZod(await readForm(request), { schema: oidcStartActionSchema });
  if (submission.status !== "success") return data({ message: t("oidc.error.bad-request") }, { status: 400 });
  const { intent } = submission.value;
  if (intent !== "accedi") await requireUser(request);
  const fallback = { accedi: "/eventi", conferma: "/profilo/chiudi" }[intent];
  const redirectTo = safeRedirectTarget(submission.value.redirectTo, fallback);
  try {
    const keep = submission.value.intent === "accedi" && submission.value.keep;
    const { url, setCookie } = await startOidcSignIn(provider, intent, redirectTo, { keep });
    return redirect(url, { headers: { "Set-Cookie": setCookie } });
  } catch (error) {
    if (error instanceof OidcUnavailableError) {
      return data({ message: t("oidc.unavailable", { provider: providerLabelIn(provider, locale) }) }, { status: 503 });
    }
    throw error;
  }
}

export default function OidcStartPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("oidc.error.title")}</h1>
        <div className="alert alert-danger" role="alert">
          {actionData?.message ?? t("oidc.error.transaction")}
        </div>
        <Link to="/accedi">{t("oidc.error.backToLogin")}</Link>
      </div>
    </div>
  );
}
