import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CandidateInterviews,
  CandidateInterviewSummary,
} from '../candidates/candidate-profile-sources.service';

// The interviews module's side of candidates' CandidateInterviews port: the screening interviews
// on a candidate profile (practice is the candidate's own), newest first.
@Injectable()
export class CandidateInterviewsRepository extends CandidateInterviews {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async screeningsOf(candidateId: string): Promise<CandidateInterviewSummary[]> {
    const rows = await this.dataSource.query<
      (Omit<CandidateInterviewSummary, 'scheduled_at' | 'completed_at'> & {
        scheduled_at: Date | string;
        completed_at: Date | string | null;
      })[]
    >(
      `SELECT id, application_id, job_id, kind, mode, status, scheduled_at, completed_at,
              overall_score::float8 AS overall_score, recommendation, fraud_score, fraud_level
         FROM interviews WHERE candidate_id = $1 AND kind = 'screening'
        ORDER BY scheduled_at DESC`,
      [candidateId],
    );
    return rows.map((i) => ({
      ...i,
      scheduled_at: new Date(i.scheduled_at).toISOString(),
      completed_at: i.completed_at ? new Date(i.completed_at).toISOString() : null,
    }));
  }
}
