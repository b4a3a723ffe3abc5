import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationResumeFactsService } from '../candidates/application-resume-facts.service';
import { CandidateResumeRecordsService } from '../candidates/candidate-resume-records.service';
import { Resume } from './entities/resume.entity';
import type { ParseOutcome } from './resume-parser.service';
import { ResumeRepository } from './resume.repository';

// Writes a parse outcome onto the résumé row and, for a résumé that belongs to a candidate,
// merges its skills and experience into the candidate profile — in the caller's transaction.
@Injectable()
export class ResumeResultsService {
  constructor(
    private readonly resumes: ResumeRepository,
    private readonly candidates: CandidateResumeRecordsService,
    private readonly applicationFacts: ApplicationResumeFactsService,
  ) {}

  // Returns null when the row is gone (purged or erased meanwhile) or, with onlyIfPending, when
  // another attempt already recorded an outcome: job handlers stay idempotent.
  async record(
    manager: EntityManager,
    resumeId: string,
    outcome: ParseOutcome,
    options: { onlyIfPending?: boolean } = {},
  ): Promise<Resume | null> {
    const resume = await this.resumes.lockById(resumeId, manager);
    if (!resume || (options.onlyIfPending && resume.parsingStatus !== 'pending')) {
      return null;
    }
    const now = new Date();
    const patch: Partial<Resume> =
      outcome.status === 'parsed'
        ? {
            parsingStatus: 'parsed',
            parseError: null,
            parseErrorCode: null,
            text: outcome.text,
            parsed: JSON.stringify(outcome.parsed),
            skills: outcome.parsed.skills,
            experienceYears: outcome.parsed.experience_years,
            experienceLevel: outcome.parsed.experience_level,
            parsedAt: now,
          }
        : {
            parsingStatus: 'failed',
            parseError: outcome.reason.slice(0, 300),
            parseErrorCode: outcome.code.slice(0, 40),
            text: null,
            parsed: null,
            skills: [],
            experienceYears: null,
            experienceLevel: null,
            parsedAt: now,
          };
    await this.resumes.update(resume.id, patch, manager);
    if (outcome.status === 'parsed' && resume.candidateId) {
      await this.candidates.mergeParsedResume(manager, resume.candidateId, resume.id, {
        skills: outcome.parsed.skills,
        experienceYears: outcome.parsed.experience_years,
        experienceLevel: outcome.parsed.experience_level,
        hasDatedWork: outcome.parsed.work_history.length > 0,
      });
    }
    if (outcome.status === 'parsed') {
      await this.applicationFacts.copyParsed(manager, resume.id, outcome.parsed);
    }
    return this.resumes.findByIdOrFail(resume.id, manager);
  }
}
