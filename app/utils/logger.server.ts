// Structured logs: one JSON object per line on stdout (pino), for the platform's log collector.
// Every request (app/utils/http-app.server.ts), every background job run, every email that could
// not be sent. LOG_LEVEL chooses the threshold (default "info"; "silent" under Vitest unless set).
import { pino } from "pino";
import { LOG_LEVELS } from "./env.server.ts";

/**
 * LOG_LEVEL, or "info" when it is not one of pino's levels: the start then stops on the environment's
 * check, which names the setting (app/utils/env.server.ts), instead of pino throwing its own error with
 * a stack trace as this module loads.
 */
export function defaultLevel(raw = process.env.LOG_LEVEL): string {
  if (raw) return (LOG_LEVELS as readonly string[]).includes(raw) ? raw : "info";
  return process.env.VITEST ? "silent" : "info";
}

/**
 * Where the lines go: standard output, written by the calling thread when the line is logged (a
 * synchronous write). pino's default destination writes asynchronously through libuv's thread pool,
 * and with one request at a time (an evenly spaced load, a quiet hour) every request line cost a hand
 * over to a pool thread and a wake-up of the event loop when its write completed, several system
 * calls and context switches more than the write itself (ADR 0051; under a closed-loop load the lines
 * queued behind a write in flight and shared it). A log collector that stops reading stdout blocks the
 * worker once the pipe's buffer is full, where the asynchronous destination grew its buffer without a
 * limit instead.
 */
export function logDestination(dest: number | string = 1) {
  return pino.destination({ dest, sync: true });
}

/**
 * An error logged whole (`err`: "request failed", "unhandled error", a job's failure) keeps its
 * stack and fields, but email addresses in its message and stack keep their domain only, as in
 * errorFields: an unexpected error's text can quote a teacher's address (a driver's error with the
 * row, an SMTP answer), and the server log is kept and read by more people than the database.
 */
export function logSafeError(error: unknown): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (typeof serialized !== "object" || serialized === null) return { message: withoutEmailAddresses(String(error)) };
  const fields = serialized as Record<string, unknown>;
  for (const key of ["message", "stack"]) {
    if (typeof fields[key] === "string") fields[key] = withoutEmailAddresses(fields[key] as string);
  }
  return fields;
}

/** Forma's logger writing to `destination` (the process's: `logger`; tests pass their own). */
export function createLogger(destination: ReturnType<typeof logDestination>, level = defaultLevel()) {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: logSafeError },
    },
    destination,
  );
}

export const logger = createLogger(logDestination());

/**
 * Email addresses in a message keep their domain only: an SMTP server's refusal ("550 5.1.1
 * <mario.rossi@scuola.it>: Recipient address rejected") put the teacher's address in every "email
 * not sent" line. The domain still tells a refusing provider from a typo.
 */
export function withoutEmailAddresses(text: string): string {
  return text.replace(/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g, "…@$1");
}

/** The error as plain fields (name, message, code), without a stack for expected failures or email addresses. */
export function errorFields(error: unknown): { name?: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: withoutEmailAddresses(error.message),
      ...(typeof code === "string" ? { code } : {}),
    };
  }
  return { message: withoutEmailAddresses(String(error)) };
}
