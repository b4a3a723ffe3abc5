import { EntityManager } from 'typeorm';
import { ALL_JOBS, CountedApplication, recordDeltas, utcDay } from './pipeline-counters';

// Folding appended counter deltas into the counters: the minute-by-minute compaction, and the
// targeted fold erasure uses to remove a free-text source label (see pipeline-counters.ts).

const COMPACT_BATCH = 20_000;

// Folds the picked deltas into the counters (per job and for all jobs, and the `current` ones into
// the per-stage counts) and deletes them. `pick` selects delta ids; $1 is ALL_JOBS.
const foldDeltasSql = (pick: string) => `
  WITH moved AS (
    DELETE FROM pipeline_counter_deltas WHERE id IN (${pick})
    RETURNING job_id, applied_on, metric, k1, k2, delta),
  summed AS (
    SELECT job_id, applied_on, metric, k1, k2, sum(delta)::int AS delta
      FROM moved GROUP BY job_id, applied_on, metric, k1, k2
    UNION ALL
    SELECT $1::uuid, applied_on, metric, k1, k2, sum(delta)::int
      FROM moved GROUP BY applied_on, metric, k1, k2),
  upserted AS (
    INSERT INTO pipeline_counters (job_id, applied_on, metric, k1, k2, applications)
    SELECT job_id, applied_on, metric, k1, k2, delta FROM summed
     WHERE delta <> 0 ORDER BY job_id, applied_on, metric, k1, k2
    ON CONFLICT (job_id, applied_on, metric, k1, k2)
    DO UPDATE SET applications = pipeline_counters.applications + EXCLUDED.applications),
  staged AS (
    INSERT INTO pipeline_stage_counts (job_id, stage, applications)
    SELECT job_id, k1, sum(delta)::int FROM moved WHERE metric = 'current'
     GROUP BY job_id, k1 HAVING sum(delta) <> 0 ORDER BY job_id, k1
    ON CONFLICT (job_id, stage)
    DO UPDATE SET applications = pipeline_stage_counts.applications + EXCLUDED.applications)
  SELECT count(*)::int AS n FROM moved`;

const COMPACT_SQL = foldDeltasSql(
  'SELECT id FROM pipeline_counter_deltas ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED',
);

// Folds appended deltas into the counters (per job and for all jobs). Concurrent compactions take
// disjoint batches (SKIP LOCKED) and upsert in key order, so they neither double count nor
// deadlock. Returns how many deltas were folded.
export async function compactPipelineCounters(manager: EntityManager): Promise<number> {
  let folded = 0;
  for (;;) {
    const [{ n }] = await manager.query<{ n: number }[]>(COMPACT_SQL, [ALL_JOBS, COMPACT_BATCH]);
    folded += n;
    if (n < COMPACT_BATCH) {
      return folded;
    }
  }
}

// Moves one application's `current` count to another source label (erasure keeps only the
// channel of a free-text source), then folds every delta still carrying the old label for that
// job and day and drops the counter rows it leaves at zero: the old text stays only where another
// application still has it.
export async function relabelSource(
  manager: EntityManager,
  app: CountedApplication,
  to: string,
): Promise<void> {
  if (app.source === to) {
    return;
  }
  await recordDeltas(manager, app, [
    { metric: 'current', k1: app.stage, k2: app.source, delta: -1 },
    { metric: 'current', k1: app.stage, k2: to, delta: 1 },
  ]);
  const day = utcDay(app.appliedAt);
  // FOR UPDATE waits for deltas a running compaction holds, rather than skipping them.
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM pipeline_counter_deltas
      WHERE job_id = $1 AND applied_on = $2 AND metric = 'current' AND k2 = $3
      ORDER BY id FOR UPDATE`,
    [app.jobId, day, app.source],
  );
  await manager.query(foldDeltasSql('SELECT unnest($2::bigint[])'), [
    ALL_JOBS,
    rows.map((r) => r.id),
  ]);
  await manager.query(
    `DELETE FROM pipeline_counters
      WHERE job_id IN ($1, $2) AND applied_on = $3 AND metric = 'current' AND k2 = $4
        AND applications = 0`,
    [app.jobId, ALL_JOBS, day, app.source],
  );
}
