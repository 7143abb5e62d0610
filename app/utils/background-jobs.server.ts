// Periodic work of every app instance. Each job is safe to run in several instances at once
// (it claims its rows with conditional updates) and catches up after downtime, because it
// works from what the database says is overdue rather than from timers it remembers.
import { AUTO_MESSAGE_JOB_EVERY_MS, writeAutomaticMessages } from "~/models/automatic-messages.server.ts";
import { purgeExpired } from "~/models/account-retention.server.ts";
import { ALERT_JOB_EVERY_MS, checkCatalogueAlerts } from "~/models/catalogue-alert.server.ts";
import { CATALOGUE_COUNT_FOLD_EVERY_MS, foldCatalogueCounts } from "~/models/catalogue-counts.server.ts";
import { dashboardRefreshMs, refreshDashboardSummary } from "~/models/dashboard-summary.server.ts";
import { reconcileEndedEvents } from "~/models/ended-events.server.ts";
import { expireOverdueOffers } from "~/models/enrolment.server.ts";
import { runOutbox } from "~/models/outbox.server.ts";
import { endOutlivedPlaces } from "~/models/seat-ledger.server.ts";
import { REMINDER_JOB_EVERY_MS, writeSessionReminders } from "~/models/reminders.server.ts";
import { isDatabaseUnavailableError, sqliteFileReplacedRecently } from "./database-health.server.ts";
import { errorFields, logger } from "./logger.server.ts";

/** `signal`: aborted when the process begins to stop; a job that can end a run early (the outbox) listens to it. */
type Job = { name: string; everyMs: number; run: (signal: AbortSignal) => Promise<unknown> };

const jobs = (): Job[] => [
  { name: "scadenza-offerte", everyMs: 60_000, run: () => expireOverdueOffers(new Date()) },
  // Places in line, offers and applications of editions now over end, and give back the teacher's one place in
  // the event (ADR 0011, addendum): one edition per transaction under its lock. Any request for a new place in
  // the event ends the teacher's own first, so this only tidies "Le mie iscrizioni" and the organiser's lists.
  { name: "posti-edizioni-concluse", everyMs: 5 * 60_000, run: () => endOutlivedPlaces(new Date()) },
  // Email delivery of notifications (app/models/outbox.server.ts): claims due rows, sends, backs off.
  // At shutdown it ends the send in flight and gives the rest of its batch back (ADR 0016, addendum).
  { name: "invio-email", everyMs: 5_000, run: (signal) => runOutbox(new Date(), signal) },
  // Reminders the day before each synchronous session (app/models/reminders.server.ts).
  { name: "promemoria-incontri", everyMs: REMINDER_JOB_EVERY_MS, run: () => writeSessionReminders(new Date()) },
  // Automatic messages set on editions, before each session or after the last (app/models/automatic-messages.server.ts).
  { name: "messaggi-automatici", everyMs: AUTO_MESSAGE_JOB_EVERY_MS, run: () => writeAutomaticMessages(new Date()) },
  // Alerts for new events (ADR 0088): each alert checked at most once a day, one email when it finds some.
  { name: "avvisi-nuovi-eventi", everyMs: ALERT_JOB_EVERY_MS, run: () => checkCatalogueAlerts(new Date()) },
  // Events closed or cancelled before ADR 0084 (editions left open, offers still open): the close's own
  // step, one event per transaction under its editions' locks (ADR 0090). At start, then rarely: nothing
  // new becomes unsettled, so after the first run it only looks and finds nothing.
  { name: "eventi-chiusi", everyMs: 6 * 3600_000, run: () => reconcileEndedEvents(new Date()) },
  // Retention (ADR 0013): expired sessions and tokens, old notifications, abandoned sign-ups.
  { name: "conservazione-dati", everyMs: 6 * 3600_000, run: () => purgeExpired(new Date()) },
  // The dashboard's summary tables (ADR 0021): built at start when missing or stale, then every
  // DASHBOARD_REFRESH_MINUTES; one instance builds (a lease), the others find it fresh and skip.
  {
    name: "cruscotto",
    everyMs: dashboardRefreshMs(),
    run: () => refreshDashboardSummary(new Date(), dashboardRefreshMs()),
  },
  // The catalogue's counts (ADR 0049): each PostgreSQL transaction's rows folded into one per (key, day), by one
  // instance at a time (an advisory lock; the others return at once). Nothing to do on SQLite.
  { name: "conteggi-catalogo", everyMs: CATALOGUE_COUNT_FOLD_EVERY_MS, run: () => foldCatalogueCounts() },
];

