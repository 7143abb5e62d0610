// Signing in, out and up, for every spec.
//   await loginAs(page, "referenteToscana");        // a demo account from the seed, signed in
//   await enterAs(page, email, { redirectTo });      // any existing account, signed in (no form)
//   await signIn(page, email, password);            // any account, through the sign-in form
//   const teacher = await createTeacher(page);         // a brand-new teacher, signed in
//   const other = await createTeacherAccount();        // a brand-new teacher account, no browser
//   await signOut(page);
// loginAs and createTeacher make the session (and the account) as the app does, without the forms:
// the forms are auth.spec.ts's subject, and each pass through them costs page loads and an
// argon2id hash. signIn and signOut use the real pages. The helpers work in either interface
// language and assert that they did what they say.
import { expect, test, type Locator, type Page, type Response } from "@playwright/test";
import { PROFESSIONAL_ROLE_LABELS, REGION_LABELS, SCHOOL_LEVEL_LABELS } from "../../../app/domain/vocabulary.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, NEW_PASSWORD, uniqueEmail, type DemoAccount } from "./accounts.ts";
import { createTeachers, startSession, type SessionCookie } from "./database.ts";

/** The header's sign-out button: present only when signed in. */
export function signOutButton(page: Page): Locator {
  return page.getByRole("banner").getByRole("button", { name: /^(Esci|Sign out)$/ });
}

/** The header's sign-in link: present only when signed out. */
export function signInLink(page: Page): Locator {
  return page.getByRole("banner").getByRole("link", { name: /^(Accedi|Sign in)$/ });
}

/** Fills and submits the sign-in form; does not check the outcome. */
export async function submitSignIn(page: Page, email: string, password: string, redirectTo?: string) {
  await page.goto(redirectTo ? `/accedi?redirectTo=${encodeURIComponent(redirectTo)}` : "/accedi");
  const form = page.getByRole("main");
  await form.getByRole("textbox", { name: /^Email/ }).fill(email);
  await form.getByLabel(/^Password/).fill(password);
  await form.getByRole("button", { name: /^(Accedi|Sign in)$/ }).click();
}

/** Signs in and waits until the header shows the signed-in state (and, if given, the redirect target). */
export async function signIn(page: Page, email: string, password: string, options: { redirectTo?: string } = {}) {
  await submitSignIn(page, email, password, options.redirectTo);
  await expect(signOutButton(page)).toBeVisible();
  await expect(page).toHaveURL(
    options.redirectTo ? new RegExp(`${escapeRegExp(options.redirectTo)}$`) : /\/eventi(\?|$)/,
  );
}

/**
 * Puts a session cookie in the page's browser context, opens `path` and checks it is signed in; answers that
 * load's response (a test that signs in onto a refusal or a 404 reads its status there).
 */
async function enterWithSession(page: Page, cookie: SessionCookie, path: string): Promise<Response | null> {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ ...cookie, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  const response = await page.goto(path);
  await expect(signOutButton(page)).toBeVisible();
  return response;
}

/**
 * Signed in as one of the seed's demo accounts, on the catalogue (or `redirectTo`), as after the
 * sign-in form. The form itself, with every demo account, is tested in auth.spec.ts.
 */
export async function loginAs(
  page: Page,
  account: DemoAccount,
  options: { redirectTo?: string } = {},
): Promise<Response | null> {
  return enterAs(page, DEMO_ACCOUNTS[account].email, options);
}

/**
 * Signed in as an existing account (a demo one, one of createTeacherAccount's, or one a test has just made), in
 * this page's browser, on the catalogue (or `redirectTo`): a session made as the sign-in form makes it, without
 * the form's two page loads and password hash. For a second browser of the same person too.
 */
export async function enterAs(
  page: Page,
  email: string,
  options: { redirectTo?: string } = {},
): Promise<Response | null> {
  return enterWithSession(page, await startSession(email), options.redirectTo ?? "/eventi");
}

export async function signOut(page: Page) {
  await signOutButton(page).click();
  await expect(signInLink(page)).toBeVisible();
  await expect(signOutButton(page)).toHaveCount(0);
}

