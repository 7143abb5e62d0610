// Signing in, out and up through the real pages, for every spec.
//   await loginAs(page, "referenteToscana");        // a demo account from the seed
//   await signIn(page, email, password);            // any account
//   const teacher = await signUpTeacher(page);      // a brand-new teacher, signed in
//   await signOut(page);
// The helpers work in either interface language and assert that they did what they say.
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, NEW_PASSWORD, uniqueEmail, type DemoAccount } from "./accounts.ts";
import { confirmEmails } from "./database.ts";

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

/** Signs in as one of the seed's demo accounts. */
export async function loginAs(page: Page, account: DemoAccount, options: { redirectTo?: string } = {}) {
  await signIn(page, DEMO_ACCOUNTS[account].email, DEMO_PASSWORD, options);
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

/**
 * Creates a new teacher account through /registrati, confirms its email (as opening the link would)
 * and signs in with it: the browser ends up signed in as it.
 */
export async function signUpTeacher(
  page: Page,
  overrides: Partial<TeacherSignup> = {},
  /** confirmEmail: false keeps the account unconfirmed, as right after signing up. */
  options: { confirmEmail?: boolean } = {},
): Promise<TeacherSignup> {
  const data = teacherSignup(overrides);
  await page.goto("/registrati");
  await fillSignUpForm(page, data);
  await signUpSubmitButton(page).click();
  // Sign-up answers the same for new and known addresses: "check your email", not signed in.
  await expect(page).toHaveURL(/\/registrati\?inviata=1$/);
  await expect(signOutButton(page)).toHaveCount(0);
  if (options.confirmEmail !== false) await confirmEmails(data.email);
  await signIn(page, data.email, data.password);
  return data;
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
