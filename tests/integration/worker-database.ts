// setupFiles of the integration project: runs in each test file's process before the file's own
// imports (after tests/support/fresh-modules.ts), so app/utils/db.server.ts connects to this worker's
// copy of the migrated database (tests/integration/global-setup.ts). Files in parallel workers never
// share a database.
import { afterAll } from "vitest";
import { workerDatabase } from "./global-setup.ts";

process.env.DATABASE_URL = await workerDatabase(process.env.VITEST_POOL_ID ?? "1");

// The next file in this worker loads the app afresh (fresh-modules.ts): close the connections this
// file's app opened besides Prisma's one client, which is kept for the worker (app/utils/db.server.ts).
// Imported here, after the file's tests, they are the instances the file used (or new ones, never opened).
afterAll(async () => {
  const [{ closeSqliteDirect }, { closePgPool }, { closeReplicaPool }] = await Promise.all([
    import("../../app/utils/sqlite-direct.server.ts"),
    import("../../app/utils/pg-pool.server.ts"),
    import("../../app/utils/read-replica.server.ts"),
  ]);
  closeSqliteDirect();
  await Promise.all([closePgPool(), closeReplicaPool()]);
});
