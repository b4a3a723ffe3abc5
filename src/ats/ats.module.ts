import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module';
import { JobsModule } from '../jobs/jobs.module';
import { MailModule } from '../mail/mail.module';
import { ApplicationActionsController } from './application-actions.controller';
import { AtsAnalyticsService } from './ats-analytics.service';
import { AtsInsightsController } from './ats-insights.controller';
import { AtsPersonalData } from './ats.personal-data';
import { HiringQualityService } from './hiring-quality.service';
import { PipelineModule } from '../pipeline';
import { PipelineController } from './pipeline.controller';
import { RecruiterDashboardService } from './recruiter-dashboard.service';
import { RejectionMailService } from './rejection-mail.service';
import { RejectionReasonsService } from './rejection-reasons.service';
import { ScorecardsService } from './scorecards.service';
import { StageTransitionsService } from './stage-transitions.service';
import { WebhooksModule } from '../webhooks/webhooks.module';

// ATS pipeline routes, rejection reasons, scorecards, analytics, dashboard and outbound webhooks.
// Re-exports WebhooksModule so importers get AtsEventsService.
@Module({
  imports: [JobsModule, CandidatesModule, PipelineModule, WebhooksModule, MailModule],
  controllers: [PipelineController, ApplicationActionsController, AtsInsightsController],
  providers: [
    AtsAnalyticsService,
    AtsPersonalData,
    HiringQualityService,
    RecruiterDashboardService,
    RejectionMailService,
    RejectionReasonsService,
    ScorecardsService,
    StageTransitionsService,
  ],
  exports: [WebhooksModule],
})
export class AtsModule {}
