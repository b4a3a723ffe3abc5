import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_STAGES, OUTCOME_STAGES } from '../pipeline';

// Stage definitions of the recruiter's open jobs, custom or default, plus the outcome stages, as
// one CTE: $1 recruiter, $2..$4 default keys/names/SLAs, $5..$6 outcome keys/names.
const OWN_JOB_STAGES = `
  own AS (SELECT id FROM report_jobs WHERE created_by = $1 AND status = 'Open' AND archived_at IS NULL),
  defs AS (
    SELECT ps.job_id, ps.key, ps.name, ps.sla_days, ps.position::int AS position
      FROM report_pipeline_stages ps JOIN own ON own.id = ps.job_id
    UNION ALL
    SELECT own.id, d.key, d.name, d.sla_days, d.position::int - 1
      FROM own CROSS JOIN unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS d(key, name, sla_days, position)
     WHERE NOT EXISTS (SELECT 1 FROM report_pipeline_stages ps WHERE ps.job_id = own.id)
    UNION ALL
    SELECT own.id, o.key, o.name, NULL::int, 1000 + o.position::int
      FROM own CROSS JOIN unnest($5::text[], $6::text[]) WITH ORDINALITY AS o(key, name, position))`;

const OVERDUE = `a.stage_entered_at < now() - d.sla_days * interval '1 day'`;

export interface DashboardJobRow {
  id: string;
  title: string;
  created_at: Date;
  application_count: number;
}

export interface DashboardStageRow {
  job_id: string;
  key: string;
  name: string;
  count: number;
  overdue: number;
}

export interface OverdueApplicationRow {
  id: string;
  job_id: string;
  stage: string;
  stage_entered_at: Date;
  sla_days: number;
  name: string | null;
  days: number;
}

export interface UpcomingInterviewRow {
  id: string;
  application_id: string;
  job_id: string;
  scheduled_at: Date;
}

// The recruiter dashboard's reads, over the views the owning modules publish.
@Injectable()
export class RecruiterDashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  openJobsOf(recruiterId: string): Promise<DashboardJobRow[]> {
    return this.dataSource.query<DashboardJobRow[]>(
      `SELECT id, title, created_at, application_count FROM report_jobs
        WHERE created_by = $1 AND status = 'Open' AND archived_at IS NULL ORDER BY created_at DESC, id DESC`,
      [recruiterId],
    );
  }

  stageCountsOf(recruiterId: string): Promise<DashboardStageRow[]> {
    return this.dataSource.query<DashboardStageRow[]>(
      `WITH ${OWN_JOB_STAGES}
       SELECT d.job_id, d.key, d.name, count(a.id)::int AS count,
              count(a.id) FILTER (WHERE d.sla_days IS NOT NULL AND ${OVERDUE})::int AS overdue
         FROM defs d LEFT JOIN report_applications a ON a.job_id = d.job_id AND a.stage = d.key
        GROUP BY d.job_id, d.key, d.name, d.position ORDER BY d.job_id, d.position`,
      stageParams(recruiterId),
    );
  }

  overdueApplicationsOf(recruiterId: string): Promise<OverdueApplicationRow[]> {
    return this.dataSource.query<OverdueApplicationRow[]>(
      `WITH ${OWN_JOB_STAGES}
       SELECT a.id, a.job_id, a.stage, a.stage_entered_at, d.sla_days, a.applicant_name_encrypted AS name,
              extract(epoch FROM now() - a.stage_entered_at)::float8 / 86400 AS days
         FROM defs d JOIN report_applications a ON a.job_id = d.job_id AND a.stage = d.key
        WHERE d.sla_days IS NOT NULL AND ${OVERDUE}
        ORDER BY (now() - a.stage_entered_at) - d.sla_days * interval '1 day' DESC, a.id
        LIMIT 50`,
      stageParams(recruiterId),
    );
  }

  upcomingInterviewsOf(recruiterId: string): Promise<UpcomingInterviewRow[]> {
    return this.dataSource.query<UpcomingInterviewRow[]>(
      `SELECT i.id, i.application_id, i.job_id, i.scheduled_at
         FROM report_interviews i JOIN report_jobs j ON j.id = i.job_id
        WHERE j.created_by = $1 AND i.status = 'Scheduled' AND i.scheduled_at >= now()
        ORDER BY i.scheduled_at, i.id LIMIT 50`,
      [recruiterId],
    );
  }

  // Screening answers on the recruiter's jobs that no human has reviewed yet: machine-scored ones
  // (a domain expert may confirm or override the score) and those waiting for a human score
  // (`awaiting_human`: no AI consent). A human review is an answer score of kind 'human'.
  async countAwaitingReview(recruiterId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count
         FROM report_interview_answers ans
         JOIN report_interviews i ON i.id = ans.interview_id
         JOIN report_jobs j ON j.id = i.job_id
        WHERE j.created_by = $1 AND i.kind = 'screening' AND i.status <> 'Cancelled'
          AND (ans.scoring_status = 'awaiting_human'
               OR EXISTS (SELECT 1 FROM report_answer_scores m WHERE m.answer_id = ans.id AND m.kind = 'machine'))
          AND NOT EXISTS (SELECT 1 FROM report_answer_scores h WHERE h.answer_id = ans.id AND h.kind = 'human')`,
      [recruiterId],
    );
    return row.count;
  }

  // Of those, the answers whose machine score the scorer could not stand behind (needs_review):
  // the ones to grade first.
  async countLowConfidence(recruiterId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count
         FROM report_answer_scores m
         JOIN report_interview_answers ans ON ans.id = m.answer_id
         JOIN report_interviews i ON i.id = ans.interview_id
         JOIN report_jobs j ON j.id = i.job_id
        WHERE j.created_by = $1 AND i.kind = 'screening' AND i.status <> 'Cancelled'
          AND m.kind = 'machine' AND m.needs_review
          AND NOT EXISTS (SELECT 1 FROM report_answer_scores h WHERE h.answer_id = ans.id AND h.kind = 'human')`,
      [recruiterId],
    );
    return row.count;
  }
}

function stageParams(recruiterId: string): unknown[] {
  return [
    recruiterId,
    DEFAULT_STAGES.map((s) => s.key),
    DEFAULT_STAGES.map((s) => s.name),
    DEFAULT_STAGES.map((s) => s.sla_days),
    OUTCOME_STAGES.map((s) => s.key),
    OUTCOME_STAGES.map((s) => s.name),
  ];
}
