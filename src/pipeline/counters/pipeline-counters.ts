import { EntityManager } from 'typeorm';
import { DEFAULT_STAGES } from '../pipeline';

// Pipeline analytics as additive counters, so a report over 300k applications sums a few thousand
// rows instead of joining every application with its history.
//
// Counters are kept per job and per UTC day of application (`applied_on`), and again for all jobs
// under ALL_JOBS. A stage change appends its deltas to `pipeline_counter_deltas` in the same
// transaction (inserts only: no row every apply on a busy job would queue behind); `compact`
// folds them into `pipeline_counters` at both levels, and the `current` ones also into
// `pipeline_stage_counts` (per job and stage, every day summed: the board's counts). Readers add the un-compacted deltas, so a
// report is exact whenever it runs. `rebuildPipelineCounters` recomputes everything from the
// applications and their history (data imports, repairs), and is what the tests compare against.
//
//   metric     k1                        k2        counts applications…
//   current    stage                     source    …whose stage is k1 now
//   rejected   rejection reason id | ''  ''        …rejected now, by reason
//   reached    stage                     ''        …that ever entered k1
//   converted  stage                     stage     …that entered k2 at or after first entering k1
//   passed     stage                     ''        …that reached k1 or a later working stage
//
// `passed` is what conversion rates divide: someone moved from applied straight to hired passed
// screening too (a stage order is the job's pipeline when the move happens; the rebuild uses the
// current one).

export const ALL_JOBS = '00000000-0000-0000-0000-000000000000';

export type CounterMetric = 'current' | 'rejected' | 'reached' | 'converted' | 'passed';

export interface CounterRow {
  metric: CounterMetric;
  k1: string;
  k2: string;
  n: number;
}

const SEP = '\u0000';

// Sums of counter rows by (metric, k1, k2).
export class Counters {
  private readonly values = new Map<string, number>();

  add(rows: CounterRow[]): this {
    for (const r of rows) {
      const key = [r.metric, r.k1, r.k2].join(SEP);
      this.values.set(key, (this.values.get(key) ?? 0) + Number(r.n));
    }
    return this;
  }

  get(metric: CounterMetric, k1: string, k2 = ''): number {
    return this.values.get([metric, k1, k2].join(SEP)) ?? 0;
  }

  rows(metric: CounterMetric): CounterRow[] {
    const out: CounterRow[] = [];
    for (const [key, n] of this.values) {
      const [m, k1, k2] = key.split(SEP);
      if (m === metric && n !== 0) {
        out.push({ metric, k1, k2, n });
      }
    }
    return out;
  }
}

export interface CountedApplication {
  jobId: string;
  appliedAt: Date;
  stage: string;
  source: string;
  rejectionReasonId: string | null;
}

// First and last time an application entered a stage, from its history.
export interface StageReach {
  stage: string;
  firstAt: Date;
  lastAt: Date;
}

type Delta = Omit<CounterRow, 'n'> & { delta: number };

function stateDeltas(app: CountedApplication, sign: 1 | -1): Delta[] {
  const deltas: Delta[] = [{ metric: 'current', k1: app.stage, k2: app.source, delta: sign }];
  if (app.stage === 'rejected') {
    deltas.push({ metric: 'rejected', k1: app.rejectionReasonId ?? '', k2: '', delta: sign });
  }
  return deltas;
}

// An application enters its job's first working stage.
export function entryDeltas(app: CountedApplication): Delta[] {
  return [
    ...stateDeltas(app, 1),
    { metric: 'reached', k1: app.stage, k2: '', delta: 1 },
    { metric: 'passed', k1: app.stage, k2: '', delta: 1 },
  ];
}

