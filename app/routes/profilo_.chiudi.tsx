import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxField, FormErrorSummary } from "~/components/form-fields.tsx";
import { ClosureLosses } from "~/components/closure-losses.tsx";
import { CurrentPasswordField } from "~/components/account-fields.tsx";
import { IdentityConfirmation } from "~/components/identity-confirmation.tsx";
import { closeAccountByIdentityFormSchema, closeAccountFormSchema } from "~/forms/account-forms.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import { closeAccount, closureSummary } from "~/models/account-closure.server.ts";
import { isLastNationalUnit } from "~/models/roles.server.ts";
import { checkCurrentPassword, passwordRefusalText } from "~/models/account.server.ts";
import {
  forgetReauthentication,
  hasPassword,
  reauthenticationProviders,
  recentlyReauthenticated,
} from "~/models/reauthentication.server.ts";
import { destroyUserSession, getSessionUser, loginRedirect, requireUser } from "~/utils/auth.server.ts";
import { closedJustNow, rememberClosure } from "~/utils/closure-notice.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp } from "~/utils/rate-limit.server.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { pageTitle } from "~/i18n/meta.ts";

// Right after the closure (the page signed out, loader's `closed`): the title starts with it.
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: pageTitle(matches, "title.closeAccount", null, data?.closed ? "outcome.accountClosed" : null) },
];

/**
 * An account with a password confirms with it. One without (created with SPID/CIE) cannot: it
 * signs in again with one of its identities (/auth/oidc/<provider>, intent "conferma"), which leaves
 * a proof valid for 10 minutes in this session (ADR 0082). Before, such an account could not be
 * closed at all: the page asked for a password it did not have.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  // Signed out: right after this browser's closure (the action's redirect) the page says it is done; any other
  // visit (the session ended after 2 idle hours, a bookmark opened in another browser) signs in first and comes
  // back, as every profile page does. A bare title with a link to "Forma" told them nothing, not even whether the
  // account was still open.
  if (!user) {
    if (await closedJustNow(request)) return { closed: true as const };
    throw loginRedirect(request);
  }
  const summary = await closureSummary(user.id);
  if (!summary) throw loginRedirect(request); // closed meanwhile: the session lookup refuses it from now on
  const withPassword = await hasPassword(user.id);
  const identities = withPassword
    ? null
    : await reauthenticationProviders(user.id, await getLocale(request, user.locale));
  return {
    closed: false as const,
    // What the national unit's panel says before closing someone's account (closureSummary), said to the
    // person too: the places released, the roles revoked and the events left without this trainer.
    places: summary.places,
    roles: summary.roles,
    trainerEvents: summary.trainerEvents,
    identities,
    confirmed: withPassword ? false : await recentlyReauthenticated(request, user.id),
    // Told before the password is typed: the closure would be refused (isLastNationalUnit).
    lastNationalUnit: await isLastNationalUnit(user.id),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(await getLocale(request, user.locale));
  const formData = await readForm(request);
  /** The form's reply when the closure itself is refused (the password is never sent back). */
  let refusal: (formErrors: string[]) => SubmissionResult<string[]>;
  if (await hasPassword(user.id)) {
    const submission = parseWithZod(formData, { schema: closeAccountFormSchema });
    const hide = { hideFields: ["currentPassword"] };
    if (submission.status !== "success") return data({ result: submission.reply(hide) }, { status: 400 });
    const refused = await checkCurrentPassword(user.email, submission.value.currentPassword, clientIp(request));
    if (refused) {
      return data(
        { result: submission.reply({ fieldErrors: { currentPassword: [passwordRefusalText(t, refused)] }, ...hide }) },
        { status: refused.reason === "rate-limited" ? 429 : 400 },
      );
    }
    refusal = (formErrors) => submission.reply({ formErrors, ...hide });
  } else {
    const submission = parseWithZod(formData, { schema: closeAccountByIdentityFormSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    if (!(await recentlyReauthenticated(request, user.id))) {
      return data({ result: submission.reply({ formErrors: [t("profile.close.identityRequired")] }) }, { status: 403 });
    }
    refusal = (formErrors) => submission.reply({ formErrors });
  }
  const outcome = await closeAccount(user.id, user.id);
  // Refused: the account stays open, and so does the person's session (it ends only with a closure
  // done; a closure that fails leaves the person signed in on their open account, not signed out of it).
  if (!outcome.ok && outcome.reason === "last-national-unit") {
    return data({ result: refusal([t("profile.close.lastNationalUnit")]) }, { status: 409 });
  }
  const headers = new Headers({ "Set-Cookie": await destroyUserSession(request) });
  headers.append("Set-Cookie", await forgetReauthentication());
  // The page after the closure is this one, signed out: the notice cookie makes it say the account is closed
  // (a redirect, so that reloading it posts nothing; the loader runs again after an action either way).
  headers.append("Set-Cookie", await rememberClosure());
  return redirect("/profilo/chiudi", { headers });
}

export default function CloseAccountPage() {
  const page = useLoaderData<typeof loader>();
  // Two components, not an early return: the page turns into the notice on the same route after the closure.
  return page.closed ? <ClosedNotice /> : <CloseAccountForm {...page} />;
}

/** After this browser's closure: it is done (the session is already gone). */
function ClosedNotice() {
  const t = useT();
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-8">
        <h1 className="mb-4">{t("profile.close.title")}</h1>
        <OutcomeNotice>{t("profile.close.done")}</OutcomeNotice>
        <p>
          <Link to="/eventi">Forma</Link>
        </p>
      </div>
    </div>
  );
}

function CloseAccountForm({
  places,
  roles,
  trainerEvents,
  identities,
  confirmed,
  lastNationalUnit,
}: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { closed: false }>) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // One form, with the password field only for an account that has a password.
  const [form, fields] = useForm<{ currentPassword?: string; confirm: boolean }>({
    id: "close-account",
    lastResult: actionData?.result,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: identities ? closeAccountByIdentityFormSchema : closeAccountFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-8">
        <h1 className="mb-4">{t("profile.close.title")}</h1>
        <p>{t("profile.close.intro")}</p>
        {lastNationalUnit ? (
          <div className="alert alert-warning" role="status">
            {t("profile.close.lastNationalUnit")}
          </div>
        ) : null}
        <p data-testid="close-places">{t("profile.close.places", { count: places })}</p>
        <ClosureLosses roles={roles} trainerEvents={trainerEvents} own />
        <p>
          <a href="/profilo/dati.zip" download>
            {t("profile.mydata.download")}
          </a>
        </p>
        {identities ? (
          <div className="mb-4">
            <IdentityConfirmation
              providers={identities}
              confirmed={confirmed}
              returnTo="/profilo/chiudi"
              intro={t("profile.close.identityIntro")}
              confirmedText={t("profile.close.identityConfirmed")}
            />
          </div>
        ) : null}
        <Form method="post" {...getFormProps(form)}>
          <FormErrorSummary errors={form.errors} />
          {identities ? null : <CurrentPasswordField field={fields.currentPassword} />}
          <CheckboxField field={fields.confirm} label={t("profile.close.confirm")} />
          <button type="submit" className="btn btn-danger" disabled={navigation.state === "submitting"}>
            {t("profile.close.submit")}
          </button>
        </Form>
        <p className="mt-4">
          <Link to="/profilo">{t("nav.profile")}</Link>
        </p>
      </div>
    </div>
  );
}
