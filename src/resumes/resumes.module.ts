import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CandidateResumes } from '../candidates/candidate-profile-sources.service';
import { CandidatesModule } from '../candidates/candidates.module';
import { UploadQuotaModule } from '../throttling/upload-quota.module';
import { ApplicationResumesService } from './application-resumes.service';
import { ApplyController } from './apply.controller';
import { ResumeKnowledgeSet } from './entities/resume-knowledge-set.entity';
import { Resume } from './entities/resume.entity';
import { KnowledgeSetService } from './knowledge-set.service';
import { ResumeIntakeService } from './resume-intake.service';
import { ResumeParseJobService } from './resume-parse-job.service';
import { ResumeParserService } from './resume-parser.service';
import { ResumePurgeService } from './resume-purge.service';
import { ResumeRepository } from './resume.repository';
import { ResumeResultsService } from './resume-results.service';
import { ResumesController } from './resumes.controller';
import { ResumesPersonalData } from './resumes.personal-data';
import { ResumesService } from './resumes.service';

// Resume upload, parsing jobs, downloads and the knowledge set. Storage, crypto, audit and the
// queue are global modules; CandidatesModule provides identity and applications. The apply
// route lives here: it hands ApplicationIntakeService the résumé side of each application.
@Module({
  imports: [
    TypeOrmModule.forFeature([Resume, ResumeKnowledgeSet]),
    CandidatesModule,
    UploadQuotaModule,
  ],
  controllers: [ApplyController, ResumesController],
  providers: [
    ApplicationResumesService,
    ResumeIntakeService,
    ResumeParseJobService,
    ResumeParserService,
    ResumePurgeService,
    ResumeRepository,
    ResumeResultsService,
    ResumesService,
    ResumesPersonalData,
    KnowledgeSetService,
    { provide: CandidateResumes, useExisting: ResumesService },
  ],
  exports: [ResumesService],
})
export class ResumesModule {}
