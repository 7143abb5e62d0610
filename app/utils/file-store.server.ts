// Where uploaded files' bytes live (ADR 0015): never on one instance's local disk, so every
// instance behind the load balancer serves every file. FILE_STORE picks the adapter:
// - "database" (default): bytes in the StoredFile table of Forma's own database (both engines);
// - "s3": an S3-compatible bucket — the env schema validates its settings, but the adapter is the
//   next one to write (@aws-sdk/client-s3 is not installed), so parseEnv refuses it for now.
// Rows that describe a file (EventFile, ExternalTraining) keep its name, type and size; the store
// keeps only bytes under a key the server builds from the row's id (never from client input).
import { databaseEngine, prisma } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import { pgPool } from "./pg-pool.server.ts";
import { sqlDate } from "./sql.server.ts";
import { immediateTransaction, prepared, sqliteTimestamp } from "./sqlite-direct.server.ts";

export interface FileStore {
  /** Stores (or replaces) the bytes under key. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under key, or null when there are none. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Removes the keys; unknown keys are ignored. */
  delete(keys: readonly string[]): Promise<void>;
  /** The keys that start with prefix (the import script and orphan checks). */
  list(prefix: string): Promise<string[]>;
}

const KEY = /^[a-z-]+\/[A-Za-z0-9_-]{1,64}$/;

/** A store key: "<kind>/<row id>", both made by the server. */
export function fileKey(kind: "event-file" | "external-training", id: string): string {
  const key = `${kind}/${id}`;
  if (!KEY.test(key)) throw new Error(`invalid file key: ${key}`);
  return key;
}

// The bytes go through the driver directly (better-sqlite3, node-postgres), not Prisma's query
// compiler, which costs about 0.2 s of CPU per megabyte either way (ADR 0008, ADR 0015).
const PUT_SQL = `INSERT INTO "StoredFile" ("key", "bytes", "size", "createdAt") VALUES ($1, $2, $3, $4)
  ON CONFLICT ("key") DO UPDATE SET "bytes" = excluded."bytes", "size" = excluded."size"`;
const GET_SQL = `SELECT "bytes" FROM "StoredFile" WHERE "key" = $1`;

export const databaseFileStore: FileStore = {
  async put(key, bytes) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (databaseEngine === "postgresql") {
      await pgPool().query(PUT_SQL, [key, buffer, bytes.byteLength, sqlDate(new Date())]);
      return;
    }
    const statement = prepared(PUT_SQL.replace(/\$\d/g, "?"));
    await immediateTransaction(() => statement.run(key, buffer, bytes.byteLength, sqliteTimestamp(new Date())));
  },
  async get(key) {
    const rows =
      databaseEngine === "postgresql"
        ? (await pgPool().query<{ bytes: Buffer }>(GET_SQL, [key])).rows
        : (prepared(GET_SQL.replace("$1", "?")).all(key) as { bytes: Buffer }[]);
    const bytes = rows[0]?.bytes;
    // A copy of its own (a driver's Buffer may share a pooled ArrayBuffer).
    return bytes ? new Uint8Array(bytes) : null;
  },
  async delete(keys) {
    if (keys.length > 0) await prisma.storedFile.deleteMany({ where: { key: { in: [...keys] } } });
  },
  async list(prefix) {
    const rows = await prisma.storedFile.findMany({
      where: { key: { startsWith: prefix } },
      select: { key: true },
      orderBy: { key: "asc" },
    });
    return rows.map((r) => r.key);
  },
};

/**
 * Removes stored bytes that no row describes any more, stored before `olderThan` (a put is always
 * made after its row is written, so a recent key without a row may still be in flight). Deleting an
 * event or a session cascades to its EventFile rows in the database, and the bytes stay behind:
 * the retention job ("conservazione-dati") calls this. Keys of other kinds are left alone.
 * Returns how many keys were removed.
 */
export async function sweepOrphanedFiles(olderThan: Date): Promise<number> {
  const store = fileStore();
  const owners = {
    "event-file": (ids: string[]) => prisma.eventFile.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    "external-training": (ids: string[]) =>
      prisma.externalTraining.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  } as const;
  const old = new Set(
    (await prisma.storedFile.findMany({ where: { createdAt: { lt: olderThan } }, select: { key: true } })).map(
      (r) => r.key,
    ),
  );
  const orphans: string[] = [];
  for (const [kind, existing] of Object.entries(owners)) {
    const keys = (await store.list(`${kind}/`)).filter((k) => old.has(k));
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const found = new Set((await existing(chunk.map((k) => k.slice(kind.length + 1)))).map((r) => r.id));
      orphans.push(...chunk.filter((k) => !found.has(k.slice(kind.length + 1))));
    }
  }
  await store.delete(orphans);
  return orphans.length;
}

/** The configured store. */
export function fileStore(): FileStore {
  const kind = getEnv().FILE_STORE;
  if (kind === "database") return databaseFileStore;
  // parseEnv refuses "s3" until the adapter exists; this line is never reached with a valid env.
  throw new Error("FILE_STORE=s3: adapter not available (ADR 0015)");
}
