import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
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
