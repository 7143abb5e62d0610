// /profilo/accessi: the digital identities (SPID, CIE, EU Login…) linked to one's account: link
// another (through the provider, while signed in) or unlink one, never the last way in. Linking
// asks for the proof a change of address asks for (ADR 0014 addendum, ADR 0082): the password, or,
// for an account without one, a fresh sign-in with an identity it already has. A borrowed session
// alone cannot add a lasting way in. An account whose address is not confirmed links nothing.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CurrentPasswordField } from "~/components/account-fields.tsx";
import { FormErrorSummary } from "~/components/form-fields.tsx";
import { IdentityConfirmation } from "~/components/identity-confirmation.tsx";
import { failedIntentOf } from "~/forms/intent.ts";
import {
  identitiesActionSchema,
  linkIdentityByIdentityFormSchema,
  linkIdentityFormSchema,
} from "~/forms/oidc-forms.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { checkCurrentPassword, passwordRefusalText } from "~/models/account.server.ts";
import { identitiesOf, unlinkIdentity } from "~/models/identity.server.ts";
import { OidcUnavailableError, providerById, publicProviders, startOidcSignIn } from "~/models/oidc.server.ts";
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
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.digitalIdentity") }];

const PAGE = "/profilo/accessi";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [identities, account, withPassword] = await Promise.all([
    identitiesOf(user.id),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { fiscalCode: true } }),
    hasPassword(user.id),
  ]);
  // An account without a password confirms that it is its owner with one of its identities (ADR 0082).
  const identityConfirmation = withPassword
    ? null
    : {
        providers: await reauthenticationProviders(user.id),
        confirmed: await recentlyReauthenticated(request, user.id),
      };
  return {
    identities,
    providers: publicProviders(),
    fiscalCode: account.fiscalCode,
    emailConfirmed: user.emailConfirmed,
    identityConfirmation,
  };
}

type Intent = "scollega" | "collega" | "collega-by-identity";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(await getLocale(request, user.locale));
  const submission = parseWithZod(await readForm(request), { schema: identitiesActionSchema });
  const hide = { hideFields: ["currentPassword"] };
  const refuse = (intent: Intent, formErrors: string[], status: number) =>
    data({ intent, ok: false, message: null, result: submission.reply({ formErrors, ...hide }) }, { status });
  if (submission.status !== "success") {
    const intent = failedIntentOf(submission);
    if (intent === "collega" || intent === "collega-by-identity") {
      return data({ intent, ok: false, message: null, result: submission.reply(hide) }, { status: 400 });
    }
    return data({ intent: "scollega", ok: false, message: t("oidc.profile.notFound"), result: null }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "scollega") {
    const outcome = await unlinkIdentity(user.id, input.identityId);
    if (!outcome.ok) {
      const message = outcome.reason === "last-way-in" ? t("oidc.profile.lastWayIn") : t("oidc.profile.notFound");
      return data(
        { intent: input.intent, ok: false, message, result: null },
        { status: outcome.reason === "last-way-in" ? 409 : 404 },
      );
    }
    return data({ intent: input.intent, ok: true, message: t("oidc.profile.unlinked"), result: null });
  }

  const provider = providerById(input.provider);
  if (!provider) return refuse(input.intent, [t("oidc.unknownProvider")], 404);
  // Said before the provider, as linkIdentity would refuse after it (the address must be confirmed first).
  if (!user.emailConfirmed) return refuse(input.intent, [t("oidc.error.email-unconfirmed")], 409);
  const headers = new Headers();
  if (input.intent === "collega") {
    // The account's password, with the sign-in's limits (checkCurrentPassword), as for a change of address.
    if (!(await hasPassword(user.id))) return refuse(input.intent, [t("oidc.profile.linkIdentityRequired")], 403);
    const refused = await checkCurrentPassword(user.email, input.currentPassword, clientIp(request));
    if (refused) {
      return data(
        {
          intent: input.intent,
          ok: false,
          message: null,
          result: submission.reply({ fieldErrors: { currentPassword: [passwordRefusalText(t, refused)] }, ...hide }),
        },
        { status: refused.reason === "rate-limited" ? 429 : 400 },
      );
    }
  } else {
    // No password: a fresh sign-in with one of the account's identities, made in this session (ADR 0082).
    if ((await hasPassword(user.id)) || !(await recentlyReauthenticated(request, user.id))) {
      return refuse(input.intent, [t("oidc.profile.linkIdentityRequired")], 403);
    }
    // The proof is spent: another link asks again.
    headers.append("Set-Cookie", await forgetReauthentication());
  }
  try {
    // The flow names this account: the callback links to it only (a flow cookie carried elsewhere links nothing).
    const { url, setCookie } = await startOidcSignIn(provider, "collega", PAGE, { userId: user.id });
    headers.append("Set-Cookie", setCookie);
    return redirect(url, { headers });
  } catch (error) {
    if (error instanceof OidcUnavailableError) {
      return refuse(input.intent, [t("oidc.unavailable", { provider: provider.label })], 503);
    }
    throw error;
  }
}

