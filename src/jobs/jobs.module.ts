import { Module } from '@nestjs/common';
import { JobStatsService } from './job-stats.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { PipelineService } from './pipeline.service';

@Module({
  controllers: [JobsController],
  providers: [JobsService, JobStatsService, PipelineService],
  exports: [JobsService, PipelineService],
})
export class JobsModule {}
