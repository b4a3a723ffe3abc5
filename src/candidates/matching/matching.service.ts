import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CryptoService } from '../../crypto/crypto.service';
import { openColumn } from '../../crypto/encrypted-column';
import { JobsService } from '../../jobs/jobs.service';
import { skillKey } from '../../skills/skill-normalizer';
import { Candidate } from '../entities/candidate.entity';
import { MatchJob, MatchResult, scoreMatch } from './match-scorer';

export interface MatchEntry extends MatchResult {
  candidate_id: string;
  application_id: string | null;
}

interface CandidateRow {
  candidate_id: string;
  application_id: string | null;
  skill_keys: string[];
  experience_years: string | null;
  location_encrypted: string | null;
  legacy_location: string | null;
  expected_salary_encrypted: string | null;
  legacy_expected_salary: number | null;
}

// Location and expected salary are encrypted: read with their legacy plaintext (rows not yet
// backfilled) and opened in code, one short list at a time.
const PROFILE_COLUMNS = `c.location_encrypted, c.location AS legacy_location,
  c.expected_salary_encrypted, c.expected_salary AS legacy_expected_salary`;

// Pre-filter in SQL (partial GIN index over talent-pool members' skill keys, most shared skills first),
// then score the short list in code with the explainable scorer.
const SHORTLIST = 1000;

@Injectable()
export class MatchingService {
  constructor(
    private readonly dataSource: DataSource,
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
        ? await this.applicants(jobId)
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

  private applicants(jobId: string): Promise<CandidateRow[]> {
    return this.dataSource.query<CandidateRow[]>(
      `SELECT c.id AS candidate_id, a.id AS application_id, c.skill_keys, c.experience_years,
              ${PROFILE_COLUMNS}
         FROM applications a JOIN candidates c ON c.id = a.candidate_id
        WHERE a.job_id = $1 AND c.erased_at IS NULL AND a.stage NOT IN ('withdrawn')`,
      [jobId],
    );
  }

  // scope=all: the talent pool (people who consented to be considered for other roles) and, consent
  // or not, the job's own applicants: applying is asking to be considered for this job.
  private async applicantsAndTalentPool(jobId: string, keys: string[]): Promise<CandidateRow[]> {
    const [applicants, pool] = await Promise.all([
      this.applicants(jobId),
      this.talentPool(jobId, keys),
    ]);
    const byCandidate = new Map(pool.map((row) => [row.candidate_id, row]));
    for (const row of applicants) {
      byCandidate.set(row.candidate_id, row);
    }
    return [...byCandidate.values()];
  }

  private talentPool(jobId: string, keys: string[]): Promise<CandidateRow[]> {
    return this.dataSource.query<CandidateRow[]>(
      `SELECT c.id AS candidate_id, a.id AS application_id, c.skill_keys, c.experience_years,
              ${PROFILE_COLUMNS}
         FROM candidates c
         LEFT JOIN applications a ON a.candidate_id = c.id AND a.job_id = $1
        WHERE c.talent_pool AND c.erased_at IS NULL
          AND (cardinality($2::text[]) = 0 OR c.skill_keys && $2::text[])
        ORDER BY (SELECT count(*) FROM unnest(c.skill_keys) s WHERE s = ANY($2::text[])) DESC,
                 c.created_at DESC
        LIMIT ${SHORTLIST}`,
      [jobId, keys],
    );
  }
}
