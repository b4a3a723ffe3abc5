import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { skillKey } from '../skills/skill-normalizer';
import { Candidate } from './entities/candidate.entity';

// What a parsed résumé contributes to its candidate's profile.
export interface ParsedResumeProfile {
  skills: string[];
  experienceYears: number;
  experienceLevel: string;
  // Years and level speak for the person only when the résumé has dated work to count.
  hasDatedWork: boolean;
}

// What other modules use to tailor questions to an applicant, without contact details.
export interface CandidateTailoringProfile {
  skills: string[];
  experienceYears: number | null;
  experienceLevel: string | null;
  currentPosition: string | null;
}

// The candidate records and applications as the résumé and question modules need them: they
// never read or write these tables themselves. Every method joins the caller's transaction.
@Injectable()
export class CandidateResumeRecordsService {
  constructor(private readonly transactions: Transactions) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.transactions.manager;
  }

  // One upload per person at a time: the résumé row's foreign key and the profile merge both
  // lock this row, and two uploads taking those locks in turn deadlocked.
  async lockForResumeUpload(manager: EntityManager, candidateId: string): Promise<void> {
    await manager.query('SELECT 1 FROM candidates WHERE id = $1 FOR NO KEY UPDATE', [candidateId]);
  }

  async pointToLatestResume(
    manager: EntityManager,
    candidateId: string,
    resumeId: string,
  ): Promise<void> {
    await manager.update(Candidate, { id: candidateId }, { latestResumeId: resumeId });
  }

  // Skills are added (never removed: the person or a recruiter may have listed more). Years and
  // level follow the résumé only when it has dated work to count.
  async mergeParsedResume(
    manager: EntityManager,
    candidateId: string,
    resumeId: string,
    parsed: ParsedResumeProfile,
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
    if (parsed.hasDatedWork) {
      patch.experienceYears = parsed.experienceYears;
      patch.experienceLevel = parsed.experienceLevel;
    }
    await manager.update(Candidate, { id: candidate.id }, patch);
  }

  // Which of these résumés an application refers to (such a résumé is kept with it).
  async resumesHeldByApplications(
    resumeIds: string[],
    manager?: EntityManager,
  ): Promise<Set<string>> {
    if (resumeIds.length === 0) {
      return new Set();
    }
    const rows = await this.on(manager).query<{ resume_id: string }[]>(
      'SELECT DISTINCT resume_id FROM applications WHERE resume_id = ANY($1::uuid[])',
      [resumeIds],
    );
    return new Set(rows.map((r) => r.resume_id));
  }

  async tailoringProfile(candidateId: string): Promise<CandidateTailoringProfile | null> {
    const candidate = await this.on(undefined).findOneBy(Candidate, { id: candidateId });
    return (
      candidate && {
        skills: candidate.skills,
        experienceYears: candidate.experienceYears,
        experienceLevel: candidate.experienceLevel,
        currentPosition: candidate.currentPosition,
      }
    );
  }
}
