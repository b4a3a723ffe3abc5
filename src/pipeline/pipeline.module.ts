import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { JobsModule } from '../jobs/jobs.module';
import { ApplicationLifecycleService } from './application-lifecycle.service';
import { PipelineCountersJob } from './counters/pipeline-counters.job';
import { PipelineBoardService } from './pipeline-board.service';
import { PipelineConfigService } from './pipeline-config.service';
import { PipelineService } from './pipeline.service';
import { StageChangeWriter } from './stage-change.writer';

// The application lifecycle: stage configuration, moves under one lock, board, counters and stage
// events. StageChangeWriter stays inside; other modules move applications through
// ApplicationLifecycleService.moveToStage.
@Module({
  imports: [JobsModule, WebhooksModule],
  providers: [
    ApplicationLifecycleService,
    PipelineBoardService,
    PipelineConfigService,
    PipelineCountersJob,
    PipelineService,
    StageChangeWriter,
  ],
  exports: [
    ApplicationLifecycleService,
    PipelineBoardService,
    PipelineConfigService,
    PipelineService,
  ],
})
export class PipelineModule {}
