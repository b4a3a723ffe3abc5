import { MigrationInterface, QueryRunner } from 'typeorm';

export class SearchAndMatchingTuning1795434949016 implements MigrationInterface {
  name = 'SearchAndMatchingTuning1795434949016';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "candidates" ADD "talent_pool" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "candidates" c SET "talent_pool" = COALESCE((SELECT k."granted" FROM "consents" k WHERE k."candidate_id" = c."id" AND k."purpose" = 'talent_pool' ORDER BY k."recorded_at" DESC, k."id" DESC LIMIT 1), false)`,
    );
    // scope=all matching scans only talent-pool members sharing a skill with the job.
    await queryRunner.query(
      `CREATE INDEX "ix_candidates_pool_skill_keys" ON "candidates" USING GIN ("skill_keys") WHERE "talent_pool" AND "erased_at" IS NULL`,
    );
    // Filters compare lower(column); without statistics on the expressions the planner guessed
    // a few rows and scanned the table instead of walking ix_jobs_status_created (bench/RESULTS.md).
    await queryRunner.query(
      `CREATE STATISTICS "st_jobs_lower_filters" ON lower("work_mode"), lower("job_type"), lower("experience_level"), lower("department") FROM "jobs"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_applications_resume" ON "applications" ("resume_id") WHERE "resume_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_applications_resume"`);
    await queryRunner.query(`DROP STATISTICS "st_jobs_lower_filters"`);
    await queryRunner.query(`DROP INDEX "ix_candidates_pool_skill_keys"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "talent_pool"`);
  }
}
