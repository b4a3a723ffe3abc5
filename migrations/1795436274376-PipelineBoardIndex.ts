import { MigrationInterface, QueryRunner } from 'typeorm';

// Pipeline board counts per stage and SLA breaches as index-only scans (bench/RESULTS.md).
export class PipelineBoardIndex1795436274376 implements MigrationInterface {
  name = 'PipelineBoardIndex1795436274376';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_applications_job_stage_entered" ON "applications" ("job_id", "stage", "stage_entered_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_applications_job_stage_entered"`);
  }
}
