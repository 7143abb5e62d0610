// /profilo/accessi: the digital identities (SPID, CIE, EU Login…) linked to one's account: link
// another (through the provider, while signed in) or unlink one, never the last way in. Linking and
// unlinking ask for the proof a change of address asks for (ADR 0014 addenda, ADR 0082): the password,
// or, for an account without one, a fresh sign-in with an identity it already has. A borrowed session
// alone can neither add a lasting way in nor take the owner's away. An account whose address is not
// confirmed links nothing.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { CurrentPasswordField } from "~/components/account-fields.tsx";
import { FormErrorSummary } from "~/components/form-fields.tsx";
import { IdentityConfirmation } from "~/components/identity-confirmation.tsx";
import { failedIntentOf } from "~/forms/intent.ts";
import {
  identitiesActionSchema,
  linkIdentityByIdentityFormSchema,
  linkIdentityFormSchema,
  unlinkIdentityByIdentityFormSchema,
  unlinkIdentityFormSchema,
} from "~/forms/oidc-forms.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { providerLabelIn } from "~/domain/provider-label.ts";
import { checkCurrentPassword, passwordRefusalText } from "~/models/account.server.ts";
import { identitiesOf, keepsAWayIn, unlinkIdentity } from "~/models/identity.server.ts";
import {
  identityProviderName,
  OidcUnavailableError,
  passwordSignInEnabled,
  providerById,
  publicProviders,
  startOidcSignIn,
} from "~/models/oidc.server.ts";
import {
  forgetReauthentication,
  hasPassword,
  reauthenticationProviders,
  recentlyReauthenticated,
} from "~/models/reauthentication.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { prisma } from "~/utils/db.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp } from "~/utils/rate-limit.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { OutcomeNotice } from "~/components/outcome-notice.tsx";
import { answerOutcome, answeredOutcome } from "~/utils/answered-outcome.server.ts";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

// The title starts with the identity just linked (?collegato=<provider>, where the provider's callback comes back, once
// the page lists it), or just unlinked (the action answers with the page: answeredOutcome).
export const meta: MetaFunction<typeof loader> = ({ matches, location, data }) => {
  const linked = new URLSearchParams(location.search).get("collegato");
  const shown = linked && data?.identities.some((i) => i.provider === linked);
  return [{ title: pageTitle(matches, "title.digitalIdentity", null, shown ? "outcome.identityLinked" : null) }];
};

const PAGE = "/profilo/accessi";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Providers are named in the page's language (their labelEn in English, ADR 0014 addendum of 07/12/2026).
  const locale = await getLocale(request, user.locale);
  const [identities, account, withPassword] = await Promise.all([
    identitiesOf(user.id),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { fiscalCode: true } }),
    hasPassword(user.id),
  ]);
  const passwordWorks = withPassword && passwordSignInEnabled();
  // An account without a password confirms that it is its owner with one of its identities (ADR 0082).
  const identityConfirmation = withPassword
    ? null
    : {
        providers: await reauthenticationProviders(user.id, locale),
        confirmed: await recentlyReauthenticated(request, user.id),
      };
  return {
    // The last way in is never unlinked (unlinkIdentity): no button for it, and the page says why.
    identities: identities.map((identity) => ({
      ...identity,
      ...identityProviderName(identity.provider, locale),
      unlinkable: keepsAWayIn(identities, identity.id, passwordWorks),
    })),
    providers: publicProviders(locale),
    fiscalCode: account.fiscalCode,
    emailConfirmed: user.emailConfirmed,
    identityConfirmation,
    ...answeredOutcome(context),
  };
}

