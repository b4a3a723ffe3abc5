import { MigrationInterface, QueryRunner } from 'typeorm';

// An account no longer takes over the earlier record of its e-mail address (issue #13.1): the
// address is unique only among unclaimed records (user_id NULL), and an account's own record may
// share it. A plain index keeps look-ups by address fast.
export class CandidateAccountRecords1796552650051 implements MigrationInterface {
  name = 'CandidateAccountRecords1796552650051';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_candidates_email_hash"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_candidates_unclaimed_email" ON "candidates" ("email_hash") WHERE user_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_candidates_email_hash" ON "candidates" ("email_hash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_candidates_email_hash"`);
    await queryRunner.query(`DROP INDEX "public"."uq_candidates_unclaimed_email"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_candidates_email_hash" ON "candidates" ("email_hash") `,
    );
  }
}
