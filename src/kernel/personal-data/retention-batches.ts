import type { EntityManager } from 'typeorm';
import type { RetentionContext } from './personal-data-handler';

export interface BatchedPurge {
  // SELECT count(*)::int AS n … over the due rows (parameters as `params`).
  count: string;
  // A statement removing at most $<last> due rows and answering `n`, e.g.
  // WITH d AS (DELETE … WHERE id IN (SELECT … LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING 1)
  // SELECT count(*)::int AS n FROM d
  batch: string;
}

// Retention deletes run as many short autocommit statements, never one long transaction: each
// batch locks at most `batchSize` rows, skipping rows someone else holds. `database` is a
// repository's manager outside any transaction.
export async function purgeInBatches(
  database: Pick<EntityManager, 'query'>,
  context: RetentionContext,
  sql: BatchedPurge,
  params: unknown[],
): Promise<number> {
  if (context.dryRun) {
    const [row] = await database.query<{ n: number }[]>(sql.count, params);
    return row?.n ?? 0;
  }
  let total = 0;
  for (;;) {
    const [row] = await database.query<{ n: number }[]>(sql.batch, [...params, context.batchSize]);
    const removed = row?.n ?? 0;
    total += removed;
    if (removed < context.batchSize) {
      return total;
    }
  }
}
