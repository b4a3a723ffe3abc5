import { MigrationInterface, QueryRunner } from 'typeorm';

// Any committed change to jobs (a status, a field, an application count, a deletion) sends
// NOTIFY jobs_changed, so each API process empties its cache of anonymous job reads
// (src/jobs/public-job.cache.ts). Per statement, not per row: the cache is emptied whole.
export class PublicJobCacheNotify1796580500000 implements MigrationInterface {
  name = 'PublicJobCacheNotify1796580500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "notify_jobs_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('jobs_changed', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_jobs_changed" AFTER INSERT OR UPDATE OR DELETE ON "jobs"
        FOR EACH STATEMENT EXECUTE FUNCTION "notify_jobs_changed"()`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_jobs_truncated" AFTER TRUNCATE ON "jobs"
        FOR EACH STATEMENT EXECUTE FUNCTION "notify_jobs_changed"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_jobs_truncated" ON "jobs"`);
    await queryRunner.query(`DROP TRIGGER "tr_jobs_changed" ON "jobs"`);
    await queryRunner.query(`DROP FUNCTION "notify_jobs_changed"()`);
  }
}
