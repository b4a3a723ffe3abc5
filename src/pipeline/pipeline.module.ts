import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { JobsModule } from '../jobs/jobs.module';
import { ApplicationLifecycleService } from './application-lifecycle.service';
import { PipelineCountersJob } from './counters/pipeline-counters.job';
import { ApplicationStageHistory } from './entities/application-stage-history.entity';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { PipelineApplicationsRef } from './pipeline-applications';
import { PipelineBoardService } from './pipeline-board.service';
import { PipelineConfigService } from './pipeline-config.service';
import { PipelineStageRepository } from './pipeline-stage.repository';
import { PipelineService } from './pipeline.service';
import { StageChangeWriter } from './stage-change.writer';
import { StageHistoryRepository } from './stage-history.repository';

// The application lifecycle: stage configuration, moves under one lock, board, counters and stage
// events. StageChangeWriter stays inside; other modules move applications through
// ApplicationLifecycleService.moveToStage. The applications themselves come through the
// PipelineApplications port, which the candidates module provides.
@Module({
  imports: [
    TypeOrmModule.forFeature([ApplicationStageHistory, PipelineStage]),
    JobsModule,
    WebhooksModule,
  ],
  providers: [
    ApplicationLifecycleService,
    PipelineApplicationsRef,
    PipelineBoardService,
    PipelineConfigService,
    PipelineCountersJob,
    PipelineService,
    PipelineStageRepository,
    StageChangeWriter,
    StageHistoryRepository,
  ],
  exports: [
    ApplicationLifecycleService,
    PipelineBoardService,
    PipelineConfigService,
    PipelineService,
    StageHistoryRepository,
  ],
})
export class PipelineModule {}
