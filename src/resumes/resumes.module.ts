import { Module } from '@nestjs/common';
import { CandidateResumes } from '../candidates/candidate-profile-sources.service';
import { CandidatesModule } from '../candidates/candidates.module';
import { UploadQuotaModule } from '../throttling/upload-quota.module';
import { ApplicationResumesService } from './application-resumes.service';
import { ApplyController } from './apply.controller';
import { CandidateResumesRepository } from './candidate-resumes.repository';
import { KnowledgeSetService } from './knowledge-set.service';
import { ResumeIntakeService } from './resume-intake.service';
import { ResumeParseJobService } from './resume-parse-job.service';
import { ResumeParserService } from './resume-parser.service';
import { ResumePurgeService } from './resume-purge.service';
import { ResumeResultsService } from './resume-results.service';
import { ResumesController } from './resumes.controller';
import { ResumesPersonalData } from './resumes.personal-data';
import { ResumesService } from './resumes.service';

// Resume upload, parsing jobs, downloads and the knowledge set. Storage, crypto, audit and the
// queue are global modules; CandidatesModule provides identity and applications. The apply
// route lives here: it hands ApplicationsService the résumé side of each application.
@Module({
  imports: [CandidatesModule, UploadQuotaModule],
  controllers: [ApplyController, ResumesController],
  providers: [
    ApplicationResumesService,
    ResumeIntakeService,
    ResumeParseJobService,
    ResumeParserService,
    ResumePurgeService,
    ResumeResultsService,
    ResumesService,
    ResumesPersonalData,
    KnowledgeSetService,
    CandidateResumesRepository,
    { provide: CandidateResumes, useExisting: CandidateResumesRepository },
  ],
  exports: [ResumesService],
})
export class ResumesModule {}