const timers: NodeJS.Timeout[] = [];
/** Aborted when shutdown begins (stopBackgroundJobTimers). */
let stopping = new AbortController();
/** The runs in progress in this process, by job: never two of one job at once; waited for at shutdown. */
const running = new Map<string, Promise<void>>();

function runOnce(job: Job): Promise<void> {
  if (running.has(job.name)) return running.get(job.name)!; // never overlap with itself in one process
  const run = runJob(job).finally(() => running.delete(job.name));
  running.set(job.name, run);
  return run;
}

async function runJob(job: Job) {
  // A SQLite file deleted or replaced under the running server: pages answer 503, and the jobs stop too. Their
  // writes would go to the old file and be lost at the restart, while what they send would not be: emails marked
  // sent only in the lost file go out again, offers and reminders sent from data that is gone.
  if (sqliteFileReplacedRecently()) {
    logger.warn({ job: job.name }, "job skipped: the SQLite file was deleted or replaced");
    return;
  }
  const started = process.hrtime.bigint();
  const durationMs = () => Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
  try {
    const result = await job.run(stopping.signal);
    // One line per run, with what the job reports (counts) when it reports something.
    logger.info({ job: job.name, durationMs: durationMs(), result: result ?? undefined }, "job run");
  } catch (error) {
    // A database that is away is expected during a restart: the next run catches up.
    if (isDatabaseUnavailableError(error)) {
      logger.warn({ job: job.name, durationMs: durationMs(), err: errorFields(error) }, "job run failed");
    } else {
      logger.error({ job: job.name, durationMs: durationMs(), err: error }, "job run failed");
    }
  }
}

export function startBackgroundJobs() {
  if (timers.length > 0) return;
  if (stopping.signal.aborted) stopping = new AbortController();
  for (const job of jobs()) {
    void runOnce(job); // catch up at start
    const timer = setInterval(() => void runOnce(job), job.everyMs);
    timer.unref();
    timers.push(timer);
  }
}

/**
 * How long a shutdown waits for the job runs in progress. The process used to exit as soon as the
 * requests had ended, cutting a run mid-way: an email accepted by the SMTP server but not yet marked
 * sent went out again when its lease expired (the outbox's own comment), a batch of reminders stopped
 * half-written. A few seconds: the primary kills a worker SHUTDOWN_TIMEOUT_SECONDS + 5 s after SIGTERM.
 */
export const JOBS_SHUTDOWN_WAIT_MS = 4_000;

/**
 * The first step of a shutdown, as soon as it begins (not after the requests have drained): no job run starts
 * any more, and the runs in progress are told to stop (the outbox finishes the send in flight and gives the rest
 * of its batch back). Until then `invio-email` kept starting runs every 5 s during the drain, and a run went
 * through its whole batch, so the process was cut mid-send.
 */
export function stopBackgroundJobTimers(): void {
  for (const timer of timers.splice(0)) clearInterval(timer);
  stopping.abort();
}

/** Stops the timers and waits (at most waitMs) for the runs in progress; returns the jobs still running then. */
export async function stopBackgroundJobs(waitMs = JOBS_SHUTDOWN_WAIT_MS): Promise<string[]> {
  stopBackgroundJobTimers();
  if (running.size === 0) return [];
  logger.info({ jobs: [...running.keys()] }, "shutdown: waiting for the job runs in progress");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(running.values()),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
  ]);
  clearTimeout(timer);
  const left = [...running.keys()];
  if (left.length > 0) {
    logger.warn(
      { jobs: left, waitMs },
      "shutdown: job runs still in progress are cut (their rows are taken up again later)",
    );
  }
  return left;
}
