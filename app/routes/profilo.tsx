import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  CheckboxField,
  FormErrorSummary,
  IntentForm,
  SelectField,
  TextAreaField,
  TextField,
  validateWithZod,
} from "~/components/form-fields.tsx";
import {
  CurrentPasswordField,
  NameFields,
  NewEmailField,
  ProfessionalRoleField,
  RegionField,
  SchoolFields,
  SchoolLevelField,
  useAccountFieldLabel,
} from "~/components/account-fields.tsx";
import { IdentityConfirmation } from "~/components/identity-confirmation.tsx";
import { ProfileSection } from "~/components/profile-section.tsx";
import { TRAINER_PROFILE_MAX } from "~/domain/event-sheet.ts";
import { isOrganiser, isTrainer } from "~/domain/permissions.ts";
import { trainerProfileFormSchema } from "~/forms/event-sheet-form.ts";
import { setTrainerProfile } from "~/models/event-sheet.server.ts";
import { LOCALES, type Locale } from "~/domain/vocabulary.ts";
import {
  emailChangeByIdentityFormSchema,
  emailChangeFormSchema,
  passwordChangeFormSchema,
  profileFormSchema,
} from "~/forms/account-forms.ts";
import { failedIntentOf } from "~/forms/intent.ts";
import { profilePageActionSchema } from "~/forms/profile-page-form.ts";
import { translator, useLocale, useT } from "~/i18n/i18n.tsx";
import {
  changePassword,
  currentSessionId,
  emailChangeLimitText,
  endOtherSessions,
  endSession,
  listSessions,
  loadProfile,
  passwordRefusalText,
  requestEmailChange,
  updateProfile,
} from "~/models/account.server.ts";
import { retryRefusedAddress } from "~/models/outbox.server.ts";
import { passwordSignInEnabled } from "~/models/oidc.server.ts";
import {
  forgetReauthentication,
  hasPassword,
  reauthenticationProviders,
  recentlyReauthenticated,
} from "~/models/reauthentication.server.ts";
import { actorOf, requireUser } from "~/utils/auth.server.ts";
import { resendEmailConfirmation } from "~/utils/account.server.ts";
import { readForm } from "~/utils/form-data.server.ts";
import { clientIp } from "~/utils/rate-limit.server.ts";
import { formatDateTime, formatOnDate } from "~/utils/dates.ts";
import { getLocale, rememberLocale } from "~/utils/locale.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import { useSuccessInUrl } from "~/utils/success-in-url.ts";
import { unprintableNameCharacters } from "~/domain/person-name.ts";
import { ScrollRegion } from "~/components/scroll-region.tsx";

export const meta: MetaFunction = ({ matches, location }) => [
  { title: pageTitle(matches, "title.profile", null, outcomeOf(new URLSearchParams(location.search).get("fatto"))) },
];

const PROFILE_OUTCOMES = new Map<string, MessageKey>([
  ["profilo", "outcome.profileSaved"],
  ["nessuna-modifica", "outcome.nothingToSave"],
  ["profilo-formatore", "outcome.trainerProfileSaved"],
  ["email", "outcome.emailChangeSent"],
  ["conferma-inviata", "outcome.confirmationSent"],
  ["sessione", "outcome.sessionEnded"],
]);

/** What ?fatto= (the address the page's actions redirect to) says was just done, as the title's outcome. */
function outcomeOf(done: string | null): MessageKey | null {
  if (!done) return null;
  const fixed = PROFILE_OUTCOMES.get(done);
  if (fixed) return fixed;
  const counted = /^(password|altre-sessioni|email-di-nuovo)-(\d+)$/.exec(done);
  if (!counted) return null;
  if (counted[1] === "password") return "outcome.passwordChanged";
  // None ended or queued again: no outcome to state.
  if (Number(counted[2]) === 0) return null;
  return counted[1] === "altre-sessioni" ? "outcome.otherSessionsEnded" : "outcome.emailsRequeued";
}

