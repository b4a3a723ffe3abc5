import { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaTranscription1795436449674 implements MigrationInterface {
  name = 'MediaTranscription1795436449674';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "media_files" ("id" uuid NOT NULL, "file_key" character varying(100) NOT NULL, "owner_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "content_type" character varying(100) NOT NULL, "max_bytes" integer NOT NULL, "size_bytes" integer, "duration_seconds" double precision, "status" character varying(12) NOT NULL DEFAULT 'pending', "interview_id" uuid, "answer_id" uuid, "upload_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_93b4da6741cd150e76f9ac035d8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_media_files_answer" ON "media_files"  ("answer_id") WHERE answer_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_media_files_interview" ON "media_files"  ("interview_id") WHERE interview_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_media_files_owner_created" ON "media_files"  ("owner_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_media_files_file_key" ON "media_files"  ("file_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "media_analyses" ("id" uuid NOT NULL, "media_file_id" uuid NOT NULL, "requested_by" uuid, "status" character varying(12) NOT NULL DEFAULT 'queued', "transcript_encrypted" text, "metrics" jsonb, "advice" jsonb NOT NULL DEFAULT '[]', "error" character varying(200), "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c181261bfacabcf807be67d100" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_media_analyses_requested_by" ON "media_analyses"  ("requested_by") WHERE requested_by IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_media_analyses_media_file" ON "media_analyses"  ("media_file_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "media_transcripts" ("id" uuid NOT NULL, "answer_id" uuid, "media_file_id" uuid, "source" character varying(10) NOT NULL, "language" character varying(20) NOT NULL, "duration_seconds" double precision NOT NULL, "content_encrypted" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c73bd9ff60e5193f44b3b544b5d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_media_transcripts_media_file" ON "media_transcripts"  ("media_file_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_media_transcripts_answer" ON "media_transcripts"  ("answer_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "media_files" ADD CONSTRAINT "fk_media_files_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_files" ADD CONSTRAINT "fk_media_files_interview" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_files" ADD CONSTRAINT "fk_media_files_answer" FOREIGN KEY ("answer_id") REFERENCES "interview_answers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_analyses" ADD CONSTRAINT "fk_media_analyses_media_file" FOREIGN KEY ("media_file_id") REFERENCES "media_files"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_analyses" ADD CONSTRAINT "fk_media_analyses_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_transcripts" ADD CONSTRAINT "fk_media_transcripts_answer" FOREIGN KEY ("answer_id") REFERENCES "interview_answers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_transcripts" ADD CONSTRAINT "fk_media_transcripts_media_file" FOREIGN KEY ("media_file_id") REFERENCES "media_files"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "media_transcripts" DROP CONSTRAINT "fk_media_transcripts_media_file"`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_transcripts" DROP CONSTRAINT "fk_media_transcripts_answer"`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_analyses" DROP CONSTRAINT "fk_media_analyses_requested_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_analyses" DROP CONSTRAINT "fk_media_analyses_media_file"`,
    );
    await queryRunner.query(`ALTER TABLE "media_files" DROP CONSTRAINT "fk_media_files_answer"`);
    await queryRunner.query(`ALTER TABLE "media_files" DROP CONSTRAINT "fk_media_files_interview"`);
    await queryRunner.query(`ALTER TABLE "media_files" DROP CONSTRAINT "fk_media_files_owner"`);
    await queryRunner.query(`DROP INDEX "public"."uq_media_transcripts_answer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_media_transcripts_media_file"`);
    await queryRunner.query(`DROP TABLE "media_transcripts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_analyses_media_file"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_analyses_requested_by"`);
    await queryRunner.query(`DROP TABLE "media_analyses"`);
    await queryRunner.query(`DROP INDEX "public"."uq_media_files_file_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_files_owner_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_files_interview"`);
    await queryRunner.query(`DROP INDEX "public"."ix_media_files_answer"`);
    await queryRunner.query(`DROP TABLE "media_files"`);
  }
}