export type TeacherSignup = {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  schoolName: string;
  schoolCode: string;
  /** Visible labels (Italian) of the choices. */
  schoolLevel: string;
  region: string;
  role: string;
};

export function teacherSignup(overrides: Partial<TeacherSignup> = {}): TeacherSignup {
  return {
    firstName: "Giulia",
    lastName: "Verdi",
    email: uniqueEmail("docente"),
    password: NEW_PASSWORD,
    schoolName: "IC Firenze 1",
    schoolCode: "FIIC80100X",
    schoolLevel: "Scuola primaria",
    region: "Toscana",
    role: "Docente",
    ...overrides,
  };
}

/** Fills the sign-up form (Italian interface) without submitting it. */
export async function fillSignUpForm(page: Page, data: TeacherSignup) {
  const form = page.getByRole("main");
  await form.getByRole("textbox", { name: /^Nome/ }).fill(data.firstName);
  await form.getByRole("textbox", { name: /^Cognome/ }).fill(data.lastName);
  await form.getByRole("textbox", { name: /^Email/ }).fill(data.email);
  await form.getByLabel(/^Password/).fill(data.password);
  await form.getByRole("textbox", { name: /^Scuola \(denominazione\)/ }).fill(data.schoolName);
  await form.getByRole("textbox", { name: /^Codice meccanografico/ }).fill(data.schoolCode);
  await form.getByRole("combobox", { name: /^Ordine di scuola/ }).selectOption({ label: data.schoolLevel });
  await form.getByRole("combobox", { name: /^Regione/ }).selectOption({ label: data.region });
  await form.getByRole("combobox", { name: /^Ruolo/ }).selectOption({ label: data.role });
}

export function signUpSubmitButton(page: Page): Locator {
  return page.getByRole("main").getByRole("button", { name: /^(Registrati|Sign up)$/ });
}

function codeOf(labels: Record<string, { it: string }>, label: string): string {
  const code = Object.keys(labels).find((k) => labels[k]!.it === label);
  if (!code) throw new Error(`no code for the label "${label}"`);
  return code;
}

/**
 * A new teacher account, as signing up and opening the confirmation link make it, signed in on the
 * page (on the catalogue). Its password is DEMO_PASSWORD. The sign-up form itself is tested in
 * auth.spec.ts, the confirmation link in account-emails.spec.ts.
 */
export async function createTeacher(
  page: Page,
  overrides: Partial<Omit<TeacherSignup, "password">> = {},
  /**
   * confirmEmail: false keeps the account unconfirmed, as right after signing up; redirectTo: the page it opens
   * signed in (the catalogue by default), for a test that goes on there.
   */
  options: { confirmEmail?: boolean; redirectTo?: string } = {},
): Promise<TeacherSignup> {
  const { data, cookie } = await insertTeacher(overrides, options);
  await enterWithSession(page, cookie, options.redirectTo ?? "/eventi");
  return data;
}

/**
 * A new teacher account, as createTeacher makes it, without a browser: for a test that needs the account only
 * (another user looks it up, grants it a role, closes it), not its pages.
 */
export async function createTeacherAccount(
  overrides: Partial<Omit<TeacherSignup, "password">> = {},
): Promise<TeacherSignup> {
  return (await insertTeacher(overrides, {})).data;
}

async function insertTeacher(
  overrides: Partial<Omit<TeacherSignup, "password">>,
  options: { confirmEmail?: boolean },
): Promise<{ data: TeacherSignup; cookie: SessionCookie }> {
  const data = teacherSignup({ ...overrides, password: DEMO_PASSWORD });
  const [cookie] = await createTeachers([
    {
      email: data.email,
      firstName: data.firstName,
      lastName: data.lastName,
      schoolName: data.schoolName,
      schoolCode: data.schoolCode,
      schoolLevel: codeOf(SCHOOL_LEVEL_LABELS, data.schoolLevel),
      regionCode: codeOf(REGION_LABELS, data.region),
      professionalRole: codeOf(PROFESSIONAL_ROLE_LABELS, data.role),
      confirmed: options.confirmEmail !== false,
    },
  ]);
  return { data, cookie: cookie! };
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
