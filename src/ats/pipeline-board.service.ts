import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { presentApplication } from '../candidates/application.presenter';
import { Application } from '../candidates/entities/application.entity';
import { CryptoService } from '../crypto/crypto.service';
import { JobsService } from '../jobs/jobs.service';
import { OUTCOME_STAGES } from '../jobs/pipeline';
import { BOARD_COUNTS_SQL } from './analytics/pipeline-counters';
import { PipelineService } from '../jobs/pipeline.service';
import { BoardQueryDto } from './dto/pipeline.dto';
import { PipelineBoardResponse, presentStage } from './pipeline.presenter';

// The kanban board of one job in a fixed number of queries, however many stages it has: counts
// and SLA breaches from the pipeline counters (BOARD_COUNTS_SQL), one lateral top-N per stage
// (index ix_applications_job_stage, read backwards), one fetch of those applications.
@Injectable()
export class PipelineBoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly jobs: JobsService,
    private readonly pipeline: PipelineService,
  ) {}

  async board(query: BoardQueryDto): Promise<PipelineBoardResponse> {
    const jobId = query.job_id;
    const perStage = query.limit ?? 20;
    // One snapshot, so the counts and the listed applications agree.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.jobs.getJob(jobId, manager);
      const working = await this.pipeline.workingStages(jobId, manager);
      const stages = [...working, ...OUTCOME_STAGES];
      const keys = stages.map((s) => s.key);
      const counts = await manager.query<{ key: string; count: number; overdue: number }[]>(
        BOARD_COUNTS_SQL,
        [jobId, keys, stages.map((s) => s.sla_days)],
      );
      const firstPages = await manager.query<{ id: string }[]>(
        `SELECT p.id
           FROM unnest($2::text[]) AS s(key)
          CROSS JOIN LATERAL (
                SELECT a.id FROM applications a
                 WHERE a.job_id = $1 AND a.stage = s.key
                 ORDER BY a.applied_at DESC, a.id DESC
                 LIMIT $3) p`,
        [jobId, keys, perStage],
      );
      const applications = firstPages.length
        ? await manager.find(Application, {
            where: { id: In(firstPages.map((r) => r.id)) },
            order: { appliedAt: 'DESC', id: 'DESC' },
          })
        : [];
      const countOf = new Map(counts.map((c) => [c.key, c]));
      return {
        job_id: jobId,
        stages: stages.map((stage, i) => ({
          ...presentStage(stage, i >= working.length),
          count: countOf.get(stage.key)?.count ?? 0,
          overdue_count: countOf.get(stage.key)?.overdue ?? 0,
          applications: applications
            .filter((a) => a.stage === stage.key)
            .map((a) => presentApplication(a, this.crypto)),
        })),
      };
    });
  }
}
