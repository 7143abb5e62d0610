// /profilo/accessi: the digital identities (SPID, CIE, EU Login…) linked to one's account: link
// another (through the provider, while signed in) or unlink one, never the last way in.
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { unlinkIdentityFormSchema } from "~/forms/oidc-forms.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { identitiesOf, unlinkIdentity } from "~/models/identity.server.ts";
import { publicProviders } from "~/models/oidc.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { prisma } from "~/utils/db.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.digitalIdentity") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [identities, account] = await Promise.all([
    identitiesOf(user.id),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { fiscalCode: true } }),
  ]);
  return { identities, providers: publicProviders(), fiscalCode: account.fiscalCode };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(await getLocale(request));
  const submission = parseWithZod(await readForm(request), { schema: unlinkIdentityFormSchema });
  if (submission.status !== "success") {
    return data({ ok: false, message: t("oidc.profile.notFound") }, { status: 400 });
  }
  const outcome = await unlinkIdentity(user.id, submission.value.identityId);
  if (!outcome.ok) {
    const message = outcome.reason === "last-way-in" ? t("oidc.profile.lastWayIn") : t("oidc.profile.notFound");
    return data({ ok: false, message }, { status: outcome.reason === "last-way-in" ? 409 : 404 });
  }
  return data({ ok: true, message: t("oidc.profile.unlinked") });
}

export default function IdentitiesPage() {
  const t = useT();
  const locale = useLocale();
  const { identities, providers, fiscalCode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const successInUrl = useSuccessInUrl();
  const labelOf = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  const justLinked = successInUrl("collegato");
  const linkable = providers.filter((p) => !identities.some((i) => i.provider === p.id));
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-9">
        <h1 className="mb-3">{t("oidc.profile.title")}</h1>
        <p>{t("oidc.profile.intro")}</p>
        <div aria-live="polite">
          {actionData ? (
            <div className={`alert ${actionData.ok ? "alert-success" : "alert-danger"}`} role="status">
              {actionData.message}
            </div>
          ) : justLinked && identities.some((i) => i.provider === justLinked) ? (
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
                        <input type="hidden" name="identityId" value={identity.id} />
                        <button
                          type="submit"
                          className="btn btn-sm btn-outline-danger"
                          disabled={navigation.state === "submitting"}
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
        {linkable.map((provider) => (
          <Form
            key={provider.id}
            method="post"
            action={`/auth/oidc/${provider.id}`}
            className="d-inline-block me-2 mb-2"
          >
            <input type="hidden" name="intent" value="collega" />
            <button type="submit" className="btn btn-outline-primary">
              {t("oidc.profile.link", { provider: provider.label })}
            </button>
          </Form>
        ))}
      </div>
    </div>
  );
}
