import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CandidatesModule } from '../candidates/candidates.module';
import { JobsModule } from '../jobs/jobs.module';
import { MailModule } from '../mail/mail.module';
import { ApplicationActionsController } from './application-actions.controller';
import { AtsInsightsController } from './ats-insights.controller';
import { AtsPersonalData } from './ats.personal-data';
import { RejectionReason } from './entities/rejection-reason.entity';
import { Scorecard } from './entities/scorecard.entity';
import { PipelineModule } from '../pipeline';
import { PipelineController } from './pipeline.controller';
import { ReportingModule } from '../reporting/reporting.module';
import { RejectionMailService } from './rejection-mail.service';
import { RejectionReasonsRepository } from './rejection-reasons.repository';
import { RejectionReasonsService } from './rejection-reasons.service';
import { ScorecardsRepository } from './scorecards.repository';
import { ScorecardsService } from './scorecards.service';
import { StageTransitionsService } from './stage-transitions.service';
import { WebhooksModule } from '../webhooks/webhooks.module';

// ATS pipeline routes, rejection reasons, scorecards, the report routes (served by ReportingModule)
// and outbound webhooks.
// Re-exports WebhooksModule so importers get AtsEventsService.
@Module({
  imports: [
    TypeOrmModule.forFeature([RejectionReason, Scorecard]),
    JobsModule,
    CandidatesModule,
    PipelineModule,
    WebhooksModule,
    MailModule,
    ReportingModule,
  ],
  controllers: [PipelineController, ApplicationActionsController, AtsInsightsController],
  providers: [
    AtsPersonalData,
    RejectionMailService,
    RejectionReasonsRepository,
    RejectionReasonsService,
    ScorecardsRepository,
    ScorecardsService,
    StageTransitionsService,
  ],
  exports: [WebhooksModule],
})
export class AtsModule {}
