import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Job } from './entities/job.entity';
import { MailModule } from '../mail/mail.module';
import { JobEmailTemplatesController } from './job-email-templates.controller';
import { JobStatsRepository } from './job-stats.repository';
import { JobStatsService } from './job-stats.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';
import { JobChangeSubscriber } from './job-change.subscriber';
import { PublicJobCache } from './public-job.cache';

@Module({
  imports: [TypeOrmModule.forFeature([Job]), MailModule],
  controllers: [JobsController, JobEmailTemplatesController],
  providers: [
    JobsRepository,
    JobsService,
    JobStatsRepository,
    JobStatsService,
    PublicJobCache,
    JobChangeSubscriber,
  ],
  exports: [JobsService],
})
export class JobsModule {}
