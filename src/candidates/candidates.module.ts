import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationLookupService } from './application-lookup.service';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AuthModule } from '../auth/auth.module';
import { ConsentModule, TalentPoolMembership } from '../consent';
import { UploadQuotaModule } from '../throttling/upload-quota.module';
import { JobsModule } from '../jobs/jobs.module';
import { ApplicationResumeFactsService } from './application-resume-facts.service';
import { MailModule } from '../mail/mail.module';
import { PipelineApplications, PipelineModule } from '../pipeline';
import { ApplicationsController } from './applications.controller';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationIntakeService } from './application-intake.service';
import { ApplicationsService } from './applications.service';
import { CandidateIdentityService } from './candidate-identity.service';
import { CandidateProfileQueryService } from './candidate-profile-query.service';
import { CandidateResumeRecordsService } from './candidate-resume-records.service';
import { CandidateProfileSources } from './candidate-profile-sources.service';
import { CandidatesController } from './candidates.controller';
import { ConsentController } from './consent.controller';
import { CandidatesPersonalData } from './candidates.personal-data';
import { CandidatesRepository } from './candidates.repository';
import { CandidatesService } from './candidates.service';
import { Application } from './entities/application.entity';
import { Candidate } from './entities/candidate.entity';
import { MatchCandidatesRepository } from './matching/match-candidates.repository';
import { MatchingService } from './matching/matching.service';
import { PipelineApplicationsRepository } from './pipeline-applications.repository';
import { TalentPoolMembershipRepository } from './talent-pool-membership.repository';
import { VerifiedIdentityLinker } from './verified-identity.linker';

@Module({
  imports: [
    TypeOrmModule.forFeature([Application, Candidate]),
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
    ApplicationsRepository,
    ApplicationIntakeService,
    ApplicationsService,
    CandidateIdentityService,
    CandidateProfileSources,
    CandidatesRepository,
    CandidateProfileQueryService,
    CandidateResumeRecordsService,
    CandidatesService,
    CandidatesPersonalData,
    MatchCandidatesRepository,
    MatchingService,
    PipelineApplicationsRepository,
    { provide: PipelineApplications, useExisting: PipelineApplicationsRepository },
    TalentPoolMembershipRepository,
    { provide: TalentPoolMembership, useExisting: TalentPoolMembershipRepository },
    VerifiedIdentityLinker,
  ],
  exports: [
    ApplicationLookupService,
    ApplicationResumeFactsService,
    ApplicationIntakeService,
    ApplicationsService,
    CandidateIdentityService,
    CandidateProfileQueryService,
    CandidateResumeRecordsService,
  ],
})
export class CandidatesModule {}
