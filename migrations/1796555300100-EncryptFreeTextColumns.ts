import { MigrationInterface, QueryRunner } from 'typeorm';

// Free text that can identify or describe a person gets an encrypted column beside the plaintext
// one it replaces (@EncryptedColumn, src/crypto/encrypted-column.ts): stage-change and rejection
// reasons, interview track and cancel reason, current company and position, expected salary,
// availability, location and users.company. Company and position also get keyed word digests for
// whole-word search, and the practice track a blind index for "one active practice per track".
// A migration cannot reach the keyring, so existing values are encrypted (and the plaintext
// cleared) by PlaintextBackfillService at the next start; a later migration drops the emptied
// plaintext columns.
export class EncryptFreeTextColumns1796555300100 implements MigrationInterface {
  name = 'EncryptFreeTextColumns1796555300100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "company_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "location_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "expected_salary_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "current_company_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "candidates" ADD "current_position_encrypted" text`);
    await queryRunner.query(
      `ALTER TABLE "candidates" ADD "current_company_tokens" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidates" ADD "current_position_tokens" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "applications" ADD "current_company_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "applications" ADD "current_position_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "applications" ADD "expected_salary_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "applications" ADD "availability_encrypted" text`);
    await queryRunner.query(
      `ALTER TABLE "applications" ADD "current_company_tokens" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD "current_position_tokens" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "application_stage_history" ADD "reason_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "interviews" ADD "track_encrypted" text`);
    await queryRunner.query(`ALTER TABLE "interviews" ADD "track_hash" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "interviews" ADD "cancel_reason_encrypted" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_interviews_active_practice_track" ON "interviews"  ("candidate_id", "track_hash") WHERE kind = 'practice' AND status IN ('Scheduled', 'In Progress')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_interviews_active_practice_track"`);
    await queryRunner.query(`ALTER TABLE "interviews" DROP COLUMN "cancel_reason_encrypted"`);
    await queryRunner.query(`ALTER TABLE "interviews" DROP COLUMN "track_hash"`);
    await queryRunner.query(`ALTER TABLE "interviews" DROP COLUMN "track_encrypted"`);
    await queryRunner.query(
      `ALTER TABLE "application_stage_history" DROP COLUMN "reason_encrypted"`,
    );
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "current_position_tokens"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "current_company_tokens"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "availability_encrypted"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "expected_salary_encrypted"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "current_position_encrypted"`);
    await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "current_company_encrypted"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "current_position_tokens"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "current_company_tokens"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "current_position_encrypted"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "current_company_encrypted"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "expected_salary_encrypted"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP COLUMN "location_encrypted"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "company_encrypted"`);
  }
}
