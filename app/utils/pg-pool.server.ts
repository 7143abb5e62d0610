// A plain node-postgres pool beside Prisma's, for the hot paths where Prisma's per-query cost
// matters: sqlRead (session lookup, enrolment, catalogue), the enrolment statement and the rate
// limiter's store (docs/decisions/0008-enrolment-hot-path.md).
import pg from "pg";
import { resolveDatabaseTarget } from "./database-url.ts";
import { databasePoolSizes } from "./env.server.ts";
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
    pool = newPlainPool(target.url, "hot");
  }
  return pool;
}

/**
 * A node-postgres pool as the hot paths want it: timestamps read as UTC, DATABASE_HOT_POOL_SIZE
 * connections (default 2, see env.server.ts), a bounded connection wait. Also used for the read replica (read-replica.server.ts).
 */
export function newPlainPool(
  connectionString: string,
  name: string,
  options: {
    connectionTimeoutMillis?: number;
    applicationName?: string;
    onError?: (error: Error) => void;
    /** Connections at most; default DATABASE_HOT_POOL_SIZE. */
    max?: number;
  } = {},
): pg.Pool {
  const p = new pg.Pool({
    connectionString,
    max: options.max ?? databasePoolSizes().DATABASE_HOT_POOL_SIZE,
    types: { getTypeParser },
    // A server that does not answer must not hold requests forever (503 instead, see http-app).
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    // A query unanswered this long fails, and pg-pool then drops its connection (pool.query releases it with the
    // error): a peer that went silent with the socket open must not keep the pool's few connections for ever.
    query_timeout: databasePoolSizes().DATABASE_QUERY_TIMEOUT_MS,
    // Connections stay open however long the quiet (node-postgres closes a client idle for 10 s by
    // default): each one holds the parsed and planned named statements of ADR 0058, and a new backend
    // after a quiet spell made the database's first seconds of load about a third dearer (ADR 0073).
    idleTimeoutMillis: 0,
    // TCP keep-alive probes the idle ones, so a peer that vanished without a word is found out and a
    // middlebox does not forget the connection.
    keepAlive: true,
    keepAliveInitialDelayMillis: 30_000,
    // An idle connection holds no reference on the event loop: a script that never ends its pool
    // still exits when its work is done.
    allowExitOnIdle: true,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  // An idle client whose connection dies (pg_terminate_backend, a restart, a failover) emits
  // "error" on the pool; without a listener Node would end the process. The pool drops that
  // client and opens a new one on the next query.
  p.on(
    "error",
    options.onError ?? ((error) => logger.warn({ pool: name, err: errorFields(error) }, "database connection lost")),
  );
  return p;
}

export async function closePgPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.end();
}
