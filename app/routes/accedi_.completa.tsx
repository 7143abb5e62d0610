// /accedi/completa: the first sign-in with an OpenID provider whose identity has no account yet.
// The person either completes a short profile (school, region, role), which creates the account,
// or proves control of an existing account by signing in with its password, which links the
// identity to it. Until then there is no Forma session: nothing else can be done.
// An account that exists already and has no password that works (made with SPID or CIE, or
// PASSWORD_SIGN_IN=off) is reached the other way round: sign in with the identity it has, then link
// this one from the profile; the page says so, and for the codice fiscale before the form is filled in.
// A pending sign-in whose provider has left OIDC_PROVIDERS since the callback is not completed at all: the page says
// why and how to sign in instead, and a POST from a page opened before is refused the same way (pendingCompletionOf).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  CurrentPasswordField,
  NameFields,
  SchoolFields,
  TeacherFields,
  useAccountFieldLabel,
} from "~/components/account-fields.tsx";
import { ErrorSummary } from "~/components/error-summary.tsx";
import { FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { failedIntentOf } from "~/forms/intent.ts";
import { oidcCompleteActionSchema, oidcLinkFormSchema, oidcProfileFormSchema } from "~/forms/oidc-forms.ts";
import { translator, useT, type Translate } from "~/i18n/i18n.tsx";
import type { Locale } from "~/domain/vocabulary.ts";
import {
  createAccountFromIdentity,
  createOidcUserSession,
  forgetPendingSignIn,
  linkIdentity,
  pendingCompletionOf,
  type RefusedSignIn,
} from "~/models/identity.server.ts";
import { waysIntoHolder, type HolderWaysIn } from "~/models/ways-in.server.ts";
import { identityProviderName, oidcProviders, passwordSignInEnabled } from "~/models/oidc.server.ts";
import { goneProvidersText, providerLabelIn } from "~/domain/provider-label.ts";
import { attemptLogin } from "~/utils/account.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { getSessionUser } from "~/utils/auth.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp, consumeIdentityCompletion } from "~/utils/rate-limit.server.ts";
import { siteContacts } from "~/utils/site-contacts.server.ts";
import { withReturnTo } from "~/utils/safe-redirect.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches, data }) => [
  {
    title: pageTitle(
      matches,
      (data as { refused?: unknown } | undefined)?.refused ? "title.signInRefused" : "title.completeProfile",
    ),
  },
];

/**
 * How the page names the provider of the pending identity: its label, plain or in guillemets where a text quotes it
 * («SPID»). A pending identity of a provider no longer configured never gets here: it is refused (pendingCompletionOf).
 */
function pendingProviderName(id: string, locale: Locale): { plain: string; quoted: string } {
  const { label } = identityProviderName(id, locale);
  return { plain: label, quoted: locale === "en" ? `“${label}”` : `«${label}»` };
}

async function requirePending(request: Request) {
  if (await getSessionUser(request)) throw redirect("/eventi");
  const completion = await pendingCompletionOf(request);
  if (!completion) throw redirect("/accedi");
  return completion;
}

/**
 * The page of a pending sign-in refused because its provider is no longer offered (ADR 0014, addendum of 07/12/2026):
 * what happened, named as every page names a removed provider, and how to sign in instead: with a password where
 * password sign-in is on, with a provider still offered where there is one, each with its link (carrying where she was
 * going).
 */
function refusedPage(refused: RefusedSignIn, locale: Locale) {
  const t = translator(locale);
  const password = passwordSignInEnabled();
  const providers = oidcProviders().length > 0;
  const provider = goneProvidersText([refused.refusedProvider], locale);
  const instead = password
    ? providers
      ? "oidc.complete.refused.passwordAndProviders"
      : "oidc.complete.refused.password"
    : "oidc.complete.refused.providers";
  return {
    message: t("oidc.complete.refused", { provider }),
    instead: t(instead),
    signIn: withReturnTo("/accedi", refused.redirectTo),
    signUp: password ? withReturnTo("/registrati", refused.redirectTo) : null,
    forgotPassword: password ? "/password-dimenticata" : null,
  };
}

