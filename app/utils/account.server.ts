// Sign-in and sign-up as the routes use them: validation already done, rules and storage here.
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import type { SignupForm } from "~/forms/account-forms.ts";
import { hashPassword, verifyLogin } from "./auth.server.ts";
import { issueAccountToken } from "~/models/account-tokens.server.ts";
import { prisma } from "./db.server.ts";
import { consumeLoginAttempt, resetLoginAttempts } from "./rate-limit.server.ts";

export type LoginOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

export async function attemptLogin(email: string, password: string, ip: string): Promise<LoginOutcome> {
  const verdict = await consumeLoginAttempt(email, ip);
  if (!verdict.allowed)
    return {
      ok: false,
      reason: "rate-limited",
      retryAfterSeconds: verdict.retryAfterSeconds,
    };
  const user = await verifyLogin(email, password);
  if (!user) return { ok: false, reason: "invalid" };
  await resetLoginAttempts(email, ip);
  return { ok: true, userId: user.id };
}

export type SignupOutcome = { ok: true; userId: string } | { ok: false; reason: "email-taken" };

export async function createTeacherAccount(form: SignupForm, locale: string): Promise<SignupOutcome> {
  const passwordHash = await hashPassword(form.password);
  try {
    // The account and its confirmation email (token + notification) are written together.
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: form.email,
          firstName: form.firstName,
          lastName: form.lastName,
          schoolName: form.schoolName ?? null,
          schoolCode: form.schoolCode ?? null,
          schoolLevel: form.schoolLevel,
          regionCode: form.regionCode,
          professionalRole: form.professionalRole,
          locale,
          password: { create: { hash: passwordHash } },
        },
        select: { id: true },
      });
      await issueAccountToken(tx, created.id, "conferma-email");
      return created;
    });
    return { ok: true, userId: user.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "email-taken" };
    throw error;
  }
}

/**
 * A unique constraint refused the write: P2002 from model queries, the driver adapter's
 * UniqueConstraintViolation from Prisma raw SQL, or the drivers' own codes from direct connections.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  if (typeof error !== "object" || error === null) return false;
  const e = error as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { kind?: string } } };
    cause?: { kind?: string };
  };
  return (
    e.code === "P2002" ||
    e.code === "23505" || // PostgreSQL's unique_violation, from node-postgres
    e.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    e.cause?.kind === "UniqueConstraintViolation"
  );
}
