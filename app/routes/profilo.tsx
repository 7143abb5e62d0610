import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  CheckboxField,
  FormErrorSummary,
  options,
  SelectField,
  TextAreaField,
  TextField,
} from "~/components/form-fields.tsx";
import { TRAINER_PROFILE_MAX } from "~/domain/event-sheet.ts";
import { isOrganiser, isTrainer } from "~/domain/permissions.ts";
import { trainerProfileFormSchema } from "~/forms/event-sheet-form.ts";
import { setTrainerProfile } from "~/models/event-sheet.server.ts";
import {
  LOCALES,
  PROFESSIONAL_ROLE_LABELS,
  REGION_LABELS,
  SCHOOL_LEVEL_LABELS,
  type Locale,
} from "~/domain/vocabulary.ts";
import { emailChangeFormSchema, passwordChangeFormSchema, profileFormSchema } from "~/forms/account-forms.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { profilePageActionSchema } from "~/forms/profile-page-form.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import {
  changePassword,
  currentSessionId,
  endSession,
  listSessions,
  loadProfile,
  requestEmailChange,
  updateProfile,
} from "~/models/account.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { getLocale, localeCookie } from "~/utils/locale.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.profile") }];

const LOCALE_NAMES: Record<Locale, string> = { it: "Italiano", en: "English" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [profile, sessions] = await Promise.all([
    loadProfile(user.id),
    listSessions(user.id, await currentSessionId(request)),
  ]);
  // Organisers set the letterhead of their certificates (/profilo/carta-intestata); trainers write
  // the short profile shown on the sheets of the events they teach.
  return { profile, sessions, organiser: isOrganiser(actorOf(user)), trainer: isTrainer(actorOf(user)) };
}

const back = (done: string, anchor: string, headers?: HeadersInit) =>
  redirect(`/profilo?fatto=${done}#${anchor}`, headers ? { headers } : undefined);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = translator(await getLocale(request, user.locale));
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: profilePageActionSchema({ trainer: isTrainer(actorOf(user)) }) });
  if (submission.status !== "success") {
    const intent = failedIntentOf(submission);
    if (intent === null) {
      return data(
        { intent: String(submission.payload.intent ?? ""), error: t("profile.error.bad-request") },
        { status: 400 },
      );
    }
    const hide =
      intent === "password"
        ? { hideFields: ["currentPassword", "newPassword"] }
        : intent === "email"
          ? { hideFields: ["currentPassword"] }
          : {};
    return data({ intent, result: submission.reply(hide) }, { status: 400 });
  }
  const input = submission.value;
  const intent = input.intent;
  switch (input.intent) {
    case "profile": {
      const { changed } = await updateProfile(user.id, input);
      // The language cookie wins over the account's preference: keep them the same.
      return back(changed.length ? "profilo" : "nessuna-modifica", "profilo-titolo", {
        "Set-Cookie": await localeCookie.serialize(input.locale),
      });
    }
    case "password": {
      const hide = { hideFields: ["currentPassword", "newPassword"] };
      const { currentPassword, newPassword } = input;
      const outcome = await changePassword(user.id, await currentSessionId(request), currentPassword, newPassword);
      if (!outcome.ok) {
        return data(
          {
            intent,
            result: submission.reply({ fieldErrors: { currentPassword: [t("profile.password.wrong")] }, ...hide }),
          },
          { status: 400 },
        );
      }
      return back(`password-${outcome.endedSessions}`, "password-titolo");
    }
    case "email": {
      const hide = { hideFields: ["currentPassword"] };
      const outcome = await requestEmailChange(user.id, input.newEmail, input.currentPassword);
      if (!outcome.ok) {
        const fieldErrors: Record<string, string[]> =
          outcome.reason === "wrong-password"
            ? { currentPassword: [t("profile.password.wrong")] }
            : { newEmail: [t("profile.email.same")] };
        return data({ intent, result: submission.reply({ fieldErrors, ...hide }) }, { status: 400 });
      }
      return back("email", "email-titolo");
    }
    case "trainer-profile":
      await setTrainerProfile(user.id, input.trainerProfile ?? "");
      return back("profilo-formatore", "formatore-titolo");
    case "end-session": {
      const ended = await endSession(user.id, input.sessionId ?? "");
      if (!ended) return data({ intent, error: t("profile.sessions.notFound") }, { status: 404 });
      return back("sessione", "sessioni-titolo");
    }
  }
}

