import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { ApplicationStatus, DEFAULT_STAGES, OUTCOME_STAGES, StageDefinition } from './pipeline';

@Injectable()
export class PipelineService {
  constructor(private readonly dataSource: DataSource) {}

  // The job's ordered working stages (custom, else default), without the outcome stages.
  async workingStages(jobId: string, manager?: EntityManager): Promise<StageDefinition[]> {
    const rows = await (manager ?? this.dataSource.manager).find(PipelineStage, {
      where: { jobId },
      order: { position: 'ASC' },
    });
    if (rows.length === 0) {
      return DEFAULT_STAGES;
    }
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      status: r.status as ApplicationStatus,
      sla_days: r.slaDays,
    }));
  }

  // The job's working stages and whether the job exists, in one round trip: null for no such job.
  async workingStagesOfJob(jobId: string): Promise<StageDefinition[] | null> {
    const rows = await preparedQuery<{
      key: string | null;
      name: string;
      status: ApplicationStatus;
      sla_days: number | null;
    }>(
      this.dataSource,
      `SELECT p.key, p.name, p.status, p.sla_days
         FROM jobs j LEFT JOIN pipeline_stages p ON p.job_id = j.id
        WHERE j.id = $1 ORDER BY p.position`,
      [jobId],
    );
    if (rows.length === 0) {
      return null;
    }
    if (rows[0].key === null) {
      return DEFAULT_STAGES;
    }
    return rows.map((r) => ({
      key: r.key!,
      name: r.name,
      status: r.status,
      sla_days: r.sla_days,
    }));
  }

  async allStages(jobId: string, manager?: EntityManager): Promise<StageDefinition[]> {
    return [...(await this.workingStages(jobId, manager)), ...OUTCOME_STAGES];
  }

  async entryStage(jobId: string, manager?: EntityManager): Promise<StageDefinition> {
    return (await this.workingStages(jobId, manager))[0];
  }

  async replaceStages(
    manager: EntityManager,
    jobId: string,
    stages: StageDefinition[],
  ): Promise<void> {
    await manager.delete(PipelineStage, { jobId });
    await manager.insert(
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
