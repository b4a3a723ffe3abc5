import { MigrationInterface, QueryRunner } from 'typeorm';

export class AtsPipeline1795434443269 implements MigrationInterface {
  name = 'AtsPipeline1795434443269';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rejection_reasons" ("id" uuid NOT NULL, "name" character varying(120) NOT NULL, "type" character varying(20) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3c44025ee629cc19280c19cd1ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_rejection_reasons_name" ON "rejection_reasons"  ("name") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_rejection_reasons_created" ON "rejection_reasons"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scorecards" ("id" uuid NOT NULL, "application_id" uuid NOT NULL, "interviewer_id" uuid NOT NULL, "interview_id" uuid, "overall_recommendation" character varying(20) NOT NULL, "rating" smallint, "notes_encrypted" text NOT NULL, "attributes" jsonb NOT NULL DEFAULT '[]', "attribute_notes_encrypted" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ab8d3887ff2fb66e229c1fdd89" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_scorecards_interviewer" ON "scorecards"  ("interviewer_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_scorecards_application" ON "scorecards"  ("application_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_scorecards_general" ON "scorecards"  ("application_id", "interviewer_id") WHERE interview_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_scorecards_interview" ON "scorecards"  ("application_id", "interviewer_id", "interview_id") WHERE interview_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "events" text array NOT NULL DEFAULT '{}', "secret_encrypted" text NOT NULL, "is_active" boolean NOT NULL DEFAULT true, "consecutive_failures" integer NOT NULL DEFAULT '0', "disabled_reason" character varying(500), "disabled_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_endpoints_created" ON "webhook_endpoints"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "event" character varying(60) NOT NULL, "body" text NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" character varying(500), "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_deliveries_endpoint" ON "webhook_deliveries"  ("endpoint_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempts" ("id" uuid NOT NULL, "delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "status_code" integer, "error" character varying(500), "duration_ms" integer NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_59ef9124585b56c18b98548a0c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_attempts_delivery" ON "webhook_delivery_attempts"  ("delivery_id", "attempted_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "scorecards" ADD CONSTRAINT "fk_scorecards_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scorecards" ADD CONSTRAINT "fk_scorecards_interviewer" FOREIGN KEY ("interviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "fk_webhook_endpoints_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "fk_webhook_deliveries_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "fk_webhook_attempts_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // "Other" is OTHER_REJECTION_REASON_ID: free-text rejections are filed under it.
    await queryRunner.query(`INSERT INTO "rejection_reasons" ("id", "name", "type") VALUES
        ('857c3406-6e6d-41fa-becd-fd6f6e721bff', 'Not enough relevant experience', 'we_rejected'),
        ('108e9e17-df56-4772-892b-72756a76f49a', 'Skills do not match the role', 'we_rejected'),
        ('86a9f155-9a7c-40ea-9af5-54a57bf25759', 'Did not pass the technical assessment', 'we_rejected'),
        ('cca70296-c350-4766-a1a5-d465c1d7efa6', 'Another candidate was a better fit', 'we_rejected'),
        ('0b8e6de7-93fa-449d-b6ea-6cc0519add3a', 'Position filled or closed', 'we_rejected'),
        ('1df57a0e-0131-4469-ad84-05b24b7c9237', 'Accepted another offer', 'they_rejected'),
        ('52da594e-0539-4ff8-b68e-ec0522472a0e', 'Compensation expectations not met', 'they_rejected'),
        ('de8de5ca-a612-4b8a-9a99-694753bc628c', 'No longer interested', 'they_rejected'),
        ('3f871ac7-400b-4ef9-a90a-5c8ea8a824b1', 'Other', 'none_specified')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempts" DROP CONSTRAINT "fk_webhook_attempts_delivery"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "fk_webhook_deliveries_endpoint"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "fk_webhook_endpoints_created_by"`,
    );
    await queryRunner.query(`ALTER TABLE "scorecards" DROP CONSTRAINT "fk_scorecards_interviewer"`);
    await queryRunner.query(`ALTER TABLE "scorecards" DROP CONSTRAINT "fk_scorecards_application"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_attempts_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_deliveries_endpoint"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_endpoints_created"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scorecards_interview"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scorecards_general"`);
    await queryRunner.query(`DROP INDEX "public"."ix_scorecards_application"`);
    await queryRunner.query(`DROP INDEX "public"."ix_scorecards_interviewer"`);
    await queryRunner.query(`DROP TABLE "scorecards"`);
    await queryRunner.query(`DROP INDEX "public"."ix_rejection_reasons_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_rejection_reasons_name"`);
    await queryRunner.query(`DROP TABLE "rejection_reasons"`);
  }
}