// What one stage change adds: the application leaves its current stage count and enters the new
// one; it reaches the target for the first time, and the target now follows every stage it had
// reached before, unless an earlier visit to the target already did. Moving beyond the furthest
// working stage it had reached (in `order`, the job's working stages) passes every stage up to
// the target.
export function transitionDeltas(
  before: CountedApplication,
  after: CountedApplication,
  reached: StageReach[],
  order: string[],
): Delta[] {
  const deltas = [...stateDeltas(before, -1), ...stateDeltas(after, 1)];
  const target = after.stage;
  const previous = reached.find((r) => r.stage === target);
  if (!previous) {
    deltas.push({ metric: 'reached', k1: target, k2: '', delta: 1 });
  }
  for (const from of reached) {
    if (from.stage !== target && !(previous && previous.lastAt >= from.firstAt)) {
      deltas.push({ metric: 'converted', k1: from.stage, k2: target, delta: 1 });
    }
  }
  const furthest = Math.max(-1, ...reached.map((r) => order.indexOf(r.stage)));
  for (let i = furthest + 1; i <= order.indexOf(target); i += 1) {
    deltas.push({ metric: 'passed', k1: order[i], k2: '', delta: 1 });
  }
  return deltas;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

function startOfDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

// [from, to) as whole UTC days (as dates, open ends allowed) and the partial days around them.
export function splitRange(
  from: Date | null,
  to: Date | null,
): { days: [string | null, string | null] | null; edges: [Date, Date][] } {
  const firstDay = from
    ? startOfDay(from).getTime() === from.getTime()
      ? from
      : new Date(startOfDay(from).getTime() + DAY_MS)
    : null;
  const endDay = to ? startOfDay(to) : null;
  if (from && to && firstDay && endDay && firstDay >= endDay) {
    return { days: null, edges: [[from, to]] };
  }
  const edges: [Date, Date][] = [];
  if (from && firstDay && from < firstDay) {
    edges.push([from, firstDay]);
  }
  if (to && endDay && endDay < to) {
    edges.push([endDay, to]);
  }
  return { days: [firstDay && utcDay(firstDay), endDay && utcDay(endDay)], edges };
}

export async function recordDeltas(
  manager: EntityManager,
  app: CountedApplication,
  deltas: Delta[],
): Promise<void> {
  if (deltas.length === 0) {
    return;
  }
  await manager.query(
    `INSERT INTO pipeline_counter_deltas (job_id, applied_on, metric, k1, k2, delta)
     SELECT $1, $2::date, d.metric, d.k1, d.k2, d.delta
       FROM unnest($3::text[], $4::text[], $5::text[], $6::int[]) AS d(metric, k1, k2, delta)`,
    [
      app.jobId,
      utcDay(app.appliedAt),
      deltas.map((d) => d.metric),
      deltas.map((d) => d.k1),
      deltas.map((d) => d.k2),
      deltas.map((d) => d.delta),
    ],
  );
}

// The history of one application as first/last entry per stage (read before a new row is added).
export async function reachOf(
  manager: EntityManager,
  applicationId: string,
): Promise<StageReach[]> {
  const rows = await manager.query<{ stage: string; first_at: Date; last_at: Date }[]>(
    `SELECT to_stage AS stage, min(changed_at) AS first_at, max(changed_at) AS last_at
       FROM application_stage_history WHERE application_id = $1 GROUP BY to_stage`,
    [applicationId],
  );
  return rows.map((r) => ({
    stage: r.stage,
    firstAt: new Date(r.first_at),
    lastAt: new Date(r.last_at),
  }));
}

const DAY_SECONDS = 86_400;

// Median days in each stage over completed stays ($1 job or null, applied in [$2, $3)), from the
// history rows alone (each carries applied_at and days_in_stage). Over a cohort bounded by dates
// the values are sorted; over everything (or a whole job) the median is read by walking the
// partial indexes ix_stage_history_(job_)stays to the middle, which skips the sort.
export const TIME_IN_STAGE_SQL = `
  SELECT to_stage AS stage,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days_in_stage)::float8 AS median_days,
         count(*)::int AS samples
    FROM application_stage_history
   WHERE days_in_stage IS NOT NULL AND ($1::uuid IS NULL OR job_id = $1)
     AND ($2::timestamptz IS NULL OR applied_at >= $2)
     AND ($3::timestamptz IS NULL OR applied_at < $3)
   GROUP BY to_stage`;

export const TIME_IN_STAGE_UNBOUNDED_SQL = `
  WITH stays AS (
    SELECT to_stage AS stage, count(*)::int AS samples FROM application_stage_history
     WHERE days_in_stage IS NOT NULL AND ($1::uuid IS NULL OR job_id = $1)
     GROUP BY to_stage)
  SELECT s.stage, s.samples,
         (SELECT avg(m.days_in_stage) FROM (
            SELECT h.days_in_stage FROM application_stage_history h
             WHERE h.to_stage = s.stage AND h.days_in_stage IS NOT NULL
               AND ($1::uuid IS NULL OR h.job_id = $1)
             ORDER BY h.days_in_stage
            OFFSET (s.samples - 1) / 2 LIMIT 2 - s.samples % 2) m)::float8 AS median_days
    FROM stays s`;

// Median days from applying to being hired, over ix_applications_hired (hired rows only).
export const TIME_TO_HIRE_SQL = `
  SELECT percentile_cont(0.5) WITHIN GROUP (
           ORDER BY extract(epoch FROM hired_at - applied_at) / ${DAY_SECONDS})::float8 AS median_days,
         count(*)::int AS hires
    FROM application_stage_facts
   WHERE hired_at IS NOT NULL AND ($1::uuid IS NULL OR job_id = $1)
     AND ($2::timestamptz IS NULL OR applied_at >= $2)
     AND ($3::timestamptz IS NULL OR applied_at < $3)`;

// Counters of the applications applied on whole days [fromDay, toDay) (open ends allowed), for one
// job or all: compacted counters plus the deltas not folded in yet, read in one statement.
export async function countersForDays(
  manager: EntityManager,
  jobId: string | null,
  fromDay: string | null,
  toDay: string | null,
): Promise<CounterRow[]> {
  return manager.query<CounterRow[]>(
    `SELECT metric, k1, k2, sum(n)::int AS n FROM (
       SELECT metric, k1, k2, applications AS n FROM pipeline_counters
        WHERE job_id = coalesce($1::uuid, $4::uuid)
          AND ($2::date IS NULL OR applied_on >= $2) AND ($3::date IS NULL OR applied_on < $3)
       UNION ALL
       SELECT metric, k1, k2, delta FROM pipeline_counter_deltas
        WHERE ($1::uuid IS NULL OR job_id = $1)
          AND ($2::date IS NULL OR applied_on >= $2) AND ($3::date IS NULL OR applied_on < $3)) c
      GROUP BY metric, k1, k2 HAVING sum(n) <> 0`,
    [jobId, fromDay, toDay, ALL_JOBS],
  );
}

const DEFAULT_ORDER_SQL = `ARRAY[${DEFAULT_STAGES.map((s) => `'${s.key}'`).join(', ')}]`;

// The same counters straight from applications and history for a cohort of applications: used for
// the partial days at the ends of a range, and by the rebuild. Rows come per job and day. `o` is
// each job's working stage order (custom, else the default), `top` each application's furthest.
function rawCountersSql(cohortFilter: string): string {
  return `
    WITH c AS (
      SELECT id, job_id, (applied_at AT TIME ZONE 'UTC')::date AS applied_on,
             stage, source, rejection_reason_id
        FROM application_stage_facts ${cohortFilter}),
    r AS (
      SELECT h.application_id, c.job_id, c.applied_on, h.to_stage AS stage,
             min(h.changed_at) AS first_at, max(h.changed_at) AS last_at
        FROM application_stage_history h JOIN c ON c.id = h.application_id
       GROUP BY h.application_id, c.job_id, c.applied_on, h.to_stage),
    o AS (
      SELECT j.job_id, s.key, s.pos FROM (SELECT DISTINCT job_id FROM c) j
       CROSS JOIN LATERAL (
         SELECT p.key, p.position AS pos FROM pipeline_stages p WHERE p.job_id = j.job_id
         UNION ALL
         SELECT d.key, d.pos::int FROM unnest(${DEFAULT_ORDER_SQL}) WITH ORDINALITY AS d(key, pos)
          WHERE NOT EXISTS (SELECT 1 FROM pipeline_stages p WHERE p.job_id = j.job_id)) s),
    top AS (
      SELECT r.application_id, r.job_id, r.applied_on, max(o.pos) AS pos
        FROM r JOIN o ON o.job_id = r.job_id AND o.key = r.stage
       GROUP BY r.application_id, r.job_id, r.applied_on)
    SELECT job_id, applied_on, 'current' AS metric, stage AS k1, source AS k2, count(*)::int AS n
      FROM c GROUP BY job_id, applied_on, stage, source
    UNION ALL
    SELECT job_id, applied_on, 'rejected', coalesce(rejection_reason_id::text, ''), '', count(*)::int
      FROM c WHERE stage = 'rejected' GROUP BY job_id, applied_on, rejection_reason_id
    UNION ALL
    SELECT job_id, applied_on, 'reached', stage, '', count(*)::int
      FROM r GROUP BY job_id, applied_on, stage
    UNION ALL
    SELECT f.job_id, f.applied_on, 'converted', f.stage, t.stage, count(*)::int
      FROM r f JOIN r t ON t.application_id = f.application_id
                       AND t.stage <> f.stage AND t.last_at >= f.first_at
     GROUP BY f.job_id, f.applied_on, f.stage, t.stage
    UNION ALL
    SELECT top.job_id, top.applied_on, 'passed', o.key, '', count(*)::int
      FROM top JOIN o ON o.job_id = top.job_id AND o.pos <= top.pos
     GROUP BY top.job_id, top.applied_on, o.key`;
}

// Counters of the applications applied in [from, to), computed from the rows themselves.
export async function countersForRange(
  manager: EntityManager,
  jobId: string | null,
  from: Date,
  to: Date,
): Promise<CounterRow[]> {
  return manager.query<CounterRow[]>(
    rawCountersSql(
      'WHERE ($1::uuid IS NULL OR job_id = $1) AND applied_at >= $2 AND applied_at < $3',
    ),
    [jobId, from, to],
  );
}

// Recomputes every counter (and the derived history columns) from applications and their
// history, inside the caller's transaction. For data imported or edited behind the application's
// back: `npm run analytics:rebuild`.
export async function rebuildPipelineCounters(manager: {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}): Promise<void> {
  await manager.query(
    'LOCK TABLE pipeline_counters, pipeline_counter_deltas, pipeline_stage_counts IN EXCLUSIVE MODE',
  );
  await manager.query(
    `UPDATE application_stage_history h
        SET applied_at = a.applied_at, left_at = n.next_at,
            days_in_stage = extract(epoch FROM n.next_at - h.changed_at) / 86400
       FROM application_stage_facts a,
            (SELECT id, lead(changed_at) OVER (PARTITION BY application_id ORDER BY changed_at, id) AS next_at
               FROM application_stage_history) n
      WHERE a.id = h.application_id AND n.id = h.id
        AND (h.applied_at IS DISTINCT FROM a.applied_at OR h.left_at IS DISTINCT FROM n.next_at
             OR h.days_in_stage IS DISTINCT FROM extract(epoch FROM n.next_at - h.changed_at) / 86400)`,
  );
  await manager.query('DELETE FROM pipeline_counter_deltas');
  await manager.query('DELETE FROM pipeline_counters');
  await manager.query('DELETE FROM pipeline_stage_counts');
  await manager.query(
    `INSERT INTO pipeline_stage_counts (job_id, stage, applications)
     SELECT job_id, stage, count(*)::int FROM application_stage_facts GROUP BY job_id, stage`,
  );
  await manager.query(
    `INSERT INTO pipeline_counters (job_id, applied_on, metric, k1, k2, applications)
     SELECT job_id, applied_on, metric, k1, k2, n FROM (${rawCountersSql('')}) per_job`,
  );
  await manager.query(
    `INSERT INTO pipeline_counters (job_id, applied_on, metric, k1, k2, applications)
     SELECT $1::uuid, applied_on, metric, k1, k2, sum(applications)::int FROM pipeline_counters
      GROUP BY applied_on, metric, k1, k2`,
    [ALL_JOBS],
  );
}
