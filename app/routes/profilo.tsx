import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CheckboxField, FormErrorSummary, options, SelectField, TextField } from "~/components/form-fields.tsx";
import {
  LOCALES,
  PROFESSIONAL_ROLE_LABELS,
  REGION_LABELS,
  SCHOOL_LEVEL_LABELS,
  type Locale,
} from "~/domain/vocabulary.ts";
import { profileFormSchema } from "~/forms/account-forms.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import { loadProfile, updateProfile } from "~/models/account.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { getLocale, localeCookie } from "~/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Il mio profilo · Forma" }];

const LOCALE_NAMES: Record<Locale, string> = { it: "Italiano", en: "English" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await loadProfile(user.id);
  return { profile };
}

const back = (done: string, anchor: string, headers?: HeadersInit) =>
  redirect(`/profilo?fatto=${done}#${anchor}`, headers ? { headers } : undefined);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(await getLocale(request, user.locale));
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "profile") {
    const submission = parseWithZod(form, { schema: profileFormSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { changed } = await updateProfile(user.id, submission.value);
    // The language cookie wins over the account's preference: keep them the same.
    return back(changed.length ? "profilo" : "nessuna-modifica", "profilo-titolo", {
      "Set-Cookie": await localeCookie.serialize(submission.value.locale),
    });
  }
  return data({ intent, error: t("profile.error.bad-request") }, { status: 400 });
}

export default function ProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const done = params.get("fatto");
  const resultOf = (intent: string) =>
    actionData && actionData.intent === intent && "result" in actionData ? actionData.result : undefined;

  const [profileForm, fields] = useForm({
    id: "profile",
    lastResult: resultOf("profile"),
    defaultValue: {
      firstName: profile.firstName,
      lastName: profile.lastName,
      schoolName: profile.schoolName ?? "",
      schoolCode: profile.schoolCode ?? "",
      schoolLevel: profile.schoolLevel,
      regionCode: profile.regionCode,
      professionalRole: profile.professionalRole,
      locale: profile.locale,
      emailReminders: profile.emailReminders ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <h1 className="mb-3">{t("profile.title")}</h1>
        <p>{t("profile.intro")}</p>
        {actionData && "error" in actionData && actionData.error ? (
          <FormErrorSummary errors={[actionData.error]} />
        ) : null}

        <section aria-labelledby="profilo-titolo" className="mb-5">
          <h2 id="profilo-titolo" className="h3">
            {t("profile.data.title")}
          </h2>
          {done === "profilo" || done === "nessuna-modifica" ? (
            <div className="alert alert-success" role="status">
              {t(done === "profilo" ? "profile.saved" : "profile.unchanged")}
            </div>
          ) : null}
          <p className="text-muted">{t("profile.data.futureOnly")}</p>
          <Form method="post" {...getFormProps(profileForm)}>
            <input type="hidden" name="intent" value="profile" />
            <FormErrorSummary errors={profileForm.errors} />
            <div className="row">
              <div className="col-md-6">
                <TextField
                  field={fields.firstName}
                  label={t("auth.field.firstName")}
                  autoComplete="given-name"
                  required
                />
              </div>
              <div className="col-md-6">
                <TextField
                  field={fields.lastName}
                  label={t("auth.field.lastName")}
                  autoComplete="family-name"
                  required
                />
              </div>
            </div>
            <div className="row">
              <div className="col-md-8">
                <TextField field={fields.schoolName} label={t("auth.field.schoolName")} autoComplete="organization" />
              </div>
              <div className="col-md-4">
                <TextField
                  field={fields.schoolCode}
                  label={t("auth.field.schoolCode")}
                  hint={t("auth.field.schoolCodeHint")}
                />
              </div>
            </div>
            <div className="row">
              <div className="col-md-6">
                <SelectField
                  field={fields.schoolLevel}
                  label={t("auth.field.schoolLevel")}
                  choices={options(SCHOOL_LEVEL_LABELS, locale)}
                  required
                />
              </div>
              <div className="col-md-6">
                <SelectField
                  field={fields.regionCode}
                  label={t("auth.field.region")}
                  choices={options(REGION_LABELS, locale)}
                  required
                />
              </div>
            </div>
            <div className="row">
              <div className="col-md-6">
                <SelectField
                  field={fields.professionalRole}
                  label={t("auth.field.professionalRole")}
                  choices={options(PROFESSIONAL_ROLE_LABELS, locale)}
                  required
                />
              </div>
              <div className="col-md-6">
                <SelectField
                  field={fields.locale}
                  label={t("profile.field.locale")}
                  choices={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
                  required
                />
              </div>
            </div>
            <CheckboxField
              field={fields.emailReminders}
              label={t("profile.field.emailReminders")}
              hint={t("profile.field.emailRemindersHint")}
            />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("profile.save")}
            </button>
          </Form>
        </section>
      </div>
    </div>
  );
}
