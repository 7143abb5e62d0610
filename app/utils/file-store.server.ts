// Where uploaded files' bytes live (ADR 0015): never on one instance's local disk, so every
// instance behind the load balancer serves every file. FILE_STORE picks the adapter:
// - "database" (default): bytes in the StoredFile table of Forma's own database (both engines);
// - "s3": an S3-compatible bucket — the env schema validates its settings, but the adapter is the
//   next one to write (@aws-sdk/client-s3 is not installed), so parseEnv refuses it for now.
// Rows that describe a file (EventFile, ExternalTraining) keep its name, type and size; the store
// keeps only bytes under a key the server builds from the row's id (never from client input).
import { prisma } from "./db.server.ts";
import { getEnv } from "./env.server.ts";

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

export const databaseFileStore: FileStore = {
  async put(key, bytes) {
    const data = { bytes: new Uint8Array(bytes), size: bytes.byteLength };
    await prisma.storedFile.upsert({ where: { key }, create: { key, ...data }, update: data, select: { key: true } });
  },
  async get(key) {
    const row = await prisma.storedFile.findUnique({ where: { key }, select: { bytes: true } });
    return row ? new Uint8Array(row.bytes) : null;
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

/** The configured store. */
export function fileStore(): FileStore {
  const kind = getEnv().FILE_STORE;
  if (kind === "database") return databaseFileStore;
  // parseEnv refuses "s3" until the adapter exists; this line is never reached with a valid env.
  throw new Error("FILE_STORE=s3: adapter not available (ADR 0015)");
}
