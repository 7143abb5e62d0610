// setupFiles of the integration project: runs in each test file's process before the file's own
// imports, so app/utils/db.server.ts connects to this worker's copy of the migrated database
// (tests/integration/global-setup.ts). Files in parallel workers never share a database.
import { workerDatabase } from "./global-setup.ts";

process.env.DATABASE_URL = await workerDatabase(process.env.VITEST_POOL_ID ?? "1");
