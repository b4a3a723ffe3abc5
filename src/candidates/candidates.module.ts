import { Module } from '@nestjs/common';
import { ApplicationLookupService } from './application-lookup.service';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AuthModule } from '../auth/auth.module';
import { ConsentModule } from '../consent/consent.module';
import { UploadQuotaModule } from '../throttling/upload-quota.module';
import { JobsModule } from '../jobs/jobs.module';
import { ApplicationResumeFactsService } from './application-resume-facts.service';
import { MailModule } from '../mail/mail.module';
import { PipelineModule } from '../pipeline';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { CandidateIdentityService } from './candidate-identity.service';
import { CandidateProfileQueryService } from './candidate-profile-query.service';
import { CandidateResumeRecordsService } from './candidate-resume-records.service';
import { CandidatesController } from './candidates.controller';
import { ConsentController } from './consent.controller';
import { CandidatesPersonalData } from './candidates.personal-data';
import { CandidatesService } from './candidates.service';
import { MatchingService } from './matching/matching.service';
import { VerifiedIdentityLinker } from './verified-identity.linker';

@Module({
  imports: [
    AuthModule,
    ConsentModule,
    JobsModule,
    PipelineModule,
    WebhooksModule,
    UploadQuotaModule,
    MailModule,
  ],
  controllers: [ApplicationsController, CandidatesController, ConsentController],
  providers: [
    ApplicationLookupService,
    ApplicationResumeFactsService,
    ApplicationsService,
    CandidateIdentityService,
    CandidateProfileQueryService,
    CandidateResumeRecordsService,
    CandidatesService,
    CandidatesPersonalData,
    MatchingService,
    VerifiedIdentityLinker,
  ],
  exports: [
    ApplicationLookupService,
    ApplicationResumeFactsService,
    ApplicationsService,
    CandidateIdentityService,
    CandidateProfileQueryService,
    CandidateResumeRecordsService,
  ],
})
export class CandidatesModule {}
