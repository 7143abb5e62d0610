// GET /auth/oidc/<provider>/callback: where the provider sends the browser back. The answer is
// checked (oidc.server.ts), then: a linked identity signs its account in; a signed-in person's
// "collega" (started at /profilo/accessi after its proof) links it to the account that flow was
// started for, and to no other; a signed-in person's "conferma" proves, with one of the account's own
// identities, that its owner is there (ADR 0082); an unknown identity goes to /accedi/completa.
// Never matched by email.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/i18n/messages.ts";
import { useT } from "~/i18n/i18n.tsx";
import {
  accountOfIdentity,
  createOidcUserSession,
  linkIdentity,
  rememberPendingIdentity,
} from "~/models/identity.server.ts";
import { finishOidcSignIn, providerById } from "~/models/oidc.server.ts";
import { rememberReauthentication } from "~/models/reauthentication.server.ts";
import { getSessionUser } from "~/utils/auth.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.signingIn") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = providerById(params.provider);
  if (!provider) return data({ reason: "unknown-provider" as const, profile: false }, { status: 404 });
  const { outcome, clearCookie } = await finishOidcSignIn(provider, request);
  const headers = new Headers({ "Set-Cookie": clearCookie });
  if (!outcome.ok) {
    return data(
      { reason: outcome.reason, profile: false },
      { status: outcome.reason === "unavailable" ? 503 : 400, headers },
    );
  }
  if (outcome.intent === "conferma") {
    const user = await getSessionUser(request);
    if (!user) return data({ reason: "signed-out" as const, profile: false }, { status: 400, headers });
    const proof = await rememberReauthentication(request, user.id, outcome.identity);
    if (!proof) return data({ reason: "not-this-account" as const, profile: true }, { status: 409, headers });
    headers.append("Set-Cookie", proof);
    return redirect(outcome.redirectTo, { headers });
  }
  if (outcome.intent === "collega") {
    const user = await getSessionUser(request);
    if (!user) return data({ reason: "signed-out" as const, profile: false }, { status: 400, headers });
    // The proof was given for the account named in the flow (ADR 0014 addendum): another session links nothing.
    if (outcome.userId !== user.id) {
      return data({ reason: "link-not-confirmed" as const, profile: true }, { status: 403, headers });
    }
    const linked = await linkIdentity(user.id, outcome.identity);
    if (!linked.ok) return data({ reason: linked.reason, profile: true }, { status: 409, headers });
    return redirect(`/profilo/accessi?collegato=${encodeURIComponent(provider.id)}`, { headers });
  }
  const userId = await accountOfIdentity(outcome.identity);
  if (userId) {
    headers.append(
      "Set-Cookie",
      await createOidcUserSession(request, userId, provider.id, outcome.idToken, { keep: outcome.keep }),
    );
    return redirect(outcome.redirectTo, { headers });
  }
  headers.append(
    "Set-Cookie",
    await rememberPendingIdentity(outcome.identity, outcome.redirectTo, outcome.idToken, outcome.keep),
  );
  return redirect("/accedi/completa", { headers });
}

export default function OidcCallbackPage() {
  const t = useT();
  const { reason, profile } = useLoaderData<typeof loader>();
  const message = reason === "unknown-provider" ? t("oidc.unknownProvider") : t(`oidc.error.${reason}` as MessageKey);
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("oidc.error.title")}</h1>
        <div className="alert alert-danger" role="alert">
          {message}
        </div>
        {profile ? (
          <Link to="/profilo/accessi">{t("oidc.profile.title")}</Link>
        ) : (
          <Link to="/accedi">{t("oidc.error.backToLogin")}</Link>
        )}
      </div>
    </div>
  );
}
