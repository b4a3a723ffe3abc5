import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 19, item 3, incremental sync (`updated_after`, src/sync): updated_at of jobs, candidates,
// applications and interviews is set by the database, in milliseconds (what the API shows, so the
// (updated_at, id) order a client sees is the order it walks), on every change of the row and
// on the changes a client sees through it: consent → its candidate, a scorecard → its
// application, an answer's score → its interview. A written value is never earlier than the
// transaction's start (now()), which the sync horizon (src/common/pagination/sync-window.ts)
// relies on.

const SYNCED = ['jobs', 'candidates', 'applications', 'interviews'];

export class IncrementalSync1796572500000 implements MigrationInterface {
  name = 'IncrementalSync1796572500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION panelist_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;
          END IF;
          IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
            NEW.updated_at := now();
          END IF;
        END IF;
        -- Never before the transaction's start: a value from the application's clock taken
        -- before BEGIN would fall under the sync horizon of a walker while still uncommitted.
        NEW.updated_at := date_trunc('milliseconds', GREATEST(COALESCE(NEW.updated_at, now()), now()));
        RETURN NEW;
      END $$`);
    for (const table of SYNCED) {
      await queryRunner.query(
        `UPDATE "${table}" SET "updated_at" = date_trunc('milliseconds', "updated_at")`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_set_updated_at" BEFORE INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION panelist_set_updated_at()`,
      );
      await queryRunner.query(
        `CREATE INDEX "ix_${table}_updated" ON "${table}" ("updated_at", "id")`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION panelist_touch_candidate_of_consent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE candidates SET updated_at = now() WHERE id = NEW.candidate_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "consents_touch_candidate" AFTER INSERT OR UPDATE ON "consents" FOR EACH ROW EXECUTE FUNCTION panelist_touch_candidate_of_consent()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION panelist_touch_application_of_scorecard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE applications SET updated_at = now()
          WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.application_id ELSE NEW.application_id END;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "scorecards_touch_application" AFTER INSERT OR UPDATE OR DELETE ON "scorecards" FOR EACH ROW EXECUTE FUNCTION panelist_touch_application_of_scorecard()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION panelist_touch_interview_of_score() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE interviews SET updated_at = now()
          WHERE id = (SELECT interview_id FROM interview_answers WHERE id = NEW.answer_id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "answer_scores_touch_interview" AFTER INSERT OR UPDATE ON "answer_scores" FOR EACH ROW EXECUTE FUNCTION panelist_touch_interview_of_score()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "answer_scores_touch_interview" ON "answer_scores"`);
    await queryRunner.query(`DROP FUNCTION panelist_touch_interview_of_score()`);
    await queryRunner.query(`DROP TRIGGER "scorecards_touch_application" ON "scorecards"`);
    await queryRunner.query(`DROP FUNCTION panelist_touch_application_of_scorecard()`);
    await queryRunner.query(`DROP TRIGGER "consents_touch_candidate" ON "consents"`);
    await queryRunner.query(`DROP FUNCTION panelist_touch_candidate_of_consent()`);
    for (const table of [...SYNCED].reverse()) {
      await queryRunner.query(`DROP INDEX "public"."ix_${table}_updated"`);
      await queryRunner.query(`DROP TRIGGER "${table}_set_updated_at" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION panelist_set_updated_at()`);
  }
}