type Intent = "scollega" | "scollega-by-identity" | "collega" | "collega-by-identity";
const INTENTS: readonly string[] = ["scollega", "scollega-by-identity", "collega", "collega-by-identity"];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request, user.locale);
  const t = translator(locale);
  const submission = parseWithZod(await readForm(request), { schema: identitiesActionSchema });
  const hide = { hideFields: ["currentPassword"] };
  const refuse = (intent: Intent, formErrors: string[], status: number) =>
    data({ intent, ok: false, message: null, result: submission.reply({ formErrors, ...hide }) }, { status });
  if (submission.status !== "success") {
    const failed = failedIntentOf(submission);
    const intent = (failed && INTENTS.includes(failed) ? failed : "scollega") as Intent;
    // No identity named (a crafted form, or no intent at all): said above the page's forms.
    const message = failed === intent && !submission.error?.identityId ? null : t("oidc.profile.notFound");
    return data({ intent, ok: false, message, result: submission.reply(hide) }, { status: 400 });
  }
  const input = submission.value;
  /**
   * The owner's proof, for linking and unlinking alike: the password of an account that has one (the sign-in's
   * limits, checkCurrentPassword, as for a change of address), or for one without, a fresh sign-in with one of its
   * identities made in this session (ADR 0082). Null: given.
   */
  const proofRefusal = async (intent: Intent, currentPassword: string | undefined) => {
    const withPassword = await hasPassword(user.id);
    if (currentPassword === undefined) {
      const confirmed = !withPassword && (await recentlyReauthenticated(request, user.id));
      return confirmed ? null : refuse(intent, [t("oidc.profile.linkIdentityRequired")], 403);
    }
    if (!withPassword) return refuse(intent, [t("oidc.profile.linkIdentityRequired")], 403);
    const refused = await checkCurrentPassword(user.email, currentPassword, clientIp(request));
    if (!refused) return null;
    const fieldErrors = { currentPassword: [passwordRefusalText(t, refused)] };
    return data(
      { intent, ok: false, message: null, result: submission.reply({ fieldErrors, ...hide }) },
      { status: refused.reason === "rate-limited" ? 429 : 400 },
    );
  };
  const headers = new Headers();
  if (input.intent === "scollega" || input.intent === "scollega-by-identity") {
    // The proof linking asks for: a borrowed session alone cannot take the owner's SPID away either.
    const refused = await proofRefusal(input.intent, input.intent === "scollega" ? input.currentPassword : undefined);
    if (refused) return refused;
    const outcome = await unlinkIdentity(user.id, input.identityId);
    if (!outcome.ok) {
      const message = outcome.reason === "last-way-in" ? t("oidc.profile.lastWayIn") : t("oidc.profile.notFound");
      return data(
        { intent: input.intent, ok: false, message, result: submission.reply(hide) },
        { status: outcome.reason === "last-way-in" ? 409 : 404 },
      );
    }
    // The proof is spent: another unlink (or link) asks again.
    if (input.intent === "scollega-by-identity") headers.append("Set-Cookie", await forgetReauthentication());
    return data(
      {
        intent: input.intent,
        ok: true,
        message: t("oidc.profile.unlinked"),
        result: submission.reply({ resetForm: true }),
        ...answerOutcome(context, "outcome.identityUnlinked"),
      },
      { headers },
    );
  }

  const provider = providerById(input.provider);
  if (!provider) return refuse(input.intent, [t("oidc.unknownProvider")], 404);
  // Said before the provider, as linkIdentity would refuse after it (the address must be confirmed first).
  if (!user.emailConfirmed) return refuse(input.intent, [t("oidc.error.email-unconfirmed")], 409);
  // The account's password, or (no password) a fresh sign-in with one of its identities, spent as the flow starts.
  const refused = await proofRefusal(input.intent, input.intent === "collega" ? input.currentPassword : undefined);
  if (refused) return refused;
  if (input.intent === "collega-by-identity") headers.append("Set-Cookie", await forgetReauthentication());
  try {
    // The flow names this account: the callback links to it only (a flow cookie carried elsewhere links nothing).
    const { url, setCookie } = await startOidcSignIn(provider, "collega", PAGE, { userId: user.id });
    headers.append("Set-Cookie", setCookie);
    return redirect(url, { headers });
  } catch (error) {
    if (error instanceof OidcUnavailableError) {
      return refuse(input.intent, [t("oidc.unavailable", { provider: providerLabelIn(provider, locale) })], 503);
    }
    throw error;
  }
}

