// Structured logs: one JSON object per line on stdout (pino), for the platform's log collector.
// Every request (app/utils/http-app.server.ts), every background job run, every email that could
// not be sent. LOG_LEVEL chooses the threshold (default "info"; "silent" under Vitest unless set).
import { pino } from "pino";

function defaultLevel(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
  return process.env.VITEST ? "silent" : "info";
}

export const logger = pino({
  level: defaultLevel(),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

/** The error as plain fields (name, message, code), without a stack for expected failures. */
export function errorFields(error: unknown): { name?: string; message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) };
  }
  return { message: String(error) };
}
