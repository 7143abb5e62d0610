// /ripristina-email/:token: the link of the notice sent to the address an account left (email-modificata).
// "It was not me": the account gets that address back, its sessions end and its password goes (ADR 0082
// addendum). GET shows what will happen and changes nothing (mail scanners open links); the POST restores.
// With PASSWORD_SIGN_IN=off there is no «Password dimenticata?» (it answers 404): the page says to sign in
// with the digital identity instead.
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { spentLinkMessage } from "~/components/token-link-problem.ts";
import { useT } from "~/i18n/i18n.tsx";
import { addressLinkState, restoreEmail } from "~/models/account-tokens.server.ts";
import { passwordSignInEnabled } from "~/models/oidc.server.ts";
import { unindexedPageMeta } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { TOKEN_PAGE_REFERRER_POLICY, tokenPageHeaders } from "~/utils/security-headers.server.ts";

export const meta: MetaFunction = ({ matches }) => unindexedPageMeta(matches, "title.restoreEmail");

export const headers: HeadersFunction = tokenPageHeaders;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const link = await addressLinkState(params.token ?? "", "ripristina-email");
  return data(
    { ...link, passwordSignIn: passwordSignInEnabled(), ...answeredOutcome(context) },
    { headers: { "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY } },
  );
}

export async function action({ params, context }: ActionFunctionArgs) {
  const outcome = await restoreEmail(params.token ?? "");
  if (!outcome.ok)
    return data(
      { done: false, state: outcome.state, address: null },
      { status: outcome.state === "taken" ? 409 : 410 },
    );
  return data({
    done: true,
    state: null,
    address: outcome.address,
    ...answerOutcome(context, "outcome.emailRestored"),
  });
}

export default function RestoreEmailPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = actionData?.state ?? loaded.state;
  const withPassword = loaded.passwordSignIn;
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("account.restore.title")}</h1>
        {actionData?.done ? (
          <>
            <OutcomeNotice>
              {t(withPassword ? "account.restore.done" : "account.restore.doneIdentity", {
                email: actionData.address ?? "",
              })}
            </OutcomeNotice>
            <p>
              {withPassword ? (
                <Link className="btn btn-primary" to="/password-dimenticata">
                  {t("account.restore.choosePassword")}
                </Link>
              ) : (
                <Link className="btn btn-primary" to="/accedi">
                  {t("auth.login.submit")}
                </Link>
              )}
            </p>
          </>
        ) : state !== "valid" ? (
          <div className="alert alert-warning" role="alert">
            {t(state === "taken" ? "account.restore.taken" : spentLinkMessage(state))}
          </div>
        ) : (
          <Form method="post">
            <p>
              {t(withPassword ? "account.restore.intro" : "account.restore.introIdentity", {
                email: loaded.address ?? "",
              })}
            </p>
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("account.restore.submit")}
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
