// The e2e server's database (tests/e2e/support/serve.ts names it after the engine server's port),
// for the one thing a spec cannot do through the browser quickly: mark a fresh sign-up's email as
// confirmed (the confirmation link itself is covered by account-emails.spec.ts).
import path from "node:path";
import { test } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../../..");

/** The engine's database URL, from the project name and the engine server's port. */
export function databaseOf(project: string, enginePort: string): string {
  if (project.startsWith("postgresql")) {
    const server = process.env.FORMA_E2E_PG_URL ?? process.env.DATABASE_URL;
    if (!server) throw new Error("FORMA_E2E_PG_URL is required on PostgreSQL");
    const url = new URL(server);
    url.pathname = `/forma_e2e_${enginePort}`;
    return url.toString();
  }
  return `file:${path.join(root, "tests/.tmp", `e2e_${enginePort}.db`)}`;
}

/**
 * Confirms the email of the accounts whose address matches `pattern` (SQL LIKE), as opening the link
 * would (enrolment and applications need a confirmed email). Uses the running test's project.
 */
export async function confirmEmails(pattern: string): Promise<void> {
  const info = test.info();
  const enginePort = new URL(String(info.project.use.baseURL)).port;
  const url = databaseOf(info.project.name, enginePort);
  // The same stored format as the row's own dates, on either engine.
  const sql = `UPDATE "User" SET "emailVerifiedAt" = "createdAt" WHERE "email" LIKE $1 AND "emailVerifiedAt" IS NULL`;
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      db.prepare(sql.replace("$1", "?")).run(pattern);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql, [pattern]);
  } finally {
    await client.end();
  }
}
