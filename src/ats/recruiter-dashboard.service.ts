import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/policy.decorators';
import { CryptoService } from '../crypto/crypto.service';
import { DEFAULT_STAGES, OUTCOME_STAGES } from '../pipeline';
import { RecruiterDashboardResponse } from './recruiter-dashboard.presenter';

// Stage definitions of the recruiter's open jobs, custom or default, plus the outcome stages, as
// one CTE: $1 recruiter, $2..$4 default keys/names/SLAs, $5..$6 outcome keys/names.
const OWN_JOB_STAGES = `
  own AS (SELECT id FROM jobs WHERE created_by = $1 AND status = 'Open' AND archived_at IS NULL),
  defs AS (
    SELECT ps.job_id, ps.key, ps.name, ps.sla_days, ps.position::int AS position
      FROM pipeline_stages ps JOIN own ON own.id = ps.job_id
    UNION ALL
    SELECT own.id, d.key, d.name, d.sla_days, d.position::int - 1
      FROM own CROSS JOIN unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS d(key, name, sla_days, position)
     WHERE NOT EXISTS (SELECT 1 FROM pipeline_stages ps WHERE ps.job_id = own.id)
    UNION ALL
    SELECT own.id, o.key, o.name, NULL::int, 1000 + o.position::int
      FROM own CROSS JOIN unnest($5::text[], $6::text[]) WITH ORDINALITY AS o(key, name, position))`;

const OVERDUE = `a.stage_entered_at < now() - d.sla_days * interval '1 day'`;

@Injectable()
export class RecruiterDashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
  ) {}

  async dashboard(actor: AuthUser): Promise<RecruiterDashboardResponse> {
    const params = [
      actor.id,
      DEFAULT_STAGES.map((s) => s.key),
      DEFAULT_STAGES.map((s) => s.name),
      DEFAULT_STAGES.map((s) => s.sla_days),
      OUTCOME_STAGES.map((s) => s.key),
      OUTCOME_STAGES.map((s) => s.name),
    ];
    const [jobs, stageRows, overdue, upcoming, awaitingReview, lowConfidence] = await Promise.all([
      this.dataSource.query<
        { id: string; title: string; created_at: Date; application_count: number }[]
      >(
        `SELECT id, title, created_at, application_count FROM jobs
          WHERE created_by = $1 AND status = 'Open' AND archived_at IS NULL ORDER BY created_at DESC, id DESC`,
        [actor.id],
      ),
      this.dataSource.query<
        { job_id: string; key: string; name: string; count: number; overdue: number }[]
      >(
        `WITH ${OWN_JOB_STAGES}
         SELECT d.job_id, d.key, d.name, count(a.id)::int AS count,
                count(a.id) FILTER (WHERE d.sla_days IS NOT NULL AND ${OVERDUE})::int AS overdue
           FROM defs d LEFT JOIN applications a ON a.job_id = d.job_id AND a.stage = d.key
          GROUP BY d.job_id, d.key, d.name, d.position ORDER BY d.job_id, d.position`,
        params,
      ),
      this.dataSource.query<
        {
          id: string;
          job_id: string;
          stage: string;
          stage_entered_at: Date;
          sla_days: number;
          name: string | null;
          days: number;
        }[]
      >(
        `WITH ${OWN_JOB_STAGES}
         SELECT a.id, a.job_id, a.stage, a.stage_entered_at, d.sla_days, a.applicant_name_encrypted AS name,
                extract(epoch FROM now() - a.stage_entered_at)::float8 / 86400 AS days
           FROM defs d JOIN applications a ON a.job_id = d.job_id AND a.stage = d.key
          WHERE d.sla_days IS NOT NULL AND ${OVERDUE}
          ORDER BY (now() - a.stage_entered_at) - d.sla_days * interval '1 day' DESC, a.id
          LIMIT 50`,
        params,
      ),
      this.upcomingInterviews(actor.id),
      this.awaitingReview(actor.id),
      this.lowConfidenceAnswers(actor.id),
    ]);
    return {
      jobs: jobs.map((j) => {
        const stages = stageRows.filter((s) => s.job_id === j.id);
        return {
          job_id: j.id,
          title: j.title,
          created_at: new Date(j.created_at).toISOString(),
          applications: j.application_count,
          overdue_count: stages.reduce((sum, s) => sum + s.overdue, 0),
          stages: stages.map((s) => ({
            key: s.key,
            name: s.name,
            count: s.count,
            overdue_count: s.overdue,
          })),
        };
      }),
      overdue_applications: overdue.map((a) => ({
        application_id: a.id,
        job_id: a.job_id,
        applicant_name: this.crypto.decryptNullable(
          a.name,
          CryptoService.fieldAad('applications', 'applicant_name', a.id),
        ),
        stage: a.stage,
        stage_entered_at: new Date(a.stage_entered_at).toISOString(),
        sla_days: a.sla_days,
        days_in_stage: Number(a.days.toFixed(1)),
      })),
      upcoming_interviews: upcoming,
      answers_awaiting_review: awaitingReview,
      low_confidence_answers: lowConfidence,
    };
  }

  private async upcomingInterviews(
    recruiterId: string,
  ): Promise<RecruiterDashboardResponse['upcoming_interviews']> {
    const rows = await this.dataSource.query<
      { id: string; application_id: string; job_id: string; scheduled_at: Date }[]
    >(
      `SELECT i.id, i.application_id, i.job_id, i.scheduled_at
         FROM interviews i JOIN jobs j ON j.id = i.job_id
        WHERE j.created_by = $1 AND i.status = 'Scheduled' AND i.scheduled_at >= now()
        ORDER BY i.scheduled_at, i.id LIMIT 50`,
      [recruiterId],
    );
    return rows.map((r) => ({
      interview_id: r.id,
      application_id: r.application_id,
      job_id: r.job_id,
      scheduled_at: new Date(r.scheduled_at).toISOString(),
    }));
  }

  // Screening answers on the recruiter's jobs that no human has reviewed yet: machine-scored ones
  // (a domain expert may confirm or override the score) and those waiting for a human score
  // (`awaiting_human`: no AI consent). A human review is an `answer_scores` row of kind 'human'.
  private async awaitingReview(recruiterId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count
         FROM interview_answers ans
         JOIN interviews i ON i.id = ans.interview_id
         JOIN jobs j ON j.id = i.job_id
        WHERE j.created_by = $1 AND i.kind = 'screening' AND i.status <> 'Cancelled'
          AND (ans.scoring_status = 'awaiting_human'
               OR EXISTS (SELECT 1 FROM answer_scores m WHERE m.answer_id = ans.id AND m.kind = 'machine'))
          AND NOT EXISTS (SELECT 1 FROM answer_scores h WHERE h.answer_id = ans.id AND h.kind = 'human')`,
      [recruiterId],
    );
    return row.count;
  }

  // Of those, the answers whose machine score the scorer could not stand behind (needs_review):
  // the ones to grade first.
  private async lowConfidenceAnswers(recruiterId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count
         FROM answer_scores m
         JOIN interview_answers ans ON ans.id = m.answer_id
         JOIN interviews i ON i.id = ans.interview_id
         JOIN jobs j ON j.id = i.job_id
        WHERE j.created_by = $1 AND i.kind = 'screening' AND i.status <> 'Cancelled'
          AND m.kind = 'machine' AND m.needs_review
          AND NOT EXISTS (SELECT 1 FROM answer_scores h WHERE h.answer_id = ans.id AND h.kind = 'human')`,
      [recruiterId],
    );
    return row.count;
  }
}