export default function IdentitiesPage() {
  const t = useT();
  const locale = useLocale();
  const { identities, providers, fiscalCode, emailConfirmed, identityConfirmation } = useLoaderData<typeof loader>();
  // Nothing to unlink without losing the last way in: the page says so instead of asking for a proof.
  const canUnlink = identities.some((identity) => identity.unlinkable);
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const successInUrl = useSuccessInUrl();
  const labelOf = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  // The table's cell starts a sentence: "Un fornitore di identità che Forma non offre più (spid-old)".
  const cellOf = (identity: { label: string; gone: boolean }) =>
    identity.gone ? identity.label.charAt(0).toUpperCase() + identity.label.slice(1) : identity.label;
  const justLinked = successInUrl("collegato");
  const linkable = providers.filter((p) => !identities.some((i) => i.provider === p.id));
  const [linkForm, linkFields] = useForm({
    id: "link-identity",
    lastResult: actionData?.intent === "collega" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: linkIdentityFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [identityLinkForm] = useForm({
    id: "link-identity-by-identity",
    lastResult: actionData?.intent === "collega-by-identity" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: linkIdentityByIdentityFormSchema }),
    shouldValidate: "onSubmit",
  });
  const [unlinkForm, unlinkFields] = useForm({
    id: "unlink-identity",
    lastResult: actionData?.intent === "scollega" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unlinkIdentityFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [identityUnlinkForm] = useForm({
    id: "unlink-identity-by-identity",
    lastResult: actionData?.intent === "scollega-by-identity" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unlinkIdentityByIdentityFormSchema }),
    shouldValidate: "onSubmit",
  });
  const submitting = navigation.state === "submitting";
  // One button per provider not linked yet: each submits the form with its provider.
  const linkButtons = linkable.map((provider) => (
    <button
      key={provider.id}
      type="submit"
      name="provider"
      value={provider.id}
      className="btn btn-outline-primary me-2 mb-2"
      disabled={submitting}
    >
      {t("oidc.profile.link", { provider: provider.label })}
    </button>
  ));
  // One button per linked identity that can go (not the last way in): each submits the unlink form with its identity.
  const unlinkButtons = identities
    .filter((identity) => identity.unlinkable)
    .map((identity) => (
      <button
        key={identity.id}
        type="submit"
        name="identityId"
        value={identity.id}
        className="btn btn-outline-danger me-2 mb-2"
        disabled={submitting}
      >
        {t("oidc.profile.unlinkLabel", { provider: identity.label })}
      </button>
    ));
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-9">
        <h1 className="mb-3">{t("oidc.profile.title")}</h1>
        <p>{t("oidc.profile.intro")}</p>
        {actionData?.ok && actionData.message ? (
          <OutcomeNotice>{actionData.message}</OutcomeNotice>
        ) : !actionData && justLinked && identities.some((i) => i.provider === justLinked) ? (
          <OutcomeNotice>{t("oidc.profile.linked", { provider: labelOf(justLinked) })}</OutcomeNotice>
        ) : null}
        <div aria-live="polite">
          {actionData?.message && !actionData.ok ? (
            <div className="alert alert-danger" role="status">
              {actionData.message}
            </div>
          ) : null}
        </div>
        {fiscalCode ? <p>{t("oidc.profile.fiscalCode", { code: fiscalCode })}</p> : null}
        {identities.length === 0 ? (
          <p>{t("oidc.profile.none")}</p>
        ) : (
          <ScrollRegion label={t("oidc.profile.title")}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("oidc.profile.provider")}</th>
                  <th scope="col">{t("oidc.profile.email")}</th>
                  <th scope="col">{t("oidc.profile.linkedAt")}</th>
                  <th scope="col">{t("oidc.profile.lastUsedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {identities.map((identity) => (
                  <tr key={identity.id}>
                    <th scope="row">{cellOf(identity)}</th>
                    <td>{identity.email ?? "—"}</td>
                    <td>{formatDateTime(identity.linkedAt, locale)}</td>
                    <td>{identity.lastUsedAt ? formatDateTime(identity.lastUsedAt, locale) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {identities.length > 0 ? (
          <section aria-labelledby="scollega-titolo" className="mt-4">
            <h2 id="scollega-titolo" className="h4">
              {t("oidc.profile.unlinkTitle")}
            </h2>
            {!canUnlink ? (
              <p data-testid="unlink-last-way-in">{t("oidc.profile.lastWayIn")}</p>
            ) : (
              <>
                {/* Another identity is left, but not this one's way in (its provider is no longer offered). */}
                {identities.some((identity) => !identity.unlinkable) ? (
                  <p data-testid="unlink-last-way-in">{t("oidc.profile.lastWayIn")}</p>
                ) : null}
                <ProofThenAct
                  identityConfirmation={identityConfirmation}
                  password={{
                    formProps: getFormProps(unlinkForm),
                    errors: unlinkForm.errors,
                    field: unlinkFields.currentPassword,
                    intent: "scollega",
                  }}
                  identity={{
                    formProps: getFormProps(identityUnlinkForm),
                    errors: identityUnlinkForm.errors,
                    intent: "scollega-by-identity",
                  }}
                  texts={{
                    passwordIntro: t("oidc.profile.unlinkPasswordIntro"),
                    identityIntro: t("oidc.profile.unlinkIdentityIntro"),
                    identityConfirmed: t("oidc.profile.unlinkIdentityConfirmed"),
                  }}
                >
                  {unlinkButtons}
                </ProofThenAct>
              </>
            )}
          </section>
        ) : null}
        {linkable.length > 0 ? (
          <section aria-labelledby="collega-titolo" className="mt-4">
            <h2 id="collega-titolo" className="h4">
              {t("oidc.profile.linkTitle")}
            </h2>
            {!emailConfirmed ? (
              <div className="alert alert-warning" role="status" data-testid="link-email-unconfirmed">
                {t("oidc.error.email-unconfirmed")}
              </div>
            ) : (
              <ProofThenAct
                identityConfirmation={identityConfirmation}
                password={{
                  formProps: getFormProps(linkForm),
                  errors: linkForm.errors,
                  field: linkFields.currentPassword,
                  intent: "collega",
                }}
                identity={{
                  formProps: getFormProps(identityLinkForm),
                  errors: identityLinkForm.errors,
                  intent: "collega-by-identity",
                }}
                texts={{
                  passwordIntro: t("oidc.profile.linkPasswordIntro"),
                  identityIntro: t("oidc.profile.linkIdentityIntro"),
                  identityConfirmed: t("oidc.profile.linkIdentityConfirmed"),
                }}
              >
                {linkButtons}
              </ProofThenAct>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Linking and unlinking ask the same proof that the account is the person's (ADR 0014): its password, or, for an
 * account without one (identityConfirmation set), a fresh sign-in with an identity already linked. Then the
 * buttons (`children`: one per provider or identity) submit the form of whichever proof applies.
 */
function ProofThenAct({
  identityConfirmation,
  password,
  identity,
  texts,
  children,
}: {
  identityConfirmation: {
    providers: ComponentProps<typeof IdentityConfirmation>["providers"];
    confirmed: boolean;
  } | null;
  password: {
    formProps: ReturnType<typeof getFormProps>;
    errors: string[] | undefined;
    field: ComponentProps<typeof CurrentPasswordField>["field"];
    intent: string;
  };
  identity: { formProps: ReturnType<typeof getFormProps>; errors: string[] | undefined; intent: string };
  texts: { passwordIntro: string; identityIntro: string; identityConfirmed: string };
  children: ReactNode;
}) {
  if (identityConfirmation === null) {
    return (
      <Form method="post" {...password.formProps}>
        <input type="hidden" name="intent" value={password.intent} />
        <p>{texts.passwordIntro}</p>
        <FormErrorSummary errors={password.errors} />
        <CurrentPasswordField field={password.field} />
        {children}
      </Form>
    );
  }
  return (
    <IdentityConfirmation
      providers={identityConfirmation.providers}
      confirmed={identityConfirmation.confirmed}
      returnTo={PAGE}
      intro={texts.identityIntro}
      confirmedText={texts.identityConfirmed}
    >
      <Form method="post" {...identity.formProps}>
        <input type="hidden" name="intent" value={identity.intent} />
        <FormErrorSummary errors={identity.errors} />
        {children}
      </Form>
    </IdentityConfirmation>
  );
}
