// Which database Forma talks to, decided from DATABASE_URL alone.
// Shared by the app (db.server.ts), the Prisma CLI config and the scripts: one rule, one place.
import path from "node:path";

export const DEFAULT_SQLITE_URL = "file:./data/forma.db";

export type DatabaseTarget =
  { engine: "sqlite"; url: string; filePath: string } | { engine: "postgresql"; url: string };

export function resolveDatabaseTarget(
  rawUrl: string | undefined = process.env.DATABASE_URL,
  cwd: string = process.cwd(),
): DatabaseTarget {
  const url = rawUrl && rawUrl.trim() !== "" ? rawUrl.trim() : DEFAULT_SQLITE_URL;
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
    return { engine: "postgresql", url };
  }
  if (url.startsWith("file:")) {
    const rest = url.slice("file:".length).split("?")[0] ?? "";
    const filePath = path.isAbsolute(rest) ? rest : path.resolve(cwd, rest);
    return { engine: "sqlite", url, filePath };
  }
  throw new Error(
    `DATABASE_URL non valido: usa "file:percorso.db" (SQLite) oppure "postgresql://…" (PostgreSQL). Ricevuto: ${url.split(":")[0]}:…`,
  );
}
