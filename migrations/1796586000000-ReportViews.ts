import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15: the cross-module reports (src/reporting, and the job statistics of src/jobs) read
// views, never tables. Each view is
// published by the module that owns the table and carries the columns the reports use; plain
// views are inlined by the planner, so a report's plan is the one it had over the tables.
const VIEWS: { name: string; owner: string; sql: string }[] = [
  {
    name: 'report_jobs',
    owner: 'jobs',
    sql: 'SELECT id, title, status, created_by, created_at, archived_at, application_count FROM jobs',
  },
  {
    name: 'report_pipeline_stages',
    owner: 'pipeline',
    sql: 'SELECT job_id, key, name, sla_days, position FROM pipeline_stages',
  },
  {
    name: 'report_applications',
    owner: 'candidates',
    sql: 'SELECT id, job_id, stage, status, applied_at, stage_entered_at, applicant_name_encrypted FROM applications',
  },
  {
    name: 'report_questions',
    owner: 'questions',
    sql: 'SELECT id, job_id, is_approved FROM questions',
  },
  {
    name: 'report_scorecards',
    owner: 'ats',
    sql: 'SELECT application_id, interviewer_id, overall_recommendation FROM scorecards',
  },
  {
    name: 'report_rejection_reasons',
    owner: 'ats',
    sql: 'SELECT id, name, type FROM rejection_reasons',
  },
  {
    name: 'report_interviews',
    owner: 'interviews',
    sql: 'SELECT id, application_id, job_id, kind, status, scheduled_at FROM interviews',
  },
  {
    name: 'report_interview_answers',
    owner: 'interviews',
    sql: 'SELECT id, interview_id, question_id, scoring_status FROM interview_answers',
  },
  {
    name: 'report_answer_scores',
    owner: 'interviews',
    sql: 'SELECT answer_id, kind, overall, needs_review FROM answer_scores',
  },
];

export class ReportViews1796586000000 implements MigrationInterface {
  name = 'ReportViews1796586000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const view of VIEWS) {
      await queryRunner.query(`CREATE VIEW ${view.name} AS ${view.sql}`);
      await queryRunner.query(
        `COMMENT ON VIEW ${view.name} IS 'Published by ${view.owner} for src/reporting: change it with the ${view.owner} tables it reads.'`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const view of [...VIEWS].reverse()) {
      await queryRunner.query(`DROP VIEW ${view.name}`);
    }
  }
}
