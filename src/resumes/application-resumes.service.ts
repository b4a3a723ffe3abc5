import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationResumeFactsService } from '../candidates/application-resume-facts.service';
import type {
  ApplicationResume,
  ApplicationResumes,
} from '../candidates/application-intake.service';
import { NotFoundProblem } from '../common/errors/domain.exception';
import { Resume } from './entities/resume.entity';
import type { IncomingResume } from './resume-intake.service';
import { ResumeIntakeService } from './resume-intake.service';
import { ResumeRepository } from './resume.repository';
import { parsedOf } from './resume.presenter';

function asApplicationResume(resume: Resume): ApplicationResume {
  return {
    id: resume.id,
    parsed: resume.parsingStatus === 'parsed',
    skills: resume.skills,
    experienceYears: resume.experienceYears,
    experienceLevel: resume.experienceLevel,
  };
}

// The résumé side of an application (ApplicationIntakeService.apply): one instance per request,
// holding the uploaded file if there is one.
@Injectable()
export class ApplicationResumesService {
  constructor(
    private readonly intake: ResumeIntakeService,
    private readonly resumes: ResumeRepository,
    private readonly facts: ApplicationResumeFactsService,
  ) {}

  forApply(file: IncomingResume | null): ApplicationResumes {
    return {
      storeUpload: async (manager, candidateId, uploadedBy) => {
        if (!file) {
          throw new Error('storeUpload without an uploaded file');
        }
        const stored = await this.intake.storeForApplication(
          manager,
          file,
          candidateId,
          uploadedBy,
        );
        return asApplicationResume(stored);
      },
      claimEarlier: async (manager, resumeId, candidateId, viewerId) =>
        asApplicationResume(await this.claim(manager, resumeId, candidateId, viewerId)),
      afterApplied: async (manager, resume) => {
        const parsed = resume.parsed
          ? parsedOf(await this.resumes.findByIdOrFail(resume.id, manager))
          : null;
        if (parsed) {
          await this.facts.copyParsed(manager, resume.id, parsed);
        }
      },
    };
  }

  // Usable: the candidate's own upload, or an unattached one sent anonymously or by this viewer.
  private async claim(
    manager: EntityManager,
    resumeId: string,
    candidateId: string,
    viewerId: string | null,
  ): Promise<Resume> {
    const resume = await this.resumes.findById(resumeId, manager);
    const usable =
      resume &&
      (resume.candidateId === candidateId ||
        (resume.candidateId === null &&
          (resume.uploadedBy === null || resume.uploadedBy === viewerId)));
    if (!resume || !usable) {
      throw new NotFoundProblem('Resume');
    }
    if (resume.candidateId === null) {
      await this.resumes.update(resumeId, { candidateId }, manager);
    }
    return resume;
  }
}
