import { describe, expect, test } from "vitest";
import { DatabaseStartupFailure, startupFailureLine, StartupRefusal } from "./startup-failure.server.ts";

const PREFIX = "Forma non si avvia / Forma cannot start: ";

describe("startupFailureLine", () => {
  test("the settings of an invalid configuration, one after another on one line", () => {
    const error = new Error(
      "Configurazione non valida:\n  APP_ORIGIN: Invalid url\n  PORT: Expected number, received nan",
    );
    expect(startupFailureLine(error)).toBe(
      `${PREFIX}Configurazione non valida: APP_ORIGIN: Invalid url; PORT: Expected number, received nan`,
    );
  });

  test("a database error: the driver's words, never the URL's password", () => {
    const error = Object.assign(
      new Error(
        "\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `Can't reach database server at db.example.it:5432`",
      ),
      { name: "PrismaClientKnownRequestError", code: "P2010" },
    );
    expect(startupFailureLine(error)).toBe(
      `${PREFIX}database: Can't reach database server at db.example.it:5432 (DATABASE_URL)`,
    );
    expect(startupFailureLine(new StartupRefusal("replica postgresql://forma:S3greta@db/forma: no"))).toBe(
      `${PREFIX}replica postgresql://forma:***@db/forma: no`,
    );
  });

  test("a database that fails with the driver's own error: named as the database's, with its setting", () => {
    expect(startupFailureLine(new DatabaseStartupFailure(new Error("Connection terminated unexpectedly")))).toBe(
      `${PREFIX}database: Connection terminated unexpectedly (DATABASE_URL)`,
    );
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    expect(startupFailureLine(new DatabaseStartupFailure(reset))).toBe(
      `${PREFIX}database: read ECONNRESET (ECONNRESET) (DATABASE_URL)`,
    );
    // Prisma's own errors and a refusal already say what they are: no second prefix.
    const prismaError = Object.assign(new Error("Raw query failed. Code: `N/A`. Message: `timeout`"), {
      name: "PrismaClientKnownRequestError",
    });
    expect(startupFailureLine(new DatabaseStartupFailure(prismaError))).toBe(
      `${PREFIX}database: timeout (DATABASE_URL)`,
    );
    expect(startupFailureLine(new DatabaseStartupFailure(new StartupRefusal("migrazioni mancanti")))).toBe(
      `${PREFIX}migrazioni mancanti`,
    );
  });

  test("a port that cannot be listened on", () => {
    const error = Object.assign(new Error("listen EADDRINUSE: address already in use 0.0.0.0:3000"), {
      code: "EADDRINUSE",
      syscall: "listen",
      address: "0.0.0.0",
      port: 3000,
    });
    expect(startupFailureLine(error)).toBe(
      `${PREFIX}HOST/PORT 0.0.0.0:3000: indirizzo già in uso da un altro processo / address already in use (EADDRINUSE)`,
    );
  });

  test("a port a cluster worker cannot have (the primary's bind error)", () => {
    const error = Object.assign(new Error("bind EADDRINUSE 127.0.0.1:42739"), {
      code: "EADDRINUSE",
      syscall: "bind",
      address: "127.0.0.1",
      port: 42739,
    });
    expect(startupFailureLine(error)).toBe(
      `${PREFIX}HOST/PORT 127.0.0.1:42739: indirizzo già in uso da un altro processo / address already in use (EADDRINUSE)`,
    );
  });

  test("anything else: its name, code and message on one line, without the stack", () => {
    const error = Object.assign(new Error("first\n  second"), { code: "ENOSPC" });
    expect(startupFailureLine(error)).toBe(`${PREFIX}Error ENOSPC: first; second`);
    expect(startupFailureLine("text")).toBe(`${PREFIX}text`);
  });
});
