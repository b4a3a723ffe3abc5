import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 19, item 2: Idempotency-Key claims and the answers they replay, per caller and key for
// 24 h (src/idempotency).

export class IdempotencyKeys1796572349642 implements MigrationInterface {
  name = 'IdempotencyKeys1796572349642';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("id" uuid NOT NULL, "caller" character varying(120) NOT NULL, "key" character varying(255) NOT NULL, "fingerprint" character varying(64), "state" character varying(20) NOT NULL, "response_status" integer, "response_headers" jsonb, "response_body_encrypted" text, "locked_until" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_idempotency_keys_expires" ON "idempotency_keys"  ("expires_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_idempotency_keys_caller_key" ON "idempotency_keys"  ("caller", "key") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_idempotency_keys_caller_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_keys_expires"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