/**
 * What a person is told when an account holds her codice fiscale: link it below with its password when that works,
 * otherwise sign in with the identity it has (named: the code is hers, the provider vouched for it) and link this
 * one from the profile. A provider removed from the configuration is no way in: named only when no other is left.
 * With no way in left: where password sign-in is on, a first password by «Password dimenticata?» (the link goes to
 * the account's address, which she is asked to give, never shown: the page proves the code, not the mailbox), then
 * the national unit if she no longer has that mailbox; with password sign-in off, the national unit only.
 * `provider`: the pending identity's provider as quoted (pendingProviderName).
 */
function fiscalCodeTakenMessage(t: Translate, locale: Locale, holder: HolderWaysIn, provider: string): string {
  if (holder.password) return t("oidc.complete.fiscalCodeTaken");
  if (holder.providers.length === 0) {
    const contactEmail = siteContacts().email;
    // Identities through providers removed from the configuration: no button to send her to, but they say why none
    // is left (she signed in that way before), named as what they were, not by a bare id (ADR 0014, 07/12/2026).
    const gone = holder.unavailable.length > 0 ? goneProvidersText(holder.unavailable, locale) : null;
    if (passwordSignInEnabled()) {
      const reset = t("oidc.complete.fiscalCodeReset", { provider, contactEmail });
      return gone
        ? t("oidc.complete.fiscalCodeTakenGoneReset", { gone, reset })
        : t("oidc.complete.fiscalCodeTakenNoWayInReset", { reset });
    }
    return gone
      ? t("oidc.complete.fiscalCodeTakenGone", { provider, gone, contactEmail })
      : t("oidc.complete.fiscalCodeTakenNoWayIn", { provider, contactEmail });
  }
  const quoted = holder.providers.map((name) => {
    const label = providerLabelIn(name, locale);
    return locale === "en" ? `“${label}”` : `«${label}»`;
  });
  const holderProviders = new Intl.ListFormat(locale, { type: "disjunction" }).format(quoted);
  return t("oidc.complete.fiscalCodeTakenIdentity", { provider, holderProviders });
}

/**
 * What a person is told when the address she gave belongs to an account whose password does not work (it has none, or
 * password sign-in is off): sign in with the identity it has and link this one from the profile, and, when that way is
 * gone (its provider removed from the configuration, ADR 0014 addenda of 07/12/2026), a way that proves the mailbox:
 * «Password dimenticata?» (its link goes to the address and sets a first password on an account that has none), or,
 * with password sign-in off, the national unit. One text for every such account, whatever its identities: the address
 * is not proven hers, so nothing about the account's providers is told, not even that they are gone. `provider`: the
 * pending identity's provider as quoted (pendingProviderName).
 */
