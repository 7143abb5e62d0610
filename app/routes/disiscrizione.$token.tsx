import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/i18n.tsx";
import { unindexedPageMeta } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { unsubscribe, unsubscribeLinkTopic } from "~/models/unsubscribe.server.ts";
import { TOKEN_PAGE_REFERRER_POLICY, tokenPageHeaders } from "~/utils/security-headers.server.ts";

// A reminder's unsubscribe link (List-Unsubscribe, ADR 0077). GET shows the button and changes
// nothing (mail scanners and link previews open links); POST turns the reminders off, from the
// button or from the mail provider's one-click (RFC 8058: a POST with
// "List-Unsubscribe=One-Click", no cookie, any Origin). No session: the signed link is the proof.

// The title names what the link stops, as the heading does: the reminders, or the alerts (ADR 0088).
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  unindexedPageMeta(matches, data?.topic === "avvisi" ? "title.alerts" : "title.unsubscribe");

export const headers: HeadersFunction = tokenPageHeaders;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const topic = await unsubscribeLinkTopic(params.token ?? "");
  const valid = topic !== null;
  return data(
    { valid, topic, ...answeredOutcome(context) },
    { status: valid ? 200 : 404, headers: { "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY } },
  );
}

// The body is not read: the one-click POST's "List-Unsubscribe=One-Click" and the button's empty
// form ask for the same thing. The answer is the page itself, never a redirect.
export async function action({ params, context }: ActionFunctionArgs) {
  const topic = await unsubscribe(params.token ?? "");
  if (topic === null) return data({ done: false }, { status: 404 });
  return data({
    done: true,
    ...answerOutcome(context, topic === "avvisi" ? "outcome.alertsOff" : "outcome.remindersOff"),
  });
}

export default function UnsubscribePage() {
  const t = useT();
  const { valid, topic } = useLoaderData<typeof loader>();
  const alerts = topic === "avvisi";
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const profile = (
    <p>
      <Link to="/profilo">{t("unsubscribe.profile")}</Link>
    </p>
  );
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t(alerts ? "unsubscribe.alerts.title" : "unsubscribe.title")}</h1>
        {actionData?.done ? (
          <>
            <OutcomeNotice>
              {alerts ? t("unsubscribe.alerts.done") : `${t("unsubscribe.done")} ${t("unsubscribe.again")}`}
            </OutcomeNotice>
            {profile}
          </>
        ) : !valid || actionData ? (
          <>
            <div className="alert alert-warning" role="alert">
              {t("unsubscribe.invalid")}
            </div>
            {profile}
          </>
        ) : (
          <Form method="post">
            <p>{t(alerts ? "unsubscribe.alerts.intro" : "unsubscribe.intro")}</p>
            <p>{t("unsubscribe.keep")}</p>
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t(alerts ? "unsubscribe.alerts.submit" : "unsubscribe.submit")}
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
