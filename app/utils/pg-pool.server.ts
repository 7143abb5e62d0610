// A plain node-postgres pool beside Prisma's, for the hot paths where Prisma's per-query cost
// matters: sqlRead (session lookup, enrolment, catalogue), the enrolment statement and the rate
// limiter's store (docs/decisions/0008-enrolment-hot-path.md).
import pg from "pg";
import { resolveDatabaseTarget } from "./database-url.ts";
import { errorFields, logger } from "./logger.server.ts";

let pool: pg.Pool | undefined;

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

// Prisma stores DateTime as "timestamp(3)" holding UTC; node-postgres would read it in the
// process's local time zone. Read it as UTC, like Prisma does.
const getTypeParser = ((oid: number, format?: string) => {
  if (oid === TIMESTAMP_WITHOUT_TIME_ZONE) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
  return pg.types.getTypeParser(oid, format as "text");
}) as typeof pg.types.getTypeParser;

export function pgPool(): pg.Pool {
  if (!pool) {
    const target = resolveDatabaseTarget();
    if (target.engine !== "postgresql") throw new Error("pgPool() is for the PostgreSQL engine only");
    pool = new pg.Pool({
      connectionString: target.url,
      max: Number(process.env.DATABASE_HOT_POOL_SIZE ?? 10),
      types: { getTypeParser },
      // A server that does not answer must not hold requests forever (503 instead, see http-app).
      connectionTimeoutMillis: 5_000,
    });
    // An idle client whose connection dies (pg_terminate_backend, a restart, a failover) emits
    // "error" on the pool; without a listener Node would end the process. The pool drops that
    // client and opens a new one on the next query.
    pool.on("error", (error) => logger.warn({ pool: "hot", err: errorFields(error) }, "database connection lost"));
  }
  return pool;
}

export async function closePgPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.end();
}
