// Why a Forma process could not start, as the one line server.js prints before it exits with status 1:
// a setting that is wrong, a database that does not answer or is not migrated, a port that is taken.
// Node's default (an uncaught error) printed a stack trace of 10-45 lines, once a line of Prisma's
// minified source 40,000 characters long, with the reason buried in it.

/** A reason to refuse the start whose message is already written for whoever runs Forma. */
export class StartupRefusal extends Error {
  override name = "StartupRefusal";
}

/**
 * The database failed while the start checked it, with an error of the driver's own (node-postgres'
 * "Connection terminated unexpectedly", a socket's ECONNRESET) that does not say it came from the
 * database: the line then names the database and the setting, as Prisma's errors do.
 */
export class DatabaseStartupFailure extends Error {
  override name = "DatabaseStartupFailure";
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

const LISTEN_REASONS: Record<string, string> = {
  EADDRINUSE: "indirizzo già in uso da un altro processo / address already in use",
  EACCES: "permesso negato (porte sotto 1024 solo per root) / permission denied",
  EADDRNOTAVAIL: "questo host non ha quell'indirizzo / address not available on this host",
};

/** The reason in one line, with no stack trace and no password of a URL. */
export function startupFailureLine(error: unknown): string {
  return `Forma non si avvia / Forma cannot start: ${withoutSecrets(reasonOf(error))}`;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(String(error));
  if (error instanceof DatabaseStartupFailure) {
    const cause = error.cause;
    const reason = reasonOf(cause);
    if (reason.startsWith("database: ") || cause instanceof StartupRefusal) return reason;
    const code = (cause as { code?: unknown } | undefined)?.code;
    return `database: ${oneLine(error.message)}${typeof code === "string" ? ` (${code})` : ""} (DATABASE_URL)`;
  }
  const e = error as Error & { code?: unknown; syscall?: unknown; address?: unknown; port?: unknown };
  // "bind" in a cluster worker: the primary holds the port and hands the worker its error.
  if ((e.syscall === "listen" || e.syscall === "bind") && typeof e.code === "string") {
    const where = `${String(e.address ?? "")}:${String(e.port ?? "")}`;
    return `HOST/PORT ${where}: ${LISTEN_REASONS[e.code] ?? e.code} (${e.code})`;
  }
  if (e.code === "ERR_SOCKET_BAD_PORT") return `PORT: ${oneLine(e.message)}`;
  // Prisma's errors repeat the call and the driver's words; the driver's words are after "Message:".
  const driverMessage = /Message: `([^`]*)`/.exec(e.message)?.[1];
  if (driverMessage) return `database: ${driverMessage} (DATABASE_URL)`;
  if (e.name.startsWith("PrismaClient"))
    return `database: ${oneLine(e.message.replace(/^\s*Invalid `[^`]*` invocation:/, ""))}`;
  if (e instanceof StartupRefusal || /^Configurazione non valida|^DATABASE_URL/.test(e.message))
    return oneLine(e.message);
  return `${e.name}${typeof e.code === "string" ? ` ${e.code}` : ""}: ${oneLine(e.message)}`;
}

/** Lines joined with "; " (the settings of "Configurazione non valida:" one after another), at most 1,000 characters. */
function oneLine(text: string): string {
  const line = text
    .split("\n")
    .map((part) => part.trim())
    .filter(Boolean)
    .join("; ")
    .replace(/:;/g, ":");
  return line.length > 1000 ? `${line.slice(0, 999)}…` : line;
}

/** user:password@ in a URL becomes user:***@. */
function withoutSecrets(text: string): string {
  return text.replace(/(\/\/[^\s/:@]*):[^\s/@]*@/g, "$1:***@");
}
