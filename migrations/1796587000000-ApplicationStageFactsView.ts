import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15: the pipeline's analytics counters (src/pipeline/counters) are computed from the
// applications' stages, sources, rejection reasons and dates. Candidates owns applications and
// publishes those columns as a view, so the pipeline reads no table of another module. A plain
// view: the planner inlines it, and the counter statements keep their plans (ix_applications_hired
// for the time to hire).
export class ApplicationStageFactsView1796587000000 implements MigrationInterface {
  name = 'ApplicationStageFactsView1796587000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE VIEW application_stage_facts AS
         SELECT id, job_id, stage, source, rejection_reason_id, applied_at, hired_at FROM applications`,
    );
    await queryRunner.query(
      `COMMENT ON VIEW application_stage_facts IS 'Published by candidates for the pipeline counters: change it with the applications table.'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP VIEW application_stage_facts');
  }
}
