import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { JobEmailTemplatesController } from './job-email-templates.controller';
import { JobStatsService } from './job-stats.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { JobChangeSubscriber } from './job-change.subscriber';
import { PublicJobCache } from './public-job.cache';

@Module({
  imports: [MailModule],
  controllers: [JobsController, JobEmailTemplatesController],
  providers: [JobsService, JobStatsService, PublicJobCache, JobChangeSubscriber],
  exports: [JobsService],
})
export class JobsModule {}
