// Rate limits stored in the database (rate-limiter-flexible's Prisma store), so every app
// instance counts the same attempts.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import { databaseEngine } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import { errorFields, logger } from "./logger.server.ts";
import { pgPool } from "./pg-pool.server.ts";
import { prepared, retryWhileBusy, sqliteDirect } from "./sqlite-direct.server.ts";
import { rateLimitAddress } from "./client-address.server.ts";

type Limiter = RateLimiterSQLite | RateLimiterPostgres;
const limiters = new Map<string, Limiter>();

// The counters live in the rate_limit table (prisma/schema.prisma), written with the library's
// own single-statement upserts on a direct connection: Prisma's per-query cost made the limiter
// the most expensive part of an enrolment request. If the store cannot answer (SQLite busy with
// a long write for more than STORE_BUSY_WAIT_MS), the limit is kept in this process's memory for
// that moment.
function limiter(name: string, points: number, durationSeconds: number): Limiter {
  let l = limiters.get(name);
  if (!l) {
    const common = {
      keyPrefix: name,
      points,
      duration: durationSeconds,
      tableName: "rate_limit",
      tableCreated: true,
      clearExpiredByTimeout: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds }),
    };
    l =
      databaseEngine === "postgresql"
        ? new RateLimiterPostgres({ ...common, storeClient: pgPool(), storeType: "pool" })
        : withSharedStoreWrites(
            new RateLimiterSQLite({ ...common, storeClient: sqliteDirect(), storeType: "better-sqlite3" }),
          );
    limiters.set(name, l);
  }
  return l;
}

/**
 * How long a write to the store (a count, a reset) waits for another connection's write lock (another
 * worker's commit takes a fraction of a millisecond) before the library falls back to this process's memory.
 */
export const STORE_BUSY_WAIT_MS = 1_000;

const DELETE_COUNTER_SQL = `DELETE FROM rate_limit WHERE key = ?`;
const CLEAR_EXPIRED_SQL = `DELETE FROM rate_limit WHERE expire < ?`;

type SqliteStoreWrites = {
  _upsertTransactionBetterSQLite3?: (conn: unknown, sql: string, params: unknown[]) => Promise<unknown>;
  _delete?: (rlKey: string) => Promise<boolean>;
  clearExpired?: (nowMs: number) => Promise<void>;
};

/**
 * The library's better-sqlite3 store, its writes made safe beside other workers' (ADR 0066). The direct
 * connection never waits on the file's lock by itself (busy timeout 0), and the library runs each write once:
 * - a count compiled its upsert again on every call inside BEGIN … COMMIT: the same upsert (same SQL, same
 *   parameters) runs as a statement prepared once, on its own (a single INSERT … ON CONFLICT DO UPDATE …
 *   RETURNING is atomic), retried after yielding while another worker commits; before, it failed at once and
 *   the library counted the attempt in this process's memory only (2-13 % of refusals' counts with two workers,
 *   under strace);
 * - a reset (`delete`, after a successful sign-in) likewise: it failed at once and the library forgot the
 *   attempts in this process's memory only, so the shared table kept counting them;
 * - the clearing of expired counters, which the library runs every 5 minutes on a timer, rejected on a busy
 *   file: an unhandled rejection, which ends the worker (node:cluster starts another; the requests it was
 *   serving fail), and the timer chain stopped. It now waits like the others and, past the wait, says so in
 *   the log and tries again 5 minutes later (the counters it missed are expired: nothing reads them).
 * Another library version (without these methods) is kept as it is.
 */
