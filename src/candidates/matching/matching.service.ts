import { Injectable } from '@nestjs/common';
import { CryptoService } from '../../crypto/crypto.service';
import { openColumn } from '../../crypto/encrypted-column';
import { JobsService } from '../../jobs/jobs.service';
import { skillKey } from '../../skills/skill-normalizer';
import { Candidate } from '../entities/candidate.entity';
import { CandidateRow, MatchCandidatesRepository } from './match-candidates.repository';
import { MatchJob, MatchResult, scoreMatch } from './match-scorer';

export interface MatchEntry extends MatchResult {
  candidate_id: string;
  application_id: string | null;
}

// The short list is scored in code with the explainable scorer.
@Injectable()
export class MatchingService {
  constructor(
    private readonly candidates: MatchCandidatesRepository,
    private readonly jobs: JobsService,
    private readonly crypto: CryptoService,
  ) {}

  async rank(jobId: string, scope: 'applicants' | 'all', limit: number): Promise<MatchEntry[]> {
    const job = await this.jobs.getJob(jobId);
    const required = [...new Set(job.skillsRequired.map((s) => skillKey(s)))];
    const nice = [...new Set(job.skillsNiceToHave.map((s) => skillKey(s)))];
    const names = new Map<string, string>();
    for (const s of [...job.skillsRequired, ...job.skillsNiceToHave]) {
      names.set(skillKey(s), s);
    }
    const matchJob: MatchJob = {
      requiredSkillKeys: required,
      niceSkillKeys: nice,
      skillNames: names,
      experienceLevel: job.experienceLevel,
      location: job.location,
      workMode: job.workMode,
      salaryMax: job.salaryMax,
    };
    const keys = [...new Set([...required, ...nice])];
    const rows =
      scope === 'applicants'
        ? await this.candidates.applicants(jobId)
        : await this.applicantsAndTalentPool(jobId, keys);
    return rows
      .map((row) => ({
        candidate_id: row.candidate_id,
        application_id: row.application_id,
        ...scoreMatch(matchJob, {
          skillKeys: row.skill_keys,
          experienceYears: row.experience_years === null ? null : Number(row.experience_years),
          location: openColumn(this.crypto, Candidate, 'location', 'candidates', {
            id: row.candidate_id,
            stored: row.location_encrypted,
            legacy: row.legacy_location,
          }),
          expectedSalary: openColumn(this.crypto, Candidate, 'expectedSalary', 'candidates', {
            id: row.candidate_id,
            stored: row.expected_salary_encrypted,
            legacy: row.legacy_expected_salary,
          }),
        }),
      }))
      .sort((a, b) => b.score - a.score || a.candidate_id.localeCompare(b.candidate_id))
      .slice(0, limit);
  }

  // scope=all: the talent pool (people who consented to be considered for other roles) and, consent
  // or not, the job's own applicants: applying is asking to be considered for this job.
  private async applicantsAndTalentPool(jobId: string, keys: string[]): Promise<CandidateRow[]> {
    const [applicants, pool] = await Promise.all([
      this.candidates.applicants(jobId),
      this.candidates.talentPool(jobId, keys),
    ]);
    const byCandidate = new Map(pool.map((row) => [row.candidate_id, row]));
    for (const row of applicants) {
      byCandidate.set(row.candidate_id, row);
    }
    return [...byCandidate.values()];
  }
}
