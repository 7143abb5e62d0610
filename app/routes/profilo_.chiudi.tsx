import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxField, FormErrorSummary, TextField } from "~/components/form-fields.tsx";
import { closeAccountFormSchema } from "~/forms/account-forms.ts";
import { translator, useT } from "~/i18n/i18n.tsx";
import { closeAccount, placesToRelease } from "~/models/account-closure.server.ts";
import { checkCurrentPassword, passwordRefusalText } from "~/models/account.server.ts";
import { destroyUserSession, getSessionUser, requireUser } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { getLocale } from "~/utils/locale.server.ts";
import { clientIp } from "~/utils/rate-limit.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.closeAccount") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) return { places: null };
  return { places: (await placesToRelease(user.id)).length };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(await getLocale(request, user.locale));
  const submission = parseWithZod(await readForm(request), { schema: closeAccountFormSchema });
  const hide = { hideFields: ["currentPassword"] };
  if (submission.status !== "success") return data({ done: false, result: submission.reply(hide) }, { status: 400 });
  const refused = await checkCurrentPassword(user.email, submission.value.currentPassword, clientIp(request));
  if (refused) {
    return data(
      {
        done: false,
        result: submission.reply({ fieldErrors: { currentPassword: [passwordRefusalText(t, refused)] }, ...hide }),
      },
      { status: refused.reason === "rate-limited" ? 429 : 400 },
    );
  }
  const cookie = await destroyUserSession(request);
  await closeAccount(user.id, user.id);
  return data({ done: true, result: undefined }, { headers: { "Set-Cookie": cookie } });
}

export default function CloseAccountPage() {
  const t = useT();
  const { places } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "close-account",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: closeAccountFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  if (actionData?.done || places === null) {
    return (
      <div className="row justify-content-center">
        <div className="col-12 col-lg-8">
          <h1 className="mb-4">{t("profile.close.title")}</h1>
          {actionData?.done ? (
            <div className="alert alert-success" role="status">
              {t("profile.close.done")}
            </div>
          ) : null}
          <p>
            <Link to="/eventi">Forma</Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="row justify-content-center">
      <div className="col-12 col-lg-8">
        <h1 className="mb-4">{t("profile.close.title")}</h1>
        <p>{t("profile.close.intro")}</p>
        <p data-testid="close-places">{t("profile.close.places", { count: places })}</p>
        <p>
          <a href="/profilo/dati.zip" download>
            {t("profile.mydata.download")}
          </a>
        </p>
        <Form method="post" {...getFormProps(form)}>
          <FormErrorSummary errors={form.errors} />
          <TextField
            field={fields.currentPassword}
            label={t("profile.password.current")}
            type="password"
            autoComplete="current-password"
            required
          />
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
