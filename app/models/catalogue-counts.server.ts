// The fold of the catalogue's per-transaction counts (docs/decisions/0049-catalogue-counts-without-shared-rows.md).
// On PostgreSQL the triggers of ADR 0041 add each transaction's changes of a (key, day) count to a "CatalogueCount"
// row of that transaction's own, so that writers never lock a shared row; the count the catalogue reads is the SUM of
// the rows, exact whether or not they are folded. This job keeps those rows few: the database function
// catalogue_count_fold (migration 20261202013000_catalogue_counts_per_transaction) moves the committed ones into the
// folded row of their (key, day), one instance at a time. SQLite's triggers update the folded row directly (one
// writer at a time, no row locks): nothing to fold there.
import { databaseEngine } from "~/utils/db.server.ts";
import { pgPool } from "~/utils/pg-pool.server.ts";

/** Every few seconds: the rows a count sums stay a handful more than its days, even under an enrolment burst. */
export const CATALOGUE_COUNT_FOLD_EVERY_MS = 5_000;

/** Folds the committed transactions' count rows; returns how many (key, day) counts changed (0 on SQLite). */
export async function foldCatalogueCounts(): Promise<number> {
  if (databaseEngine !== "postgresql") return 0;
  const { rows } = await pgPool().query<{ folded: number }>(`SELECT "catalogue_count_fold"() AS "folded"`);
  return Number(rows[0]?.folded ?? 0);
}
