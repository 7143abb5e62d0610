// What a Forma process does at start and at shutdown, besides serving pages:
// validate the environment, check the database answers and has this release's migrations (on SQLite, also ADR 0113's
// estimate for the planner, written again if it is gone), start background jobs, the bounce receiver if configured
// (ADR 0087) and, on SQLite, the WAL checkpoint thread (ADR 0071).
import { startBackgroundJobs, stopBackgroundJobs, stopBackgroundJobTimers } from "./background-jobs.server.ts";
import { startBounceReceiver, type BounceReceiver } from "./bounce-receiver.server.ts";
import { rememberSqliteFile } from "./database-health.server.ts";
import { databaseEngine, prisma } from "./db.server.ts";
import { closePgPool } from "./pg-pool.server.ts";
import { closeReplicaPool } from "./read-replica.server.ts";
import { closeSqliteDirect } from "./sqlite-direct.server.ts";
import { getEnv } from "./env.server.ts";
import { logger } from "./logger.server.ts";
import { DatabaseStartupFailure } from "./startup-failure.server.ts";
import { invalidIndexes, migrationRefusal, migrationState, migrationsDirectory } from "./migration-check.server.ts";
import { startIdleMemoryRelease, stopIdleMemoryRelease } from "./idle-memory.server.ts";
import { startMemoryLog, stopMemoryLog } from "./memory-log.server.ts";
import { placeholderContactSettings } from "./site-contacts.server.ts";
import { startWalCheckpoints, type WalCheckpoints } from "./sqlite-checkpoints.server.ts";
import { restoreStatusEstimate, STATUS_ESTIMATE } from "./sqlite-statistics.server.ts";

let walCheckpoints: WalCheckpoints | undefined;
let bounceReceiver: BounceReceiver | undefined;

/**
 * `root`: the project's folder, where this release's migrations are (prisma/…/migrations): the
 * database must have them all, or the start stops with the ones to apply (migration-check.server.ts).
 */
export async function startServerServices(options: { root?: string } = {}): Promise<void> {
  const env = getEnv(); // throws with a clear message if the configuration is wrong
  const { migrations, invalid } = await (async () => {
    try {
      await prisma.$queryRawUnsafe("SELECT 1");
      rememberSqliteFile(); // /readyz then says 503 if the file is deleted or replaced under Forma
      return {
        migrations: await migrationState(
          prisma,
          databaseEngine,
          migrationsDirectory(options.root ?? process.cwd(), databaseEngine),
        ),
        invalid: await invalidIndexes(prisma, databaseEngine),
      };
    } catch (error) {
      throw new DatabaseStartupFailure(error);
    }
  })();
  const refusal = migrationRefusal(migrations);
  if (refusal) throw refusal;
  if (databaseEngine === "sqlite") {
    // ADR 0113's row of sqlite_stat1, gone if a later migration rebuilt Enrolment or the file predates it.
    const restored = await restoreStatusEstimate(prisma).catch((error: unknown) => {
      throw new DatabaseStartupFailure(error);
    });
    if (restored) {
      // Opened before, the direct connection would plan without the row until the next start: it opens again on use.
      closeSqliteDirect();
      logger.warn(
        { table: STATUS_ESTIMATE.tbl, index: STATUS_ESTIMATE.idx, stat: STATUS_ESTIMATE.stat },
        "sqlite_stat1 had no statistics for Enrolment (a migration rebuilt the table, or the file predates " +
          "20261208100000_enrolment_status_index_estimate): the planner's estimate for its status index is written " +
          "again (docs/decisions/0113)",
      );
    }
  }
  if (migrations.unknown.length > 0) {
    logger.warn(
      { migrations: migrations.unknown },
      "the database has migrations this release does not know: it was migrated by a newer release",
    );
  }
  if (invalid.length > 0) {
    // Not a refusal: Forma works without the index, slower; the operator drops and rebuilds it (ADR 0112, point 5).
    logger.warn(
      { indexes: invalid },
      "the database has INVALID indexes (a CREATE INDEX CONCURRENTLY that failed, or one still running): " +
        "DROP INDEX CONCURRENTLY each, then run its migration again (docs/decisions/0112, point 5)",
    );
  }
  if (databaseEngine === "sqlite") walCheckpoints = await startWalCheckpoints();
  if (env.FORMA_BACKGROUND_JOBS === "on") startBackgroundJobs();
  // Bounces (ADR 0087): every worker listens on the one port (node:cluster shares it).
  if (env.BOUNCE_SMTP_PORT && env.MAIL_BOUNCE_ADDRESS) {
    bounceReceiver = await startBounceReceiver({
      port: env.BOUNCE_SMTP_PORT,
      host: env.HOST,
      bounceAddress: env.MAIL_BOUNCE_ADDRESS,
      secret: env.SESSION_SECRET,
    });
  }
  startMemoryLog(); // off unless FORMA_MEMORY_LOG_SECONDS is set
  const placeholders = placeholderContactSettings();
  if (env.NODE_ENV === "production" && placeholders.length > 0) {
    logger.warn(
      { settings: placeholders },
      "the site's contact addresses are the demo's placeholders: set them before going live (README)",
    );
  }
  startIdleMemoryRelease(); // FORMA_IDLE_RELEASE_SECONDS=0 turns it off
}

/**
 * As soon as a shutdown begins (SIGTERM), while the requests drain: no job run starts, the runs in progress are
 * told to stop (the outbox ends its send in flight and gives back the rest of its batch).
 */
export function beginServerShutdown(): void {
  stopBackgroundJobTimers();
}

export async function stopServerServices(): Promise<void> {
  await bounceReceiver?.stop();
  bounceReceiver = undefined;
  await stopBackgroundJobs();
  stopMemoryLog();
  stopIdleMemoryRelease();
  await walCheckpoints?.stop();
  walCheckpoints = undefined;
  await prisma.$disconnect();
  if (databaseEngine === "postgresql") await Promise.all([closePgPool(), closeReplicaPool()]);
  else closeSqliteDirect();
}
