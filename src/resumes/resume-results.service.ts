import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationResumeFactsService } from '../candidates/application-resume-facts.service';
import { Candidate } from '../candidates/entities/candidate.entity';
import { CryptoService } from '../crypto/crypto.service';
import { skillKey } from '../skills/skill-normalizer';
import { Resume } from './entities/resume.entity';
import type { ParsedResume } from './parsing/resume-parser';
import type { ParseOutcome } from './resume-parser.service';
import { resumeAad } from './resume.presenter';

// Writes a parse outcome onto the résumé row and, for a résumé that belongs to a candidate,
// merges its skills and experience into the candidate profile — in the caller's transaction.
@Injectable()
export class ResumeResultsService {
  constructor(
    private readonly crypto: CryptoService,
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
    const resume = await manager
      .getRepository(Resume)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id: resumeId })
      .getOne();
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
            textEncrypted: this.crypto.encrypt(outcome.text, resumeAad(resume.id, 'text')),
            parsedEncrypted: this.crypto.encrypt(
              JSON.stringify(outcome.parsed),
              resumeAad(resume.id, 'parsed'),
            ),
            skills: outcome.parsed.skills,
            experienceYears: outcome.parsed.experience_years,
            experienceLevel: outcome.parsed.experience_level,
            parsedAt: now,
          }
        : {
            parsingStatus: 'failed',
            parseError: outcome.reason.slice(0, 300),
            parseErrorCode: outcome.code.slice(0, 40),
            textEncrypted: null,
            parsedEncrypted: null,
            skills: [],
            experienceYears: null,
            experienceLevel: null,
            parsedAt: now,
          };
    await manager.update(Resume, { id: resume.id }, patch);
    if (outcome.status === 'parsed' && resume.candidateId) {
      await this.mergeIntoCandidate(manager, resume.candidateId, resume.id, outcome.parsed);
    }
    if (outcome.status === 'parsed') {
      await this.applicationFacts.copyParsed(manager, resume.id, outcome.parsed);
    }
    return manager.findOneByOrFail(Resume, { id: resume.id });
  }

  // Skills are added (never removed: the person or a recruiter may have listed more). Years and
  // level follow the résumé only when it has dated work to count.
  private async mergeIntoCandidate(
    manager: EntityManager,
    candidateId: string,
    resumeId: string,
    parsed: ParsedResume,
  ): Promise<void> {
    // FOR NO KEY UPDATE: the merge changes no key, so rows that only reference the candidate
    // (a résumé or an application being inserted) need not wait for it, nor it for them.
    const candidate = await manager
      .getRepository(Candidate)
      .createQueryBuilder('c')
      .setLock('for_no_key_update')
      .where('c.id = :id', { id: candidateId })
      .getOne();
    // Only the record's latest résumé speaks for the person: a résumé that came with an
    // application the person did not make signed in (the record existed already) is kept with
    // that application and never rewrites the profile (API.md, "Reaching people").
    if (!candidate || candidate.erasedAt || candidate.latestResumeId !== resumeId) {
      return;
    }
    const skills = [...candidate.skills];
    const keys = new Set(skills.map((s) => skillKey(s)).filter(Boolean));
    for (const skill of parsed.skills) {
      const key = skillKey(skill);
      if (key && !keys.has(key)) {
        keys.add(key);
        skills.push(skill);
      }
    }
    const patch: Partial<Candidate> = { skills, skillKeys: [...keys] };
    if (parsed.work_history.length > 0) {
      patch.experienceYears = parsed.experience_years;
      patch.experienceLevel = parsed.experience_level;
    }
    await manager.update(Candidate, { id: candidate.id }, patch);
  }
}