export default function ProfilePage() {
  const { profile, sessions, organiser, trainer } = useLoaderData<typeof loader>();
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
  const [trainerForm, trainerFields] = useForm({
    id: "trainer-profile",
    lastResult: resultOf("trainer-profile"),
    defaultValue: { trainerProfile: profile.trainerProfile ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: trainerProfileFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [emailForm, emailFields] = useForm({
    id: "email-change",
    lastResult: resultOf("email"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: emailChangeFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password-change",
    lastResult: resultOf("password"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const passwordDone = done?.startsWith("password-") ? Number(done.slice("password-".length)) : null;

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

        {trainer ? (
          <section aria-labelledby="formatore-titolo" className="mb-5">
            <h2 id="formatore-titolo" className="h3">
              {t("sheet.profile.title")}
            </h2>
            {done === "profilo-formatore" ? (
              <div className="alert alert-success" role="status">
                {t("sheet.profile.saved")}
              </div>
            ) : null}
            <Form method="post" {...getFormProps(trainerForm)}>
              <input type="hidden" name="intent" value="trainer-profile" />
              <FormErrorSummary errors={trainerForm.errors} />
              <TextAreaField
                field={trainerFields.trainerProfile}
                label={t("sheet.profile.field")}
                hint={t("sheet.profile.hint", { max: TRAINER_PROFILE_MAX })}
                rows={5}
              />
              <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
                {t("sheet.profile.save")}
              </button>
            </Form>
          </section>
        ) : null}

        <section aria-labelledby="email-titolo" className="mb-5">
          <h2 id="email-titolo" className="h3">
            {t("profile.email.title")}
          </h2>
          {done === "email" ? (
            <div className="alert alert-success" role="status">
              {t("profile.email.sent")}
            </div>
          ) : null}
          <p data-testid="profile-email">{t("profile.email.current", { email: profile.email })}</p>
          <p className="text-muted">{t("profile.email.intro")}</p>
          <Form method="post" {...getFormProps(emailForm)}>
            <input type="hidden" name="intent" value="email" />
            <FormErrorSummary errors={emailForm.errors} />
            <TextField
              field={emailFields.newEmail}
              label={t("profile.email.new")}
              type="email"
              autoComplete="email"
              required
            />
            <TextField
              field={emailFields.currentPassword}
              label={t("profile.password.current")}
              type="password"
              autoComplete="current-password"
              required
            />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("profile.email.submit")}
            </button>
          </Form>
        </section>

        <section aria-labelledby="password-titolo" className="mb-5">
          <h2 id="password-titolo" className="h3">
            {t("profile.password.title")}
          </h2>
          {passwordDone !== null && Number.isInteger(passwordDone) ? (
            <div className="alert alert-success" role="status">
              {t("profile.password.changed", { count: passwordDone })}
            </div>
          ) : null}
          <p className="text-muted">{t("profile.password.intro")}</p>
          <Form method="post" {...getFormProps(passwordForm)}>
            <input type="hidden" name="intent" value="password" />
            <FormErrorSummary errors={passwordForm.errors} />
            <TextField
              field={passwordFields.currentPassword}
              label={t("profile.password.current")}
              type="password"
              autoComplete="current-password"
              required
            />
            <TextField
              field={passwordFields.newPassword}
              label={t("profile.password.new")}
              type="password"
              autoComplete="new-password"
              hint={t("auth.field.passwordHint")}
              required
            />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("profile.password.submit")}
            </button>
          </Form>
        </section>

        <section aria-labelledby="accessi-titolo" className="mb-5">
          <h2 id="accessi-titolo" className="h3">
            {t("profile.signIns.title")}
          </h2>
          <p>{t("profile.signIns.intro")}</p>
          <Link className="btn btn-outline-primary" to="/profilo/accessi">
            {t("profile.signIns.manage")}
          </Link>
        </section>

        {organiser ? (
          <section aria-labelledby="carta-intestata-titolo" className="mb-5">
            <h2 id="carta-intestata-titolo" className="h3">
              {t("letterhead.title")}
            </h2>
            <p>{t("letterhead.profileIntro")}</p>
            <Link className="btn btn-outline-primary" to="/profilo/carta-intestata">
              {t("letterhead.manage")}
            </Link>
          </section>
        ) : null}

        <section aria-labelledby="dati-titolo" className="mb-5">
          <h2 id="dati-titolo" className="h3">
            {t("profile.mydata.title")}
          </h2>
          <p>{t("profile.mydata.intro")}</p>
          <a className="btn btn-outline-primary" href="/profilo/dati.zip" download>
            {t("profile.mydata.download")}
          </a>
        </section>

        <section aria-labelledby="sessioni-titolo" className="mb-5">
          <h2 id="sessioni-titolo" className="h3">
            {t("profile.sessions.title")}
          </h2>
          {done === "sessione" ? (
            <div className="alert alert-success" role="status">
              {t("profile.sessions.ended")}
            </div>
          ) : null}
          {/* Scrolls sideways on a phone: focusable, so the keyboard can scroll it too. */}
          <div
            className="table-responsive"
            role="region"
            aria-labelledby="sessioni-titolo"
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
          >
            <table className="table" data-testid="profile-sessions">
              <thead>
                <tr>
                  <th scope="col">{t("profile.sessions.device")}</th>
                  <th scope="col">{t("profile.sessions.since")}</th>
                  <th scope="col">{t("profile.sessions.lastUsed")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("profile.sessions.end")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => {
                  const device = s.device ?? t("profile.sessions.unknownDevice");
                  const lastUsed = formatDateTime(s.lastUsedAt, locale);
                  return (
                    <tr key={s.id}>
                      <th scope="row">{device}</th>
                      <td>{formatDateTime(s.createdAt, locale)}</td>
                      <td>{lastUsed}</td>
                      <td>
                        {s.current ? (
                          <span className="badge bg-primary">{t("profile.sessions.current")}</span>
                        ) : (
                          <Form method="post">
                            <input type="hidden" name="intent" value="end-session" />
                            <input type="hidden" name="sessionId" value={s.id} />
                            <button
                              type="submit"
                              className="btn btn-outline-danger btn-sm"
                              aria-label={t("profile.sessions.endLabel", { device, when: lastUsed })}
                            >
                              {t("profile.sessions.end")}
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>

        <section aria-labelledby="chiudi-titolo" className="mb-5">
          <h2 id="chiudi-titolo" className="h3">
            {t("profile.close.title")}
          </h2>
          <p>{t("profile.close.intro")}</p>
          <Link className="btn btn-outline-danger" to="/profilo/chiudi">
            {t("profile.close.link")}
          </Link>
        </section>
      </div>
    </div>
  );
}
