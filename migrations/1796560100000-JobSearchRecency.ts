import { MigrationInterface, QueryRunner } from 'typeorm';

// Search ranks a bounded candidate set: the newest 1,000 visible jobs that match, found by walking
// ix_job_search_recent in created_at order and testing each vector (the planner switches to the
// GIN index for rarer words). Ranking every match grew with the data: "engineer" matched 42k of
// 50k jobs and took 100 ms to rank; the newest 1,000 take ~2 ms (bench/RESULTS.md). The trigger
// now copies created_at too (it never changes after the insert).
export class JobSearchRecency1796560100000 implements MigrationInterface {
  name = 'JobSearchRecency1796560100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_search" ADD "created_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "job_search" s SET "created_at" = j."created_at" FROM "jobs" j WHERE j."id" = s."job_id"`,
    );
    await queryRunner.query(`ALTER TABLE "job_search" ALTER COLUMN "created_at" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_job_search_recent" ON "job_search" ("created_at" DESC, "job_id" DESC) WHERE NOT "archived"`,
    );
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION job_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO job_search (job_id, search_vector, status, archived, created_at) VALUES (NEW.id, coalesce(NEW.search_vector, ''::tsvector), NEW.status, NEW.archived_at IS NOT NULL, NEW.created_at) ON CONFLICT (job_id) DO UPDATE SET search_vector = EXCLUDED.search_vector, status = EXCLUDED.status, archived = EXCLUDED.archived; RETURN NULL; END $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION job_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO job_search (job_id, search_vector, status, archived) VALUES (NEW.id, coalesce(NEW.search_vector, ''::tsvector), NEW.status, NEW.archived_at IS NOT NULL) ON CONFLICT (job_id) DO UPDATE SET search_vector = EXCLUDED.search_vector, status = EXCLUDED.status, archived = EXCLUDED.archived; RETURN NULL; END $$`,
    );
    await queryRunner.query(`DROP INDEX "ix_job_search_recent"`);
    await queryRunner.query(`ALTER TABLE "job_search" DROP COLUMN "created_at"`);
  }
}
