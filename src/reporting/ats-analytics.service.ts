import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { BadRequestProblem, NotFoundProblem } from '../common/errors/domain.exception';
import {
  Counters,
  countersForDays,
  countersForRange,
  DEFAULT_STAGES,
  OUTCOME_STAGES,
  PipelineService,
  splitRange,
} from '../pipeline';
import { AtsAnalyticsResponse } from './ats-analytics.presenter';
import { AtsAnalyticsRepository } from './ats-analytics.repository';
import { AnalyticsQueryDto } from './dto/report-query.dto';

const DAY_SECONDS = 86_400;

function round(value: number | null, digits: number): number | null {
  return value == null ? null : Number(value.toFixed(digits));
}

// A date alone as `to` means "through the end of that day".
function endOf(to: string): Date {
  const date = new Date(to);
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(date.getTime() + DAY_SECONDS * 1000) : date;
}

// Pipeline analytics over the applications applied in the range (the cohort): counts and
// conversion from the pipeline counters (src/pipeline/counters/pipeline-counters.ts), medians from
// the history rows themselves.
@Injectable()
export class AtsAnalyticsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly reads: AtsAnalyticsRepository,
    private readonly pipeline: PipelineService,
  ) {}

  async analytics(query: AnalyticsQueryDto): Promise<AtsAnalyticsResponse> {
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? endOf(query.to) : null;
    if (from && to && from >= to) {
      throw new BadRequestProblem('INVALID_RANGE', 'from must be before to', [
        { field: 'from', message: 'from must be before to' },
      ]);
    }
    const jobId = query.job_id ?? null;
    if (jobId && !(await this.reads.jobExists(jobId))) {
      throw new NotFoundProblem('Job');
    }
    const order = jobId ? await this.pipeline.workingStages(jobId) : DEFAULT_STAGES;
    return this.transactions.run('REPEATABLE READ', async (manager) => {
      const counters = await this.counters(manager, jobId, from, to);
      // Medians need the values themselves, so they are read from the rows.
      const timeInStage = await this.reads.timeInStage(jobId, from, to, manager);
      const hire = await this.reads.timeToHire(jobId, from, to, manager);
      const rank = new Map([...order, ...OUTCOME_STAGES].map((s, i) => [s.key, i]));
      const byPipeline = (a: { stage: string }, b: { stage: string }) =>
        (rank.get(a.stage) ?? rank.size) - (rank.get(b.stage) ?? rank.size) ||
        a.stage.localeCompare(b.stage);
      return {
        job_id: jobId,
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
        totals: totalsOf(counters),
        stages: stagesOf(counters).sort(byPipeline),
        conversion: conversionOf(
          counters,
          order.map((s) => s.key),
        ),
        time_in_stage: timeInStage
          .map((s) => ({
            stage: s.stage,
            median_days: round(s.median_days, 2),
            samples: s.samples,
          }))
          .sort(byPipeline),
        time_to_hire: { median_days: round(hire.median_days, 2), hires: hire.hires },
        sources: sourcesOf(counters),
        rejection_reasons: await this.rejectionReasons(manager, counters),
      };
    });
  }

  // Whole UTC days of the range come from the counters; the partial days at either end (when
  // from/to carry a time of day) are counted from the rows, so any range is exact.
  private async counters(
    manager: EntityManager,
    jobId: string | null,
    from: Date | null,
    to: Date | null,
  ): Promise<Counters> {
    const counters = new Counters();
    const { days, edges } = splitRange(from, to);
    if (days) {
      counters.add(await countersForDays(manager, jobId, days[0], days[1]));
    }
    for (const [start, end] of edges) {
      counters.add(await countersForRange(manager, jobId, start, end));
    }
    return counters;
  }

  private async rejectionReasons(manager: EntityManager, counters: Counters) {
    const rows = counters.rows('rejected');
    const ids = rows.map((r) => r.k1).filter(Boolean);
    const reasons = ids.length ? await this.reads.rejectionReasonsByIds(ids, manager) : [];
    const byId = new Map(reasons.map((r) => [r.id, r]));
    return rows
      .map((r) => ({
        rejection_reason_id: r.k1 || null,
        name: byId.get(r.k1)?.name ?? null,
        type: byId.get(r.k1)?.type ?? null,
        count: r.n,
      }))
      .sort(
        (a, b) =>
          b.count - a.count ||
          (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') ||
          String(a.rejection_reason_id).localeCompare(String(b.rejection_reason_id)),
      );
  }
}

const TERMINAL = ['hired', 'rejected', 'withdrawn'];

function totalsOf(counters: Counters): AtsAnalyticsResponse['totals'] {
  const current = counters.rows('current');
  const count = (stage: string) =>
    current.filter((r) => r.k1 === stage).reduce((sum, r) => sum + r.n, 0);
  const applications = current.reduce((sum, r) => sum + r.n, 0);
  return {
    applications,
    in_progress: applications - TERMINAL.reduce((sum, stage) => sum + count(stage), 0),
    hired: count('hired'),
    rejected: count('rejected'),
    withdrawn: count('withdrawn'),
  };
}

function stagesOf(counters: Counters): { stage: string; count: number }[] {
  const byStage = new Map<string, number>();
  for (const r of counters.rows('current')) {
    byStage.set(r.k1, (byStage.get(r.k1) ?? 0) + r.n);
  }
  return [...byStage].filter(([, count]) => count > 0).map(([stage, count]) => ({ stage, count }));
}

// Of the applications that reached or passed stage N, the share that reached or passed stage N+1:
// someone hired straight from applied counts as converted at every step in between.
function conversionOf(counters: Counters, keys: string[]) {
  return keys.slice(1).map((to, i) => {
    const from = keys[i];
    const reachedFrom = counters.get('passed', from);
    const reachedTo = counters.get('passed', to);
    return {
      from_stage: from,
      to_stage: to,
      reached_from: reachedFrom,
      reached_to: reachedTo,
      rate: reachedFrom ? round(reachedTo / reachedFrom, 4) : null,
    };
  });
}

function sourcesOf(counters: Counters): { source: string; applications: number; hired: number }[] {
  const bySource = new Map<string, { source: string; applications: number; hired: number }>();
  for (const r of counters.rows('current')) {
    const entry = bySource.get(r.k2) ?? { source: r.k2, applications: 0, hired: 0 };
    entry.applications += r.n;
    entry.hired += r.k1 === 'hired' ? r.n : 0;
    bySource.set(r.k2, entry);
  }
  return [...bySource.values()]
    .filter((s) => s.applications > 0)
    .sort((a, b) => b.applications - a.applications || a.source.localeCompare(b.source));
}
