// The environment, validated once at start. Anything missing or malformed stops the server
// with a message that names the variable.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import { z } from "zod";
import { resolveDatabaseTarget } from "./database-url.ts";
import { AUTO_LONGEST_DUE_DAYS } from "~/domain/automatic-message.ts";
import { PLACEHOLDER_CONTACTS } from "./site-info.ts";

/**
 * One OpenID Connect provider (OIDC_PROVIDERS is a JSON array of these; ADR 0014, README).
 * Exactly one of clientSecret (client_secret_basic) or privateKeyJwk (private_key_jwt, a private
 * JWK with its "alg") authenticates Forma to the provider.
 */
const oidcProviderSchema = z
  .object({
    /** Used in URLs: /auth/oidc/<id>/callback is the redirect URI to register with the provider. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, "id: lettere minuscole, cifre e trattini"),
    /** The issuer URL; its /.well-known/openid-configuration is read at the first sign-in. */
    issuer: z.string().url(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1).optional(),
    privateKeyJwk: z
      .object({ kty: z.string(), alg: z.string().optional(), kid: z.string().optional() })
      .passthrough()
      .optional(),
    scopes: z.string().min(1).default("openid profile email"),
    /**
     * The provider's name where Forma names it (the sign-in button, the profile's "Accessi", the emails), e.g.
     * "Entra con SPID": in Italian, and in English too unless labelEn is given.
     */
    label: z.string().min(1).max(60),
    /** The same in English (optional), e.g. "Sign in with SPID": for pages in English and emails to English readers. */
    labelEn: z.string().min(1).max(60).optional(),
    /** Path or URL of the button's icon (optional). */
    icon: z.string().min(1).optional(),
    /** Claim that carries the codice fiscale; default: the SPID/CIE one, then "fiscal_number". */
    fiscalCodeClaim: z.string().min(1).optional(),
  })
  .strict()
  .refine((p) => Boolean(p.clientSecret) !== Boolean(p.privateKeyJwk), {
    message: "serve clientSecret oppure privateKeyJwk (uno solo)",
  })
  .refine((p) => p.scopes.split(/\s+/).includes("openid"), { message: "scopes deve contenere openid" });

export type OidcProviderConfig = z.infer<typeof oidcProviderSchema>;

const oidcProvidersSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw || !raw.trim()) return [];
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "non è JSON valido" });
      return z.NEVER;
    }
  })
  .pipe(z.array(oidcProviderSchema).max(10))
  .refine((list) => !Array.isArray(list) || new Set(list.map((p) => p.id)).size === list.length, {
    message: "id ripetuto",
  });

/**
 * PostgreSQL connections per app process (each worker of each instance). Prisma's pool serves
 * everything but the hot paths; the hot pool (app/utils/pg-pool.server.ts) serves the session
 * lookup, the catalogue, the enrolment statement and the rate limits, and each read replica gets
 * a pool of the same size. Two hot connections per worker: every connection parses and plans the
 * catalogue's named statement apart, and with two the database spent a quarter to a half less CPU
 * per search and held 200 searches/s at p95 43 ms where ten gave 291 ms, with the same enrolment
 * journey rate (ADR 0063). Read again whenever a pool is made (databasePoolSizes below).
 */
const databasePoolSizesSchema = z.object({
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_HOT_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(2),
  /**
   * How long a PostgreSQL query may wait for its answer before its connection is dropped (every pool: Prisma's, the
   * hot one, the replica's). A database or proxy that goes silent without closing its sockets otherwise keeps the
   * connections it holds for ever, and the instance answers 503 after the database is back, until a restart. The
   * longest statement of ours (a chunk of the dashboard's summary rebuild at national volume) takes a few seconds.
   */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
});

/** pino's levels (app/utils/logger.server.ts). */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** A host name for HOST ("localhost", "forma.example.it"). */
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * An empty variable (`NAME=` in .env, or blanks only) counts as unset, so its default applies: for every
 * setting, in one place (parsedOrThrow, which parseEnv and databasePoolSizes read through). Before, only
 * three settings did so; z.coerce.number() read "" as 0 (FORMA_WARMUP_REQUESTS= turned the warm-up off,
 * FORMA_SQLITE_CHECKPOINT_MS= put checkpoints back on the request path, ROOM_LINK_LEAD_MINUTES= showed
 * the room link only at the session's start) and others refused it (SESSION_SECRET= as .env.example
 * ships it). No setting gives "" a meaning of its own.
 */
