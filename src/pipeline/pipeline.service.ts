import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DEFAULT_STAGES, OUTCOME_STAGES, StageDefinition } from './pipeline';
import { PipelineStageRepository } from './pipeline-stage.repository';

@Injectable()
export class PipelineService {
  constructor(private readonly stages: PipelineStageRepository) {}

  // The job's ordered working stages (custom, else default), without the outcome stages.
  async workingStages(jobId: string, manager?: EntityManager): Promise<StageDefinition[]> {
    const stages = await this.stages.listForJob(jobId, manager);
    return stages.length === 0 ? DEFAULT_STAGES : stages;
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
    await this.stages.replaceForJob(jobId, stages, manager);
  }
}
