// Moves the files an older Forma kept on one instance's disk into the file store (ADR 0015):
// the external training certificates under data/uploads/<ExternalTraining.id> (or FORMA_UPLOAD_DIR).
//   npx tsx --env-file-if-exists=.env scripts/import-uploads.ts [--dir data/uploads] [--remove]
// DATABASE_URL and FILE_STORE choose where they go. Run it once on the instance that has the folder,
// after deploying the version with the file store. Safe to run again: a file already in the store
// is skipped. A file whose row no longer exists (or has no certificate) is left alone and listed.
// --remove deletes each file from the folder once it is in the store.
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { certificateKey } from "../app/models/training-plan.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { fileStore } from "../app/utils/file-store.server.ts";

export type ImportReport = { imported: string[]; alreadyStored: string[]; orphans: string[] };

/** The folder older versions wrote to. */
export function legacyUploadDir(): string {
  return path.resolve(process.env.FORMA_UPLOAD_DIR ?? path.join(process.cwd(), "data", "uploads"));
}

export async function importLegacyUploads(dir: string, options: { remove?: boolean } = {}): Promise<ImportReport> {
  const report: ImportReport = { imported: [], alreadyStored: [], orphans: [] };
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return report;
    throw error;
  }
  const store = fileStore();
  for (const name of names.sort()) {
    // Older versions named each file by its row's id (a cuid) and nothing else.
    if (!/^[a-z0-9]{1,64}$/i.test(name)) {
      report.orphans.push(name);
      continue;
    }
    const row = await prisma.externalTraining.findUnique({
      where: { id: name },
      select: { id: true, certificateMimeType: true },
    });
    if (!row?.certificateMimeType) {
      report.orphans.push(name);
      continue;
    }
    const key = certificateKey(row.id);
    const source = path.join(dir, name);
    if (await store.get(key)) {
      report.alreadyStored.push(name);
    } else {
      await store.put(key, new Uint8Array(await fs.readFile(source)));
      report.imported.push(name);
    }
    if (options.remove) await fs.rm(source, { force: true });
  }
  return report;
}

async function main() {
  const { values } = parseArgs({
    options: { dir: { type: "string" }, remove: { type: "boolean", default: false } },
  });
  const dir = values.dir ? path.resolve(values.dir) : legacyUploadDir();
  const report = await importLegacyUploads(dir, { remove: values.remove });
  console.log(
    `Cartella ${dir}: ${report.imported.length} file importati, ${report.alreadyStored.length} già presenti, ` +
      `${report.orphans.length} senza riga corrispondente${report.orphans.length ? ` (${report.orphans.join(", ")})` : ""}.`,
  );
  await prisma.$disconnect();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