const LOCALE_NAMES: Record<Locale, string> = { it: "Italiano", en: "English" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [profile, sessions, withPassword] = await Promise.all([
    loadProfile(user.id),
    listSessions(user.id, await currentSessionId(request)),
    hasPassword(user.id),
  ]);
  // An account without a password (made with SPID/CIE) confirms a change of address by signing in
  // again with one of its identities (ADR 0082), and has no password to change.
  const identityConfirmation = withPassword
    ? null
    : {
        providers: await reauthenticationProviders(user.id, await getLocale(request, user.locale)),
        confirmed: await recentlyReauthenticated(request, user.id),
        passwordSignIn: passwordSignInEnabled(),
      };
  // Organisers set the letterhead of their certificates (/profilo/carta-intestata); trainers write
  // the short profile shown on the sheets of the events they teach.
  return {
    profile,
    sessions,
    identityConfirmation,
    organiser: isOrganiser(actorOf(user)),
    trainer: isTrainer(actorOf(user)),
    // A name saved before the PDFs' rule (ADR 0075): the person is asked to correct it.
    unprintableName: unprintableNameCharacters(profile),
  };
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
        "Set-Cookie": await rememberLocale(input.locale),
      });
    }
    case "password": {
      const hide = { hideFields: ["currentPassword", "newPassword"] };
      const { currentPassword, newPassword } = input;
      const outcome = await changePassword(
        user.id,
        await currentSessionId(request),
        currentPassword,
        newPassword,
        clientIp(request),
      );
      if (!outcome.ok) {
        return data(
          {
            intent,
            result: submission.reply({ fieldErrors: { currentPassword: [passwordRefusalText(t, outcome)] }, ...hide }),
          },
          { status: outcome.reason === "rate-limited" ? 429 : 400 },
        );
      }
      return back(`password-${outcome.endedSessions}`, "password-titolo");
    }
    case "email": {
      const hide = { hideFields: ["currentPassword"] };
      const outcome = await requestEmailChange(user.id, input.newEmail, {
        currentPassword: input.currentPassword,
        ip: clientIp(request),
      });
      if (!outcome.ok) {
        // Too many changes this hour: said under the address, which stays in the field.
        const fieldErrors: Record<string, string[]> =
          outcome.reason === "same"
            ? { newEmail: [t("profile.email.same")] }
            : outcome.reason === "too-many-changes"
              ? { newEmail: [emailChangeLimitText(t, outcome.retryAfterSeconds)] }
              : { currentPassword: [passwordRefusalText(t, outcome)] };
        return data(
          { intent, result: submission.reply({ fieldErrors, ...hide }) },
          { status: outcome.reason === "rate-limited" || outcome.reason === "too-many-changes" ? 429 : 400 },
        );
      }
      return back("email", "email-titolo");
    }
    case "email-by-identity": {
      if ((await hasPassword(user.id)) || !(await recentlyReauthenticated(request, user.id))) {
        return data(
          { intent, result: submission.reply({ formErrors: [t("profile.email.identityRequired")] }) },
          { status: 403 },
        );
      }
      const outcome = await requestEmailChange(user.id, input.newEmail, "identity-confirmed");
      if (!outcome.ok) {
        const limited = outcome.reason === "too-many-changes";
        const message = limited ? emailChangeLimitText(t, outcome.retryAfterSeconds) : t("profile.email.same");
        return data(
          { intent, result: submission.reply({ fieldErrors: { newEmail: [message] } }) },
          { status: limited ? 429 : 400 },
        );
      }
      // The proof is spent: another change asks again.
      return back("email", "email-titolo", { "Set-Cookie": await forgetReauthentication() });
    }
    case "trainer-profile":
      await setTrainerProfile(user.id, input.trainerProfile ?? "");
      return back("profilo-formatore", "formatore-titolo");
    case "retry-email": {
      const queued = await retryRefusedAddress(user.id);
      return back(`email-di-nuovo-${queued}`, "email-titolo");
    }
    case "resend-confirmation": {
      // The way back for a staff account refused until its address is confirmed (requireConfirmedStaff).
      const resent = await resendEmailConfirmation(user.id);
      if (resent.ok || resent.reason === "already-confirmed") return back("conferma-inviata", "email-titolo");
      const minutes = Math.ceil(resent.retryAfterSeconds / 60);
      return data({ intent, error: t("profile.emailUnconfirmed.rateLimited", { minutes }) }, { status: 429 });
    }
    case "end-other-sessions": {
      const ended = await endOtherSessions(user.id, await currentSessionId(request));
      return back(`altre-sessioni-${ended}`, "sessioni-titolo");
    }
    case "end-session": {
      const ended = await endSession(user.id, input.sessionId ?? "");
      if (!ended) return data({ intent, error: t("profile.sessions.notFound") }, { status: 404 });
      return back("sessione", "sessioni-titolo");
    }
  }
}

