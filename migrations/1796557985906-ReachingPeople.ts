import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 17, reaching people: the mail outbox and delivery log, edited templates, reminder
// preferences, e-mailed link tokens (verification, password reset), interview invitation links,
// users.email_verified_at, and the `mail` retention category (90 days after sending).

export class ReachingPeople1796557985906 implements MigrationInterface {
  name = 'ReachingPeople1796557985906';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "retention_policies" ("id", "category", "days", "action") VALUES (gen_random_uuid(), 'mail', 90, 'delete') ON CONFLICT ("category") DO NOTHING`,
    );
    await queryRunner.query(
      `CREATE TABLE "account_tokens" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "token_hash" character varying(64) NOT NULL, "email_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_account_tokens_user" ON "account_tokens"  ("user_id", "purpose") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_account_tokens_hash" ON "account_tokens"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "interview_links" ("id" uuid NOT NULL, "interview_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e38d6a01140828ab57db931ba82" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interview_links_interview" ON "interview_links"  ("interview_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_interview_links_token_hash" ON "interview_links"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_messages" ("id" uuid NOT NULL, "event_key" character varying(200) NOT NULL, "template" character varying(60) NOT NULL, "category" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "recipient_encrypted" text, "subject_encrypted" text, "text_body_encrypted" text, "html_body_encrypted" text, "attachments_encrypted" text, "unsubscribe_url_encrypted" text, "recipient_hash" character varying(64), "message_id" character varying(200) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error_encrypted" text, "smtp_response" character varying(300), "subject_user_id" uuid, "subject_candidate_id" uuid, "scrub_after_send" boolean NOT NULL DEFAULT false, "send_after" TIMESTAMP WITH TIME ZONE, "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bd6e76ef3b3d4aff7d0510a509" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_messages_queued" ON "mail_messages"  ("send_after") WHERE status = 'queued'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_messages_subject_candidate" ON "mail_messages"  ("subject_candidate_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_messages_subject_user" ON "mail_messages"  ("subject_user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_messages_created" ON "mail_messages"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_messages_event_key" ON "mail_messages"  ("event_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_preferences" ("recipient_hash" character varying(64) NOT NULL, "reminders_opt_out" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c860c918160be5bb08b22bb1736" PRIMARY KEY ("recipient_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_templates" ("id" uuid NOT NULL, "key" character varying(60) NOT NULL, "job_id" uuid, "subject" character varying(300) NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fa35b7af25d925a1c8406ba2ef6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_templates_job" ON "mail_templates"  ("job_id", "key") WHERE job_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_templates_global" ON "mail_templates"  ("key") WHERE job_id IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "account_tokens" ADD CONSTRAINT "fk_account_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_links" ADD CONSTRAINT "fk_interview_links_interview" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "retention_policies" WHERE "category" = 'mail'`);
    await queryRunner.query(
      `ALTER TABLE "interview_links" DROP CONSTRAINT "fk_interview_links_interview"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_tokens" DROP CONSTRAINT "fk_account_tokens_user"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_verified_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mail_templates_global"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mail_templates_job"`);
    await queryRunner.query(`DROP TABLE "mail_templates"`);
    await queryRunner.query(`DROP TABLE "mail_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mail_messages_event_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_messages_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_messages_subject_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_messages_subject_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_messages_queued"`);
    await queryRunner.query(`DROP TABLE "mail_messages"`);
    await queryRunner.query(`DROP INDEX "public"."uq_interview_links_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interview_links_interview"`);
    await queryRunner.query(`DROP TABLE "interview_links"`);
    await queryRunner.query(`DROP INDEX "public"."uq_account_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_tokens_user"`);
    await queryRunner.query(`DROP TABLE "account_tokens"`);
  }
}