function withoutEmptyValues(source: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value === undefined || value.trim() !== ""));
}

/**
 * TRUST_PROXY as Express's proxy-addr accepts it (checked at start: proxy-addr threw on the first
 * request's setup, after the background jobs had started): "true"/"false", a hop count, or a comma
 * separated list of addresses, subnets (address/prefix) and the names loopback, linklocal, uniquelocal.
 */
function trustedProxiesValid(value: string): boolean {
  if (value === "true" || value === "false" || /^\d+$/.test(value)) return true;
  return value.split(",").every((part) => {
    const item = part.trim();
    if (["loopback", "linklocal", "uniquelocal"].includes(item)) return true;
    const [address, prefix, ...rest] = item.split("/");
    const family = net.isIP(address ?? "");
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    if (net.isIP(prefix) === 4) return family === 4;
    return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  });
}

/** "a@b.c" or "Display name <a@b.c>": one address with a domain, nothing after it. */
const MAILBOX =
  /^(?:[^<>@\r\n]*<[^\s<>@",;]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}>|[^\s<>@",;]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})$/;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => {
      try {
        resolveDatabaseTarget(v);
        return true;
      } catch {
        return false;
      }
    }, 'usa "file:percorso.db" (SQLite) oppure "postgresql://…" (PostgreSQL)'),
  /**
   * Optional PostgreSQL streaming replica (ADR 0017) for reads that tolerate a few seconds of lag:
   * the catalogue, the public feeds, public event pages for visitors without a session, the
   * dashboard. PostgreSQL only (refused when DATABASE_URL is SQLite).
   */
  DATABASE_REPLICA_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "deve essere un URL postgresql://… (una replica in streaming di PostgreSQL)",
    }),
  /**
   * Read your writes: for this many seconds after a browser's POST, its lag-tolerant reads go to
   * the primary too (a short cookie), so a person sees what they have just changed.
   */
  DATABASE_REPLICA_STICKY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  ...databasePoolSizesSchema.shape,
  /** Signs the session cookie. Required in production; development and tests use a fixed local value. */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET deve avere almeno 32 caratteri").optional(),
  /**
   * Public origin used in links inside emails, feeds and certificates. Unset: http://localhost and
   * the PORT the server listens on (parseEnv), so that `PORT=3590 npm run demo` links to itself.
   */
  APP_ORIGIN: z.string().url().default("http://localhost:3000"),
  /** Set to "false" only to serve a production build over plain HTTP on a non-local address. */
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address `node server.js` listens on: an IP address or a host name (default every IPv4 address). */
  HOST: z
    .string()
    .trim()
    .default("0.0.0.0")
    .refine((v) => net.isIP(v) !== 0 || HOST_NAME.test(v), "deve essere un indirizzo IP o un nome di host"),
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), for logs and rate
   * limits: a hop count ("1"), addresses or subnets ("10.0.0.0/8"), or "true". Unset: none.
   * Links never come from proxy headers: APP_ORIGIN is the public origin.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .refine(
      (v) => v === undefined || trustedProxiesValid(v),
      'deve essere "true", un numero di passaggi (1) oppure indirizzi o sottoreti separati da virgole (10.0.0.0/8, loopback)',
    ),
  /**
   * How long an idle keep-alive connection stays open. Longer than the idle timeout of the load
   * balancer or proxy in front (60 s for nginx's upstream keepalive and most cloud balancers): the
   * proxy must be the side that closes, or it may send a request on a connection Node is closing
   * at that instant and answer 502. Node's own default is 5 s.
   */
  KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(290).default(65),
  /** On SIGTERM, how long requests in flight may still run before they are cut (exit status 1). */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(25),
  /**
   * "off": Forma compresses no response itself (ADR 0038), for a proxy in front that compresses
   * (nginx's gzip/brotli): the proxy then spends the CPU, not the app. The hashed assets are still
   * sent precompressed from the build (no CPU either way). Default "on".
   */
  FORMA_COMPRESSION: z.enum(["on", "off"]).default("on"),
  /**
   * Requests each worker of `npm start` sends its own request path before it listens (ADR 0067:
   * read-only, anonymous, through a private loopback server), so V8 has compiled the path before
   * real traffic arrives. Default 3000 (ADR 0069: measured, a freshly started server's catalogue at
   * 300 requests/s had a p95 of 66-103 ms instead of 171-235 cold, and the enrolment journey ran
   * about a tenth faster, for about 8 s more per start); 0 = no warm-up (the tests' servers). At most
   * FORMA_WARMUP_SECONDS: the worker listens then whatever is left.
   */
  FORMA_WARMUP_REQUESTS: z.coerce.number().int().min(0).max(100_000).default(3000),
  FORMA_WARMUP_SECONDS: z.coerce.number().positive().max(300).default(10),
  /**
   * On SQLite, milliseconds between two WAL checkpoints made by a thread of each worker, off the
   * request path (ADR 0071: the enrol POST ran 12-25 % faster); 0 = SQLite's automatic checkpoints,
   * made by the request that commits past 1,000 pages of WAL. Ignored on PostgreSQL.
   */
  FORMA_SQLITE_CHECKPOINT_MS: z.coerce.number().int().min(0).max(60_000).default(100),
  /** Worker processes of `npm start` (server.js, node:cluster): default one per core; 1 = a single process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  /**
   * "off": this instance runs no background job (app/utils/background-jobs.server.ts); at least one
   * instance must run them. Anything but "on" or "off" is refused: "false" or "0" used to leave the
   * jobs running without a word.
   */
  FORMA_BACKGROUND_JOBS: z.enum(["on", "off"]).default("on"),
  /** Quiet seconds before a grown worker gives memory back (ADR 0031, 0037, 0074); 0 = off. */
  FORMA_IDLE_RELEASE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(5),
  /** How often each process logs its memory (ADR 0025), in seconds; unset = never. */
  FORMA_MEMORY_LOG_SECONDS: z.coerce.number().positive().max(86_400).optional(),
  /** Login attempts allowed per email+IP in LOGIN_RATE_WINDOW_SECONDS. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  /**
   * Failed sign-ins allowed per client address, whatever the email, in LOGIN_RATE_WINDOW_SECONDS
   * (a school's shared address has many teachers: only failures count).
   */
  LOGIN_IP_FAILURE_LIMIT: z.coerce.number().int().positive().default(30),
  /** Sign-ups allowed per client address in SIGNUP_RATE_WINDOW_SECONDS. */
  SIGNUP_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  SIGNUP_RATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(60 * 60),
  /** Minutes before a live online session from which enrolled teachers see its room link on the event page. */
  ROOM_LINK_LEAD_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
  /** Enrolment actions (enrol, cancel, accept, decline) allowed per teacher in ENROLMENT_RATE_WINDOW_SECONDS. */
  ENROLMENT_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  ENROLMENT_RATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 60),
  /**
   * Outgoing mail (app/utils/mailer.server.ts). Without SMTP_HOST, development writes each
   * message to data/outbox/*.eml and production keeps notifications queued ("in-coda") with a warning.
   */
  SMTP_HOST: z.string().min(1).optional(),
  /** Default 465 when SMTP_SECURE=true, else 587. */
  SMTP_PORT: z.coerce.number().int().positive().max(65535).optional(),
  /** "true": TLS from the start (usually port 465); "false": STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(["true", "false"]).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /**
   * Sender, e.g. "Forma <noreply@etwinning.it>". Default: Forma <noreply@APP_ORIGIN's host>. One
   * mailbox, bare or after a display name: without an address nodemailer sent no From header at all
   * and an empty envelope sender (MAIL FROM:<>, a bounce's), which receivers reject or file as spam.
   */
  MAIL_FROM: z
    .string()
    .trim()
    .refine((v) => MAILBOX.test(v), 'deve essere un indirizzo, anche con un nome: "Forma <noreply@dominio.it>"')
    .optional(),
  /**
   * The service's contact addresses (ADR 0104): the footer's and the emails' (CONTACT_EMAIL), the
   * accessibility statement's (ACCESSIBILITY_EMAIL), the privacy notice's data protection officer
   * (DPO_EMAIL). The defaults are placeholders of the demo: in production Forma starts with them but
   * logs a warning until they are set.
   */
  CONTACT_EMAIL: z.string().trim().toLowerCase().email("non è un indirizzo email").default(PLACEHOLDER_CONTACTS.email),
  ACCESSIBILITY_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .email("non è un indirizzo email")
    .default(PLACEHOLDER_CONTACTS.accessibilityEmail),
  DPO_EMAIL: z.string().trim().toLowerCase().email("non è un indirizzo email").default(PLACEHOLDER_CONTACTS.dpoEmail),
  /**
   * Bounces (ADR 0087, optional): the mailbox late refusals go to, e.g. "ritorni@forma.example".
   * Each email then leaves with its own signed envelope sender, "ritorni+<notification>.<signature>@…"
   * (VERP), so a bounce names the message it is about. Forma itself receives them when
   * BOUNCE_SMTP_PORT is set: the domain's MX (or a relay) sends them to that port.
   */
  MAIL_BOUNCE_ADDRESS: z.string().trim().toLowerCase().email("non è un indirizzo email").optional(),
  /** The port Forma's bounce receiver listens on (SMTP, plain; behind the MX or a relay), on HOST. */
  BOUNCE_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * DKIM signing of every email by nodemailer (optional; ADR 0077): the signing domain (d=), the
   * selector (s=, its public key published at <selector>._domainkey.<domain>) and the RSA private
   * key, as PEM text in DKIM_PRIVATE_KEY (a "\n" may stand for a line break) or in the file
   * DKIM_PRIVATE_KEY_FILE (one of the two). All or none; checked at start (dkimOf).
   */
  DKIM_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "non è un nome di dominio")
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
      "non è un selettore DKIM",
    )
    .optional(),
  DKIM_PRIVATE_KEY: z.string().min(1).optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  /** OpenID Connect providers for the sign-in buttons (SPID, CIE, EU Login…): a JSON array. None = no button. */
  OIDC_PROVIDERS: oidcProvidersSchema,
  /** "off" hides email and password sign-in and sign-up (accounts then sign in through OIDC only). */
  PASSWORD_SIGN_IN: z.enum(["on", "off"]).default("on"),
  /**
   * Retention (ADR 0013, app/models/account-retention.server.ts), in days: used or expired account
   * tokens, sent notifications, never-confirmed sign-ups, and the tombstones of deleted sessions
   * (CancelledSession; never less than the calendar feeds' CANCELLED_KEPT_DAYS, 60).
   */
  RETENTION_TOKEN_DAYS: z.coerce.number().int().min(1).default(30),
  // More than the longest time an automatic message stays due (7 days): deleted sooner, its sent row's dedupe key
  // went with it and the job wrote the same message to the same people again.
  RETENTION_NOTIFICATION_DAYS: z.coerce
    .number()
    .int()
    .min(AUTO_LONGEST_DUE_DAYS + 1)
    .default(365),
  RETENTION_UNCONFIRMED_DAYS: z.coerce.number().int().min(1).default(30),
  /** How many days before deleting a never-confirmed account its owner is warned by email (ADR 0086). */
  RETENTION_UNCONFIRMED_WARNING_DAYS: z.coerce.number().int().min(1).default(7),
  RETENTION_CANCELLED_SESSION_DAYS: z.coerce.number().int().min(1).default(90),
  /**
   * Audit log rows (who changed what, ADR 0092), in days; unset (the default) keeps them, as the data
   * controller has not set a period. At least 30: a shorter log would not answer for a month's changes.
   */
  RETENTION_AUDIT_DAYS: z.coerce.number().int().min(30).optional(),
  /** How often the dashboard's summary tables are rebuilt (ADR 0021), in minutes; the page says how old its figures are. */
  DASHBOARD_REFRESH_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * Where uploaded files' bytes live (app/utils/file-store.server.ts, ADR 0015): "database" (the
   * StoredFile table; default) or "s3" (an S3-compatible bucket, with the S3_* settings below).
   */
  FILE_STORE: z.enum(["database", "s3"]).default("database"),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "nome di bucket S3 non valido")
    .optional(),
  S3_REGION: z.string().min(1).optional(),
  /** An S3-compatible endpoint (MinIO, Ceph…); unset = AWS. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** "true" for stores that want path-style URLs (most self-hosted ones). */
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false"),
});

