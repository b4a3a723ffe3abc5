import { MigrationInterface, QueryRunner } from 'typeorm';

// Current applications per job and stage, folded from the pipeline counter deltas alongside the
// per-day counters (src/ats/analytics/pipeline-counters.ts). Filled from the per-day `current`
// counters, not from the applications: deltas not folded yet are added by readers on top of
// either, so starting from the folded state keeps the sum exact.
export class PipelineStageCounts1795520000000 implements MigrationInterface {
  name = 'PipelineStageCounts1795520000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pipeline_stage_counts" ("job_id" uuid NOT NULL, "stage" character varying(100) NOT NULL, "applications" integer NOT NULL, CONSTRAINT "pk_pipeline_stage_counts" PRIMARY KEY ("job_id", "stage"))`,
    );
    await queryRunner.query(
      `INSERT INTO "pipeline_stage_counts" ("job_id", "stage", "applications")
       SELECT "job_id", "k1", sum("applications")::int FROM "pipeline_counters"
        WHERE "metric" = 'current' AND "job_id" <> '00000000-0000-0000-0000-000000000000'
        GROUP BY "job_id", "k1" HAVING sum("applications") <> 0`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pipeline_stage_counts"`);
  }
}
