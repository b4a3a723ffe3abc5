import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { ApplicationStatus, StageDefinition } from './pipeline';

const STAGES_OF_JOB_SQL = `SELECT key, name, status, sla_days FROM pipeline_stages
  WHERE job_id = $1 ORDER BY position`;

// The custom pipelines of jobs (a job without rows uses the default one).
@Injectable()
export class PipelineStageRepository {
  constructor(
    @InjectRepository(PipelineStage) private readonly rows: Repository<PipelineStage>,
    private readonly dataSource: DataSource,
  ) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  async listForJob(jobId: string, manager?: EntityManager): Promise<StageDefinition[]> {
    const rows = await this.on(manager).find(PipelineStage, {
      where: { jobId },
      order: { position: 'ASC' },
    });
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      status: r.status as ApplicationStatus,
      sla_days: r.slaDays,
    }));
  }

  // The same, as a prepared statement: the board reads it on every request.
  listForJobPrepared(jobId: string): Promise<StageDefinition[]> {
    return preparedQuery<StageDefinition>(this.dataSource, STAGES_OF_JOB_SQL, [jobId]);
  }

  async replaceForJob(
    jobId: string,
    stages: StageDefinition[],
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager).delete(PipelineStage, { jobId });
    await this.on(manager).insert(
      PipelineStage,
      stages.map((s, position) => ({
        id: randomUUID(),
        jobId,
        key: s.key,
        name: s.name,
        status: s.status,
        position,
        slaDays: s.sla_days,
      })),
    );
  }
}