/** FILE_STORE=s3: the settings it needs (names of the missing ones). */
function missingS3Settings(env: z.infer<typeof envSchema>): string[] {
  return (["S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const).filter((k) => !env[k]);
}

/** What nodemailer signs with (app/utils/mailer.server.ts), read and checked at start. */
export type DkimSettings = { domainName: string; keySelector: string; privateKey: string };

export type Env = z.infer<typeof envSchema> & {
  SESSION_SECRET: string;
  cookieSecure: boolean;
  /** DKIM signing, when DKIM_DOMAIN, DKIM_SELECTOR and a private key are set; null otherwise. */
  dkim: DkimSettings | null;
};

/** The domain of the sender's address: MAIL_FROM ("Name <a@b>" or "a@b"), or noreply@APP_ORIGIN's host. */
export function senderDomainOf(mailFrom: string | undefined, appOrigin: string): string | null {
  if (!mailFrom) return new URL(appOrigin).hostname.toLowerCase();
  const address = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  const at = address.trim().lastIndexOf("@");
  return at > 0
    ? address
        .trim()
        .slice(at + 1)
        .toLowerCase()
    : null;
}

/** One domain is the other or a subdomain of it (DMARC's relaxed alignment within one organisation). */
function aligned(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * The DKIM settings, or null when none is set; a list of what is wrong otherwise: all three parts
 * or none, one source of the key, an RSA private key of at least 1024 bits (nodemailer signs
 * rsa-sha256 only; receivers ignore shorter keys), and a signing domain aligned with the sender's
 * (a signature of another domain does not pass DMARC for the From).
 */
function dkimOf(env: z.infer<typeof envSchema>): DkimSettings | null | string[] {
  const { DKIM_DOMAIN: domain, DKIM_SELECTOR: selector, DKIM_PRIVATE_KEY: inline, DKIM_PRIVATE_KEY_FILE: file } = env;
  if (!domain && !selector && !inline && !file) return null;
  const problems: string[] = [];
  if (!domain) problems.push("DKIM_DOMAIN: obbligatorio per firmare con DKIM");
  if (!selector) problems.push("DKIM_SELECTOR: obbligatorio per firmare con DKIM");
  if (inline && file) problems.push("DKIM_PRIVATE_KEY, DKIM_PRIVATE_KEY_FILE: serve uno solo dei due");
  if (!inline && !file) problems.push("DKIM_PRIVATE_KEY o DKIM_PRIVATE_KEY_FILE: obbligatorio per firmare con DKIM");
  let privateKey: string | null = null;
  if (file && !inline) {
    try {
      privateKey = fs.readFileSync(file, "utf8");
    } catch (error) {
      problems.push(
        `DKIM_PRIVATE_KEY_FILE: non si può leggere ${file} (${(error as NodeJS.ErrnoException).code ?? error})`,
      );
    }
  } else if (inline && !file) {
    privateKey = inline.includes("-----BEGIN") ? inline.replace(/\\n/g, "\n") : inline;
  }
  if (privateKey !== null) {
    const source = file ? "DKIM_PRIVATE_KEY_FILE" : "DKIM_PRIVATE_KEY";
    try {
      const key = crypto.createPrivateKey(privateKey);
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (key.asymmetricKeyType !== "rsa") problems.push(`${source}: serve una chiave privata RSA`);
      else if (bits < 1024)
        problems.push(`${source}: la chiave RSA ha ${bits} bit, ne servono almeno 1024 (meglio 2048)`);
    } catch {
      problems.push(`${source}: non è una chiave privata PEM`);
    }
  }
  const sender = senderDomainOf(env.MAIL_FROM, env.APP_ORIGIN);
  if (domain && (!sender || !aligned(domain, sender))) {
    problems.push(
      `DKIM_DOMAIN: ${domain} non corrisponde al dominio del mittente (${sender ?? env.MAIL_FROM}): la firma non varrebbe per DMARC`,
    );
  }
  if (problems.length > 0) return problems;
  return { domainName: domain!, keySelector: selector!, privateKey: privateKey! };
}

const DEVELOPMENT_ONLY_SECRET = "forma-development-only-secret-do-not-use-in-production";

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const port = source.PORT?.trim();
  const env = parsedOrThrow(
    envSchema,
    !source.APP_ORIGIN?.trim() && port && /^\d+$/.test(port)
      ? { ...source, APP_ORIGIN: `http://localhost:${Number(port)}` }
      : source,
  );
  if (env.PASSWORD_SIGN_IN === "off" && env.OIDC_PROVIDERS.length === 0) {
    throw new Error(
      "Configurazione non valida:\n  PASSWORD_SIGN_IN: off richiede almeno un fornitore in OIDC_PROVIDERS",
    );
  }
  if (env.DATABASE_REPLICA_URL && resolveDatabaseTarget(env.DATABASE_URL).engine === "sqlite") {
    throw new Error(
      "Configurazione non valida:\n  DATABASE_REPLICA_URL: una replica di lettura esiste solo con PostgreSQL, ma DATABASE_URL è SQLite (togli DATABASE_REPLICA_URL, oppure usa PostgreSQL)",
    );
  }
  if (env.FILE_STORE === "s3") {
    const missing = missingS3Settings(env);
    throw new Error(
      missing.length > 0
        ? `Configurazione non valida:\n${missing.map((k) => `  ${k}: obbligatorio con FILE_STORE=s3`).join("\n")}`
        : "Configurazione non valida:\n  FILE_STORE: l'archivio S3 non è ancora disponibile in questa versione (ADR 0015); usa FILE_STORE=database",
    );
  }
  if (env.BOUNCE_SMTP_PORT && !env.MAIL_BOUNCE_ADDRESS) {
    throw new Error(
      "Configurazione non valida:\n  BOUNCE_SMTP_PORT: richiede MAIL_BOUNCE_ADDRESS (l'indirizzo a cui tornano le email non recapitate)",
    );
  }
  if (env.MAIL_BOUNCE_ADDRESS?.split("@")[0]?.includes("+")) {
    throw new Error(
      'Configurazione non valida:\n  MAIL_BOUNCE_ADDRESS: senza "+" nella parte prima della @ (Forma vi aggiunge il proprio)',
    );
  }
  const dkim = dkimOf(env);
  if (Array.isArray(dkim)) {
    throw new Error(`Configurazione non valida:\n${dkim.map((p) => `  ${p}`).join("\n")}`);
  }
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
    throw new Error(
      "Configurazione non valida:\n  SESSION_SECRET: obbligatorio in produzione, almeno 32 caratteri casuali (openssl rand -base64 32; se .env non c'è, node scripts/ensure-env.js lo crea con uno nuovo)",
    );
  }
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? DEVELOPMENT_ONLY_SECRET,
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : env.NODE_ENV === "production",
    dkim,
  };
}

/**
 * The pool sizes as the environment says now (validated at start with the rest by getEnv): read
 * when a pool is made, so a client made with another size (a test's) gets it.
 */
export function databasePoolSizes(
  source: Record<string, string | undefined> = process.env,
): z.infer<typeof databasePoolSizesSchema> {
  return parsedOrThrow(databasePoolSizesSchema, source);
}

/** The source read by the schema, or one error naming every setting that is not valid. */
function parsedOrThrow<S extends z.ZodTypeAny>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  // Zod's own wording ("Invalid url", "Expected number, received nan") for whoever runs Forma: the
  // forms' error map (app/forms/fields.ts), installed for every schema, gives message keys for the pages.
  const result = schema.safeParse(withoutEmptyValues(source), {
    errorMap: (issue, ctx) => z.defaultErrorMap(issue, { data: ctx.data, defaultError: "Invalid input" }),
  });
  if (!result.success) {
    const details = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Configurazione non valida:\n${details}`);
  }
  return result.data as z.infer<S>;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
