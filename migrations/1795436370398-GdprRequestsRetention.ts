import { MigrationInterface, QueryRunner } from 'typeorm';

export class GdprRequestsRetention1795436370398 implements MigrationInterface {
  name = 'GdprRequestsRetention1795436370398';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "gdpr_exports" ("id" uuid NOT NULL, "requested_by" uuid, "subject_user_id" uuid, "subject_candidate_id" uuid, "format" character varying(4) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "storage_key" character varying(100), "size_bytes" integer, "download_count" integer NOT NULL DEFAULT '0', "last_downloaded_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "error_code" character varying(60), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_56ec684e9b249511eb911c191cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_gdpr_exports_expiry" ON "gdpr_exports"  ("expires_at") WHERE status = 'ready'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_gdpr_exports_subject_candidate" ON "gdpr_exports"  ("subject_candidate_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_gdpr_exports_subject_user" ON "gdpr_exports"  ("subject_user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_gdpr_exports_requested_by" ON "gdpr_exports"  ("requested_by", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "gdpr_requests" ("id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "source" character varying(20) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "requested_by" uuid, "subject_user_id" uuid, "subject_candidate_id" uuid, "reason_encrypted" text, "completed_handlers" text array NOT NULL DEFAULT '{}', "erased_counts" jsonb NOT NULL DEFAULT '{}', "attempts" integer NOT NULL DEFAULT '0', "error_code" character varying(60), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e45b06ca7dd61ce128bb508e924" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_gdpr_requests_subject_candidate" ON "gdpr_requests"  ("subject_candidate_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_gdpr_requests_subject_user" ON "gdpr_requests"  ("subject_user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_gdpr_requests_requested_by" ON "gdpr_requests"  ("requested_by", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "retention_policies" ("id" uuid NOT NULL, "category" character varying(60) NOT NULL, "days" integer, "action" character varying(12) NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c0f79bfde72a93e544c780a7470" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_retention_policies_category" ON "retention_policies"  ("category") `,
    );
    await queryRunner.query(
      `CREATE TABLE "retention_runs" ("id" uuid NOT NULL, "trigger" character varying(10) NOT NULL, "dry_run" boolean NOT NULL, "status" character varying(10) NOT NULL, "scheduled_for" date, "requested_by" uuid, "report" jsonb NOT NULL DEFAULT '[]', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_80f0aec401112f8d4bad156a908" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_retention_runs_scheduled_for" ON "retention_runs"  ("scheduled_for") WHERE scheduled_for IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_retention_runs_started" ON "retention_runs"  ("started_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_exports" ADD CONSTRAINT "fk_gdpr_exports_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_exports" ADD CONSTRAINT "fk_gdpr_exports_subject_user" FOREIGN KEY ("subject_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_exports" ADD CONSTRAINT "fk_gdpr_exports_subject_candidate" FOREIGN KEY ("subject_candidate_id") REFERENCES "candidates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_requests" ADD CONSTRAINT "fk_gdpr_requests_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_requests" ADD CONSTRAINT "fk_gdpr_requests_subject_user" FOREIGN KEY ("subject_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_requests" ADD CONSTRAINT "fk_gdpr_requests_subject_candidate" FOREIGN KEY ("subject_candidate_id") REFERENCES "candidates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "retention_policies" ADD CONSTRAINT "fk_retention_policies_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "retention_runs" ADD CONSTRAINT "fk_retention_runs_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // Defaults per category (NULL days = DATA_RETENTION_DEFAULT_DAYS); see retention-categories.ts.
    await queryRunner.query(
      `INSERT INTO "retention_policies" ("id", "category", "days", "action") VALUES (gen_random_uuid(), 'rejected_withdrawn_applications', NULL, 'anonymize'), (gen_random_uuid(), 'unattached_uploads', 1, 'delete'), (gen_random_uuid(), 'recordings', 90, 'delete'), (gen_random_uuid(), 'expired_exports', 0, 'delete'), (gen_random_uuid(), 'refresh_tokens', 30, 'delete'), (gen_random_uuid(), 'login_attempts', 30, 'delete')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "retention_runs" DROP CONSTRAINT "fk_retention_runs_requested_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "retention_policies" DROP CONSTRAINT "fk_retention_policies_updated_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_requests" DROP CONSTRAINT "fk_gdpr_requests_subject_candidate"`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_requests" DROP CONSTRAINT "fk_gdpr_requests_subject_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_requests" DROP CONSTRAINT "fk_gdpr_requests_requested_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_exports" DROP CONSTRAINT "fk_gdpr_exports_subject_candidate"`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_exports" DROP CONSTRAINT "fk_gdpr_exports_subject_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "gdpr_exports" DROP CONSTRAINT "fk_gdpr_exports_requested_by"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_retention_runs_started"`);
    await queryRunner.query(`DROP INDEX "public"."uq_retention_runs_scheduled_for"`);
    await queryRunner.query(`DROP TABLE "retention_runs"`);
    await queryRunner.query(`DROP INDEX "public"."uq_retention_policies_category"`);
    await queryRunner.query(`DROP TABLE "retention_policies"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gdpr_requests_requested_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gdpr_requests_subject_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gdpr_requests_subject_candidate"`);
    await queryRunner.query(`DROP TABLE "gdpr_requests"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gdpr_exports_requested_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gdpr_exports_subject_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gdpr_exports_subject_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."ix_gdpr_exports_expiry"`);
    await queryRunner.query(`DROP TABLE "gdpr_exports"`);
  }
}
