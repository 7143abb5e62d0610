import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SpentConfirmationLink } from "~/components/spent-confirmation-link.tsx";
import { useT } from "~/i18n/i18n.tsx";
import { confirmEmail, emailConfirmationOf } from "~/models/account-tokens.server.ts";
import { identityProviderName } from "~/models/oidc.server.ts";
import { getSessionUser } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { unindexedPageMeta } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { readReturnTo } from "~/utils/return-to.server.ts";
import { TOKEN_PAGE_REFERRER_POLICY, tokenPageHeaders } from "~/utils/security-headers.server.ts";

export const meta: MetaFunction = ({ matches }) => unindexedPageMeta(matches, "title.confirmEmail");

export const headers: HeadersFunction = tokenPageHeaders;

// GET shows the button and changes nothing (mail scanners open links); the POST confirms. An account made
// with an identity says whose it is first (ADR 0014): the address may be someone else's.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { state, madeWith } = await emailConfirmationOf(params.token ?? "");
  // The provider in the page's language (its labelEn in English), chosen as the root chooses it.
  const locale = madeWith ? await getLocale(request, (await getSessionUser(request, context))?.locale) : "it";
  return data(
    {
      state,
      // A provider removed from OIDC_PROVIDERS since the account was made: named as what it was, not by its bare id.
      madeWith: madeWith ? madeWithOf(madeWith.provider, madeWith.name, locale) : null,
      // Where she was going when she signed up (this browser): the sign-in link continues there.
      returnTo: await readReturnTo(request),
      // After the confirmation (a POST without JavaScript): the title starts with it.
      ...answeredOutcome(context),
    },
    { headers: { "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY } },
  );
}

/**
 * Whose account and made with what: the provider's label, or, when it has been removed from the configuration since,
 * "un fornitore di identità che Forma non offre più (spid-old)" in a sentence of its own (no guillemets: it is not a
 * label, ADR 0014, addendum of 07/12/2026). The sentence tells how the account was made, not how to sign in: the
 * provider is still what identifies it, so it is named, as what it was.
 */
function madeWithOf(id: string, name: string, locale: Locale) {
  const { label, gone } = identityProviderName(id, locale);
  return { provider: label, gone, name };
}

export async function action({ params, context }: ActionFunctionArgs) {
  const outcome = await confirmEmail(params.token ?? "");
  if (!outcome.ok) return data({ done: false, state: outcome.state }, { status: 410 });
  return data({ done: true, state: null, ...answerOutcome(context, "outcome.emailConfirmed") });
}

export default function ConfirmEmailPage() {
  const t = useT();
  const { state: loaded, returnTo, madeWith } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = actionData?.state ?? loaded;
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("account.confirm.title")}</h1>
        {actionData?.done ? (
          <>
            <OutcomeNotice>{t("account.confirm.done")}</OutcomeNotice>
            <p>
              <Link
                className="btn btn-primary"
                to={returnTo ? `/accedi?redirectTo=${encodeURIComponent(returnTo)}` : "/accedi"}
              >
                {t("auth.signup.sentSignIn")}
              </Link>
            </p>
          </>
        ) : state !== "valid" ? (
          <SpentConfirmationLink state={state} returnTo={returnTo} />
        ) : (
          <Form method="post">
            {madeWith ? (
              <div className="alert alert-warning" role="note" data-testid="confirm-made-with">
                <p>
                  {t(madeWith.gone ? "account.confirm.madeWithGone" : "account.confirm.madeWith", {
                    provider: madeWith.provider,
                    name: madeWith.name,
                  })}
                </p>
                <p className="mb-0">{t("account.confirm.notYou", { name: madeWith.name })}</p>
              </div>
            ) : null}
            <p>{t("account.confirm.intro")}</p>
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {madeWith ? t("account.confirm.submitAs", { name: madeWith.name }) : t("account.confirm.submit")}
            </button>
          </Form>
        )}
        <p className="mt-4">
          <Link to="/eventi">Forma</Link>
        </p>
      </div>
    </div>
  );
}
