// A plain node-postgres pool beside Prisma's, for the few hot paths where Prisma's per-query
// cost matters (the rate limiter's store; see docs/decisions/0008-enrolment-hot-path.md).
import pg from "pg";
import { resolveDatabaseTarget } from "./database-url.ts";

let pool: pg.Pool | undefined;

export function pgPool(): pg.Pool {
  if (!pool) {
    const target = resolveDatabaseTarget();
    if (target.engine !== "postgresql") throw new Error("pgPool() is for the PostgreSQL engine only");
    pool = new pg.Pool({ connectionString: target.url, max: Number(process.env.DATABASE_HOT_POOL_SIZE ?? 5) });
  }
  return pool;
}

export async function closePgPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.end();
}
