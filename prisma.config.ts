// Prisma CLI configuration. The engine is chosen from DATABASE_URL (see app/utils/database-url.ts):
// SQLite uses prisma/schema.prisma and prisma/migrations; PostgreSQL uses prisma/postgresql/.
// The schema engine runs as WebAssembly through a driver adapter, so nothing is downloaded.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { resolveDatabaseTarget } from "./app/utils/database-url.ts";

const target = resolveDatabaseTarget();
// The datasource block reads env("DATABASE_URL"); make the default explicit for the CLI.
process.env.DATABASE_URL = target.url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema:
    target.engine === "postgresql"
      ? path.join("prisma", "postgresql", "schema.prisma")
      : path.join("prisma", "schema.prisma"),
  async adapter() {
    if (target.engine === "postgresql") {
      // adapter-pg 6.19.3 cannot drive the schema engine on PostgreSQL (see ../shared/NOTES.md);
      // the 7.x adapter can, and is used for migrations only.
      // The CLI never ends the pool the schema engine opens: allowExitOnIdle lets node exit when only its idle
      // connection is left, instead of waiting out pg's 10 s idle timeout after the command (ADR 0114).
      const { PrismaPg } = await import("@prisma/adapter-pg-migrate");
      return new PrismaPg({ connectionString: target.url, allowExitOnIdle: true });
    }
    fs.mkdirSync(path.dirname(target.filePath), { recursive: true });
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: target.filePath });
  },
});
