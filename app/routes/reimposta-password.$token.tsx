import { getFormProps, useForm } from "@conform-to/react";
import { requirePasswordSignIn } from "~/models/oidc.server.ts";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { resetPasswordFormSchema } from "~/forms/account-forms.ts";
import { spentLinkMessage } from "~/components/token-link-problem.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { resetLinkOf, resetPassword, tokenState } from "~/models/account-tokens.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp, consumePasswordResetPost } from "~/utils/rate-limit.server.ts";
import { answeredOutcomeOf, unindexedPageMeta } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { TOKEN_PAGE_REFERRER_POLICY, tokenPageHeaders } from "~/utils/security-headers.server.ts";

// An account without a password chooses its first one (setsFirstPassword): "Scegli una password", and once it is set
// (the action's outcome, on a document POST and in the browser alike) still so.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  unindexedPageMeta(
    matches,
    data?.firstPassword || answeredOutcomeOf(matches) === "outcome.passwordSet"
      ? "title.choosePassword"
      : "title.resetPassword",
  );

// The token is in the URL: never send it on, not even to Forma's own assets (TOKEN_PAGE_REFERRER_POLICY).
export const headers: HeadersFunction = tokenPageHeaders;

// GET only looks at the token (and whether the account has a password to replace); the POST uses it.
export async function loader({ params, context }: LoaderFunctionArgs) {
  requirePasswordSignIn();
  return data(
    { ...(await resetLinkOf(params.token ?? "")), ...answeredOutcome(context) },
    { headers: { "Referrer-Policy": TOKEN_PAGE_REFERRER_POLICY } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePasswordSignIn();
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: resetPasswordFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), done: false, state: null }, { status: 400 });
  }
  const token = params.token ?? "";
  // The link first (one read), then the count, then the hashing: a link that cannot work costs nothing and
  // counts nothing; one that can is counted per network address before argon2 runs.
  const state = await tokenState(token, "reimposta-password");
  if (state !== "valid") {
    return data({ result: submission.reply({ hideFields: ["password"] }), done: false, state }, { status: 410 });
  }
  const verdict = await consumePasswordResetPost(clientIp(request));
  if (!verdict.allowed) {
    const t = translator(await getLocale(request));
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    const reply = submission.reply({
      formErrors: [t("account.reset.rateLimited", { minutes })],
      hideFields: ["password"],
    });
    return data({ result: reply, done: false, state: null }, { status: 429 });
  }
  const outcome = await resetPassword(token, submission.value.password);
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ hideFields: ["password"] }), done: false, state: outcome.state },
      { status: 410 },
    );
  }
  return data({
    result: submission.reply({ resetForm: true }),
    done: true,
    state: null,
    firstPassword: outcome.firstPassword,
    ...answerOutcome(context, outcome.firstPassword ? "outcome.passwordSet" : "outcome.passwordChanged"),
  });
}

const NEW_PASSWORD_TEXTS = {
  title: "account.reset.title",
  intro: "account.reset.intro",
  submit: "account.reset.submit",
  done: "account.reset.done",
} as const satisfies Record<string, MessageKey>;
const FIRST_PASSWORD_TEXTS = {
  title: "account.reset.firstTitle",
  intro: "account.reset.firstIntro",
  submit: "account.reset.firstSubmit",
  done: "account.reset.firstDone",
} as const satisfies Record<string, MessageKey>;

export default function ResetPasswordPage() {
  const t = useT();
  const { state: loaded, firstPassword: loadedFirst } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const state = actionData?.state ?? loaded;
  // The account had no password: it chooses one, not a new one (the reset email's firstPassword, by the same rule).
  const first = actionData && "firstPassword" in actionData ? actionData.firstPassword : loadedFirst;
  const texts = first ? FIRST_PASSWORD_TEXTS : NEW_PASSWORD_TEXTS;
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <h1 className="mb-4">{t(texts.title)}</h1>
        {actionData?.done ? (
          <>
            <OutcomeNotice>{t(texts.done)}</OutcomeNotice>
            <Link to="/accedi" className="btn btn-primary">
              {t("auth.login.submit")}
            </Link>
          </>
        ) : state !== "valid" ? (
          <>
            <div className="alert alert-warning" role="alert">
              {t(spentLinkMessage(state))}
            </div>
            <Link to="/password-dimenticata">{t("account.token.askAgain")}</Link>
          </>
        ) : (
          <Form method="post" {...getFormProps(form)}>
            <p>{t(texts.intro)}</p>
            <FormErrorSummary errors={form.errors} />
            <TextField
              field={fields.password}
              label={t("auth.field.password")}
              type="password"
              autoComplete="new-password"
              hint={t("auth.field.passwordHint")}
              required
            />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t(texts.submit)}
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
