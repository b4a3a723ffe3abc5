import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BadRequestProblem } from '../common/errors/domain.exception';
import { JobsService } from '../jobs/jobs.service';
import { DEFAULT_STAGES, OUTCOME_STAGES } from '../jobs/pipeline';
import { PipelineService } from '../jobs/pipeline.service';
import { AtsAnalyticsResponse } from './ats-analytics.presenter';
import { AnalyticsQueryDto } from './dto/insights-query.dto';

const DAY_SECONDS = 86_400;

function round(value: number | null, digits: number): number | null {
  return value == null ? null : Number(value.toFixed(digits));
}

// A date alone as `to` means "through the end of that day".
function endOf(to: string): Date {
  const date = new Date(to);
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(date.getTime() + DAY_SECONDS * 1000) : date;
}

// Pipeline analytics computed in SQL over the applications applied in the range (the cohort) and
// their application_stage_history; nothing is counted in memory.
@Injectable()
export class AtsAnalyticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
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
    if (jobId) {
      await this.jobs.getJob(jobId);
    }
    const order = jobId ? await this.pipeline.workingStages(jobId) : DEFAULT_STAGES;
    const params = [jobId, from, to];
    const cohort = `SELECT * FROM applications
                     WHERE ($1::uuid IS NULL OR job_id = $1)
                       AND ($2::timestamptz IS NULL OR applied_at >= $2)
                       AND ($3::timestamptz IS NULL OR applied_at < $3)`;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const totals = await this.totals(manager, cohort, params);
      const stages = await manager.query<{ stage: string; count: number }[]>(
        `SELECT stage, count(*)::int AS count FROM (${cohort}) c GROUP BY stage`,
        params,
      );
      const conversion = await this.conversion(
        manager,
        cohort,
        params,
        order.map((s) => s.key),
      );
      const timeInStage = await manager.query<
        { stage: string; median_days: number; samples: number }[]
      >(
        `WITH stays AS (
           SELECT h.to_stage AS stage,
                  lead(h.changed_at) OVER (PARTITION BY h.application_id ORDER BY h.changed_at, h.id)
                    - h.changed_at AS spent
             FROM application_stage_history h JOIN (${cohort}) c ON c.id = h.application_id)
         SELECT stage,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM spent) / ${DAY_SECONDS})::float8
                  AS median_days,
                count(*)::int AS samples
           FROM stays WHERE spent IS NOT NULL GROUP BY stage`,
        params,
      );
      const [hire] = await manager.query<{ median_days: number | null; hires: number }[]>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (
                  ORDER BY extract(epoch FROM hired_at - applied_at) / ${DAY_SECONDS})::float8 AS median_days,
                count(*)::int AS hires
           FROM (${cohort}) c WHERE hired_at IS NOT NULL`,
        params,
      );
      const sources = await manager.query<
        { source: string; applications: number; hired: number }[]
      >(
        `SELECT source, count(*)::int AS applications, count(*) FILTER (WHERE stage = 'hired')::int AS hired
           FROM (${cohort}) c GROUP BY source ORDER BY applications DESC, source`,
        params,
      );
      const rejections = await manager.query<
        {
          rejection_reason_id: string | null;
          name: string | null;
          type: string | null;
          count: number;
        }[]
      >(
        `SELECT c.rejection_reason_id, r.name, r.type, count(*)::int AS count
           FROM (${cohort}) c LEFT JOIN rejection_reasons r ON r.id = c.rejection_reason_id
          WHERE c.stage = 'rejected'
          GROUP BY c.rejection_reason_id, r.name, r.type ORDER BY count DESC, r.name`,
        params,
      );
      const rank = new Map([...order, ...OUTCOME_STAGES].map((s, i) => [s.key, i]));
      const byPipeline = (a: { stage: string }, b: { stage: string }) =>
        (rank.get(a.stage) ?? rank.size) - (rank.get(b.stage) ?? rank.size) ||
        a.stage.localeCompare(b.stage);
      return {
        job_id: jobId,
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
        totals,
        stages: stages.sort(byPipeline),
        conversion,
        time_in_stage: timeInStage
          .map((s) => ({
            stage: s.stage,
            median_days: round(s.median_days, 2),
            samples: s.samples,
          }))
          .sort(byPipeline),
        time_to_hire: { median_days: round(hire.median_days, 2), hires: hire.hires },
        sources,
        rejection_reasons: rejections,
      };
    });
  }

  private async totals(manager: EntityManager, cohort: string, params: unknown[]) {
    const [row] = await manager.query<AtsAnalyticsResponse['totals'][]>(
      `SELECT count(*)::int AS applications,
              count(*) FILTER (WHERE stage NOT IN ('hired', 'rejected', 'withdrawn'))::int AS in_progress,
              count(*) FILTER (WHERE stage = 'hired')::int AS hired,
              count(*) FILTER (WHERE stage = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE stage = 'withdrawn')::int AS withdrawn
         FROM (${cohort}) c`,
      params,
    );
    return row;
  }

  // Of the applications that ever reached stage N, the share that reached stage N+1 afterwards.
  private async conversion(
    manager: EntityManager,
    cohort: string,
    params: unknown[],
    keys: string[],
  ) {
    if (keys.length < 2) {
      return [];
    }
    const rows = await manager.query<
      { from_stage: string; to_stage: string; reached_from: number; reached_to: number }[]
    >(
      `WITH reached AS (
         SELECT h.application_id, h.to_stage AS stage,
                min(h.changed_at) AS first_at, max(h.changed_at) AS last_at
           FROM application_stage_history h JOIN (${cohort}) c ON c.id = h.application_id
          GROUP BY h.application_id, h.to_stage),
       pairs AS (
         SELECT * FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS p(from_stage, to_stage, ord))
       SELECT p.from_stage, p.to_stage,
              count(f.application_id)::int AS reached_from,
              count(t.application_id)::int AS reached_to
         FROM pairs p
         LEFT JOIN reached f ON f.stage = p.from_stage
         LEFT JOIN reached t ON t.application_id = f.application_id
                            AND t.stage = p.to_stage AND t.last_at >= f.first_at
        GROUP BY p.ord, p.from_stage, p.to_stage
        ORDER BY p.ord`,
      [...params, keys.slice(0, -1), keys.slice(1)],
    );
    return rows.map((r) => ({
      ...r,
      rate: r.reached_from ? round(r.reached_to / r.reached_from, 4) : null,
    }));
  }
}
