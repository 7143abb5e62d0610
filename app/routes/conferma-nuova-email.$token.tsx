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
import { addressLinkState, confirmEmailChange } from "~/models/account-tokens.server.ts";
import { unindexedPageMeta } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { TOKEN_PAGE_REFERRER_POLICY, tokenPageHeaders } from "~/utils/security-headers.server.ts";

export const meta: MetaFunction = ({ matches }) => unindexedPageMeta(matches, "title.confirmNewEmail");

export const headers: HeadersFunction = tokenPageHeaders;

// GET shows the new address and a button, changing nothing (mail scanners open links); the POST changes it.
export async function loader({ params, context }: LoaderFunctionArgs) {
  return data(
    { ...(await addressLinkState(params.token ?? "", "cambio-email")), ...answeredOutcome(context) },
    {
      headers: { "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY },
    },
  );
}

export async function action({ params, context }: ActionFunctionArgs) {
  const outcome = await confirmEmailChange(params.token ?? "");
  if (!outcome.ok)
    return data({ done: false, state: outcome.state }, { status: outcome.state === "taken" ? 409 : 410 });
  return data({ done: true, state: null, ...answerOutcome(context, "outcome.emailChanged") });
}

export default function ConfirmNewEmailPage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = actionData?.state ?? loaded.state;
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t("profile.emailChange.title")}</h1>
        {actionData?.done ? (
          <OutcomeNotice>{t("profile.emailChange.done")}</OutcomeNotice>
        ) : state !== "valid" ? (
          <div className="alert alert-warning" role="alert">
            {t(state === "taken" ? "profile.emailChange.taken" : spentLinkMessage(state))}{" "}
            {state === "expired" ? t("profile.emailChange.expiredHint") : null}
          </div>
        ) : (
          <Form method="post">
            <p>{t("profile.emailChange.intro", { email: loaded.address ?? "" })}</p>
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("profile.emailChange.submit")}
            </button>
          </Form>
        )}
        <p className="mt-4">
          <Link to="/profilo">{t("nav.profile")}</Link>
        </p>
      </div>
    </div>
  );
}
