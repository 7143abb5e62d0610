// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma (the single source of truth).
// Run: npm run db:sync-schemas. tests/integration/schema-sync.test.ts fails when the two drift.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA_PATH = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA_PATH = path.join(root, "prisma", "postgresql", "schema.prisma");

const GENERATED_HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:sync-schemas`. Do not edit by hand.\n";

export function postgresSchemaFrom(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('"../app/generated/prisma-sqlite"', '"../../app/generated/prisma-postgresql"');
  if (replaced === sqliteSchema || !replaced.includes("prisma-postgresql")) {
    throw new Error("prisma/schema.prisma no longer has the expected provider/output lines");
  }
  return GENERATED_HEADER + replaced;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const next = postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA_PATH, "utf8"));
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA_PATH), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA_PATH, next);
  console.log(`wrote ${path.relative(root, POSTGRES_SCHEMA_PATH)}`);
}