export default function IdentitiesPage() {
  const t = useT();
  const locale = useLocale();
  const { identities, providers, fiscalCode, emailConfirmed, identityConfirmation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const successInUrl = useSuccessInUrl();
  const labelOf = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
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
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-9">
        <h1 className="mb-3">{t("oidc.profile.title")}</h1>
        <p>{t("oidc.profile.intro")}</p>
        <div aria-live="polite">
          {actionData?.message ? (
            <div className={`alert ${actionData.ok ? "alert-success" : "alert-danger"}`} role="status">
              {actionData.message}
            </div>
          ) : !actionData && justLinked && identities.some((i) => i.provider === justLinked) ? (
            <div className="alert alert-success" role="status">
              {t("oidc.profile.linked", { provider: labelOf(justLinked) })}
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
                  <th scope="col">
                    <span className="visually-hidden">{t("oidc.profile.unlink")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {identities.map((identity) => (
                  <tr key={identity.id}>
                    <th scope="row">{labelOf(identity.provider)}</th>
                    <td>{identity.email ?? "—"}</td>
                    <td>{formatDateTime(identity.linkedAt, locale)}</td>
                    <td>{identity.lastUsedAt ? formatDateTime(identity.lastUsedAt, locale) : "—"}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="scollega" />
                        <input type="hidden" name="identityId" value={identity.id} />
                        <button
                          type="submit"
                          className="btn btn-sm btn-outline-danger"
                          disabled={submitting}
                          aria-label={t("oidc.profile.unlinkLabel", { provider: labelOf(identity.provider) })}
                        >
                          {t("oidc.profile.unlink")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {linkable.length > 0 ? (
          <section aria-labelledby="collega-titolo" className="mt-4">
            <h2 id="collega-titolo" className="h4">
              {t("oidc.profile.linkTitle")}
            </h2>
            {!emailConfirmed ? (
              <div className="alert alert-warning" role="status" data-testid="link-email-unconfirmed">
                {t("oidc.error.email-unconfirmed")}
              </div>
            ) : identityConfirmation === null ? (
              <Form method="post" {...getFormProps(linkForm)}>
                <input type="hidden" name="intent" value="collega" />
                <p>{t("oidc.profile.linkPasswordIntro")}</p>
                <FormErrorSummary errors={linkForm.errors} />
                <CurrentPasswordField field={linkFields.currentPassword} />
                {linkButtons}
              </Form>
            ) : (
              <IdentityConfirmation
                providers={identityConfirmation.providers}
                confirmed={identityConfirmation.confirmed}
                returnTo={PAGE}
                intro={t("oidc.profile.linkIdentityIntro")}
                confirmedText={t("oidc.profile.linkIdentityConfirmed")}
              >
                <Form method="post" {...getFormProps(identityLinkForm)}>
                  <input type="hidden" name="intent" value="collega-by-identity" />
                  <FormErrorSummary errors={identityLinkForm.errors} />
                  {linkButtons}
                </Form>
              </IdentityConfirmation>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}
