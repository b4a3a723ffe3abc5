import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CandidateRow {
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

// Pre-filter in SQL (partial GIN index over talent-pool members' skill keys, most shared skills
// first); the service scores the short list in code.
const SHORTLIST = 1000;

// The candidates a match ranks.
@Injectable()
export class MatchCandidatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  // The job's applicants, withdrawn ones excepted.
  applicants(jobId: string): Promise<CandidateRow[]> {
    return this.dataSource.query<CandidateRow[]>(
      `SELECT c.id AS candidate_id, a.id AS application_id, c.skill_keys, c.experience_years,
              ${PROFILE_COLUMNS}
         FROM applications a JOIN candidates c ON c.id = a.candidate_id
        WHERE a.job_id = $1 AND c.erased_at IS NULL AND a.stage NOT IN ('withdrawn')`,
      [jobId],
    );
  }

  talentPool(jobId: string, keys: string[]): Promise<CandidateRow[]> {
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