export function withSharedStoreWrites(
  l: RateLimiterSQLite,
): RateLimiterSQLite & { clearExpired(nowMs: number): Promise<void> } {
  const store = l as unknown as SqliteStoreWrites;
  if (
    typeof store._upsertTransactionBetterSQLite3 !== "function" ||
    typeof store._delete !== "function" ||
    typeof store.clearExpired !== "function"
  ) {
    return l as RateLimiterSQLite & Required<Pick<SqliteStoreWrites, "clearExpired">>;
  }
  store._upsertTransactionBetterSQLite3 = (_conn, sql, params) =>
    retryWhileBusy(() => prepared(sql).get(...params), STORE_BUSY_WAIT_MS);
  store._delete = (rlKey) =>
    retryWhileBusy(() => prepared(DELETE_COUNTER_SQL).run(rlKey).changes > 0, STORE_BUSY_WAIT_MS);
  store.clearExpired = (nowMs) =>
    retryWhileBusy(() => prepared(CLEAR_EXPIRED_SQL).run(nowMs), STORE_BUSY_WAIT_MS).then(
      () => undefined,
      (error: unknown) => {
        logger.warn({ err: errorFields(error) }, "rate limit: expired counters not cleared this time");
      },
    );
  return l as RateLimiterSQLite & Required<Pick<SqliteStoreWrites, "clearExpired">>;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

async function consume(l: Limiter, key: string): Promise<RateLimitVerdict> {
  try {
    await l.consume(key);
    return { allowed: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
    throw error;
  }
}

/** Counts one login attempt for this email from this address. */
export function consumeLoginAttempt(email: string, ip: string): Promise<RateLimitVerdict> {
  const env = getEnv();
  return consume(limiter("login", env.LOGIN_RATE_LIMIT, env.LOGIN_RATE_WINDOW_SECONDS), `${email.toLowerCase()}|${ip}`);
}

/** Forgets the failed attempts after a successful login. */
export async function resetLoginAttempts(email: string, ip: string): Promise<void> {
  const env = getEnv();
  await limiter("login", env.LOGIN_RATE_LIMIT, env.LOGIN_RATE_WINDOW_SECONDS).delete(`${email.toLowerCase()}|${ip}`);
}

function loginFailureLimiter(): Limiter {
  const env = getEnv();
  return limiter("login-ip", env.LOGIN_IP_FAILURE_LIMIT, env.LOGIN_RATE_WINDOW_SECONDS);
}

/**
 * Whether this address may try to sign in at all: refused once it has LOGIN_IP_FAILURE_LIMIT failed
 * attempts in the window, across every email (one address trying many accounts). A read, so a
 * blocked address's further attempts write nothing; consumeLoginAddress is what holds the limit.
 */
export async function checkLoginAddress(ip: string): Promise<RateLimitVerdict> {
  const env = getEnv();
  const state = await loginFailureLimiter()
    .get(ip)
    .catch(() => null);
  if (state && state.consumedPoints >= env.LOGIN_IP_FAILURE_LIMIT) {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
  }
  return { allowed: true };
}

/**
 * Takes one point of this address's failure budget before its password is checked, atomically: a
 * read before the check and a count after it let every sign-in of a concurrent burst through (each
 * read the counter before any had failed). The point stays if the password is wrong; every other
 * outcome gives it back (refundLoginAddress), so the counter is the failures plus the checks in
 * flight. Refused: over the limit (the point taken for the refusal is given back at once).
 */
export async function consumeLoginAddress(ip: string): Promise<RateLimitVerdict> {
  const verdict = await consume(loginFailureLimiter(), ip);
  if (!verdict.allowed) await refundLoginAddress(ip);
  return verdict;
}

/** Gives back the point of consumeLoginAddress: the attempt was no failure (signed in, or refused before the check). */
export async function refundLoginAddress(ip: string): Promise<void> {
  await loginFailureLimiter().reward(ip, 1);
}

/** Counts one sign-up from this address (accounts are cheap to create; keep bots out). */
export function consumeSignupAttempt(ip: string): Promise<RateLimitVerdict> {
  const env = getEnv();
  return consume(limiter("signup", env.SIGNUP_RATE_LIMIT, env.SIGNUP_RATE_WINDOW_SECONDS), ip);
}

/**
 * Counts one enrolment action (enrol, cancel, accept) by this teacher: generous for people,
 * a wall for scripts hammering an edition the moment it opens.
 */
export function consumeEnrolmentAttempt(userId: string): Promise<RateLimitVerdict> {
  const env = getEnv();
  return consume(limiter("enrolment", env.ENROLMENT_RATE_LIMIT, env.ENROLMENT_RATE_WINDOW_SECONDS), userId);
}

/**
 * One enrolment attempt to be counted by the enrolment's own write (the seat transaction, ADR 0023)
 * instead of a write of its own: the same rate_limit row and rule as consumeEnrolmentAttempt, so
 * both count against one budget. Whoever takes it must count it exactly once, whatever the outcome:
 * in the seat transaction (ATTEMPT_UPSERT_SQLITE, attemptUpsertPostgres), or with countAttempt() when the
 * request ends before it (or its transaction was undone).
 */
export type EnrolmentAttempt = { key: string; limit: number; windowMs: number; userId: string };

export function enrolmentAttempt(userId: string): EnrolmentAttempt {
  const env = getEnv();
  const l = limiter("enrolment", env.ENROLMENT_RATE_LIMIT, env.ENROLMENT_RATE_WINDOW_SECONDS);
  return {
    key: l.getKey(userId),
    limit: env.ENROLMENT_RATE_LIMIT,
    windowMs: env.ENROLMENT_RATE_WINDOW_SECONDS * 1000,
    userId,
  };
}

/** Counts the attempt on its own (the paths that end before the seat transaction, or whose transaction was undone). */
export function countAttempt(attempt: EnrolmentAttempt): Promise<RateLimitVerdict> {
  return consumeEnrolmentAttempt(attempt.userId);
}

/**
 * rate-limiter-flexible's own upsert of one point, per engine (RateLimiterSQLite, RateLimiterPostgres
 * 11.x), returning the counter after it: points and expire (epoch ms). A window that has run out
 * starts again at one point.
 *   SQLite, positional: key, 1, new expire, now, now.
 *   PostgreSQL, for a CTE, with the caller's numbered parameters: key, new expire, now.
 */
export const ATTEMPT_UPSERT_SQLITE = `INSERT INTO rate_limit (key, points, expire)
         VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET
           points = CASE WHEN expire IS NULL OR expire > ? THEN points + excluded.points ELSE excluded.points END,
           expire = CASE WHEN expire IS NULL OR expire > ? THEN expire ELSE excluded.expire END
         RETURNING points, expire`;
export function attemptUpsertPostgres(key: string, newExpire: string, now: string): string {
  return `INSERT INTO rate_limit VALUES (${key}, 1, ${newExpire})
              ON CONFLICT(key) DO UPDATE SET
                points = CASE WHEN rate_limit.expire <= ${now} THEN 1 ELSE rate_limit.points + 1 END,
                expire = CASE WHEN rate_limit.expire <= ${now} THEN ${newExpire} ELSE rate_limit.expire END
            RETURNING points, expire`;
}

/** The verdict on the counter after the attempt was counted, as the library gives it. */
export function attemptVerdict(
  attempt: EnrolmentAttempt,
  counter: { points: number | string; expire: number | string | bigint | null },
  nowMs: number,
): RateLimitVerdict {
  if (Number(counter.points) <= attempt.limit) return { allowed: true };
  const msBeforeNext = counter.expire === null ? -1 : Math.max(Number(counter.expire) - nowMs, 0);
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
}

/** QR self check-in: a person checks in once per session; a few retries (expired code, typo) are fine. */
export const CHECK_IN_LIMITS = { perUser: 20, windowSeconds: 10 * 60 } as const;

/** Counts one check-in attempt by this teacher (guessing codes is pointless, but hammering is refused). */
export function consumeCheckInAttempt(userId: string): Promise<RateLimitVerdict> {
  return consume(limiter("check-in", CHECK_IN_LIMITS.perUser, CHECK_IN_LIMITS.windowSeconds), userId);
}

/** "Password dimenticata?": per address 20 requests an hour, per email 5 (then silently nothing is sent). */
export const PASSWORD_RESET_LIMITS = { perIp: 20, perEmail: 5, windowSeconds: 3600 } as const;

/** Counts one reset request from this address and one for this email; refused if either is over its limit. */
export async function consumePasswordResetAttempt(
  ip: string,
  email: string,
): Promise<{ ip: RateLimitVerdict; email: RateLimitVerdict }> {
  const { perIp, perEmail, windowSeconds } = PASSWORD_RESET_LIMITS;
  const byIp = await consume(limiter("reset-ip", perIp, windowSeconds), ip);
  if (!byIp.allowed) return { ip: byIp, email: { allowed: true } };
  return { ip: byIp, email: await consume(limiter("reset-email", perEmail, windowSeconds), email.toLowerCase()) };
}

/**
 * A reset link's form (/reimposta-password/:token) that would set a password: per address 20 an hour. Each one hashes
 * the new password with argon2, whose time and memory every sign-in shares; links that are unknown, used or expired
 * are refused before (a read) and not counted. A person needs one; a school's network, a few.
 */
export const PASSWORD_RESET_POST_LIMITS = { perIp: 20, windowSeconds: 3600 } as const;

/** Counts one new password sent with a valid reset link from this address. */
export function consumePasswordResetPost(ip: string): Promise<RateLimitVerdict> {
  const { perIp, windowSeconds } = PASSWORD_RESET_POST_LIMITS;
  return consume(limiter("reset-post-ip", perIp, windowSeconds), ip);
}

/**
 * The profile that makes an account at a first sign-in with a provider (/accedi/completa, "crea") answers whether its
 * address or codice fiscale has an account already, which the flow needs (ADR 0014): so it is counted, 10 an hour per
 * identity (issuer and subject: signing in at the provider again does not start afresh) and 60 an hour per address
 * (a school's many first sign-ins pass; some providers, EU Login, give identities cheaply).
 */
export const IDENTITY_COMPLETION_LIMITS = { perIdentity: 10, perIp: 60, windowSeconds: 3600 } as const;

/** Counts one "crea" from this address and for this identity; refused if either is over its limit. */
export async function consumeIdentityCompletion(
  ip: string,
  identity: { issuer: string; subject: string },
): Promise<RateLimitVerdict> {
  const { perIdentity, perIp, windowSeconds } = IDENTITY_COMPLETION_LIMITS;
  const byIp = await consume(limiter("oidc-complete-ip", perIp, windowSeconds), ip);
  if (!byIp.allowed) return byIp;
  return consume(limiter("oidc-complete", perIdentity, windowSeconds), `${identity.issuer}|${identity.subject}`);
}

/**
 * The client the per-address limits count: its address as the HTTP app found it (behind a proxy,
 * with TRUST_PROXY, server.js puts the client address here), an IPv6 address as its /64, which one
 * client may rotate through freely (rateLimitAddress).
 */
export function clientIp(request: Request): string {
  return rateLimitAddress(request.headers.get("x-forma-client-ip") ?? "unknown");
}

/** Public certificate verification: 60 lookups a minute per address, enough for people, a wall for guessing codes. */
export const VERIFICATION_LIMITS = { perIp: 60, windowSeconds: 60 } as const;

export function consumeVerificationLookup(ip: string): Promise<RateLimitVerdict> {
  return consume(limiter("verify", VERIFICATION_LIMITS.perIp, VERIFICATION_LIMITS.windowSeconds), ip);
}

/** "Invia di nuovo il link" of the email confirmation: 3 an hour per account (each one sends an email). */
export const CONFIRMATION_RESEND_LIMITS = { perUser: 3, windowSeconds: 3600 } as const;

export function consumeConfirmationResend(userId: string): Promise<RateLimitVerdict> {
  const { perUser, windowSeconds } = CONFIRMATION_RESEND_LIMITS;
  return consume(limiter("confirm-resend", perUser, windowSeconds), userId);
}

/**
 * A change of address at /profilo: 5 an hour per account. Each one sends a link to the address typed,
 * which can be anyone's (or tells that address's owner it was named): without a cap, one account could
 * make Forma mail an address without end. Counted for free and taken addresses alike (the answer must
 * not tell them apart), after the proof of identity.
 */
export const EMAIL_CHANGE_LIMITS = { perUser: 5, windowSeconds: 3600 } as const;

export function consumeEmailChangeAttempt(userId: string): Promise<RateLimitVerdict> {
  const { perUser, windowSeconds } = EMAIL_CHANGE_LIMITS;
  return consume(limiter("email-change", perUser, windowSeconds), userId);
}