export default function ProfilePage() {
  const { profile, sessions, identityConfirmation, organiser, trainer, unprintableName } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const successInUrl = useSuccessInUrl();
  const t = useT();
  const locale = useLocale();
  const done = successInUrl("fatto");
  const profileFieldLabel = useAccountFieldLabel({
    locale: "profile.field.locale",
    emailReminders: "profile.field.emailReminders",
  });
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
    ...validateWithZod(profileFormSchema),
  });
  const [trainerForm, trainerFields] = useForm({
    id: "trainer-profile",
    lastResult: resultOf("trainer-profile"),
    defaultValue: { trainerProfile: profile.trainerProfile ?? "" },
    ...validateWithZod(trainerProfileFormSchema),
  });
  const [emailForm, emailFields] = useForm({
    id: "email-change",
    lastResult: resultOf("email"),
    ...validateWithZod(emailChangeFormSchema),
  });
  const [identityEmailForm, identityEmailFields] = useForm({
    id: "email-change-by-identity",
    lastResult: resultOf("email-by-identity"),
    ...validateWithZod(emailChangeByIdentityFormSchema),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password-change",
    lastResult: resultOf("password"),
    ...validateWithZod(passwordChangeFormSchema),
  });
  const passwordDone = done?.startsWith("password-") ? Number(done.slice("password-".length)) : null;
  const otherSessionsDone = done?.startsWith("altre-sessioni-") ? Number(done.slice("altre-sessioni-".length)) : null;
  const retriedDone = done?.startsWith("email-di-nuovo-") ? Number(done.slice("email-di-nuovo-".length)) : null;
  const doneIf = (value: string, message: string) => (done === value ? message : null);

  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <h1 className="mb-3">{t("profile.title")}</h1>
        <p>{t("profile.intro")}</p>
        {actionData && "error" in actionData && actionData.error ? (
          <FormErrorSummary errors={[actionData.error]} />
        ) : null}

        <ProfileSection
          id="profilo-titolo"
          title={t("profile.data.title")}
          done={doneIf("profilo", t("profile.saved")) ?? doneIf("nessuna-modifica", t("profile.unchanged"))}
        >
          <p className="text-muted">{t("profile.data.futureOnly")}</p>
          {unprintableName.length > 0 ? (
            <p className="alert alert-warning" data-testid="unprintable-name">
              {t("profile.name.unprintable", { characters: unprintableName.join(" ") })}
            </p>
          ) : null}
          <IntentForm
            form={profileForm}
            intent="profile"
            submitLabel={t("profile.save")}
            summary={{ lastResult: resultOf("profile"), labelOf: profileFieldLabel }}
          >
            <NameFields firstName={fields.firstName} lastName={fields.lastName} />
            <SchoolFields schoolName={fields.schoolName} schoolCode={fields.schoolCode} />
            <div className="row">
              <div className="col-md-6">
                <SchoolLevelField field={fields.schoolLevel} />
              </div>
              <div className="col-md-6">
                <RegionField field={fields.regionCode} />
              </div>
            </div>
            <div className="row">
              <div className="col-md-6">
                <ProfessionalRoleField field={fields.professionalRole} />
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
          </IntentForm>
        </ProfileSection>

        {trainer ? (
          <ProfileSection
            id="formatore-titolo"
            title={t("sheet.profile.title")}
            done={doneIf("profilo-formatore", t("sheet.profile.saved"))}
          >
            <IntentForm form={trainerForm} intent="trainer-profile" submitLabel={t("sheet.profile.save")}>
              <TextAreaField
                field={trainerFields.trainerProfile}
                label={t("sheet.profile.field")}
                hint={t("sheet.profile.hint", { max: TRAINER_PROFILE_MAX })}
                rows={5}
              />
            </IntentForm>
          </ProfileSection>
        ) : null}

        <ProfileSection
          id="email-titolo"
          title={t("profile.email.title")}
          done={
            doneIf("email", t("profile.email.sent")) ??
            doneIf("conferma-inviata", t("profile.emailUnconfirmed.sent")) ??
            (retriedDone !== null && Number.isInteger(retriedDone)
              ? t("emailRefusal.retried", { count: retriedDone })
              : null)
          }
        >
          <p data-testid="profile-email">{t("profile.email.current", { email: profile.email })}</p>
          {profile.emailVerifiedAt ? null : (
            <div className="alert alert-warning" data-testid="email-unconfirmed">
              <p>{t("profile.emailUnconfirmed.text")}</p>
              <Form method="post" className="mb-0">
                <input type="hidden" name="intent" value="resend-confirmation" />
                <button type="submit" className="btn btn-outline-dark">
                  {t("profile.emailUnconfirmed.resend")}
                </button>
              </Form>
            </div>
          )}
          {profile.emailRefusedAt ? (
            <div className="alert alert-warning" data-testid="email-refused">
              <p>
                {t("emailRefusal.profile", {
                  when: formatOnDate(profile.emailRefusedAt, locale),
                  response: profile.emailRefusal ?? "",
                })}
              </p>
              <p>{t("emailRefusal.profileWhat")}</p>
              <Form method="post" className="mb-0">
                <input type="hidden" name="intent" value="retry-email" />
                <button type="submit" className="btn btn-outline-dark">
                  {t("emailRefusal.retry")}
                </button>
              </Form>
            </div>
          ) : null}
          <p className="text-muted">{t("profile.email.intro")}</p>
          {identityConfirmation === null ? (
            <IntentForm form={emailForm} intent="email" submitLabel={t("profile.email.submit")}>
              <NewEmailField field={emailFields.newEmail} />
              <CurrentPasswordField field={emailFields.currentPassword} />
            </IntentForm>
          ) : (
            <IdentityConfirmation
              providers={identityConfirmation.providers}
              confirmed={identityConfirmation.confirmed}
              returnTo="/profilo"
              intro={t("profile.email.identityIntro")}
              confirmedText={t("profile.email.identityConfirmed")}
            >
              <IntentForm form={identityEmailForm} intent="email-by-identity" submitLabel={t("profile.email.submit")}>
                <NewEmailField field={identityEmailFields.newEmail} />
              </IntentForm>
            </IdentityConfirmation>
          )}
        </ProfileSection>

        <ProfileSection
          id="password-titolo"
          title={t("profile.password.title")}
          done={
            passwordDone !== null && Number.isInteger(passwordDone)
              ? t("profile.password.changed", { count: passwordDone })
              : null
          }
        >
          {identityConfirmation === null ? (
            <>
              <p className="text-muted">{t("profile.password.intro")}</p>
              <IntentForm form={passwordForm} intent="password" submitLabel={t("profile.password.submit")}>
                <CurrentPasswordField field={passwordFields.currentPassword} />
                <TextField
                  field={passwordFields.newPassword}
                  label={t("profile.password.new")}
                  type="password"
                  autoComplete="new-password"
                  hint={t("auth.field.passwordHint")}
                  required
                />
              </IntentForm>
            </>
          ) : (
            <p data-testid="no-password">
              {t("profile.password.none")}{" "}
              {identityConfirmation.passwordSignIn ? (
                <>
                  {t("profile.password.noneSet")}{" "}
                  <Link to="/password-dimenticata">{t("profile.password.noneSetLink")}</Link>
                </>
              ) : null}
            </p>
          )}
        </ProfileSection>

        <ProfileSection id="accessi-titolo" title={t("profile.signIns.title")}>
          <p>{t("profile.signIns.intro")}</p>
          <Link className="btn btn-outline-primary" to="/profilo/accessi">
            {t("profile.signIns.manage")}
          </Link>
        </ProfileSection>

        <ProfileSection id="avvisi-titolo" title={t("alerts.title")}>
          <p>{t("alerts.offer.text")}</p>
          <Link className="btn btn-outline-primary" to="/profilo/avvisi">
            {t("alerts.manage")}
          </Link>
        </ProfileSection>

        {organiser ? (
          <ProfileSection id="carta-intestata-titolo" title={t("letterhead.title")}>
            <p>{t("letterhead.profileIntro")}</p>
            <Link className="btn btn-outline-primary" to="/profilo/carta-intestata">
              {t("letterhead.manage")}
            </Link>
          </ProfileSection>
        ) : null}

        <ProfileSection id="dati-titolo" title={t("profile.mydata.title")}>
          <p>{t("profile.mydata.intro")}</p>
          <a className="btn btn-outline-primary" href="/profilo/dati.zip" download>
            {t("profile.mydata.download")}
          </a>
        </ProfileSection>

        <ProfileSection
          id="sessioni-titolo"
          title={t("profile.sessions.title")}
          done={
            doneIf("sessione", t("profile.sessions.ended")) ??
            (otherSessionsDone !== null && Number.isInteger(otherSessionsDone)
              ? t("profile.sessions.othersEnded", { count: otherSessionsDone })
              : null)
          }
        >
          <ScrollRegion labelledBy="sessioni-titolo">
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
          </ScrollRegion>
          {sessions.some((s) => !s.current) ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="end-other-sessions" />
              <button type="submit" className="btn btn-outline-danger">
                {t("profile.sessions.endOthers", { count: sessions.filter((s) => !s.current).length })}
              </button>
            </Form>
          ) : null}
        </ProfileSection>

        <ProfileSection id="chiudi-titolo" title={t("profile.close.title")}>
          <p>{t("profile.close.intro")}</p>
          <Link className="btn btn-outline-danger" to="/profilo/chiudi">
            {t("profile.close.link")}
          </Link>
        </ProfileSection>
      </div>
    </div>
  );
}