function emailTakenWithoutPasswordMessage(t: Translate, provider: string): string {
  return passwordSignInEnabled()
    ? t("oidc.complete.emailTakenIdentity", { provider })
    : t("oidc.complete.emailTakenIdentityContact", { provider, contactEmail: siteContacts().email });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const completion = await requirePending(request);
  const locale = await getLocale(request);
  if (!completion.ok) {
    const headers: HeadersInit = completion.setCookie ? { "Set-Cookie": completion.setCookie } : {};
    return data({ refused: refusedPage(completion.refused, locale) }, { status: 403, headers });
  }
  const pending = completion.pending;
  const provider = pendingProviderName(pending.provider, locale);
  // The codice fiscale comes from the provider: if an account holds it already, no second account can be made, and
  // the person (whose code it is) is told now how to reach hers, not after filling in the whole form.
  const holder = pending.fiscalCode ? await waysIntoHolder({ fiscalCode: pending.fiscalCode }) : null;
  return {
    refused: null,
    provider,
    givenName: pending.givenName,
    familyName: pending.familyName,
    email: pending.email,
    fiscalCode: pending.fiscalCode,
    canLinkWithPassword: passwordSignInEnabled(),
    fiscalCodeTaken: holder
      ? {
          message: fiscalCodeTakenMessage(translator(locale), locale, holder, provider.quoted),
          withPassword: holder.password,
          // No way in left but a first password: the message points to «Password dimenticata?», drawn below it.
          offerReset: !holder.password && holder.providers.length === 0 && passwordSignInEnabled(),
        }
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const completion = await requirePending(request);
  if (!completion.ok) {
    // A page opened before the provider's removal: nothing is created or linked. The page drawn next says why (a
    // redirect, so that it does without JavaScript too, where the loader runs after this action in the same request).
    const headers: HeadersInit = completion.setCookie ? { "Set-Cookie": completion.setCookie } : {};
    throw redirect("/accedi/completa", { headers });
  }
  const pending = completion.pending;
  const locale = await getLocale(request);
  const t = translator(locale);
  const formData = await readForm(request);
  const finish = async (userId: string) => {
    const headers = new Headers({ "Set-Cookie": await forgetPendingSignIn(pending) });
    headers.append(
      "Set-Cookie",
      await createOidcUserSession(request, userId, pending.provider, pending.idToken, { keep: pending.keep === true }),
    );
    return redirect(pending.redirectTo, { headers });
  };

  const submission = parseWithZod(formData, { schema: oidcCompleteActionSchema });
  if (submission.status !== "success") {
    const intent = failedIntentOf(submission);
    if (intent === "collega") {
      return data({ intent: "collega", result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
    }
    if (intent === "crea") return data({ intent: "crea", result: submission.reply() }, { status: 400 });
    // Neither button: the profile form says so (nothing typed is lost; no password is sent back).
    const reply = submission.reply({ formErrors: [t("oidc.error.bad-request")], hideFields: ["password"] });
    return data({ intent: "crea", result: reply }, { status: 400 });
  }
  const input = submission.value;

  if (input.intent === "collega") {
    if (!passwordSignInEnabled()) {
      const provider = pendingProviderName(pending.provider, locale).quoted;
      const reply = submission.reply({
        formErrors: [t("oidc.complete.linkUnavailable", { provider })],
        hideFields: ["password"],
      });
      return data({ intent: "collega", result: reply }, { status: 403 });
    }
    const login = await attemptLogin(input.email, input.password, clientIp(request));
    if (!login.ok) {
      const message =
        login.reason === "rate-limited"
          ? t("auth.login.rateLimited", { minutes: Math.ceil(login.retryAfterSeconds / 60) })
          : t("auth.login.invalid");
      const reply = submission.reply({ formErrors: [message], hideFields: ["password"] });
      return data({ intent: "collega", result: reply }, { status: login.reason === "rate-limited" ? 429 : 400 });
    }
    const linked = await linkIdentity(login.userId, pending);
    if (!linked.ok) {
      const reply = submission.reply({ formErrors: [t(`oidc.error.${linked.reason}`)], hideFields: ["password"] });
      return data({ intent: "collega", result: reply }, { status: 409 });
    }
    return finish(login.userId);
  }

  // The answer says whether the address has an account (the flow needs it, ADR 0014): counted per identity and address.
  const verdict = await consumeIdentityCompletion(clientIp(request), pending);
  if (!verdict.allowed) {
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    return data(
      { intent: "crea", result: submission.reply({ formErrors: [t("oidc.complete.rateLimited", { minutes })] }) },
      { status: 429 },
    );
  }
  const created = await createAccountFromIdentity(pending, input, locale);
  if (!created.ok) {
    const provider = pendingProviderName(pending.provider, locale).quoted;
    let reply;
    if (created.reason === "email-taken") {
      // "Link it below with its password" only when that can work; an account made with an identity is reached with it.
      const holder = await waysIntoHolder({ email: input.email });
      const message =
        holder && !holder.password ? emailTakenWithoutPasswordMessage(t, provider) : t("oidc.complete.emailTaken");
      reply = submission.reply({ fieldErrors: { email: [message] } });
    } else {
      const holder =
        created.reason === "fiscal-code-taken" && pending.fiscalCode
          ? await waysIntoHolder({ fiscalCode: pending.fiscalCode })
          : null;
      const message = holder
        ? fiscalCodeTakenMessage(t, locale, holder, provider)
        : t(created.reason === "fiscal-code-taken" ? "oidc.complete.fiscalCodeTaken" : "oidc.error.identity-taken");
      reply = submission.reply({ formErrors: [message] });
    }
    return data({ intent: "crea", result: reply }, { status: 409 });
  }
  return finish(created.userId);
}

export default function CompleteOidcProfilePage() {
  const loaded = useLoaderData<typeof loader>();
  return loaded.refused ? <RefusedSignInPage {...loaded.refused} /> : <CompleteProfile pending={loaded} />;
}

function RefusedSignInPage({ message, instead, signIn, signUp, forgotPassword }: ReturnType<typeof refusedPage>) {
  const t = useT();
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-8">
        <h1 className="mb-3">{t("oidc.complete.refused.title")}</h1>
        <div className="alert alert-warning" data-testid="sign-in-refused">
          {message}
        </div>
        <p>{instead}</p>
        <p>
          <Link className="btn btn-primary" to={signIn}>
            {t("oidc.complete.toSignIn")}
          </Link>
        </p>
        {signUp ? (
          <p>
            <Link to={signUp}>{t("nav.signup")}</Link>
          </p>
        ) : null}
        {forgotPassword ? (
          <p>
            <Link to={forgotPassword}>{t("account.forgot.link")}</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

type CompletePage = Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { refused: object }>;

function CompleteProfile({ pending }: { pending: CompletePage }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const fieldLabel = useAccountFieldLabel();
  const [profileForm, profile] = useForm({
    id: "oidc-profile",
    lastResult: actionData?.intent === "crea" ? actionData.result : undefined,
    defaultValue: {
      firstName: pending.givenName ?? "",
      lastName: pending.familyName ?? "",
      email: pending.email ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: oidcProfileFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [linkForm, link] = useForm({
    id: "oidc-link",
    lastResult: actionData?.intent === "collega" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: oidcLinkFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const busy = navigation.state === "submitting";
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-8">
        <h1 className="mb-3">{t("oidc.complete.title")}</h1>
        <p>{t("oidc.complete.intro", { provider: pending.provider.plain })}</p>
        {pending.fiscalCode ? (
          <p>
            {t("oidc.complete.fiscalCode")}: <strong>{pending.fiscalCode}</strong>
          </p>
        ) : null}
        {pending.fiscalCodeTaken ? (
          // No second account can be made with this codice fiscale: no profile form to fill in for nothing.
          <div className="mb-5">
            <div className="alert alert-warning" data-testid="fiscal-code-taken">
              {pending.fiscalCodeTaken.message}
            </div>
            {pending.fiscalCodeTaken.offerReset ? (
              <p>
                <Link to="/password-dimenticata">{t("account.forgot.link")}</Link>
              </p>
            ) : null}
            {pending.fiscalCodeTaken.withPassword ? null : (
              <Link className="btn btn-primary" to="/accedi">
                {t("oidc.complete.toSignIn")}
              </Link>
            )}
          </div>
        ) : (
          <Form method="post" {...getFormProps(profileForm)} className="mb-5">
            <input type="hidden" name="intent" value="crea" />
            <ErrorSummary
              form={profileForm}
              lastResult={actionData?.intent === "crea" ? actionData.result : undefined}
              labelOf={fieldLabel}
            />
            <NameFields firstName={profile.firstName} lastName={profile.lastName} />
            <TextField
              field={profile.email}
              label={t("auth.field.email")}
              type="email"
              autoComplete="email"
              hint={t("oidc.complete.emailHint")}
              required
            />
            <SchoolFields schoolName={profile.schoolName} schoolCode={profile.schoolCode} />
            <TeacherFields
              schoolLevel={profile.schoolLevel}
              regionCode={profile.regionCode}
              professionalRole={profile.professionalRole}
            />
            <p data-testid="complete-privacy">
              {t("signup.privacy")} <Link to="/privacy">{t("signup.privacyLink")}</Link>.
            </p>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t("oidc.complete.create")}
            </button>
          </Form>
        )}

        {pending.fiscalCodeTaken && !pending.fiscalCodeTaken.withPassword ? null : (
          <>
            <h2 className="h4">{t("oidc.complete.linkTitle")}</h2>
            {pending.canLinkWithPassword ? (
              <>
                <p>{t("oidc.complete.linkIntro", { provider: pending.provider.plain })}</p>
                <Form method="post" {...getFormProps(linkForm)}>
                  <input type="hidden" name="intent" value="collega" />
                  <FormErrorSummary errors={linkForm.errors} />
                  <TextField
                    field={link.email}
                    label={t("auth.field.email")}
                    type="email"
                    autoComplete="username"
                    required
                  />
                  <CurrentPasswordField field={link.password} label="auth.field.password" />
                  <button type="submit" className="btn btn-outline-primary" disabled={busy}>
                    {t("oidc.complete.linkSubmit")}
                  </button>
                </Form>
                {/* For an account with no password (or a forgotten one): the link goes to its address and sets one. */}
                <p className="mt-3">
                  <Link to="/password-dimenticata">{t("account.forgot.link")}</Link>
                </p>
              </>
            ) : (
              <p>{t("oidc.complete.linkUnavailable", { provider: pending.provider.quoted })}</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
