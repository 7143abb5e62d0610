import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterEach, expect, test } from "vitest";
import { logDestination } from "./logger.server.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test("a line is written when it is logged, by the logging thread (no hand-over to libuv's pool: ADR 0051)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-log-"));
  dirs.push(dir);
  const file = path.join(dir, "out.log");
  const destination = logDestination(file);
  const logger = pino({ base: null }, destination);
  logger.info({ path: "/eventi" }, "request");
  // Read at once, before any callback could run: an asynchronous destination has not even opened the file.
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "request", path: "/eventi" });
  logger.info("second");
  expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);
  destination.end();
});

test("a LOG_LEVEL pino does not know falls back to info, so that the start's check of the environment names it", async () => {
  const { defaultLevel } = await import("./logger.server.ts");
  expect(defaultLevel("debug")).toBe("debug");
  expect(defaultLevel("verbose")).toBe("info");
});

test("errors in the log keep an email address's domain only (an SMTP refusal names the recipient)", async () => {
  const { errorFields } = await import("./logger.server.ts");
  const refusal = Object.assign(
    new Error(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <mario.rossi+corsi@scuola.edu.it>: Recipient address rejected",
    ),
    { code: "EENVELOPE" },
  );
  expect(errorFields(refusal)).toEqual({
    name: "Error",
    code: "EENVELOPE",
    message: "Can't send mail - all recipients were rejected: 550 5.1.1 <…@scuola.edu.it>: Recipient address rejected",
  });
  expect(errorFields("invalid sender docente@forma.test").message).toBe("invalid sender …@forma.test");
  expect(errorFields(new Error("connect ECONNREFUSED 127.0.0.1:587")).message).toBe(
    "connect ECONNREFUSED 127.0.0.1:587",
  );
});

test("an error logged whole keeps its stack but not the email addresses in its message and stack", async () => {
  const { createLogger } = await import("./logger.server.ts");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-log-"));
  dirs.push(dir);
  const file = path.join(dir, "out.log");
  const destination = logDestination(file);
  const logger = createLogger(destination, "info");
  const error = new Error("Unique constraint failed: giulia.conti@scuola.edu.it is taken");
  logger.error({ path: "/registrati", err: error }, "request failed");
  logger.error({ err: "plain text with anna@example.it" }, "unhandled error");
  destination.end();
  const [first, second] = fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { err: { message: string; stack?: string; type?: string } });
  expect(first!.err.message).toBe("Unique constraint failed: …@scuola.edu.it is taken");
  expect(first!.err.stack).toContain("logger.server.test.ts");
  expect(first!.err.stack).not.toContain("giulia.conti");
  expect(first!.err.type).toBe("Error");
  expect(JSON.stringify(second)).not.toContain("anna@");
});
