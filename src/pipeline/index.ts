// The pipeline module's public surface. Other modules import from here, never from its files.
export { ApplicationLifecycleService } from './application-lifecycle.service';
export type {
  MoveOptions,
  StageMove,
  StageTarget,
  TransitionOptions,
} from './application-lifecycle.service';
export { PipelineApplications } from './pipeline-applications';
export type {
  BoardApplications,
  BoardCard,
  BoardStage,
  PipelineApplication,
  StageChanges,
} from './pipeline-applications';
export { StageHistoryRepository } from './stage-history.repository';
export type { StageEvent } from './stage-history.repository';
export { PipelineBoardService } from './pipeline-board.service';
export { PipelineConfigService } from './pipeline-config.service';
export { PipelineModule } from './pipeline.module';
export { PipelineService } from './pipeline.service';
export {
  APPLICATION_STATUSES,
  DEFAULT_STAGES,
  OUTCOME_STAGES,
  stageForStatus,
  TERMINAL_STAGES,
} from './pipeline';
export type { ApplicationStatus, StageDefinition } from './pipeline';
// The additive counters, read by the ATS reports until they move to a read-model module.
export * from './counters/pipeline-counters';
export { relabelSource } from './counters/pipeline-counters.fold';
export { PipelineBoardResponse, PipelineDefinitionResponse } from './pipeline.presenter';
export {
  BoardQueryDto,
  PipelineStageDto,
  SetPipelineDto,
  STAGE_KEY,
  STAGE_KEY_MESSAGE,
  WORKING_STATUSES,
} from './dto/pipeline.dto';
