import { MigrationInterface, QueryRunner } from 'typeorm';

export class VideoMeetings1795436526590 implements MigrationInterface {
  name = 'VideoMeetings1795436526590';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "video_meetings" ("id" uuid NOT NULL, "interview_id" uuid NOT NULL, "provider" character varying(10) NOT NULL, "external_id" character varying(64), "topic_encrypted" text NOT NULL, "join_url_encrypted" text NOT NULL, "start_url_encrypted" text, "passcode_encrypted" text, "start_time" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "auto_recording" character varying(10) NOT NULL DEFAULT 'none', "status" character varying(12) NOT NULL DEFAULT 'scheduled', "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "last_signal_seq" integer NOT NULL DEFAULT '0', "sync_error" character varying(500), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2e6872d82148135ffdc6aa67d48" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_video_meetings_external" ON "video_meetings"  ("provider", "external_id") WHERE external_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_video_meetings_active_interview" ON "video_meetings"  ("interview_id") WHERE status <> 'cancelled'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_video_meetings_interview" ON "video_meetings"  ("interview_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_video_meetings_created" ON "video_meetings"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "video_recordings" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "interview_id" uuid NOT NULL, "external_file_id" character varying(128) NOT NULL, "recording_type" character varying(60), "file_type" character varying(20), "file_extension" character varying(10), "file_size" bigint, "recording_start" TIMESTAMP WITH TIME ZONE, "recording_end" TIMESTAMP WITH TIME ZONE, "download_url_encrypted" text, "download_token_encrypted" text, "status" character varying(10) NOT NULL DEFAULT 'pending', "storage_key" character varying(100), "stored_bytes" bigint, "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(500), "source" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d001f2492522669609e89f396d9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_video_recordings_file" ON "video_recordings"  ("meeting_id", "external_file_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_video_recordings_interview" ON "video_recordings"  ("interview_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_video_recordings_created" ON "video_recordings"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "video_signals" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "seq" integer NOT NULL, "sender_id" uuid NOT NULL, "sender_role" character varying(10) NOT NULL, "type" character varying(16) NOT NULL, "payload_encrypted" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f091f2bdd7ffe8636c23f6ce463" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_video_signals_created" ON "video_signals"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_video_signals_seq" ON "video_signals"  ("meeting_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "video_transcript_lines" ("id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "speaker_id" uuid, "speaker_role" character varying(10) NOT NULL, "spoken_at" TIMESTAMP WITH TIME ZONE NOT NULL, "text_encrypted" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c48e2172ce4eec268173a89b0c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_video_transcript_lines_meeting" ON "video_transcript_lines"  ("meeting_id", "spoken_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "zoom_webhook_events" ("id" uuid NOT NULL, "dedupe_key" character varying(64) NOT NULL, "event" character varying(60) NOT NULL, "meeting_external_id" character varying(64), "payload_encrypted" text NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'pending', "last_error" character varying(500), "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ac296164982db5021810bb854c7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_zoom_webhook_events_meeting" ON "zoom_webhook_events"  ("meeting_external_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_zoom_webhook_events_received" ON "zoom_webhook_events"  ("received_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_zoom_webhook_events_dedupe" ON "zoom_webhook_events"  ("dedupe_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "video_meetings" ADD CONSTRAINT "fk_video_meetings_interview" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_meetings" ADD CONSTRAINT "fk_video_meetings_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_recordings" ADD CONSTRAINT "fk_video_recordings_meeting" FOREIGN KEY ("meeting_id") REFERENCES "video_meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_recordings" ADD CONSTRAINT "fk_video_recordings_interview" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_signals" ADD CONSTRAINT "fk_video_signals_meeting" FOREIGN KEY ("meeting_id") REFERENCES "video_meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_signals" ADD CONSTRAINT "fk_video_signals_sender" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_transcript_lines" ADD CONSTRAINT "fk_video_transcript_lines_meeting" FOREIGN KEY ("meeting_id") REFERENCES "video_meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_transcript_lines" ADD CONSTRAINT "fk_video_transcript_lines_speaker" FOREIGN KEY ("speaker_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "video_transcript_lines" DROP CONSTRAINT "fk_video_transcript_lines_speaker"`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_transcript_lines" DROP CONSTRAINT "fk_video_transcript_lines_meeting"`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_signals" DROP CONSTRAINT "fk_video_signals_sender"`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_signals" DROP CONSTRAINT "fk_video_signals_meeting"`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_recordings" DROP CONSTRAINT "fk_video_recordings_interview"`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_recordings" DROP CONSTRAINT "fk_video_recordings_meeting"`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_meetings" DROP CONSTRAINT "fk_video_meetings_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "video_meetings" DROP CONSTRAINT "fk_video_meetings_interview"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_zoom_webhook_events_dedupe"`);
    await queryRunner.query(`DROP INDEX "public"."ix_zoom_webhook_events_received"`);
    await queryRunner.query(`DROP INDEX "public"."ix_zoom_webhook_events_meeting"`);
    await queryRunner.query(`DROP TABLE "zoom_webhook_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_video_transcript_lines_meeting"`);
    await queryRunner.query(`DROP TABLE "video_transcript_lines"`);
    await queryRunner.query(`DROP INDEX "public"."uq_video_signals_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_video_signals_created"`);
    await queryRunner.query(`DROP TABLE "video_signals"`);
    await queryRunner.query(`DROP INDEX "public"."ix_video_recordings_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_video_recordings_interview"`);
    await queryRunner.query(`DROP INDEX "public"."uq_video_recordings_file"`);
    await queryRunner.query(`DROP TABLE "video_recordings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_video_meetings_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_video_meetings_interview"`);
    await queryRunner.query(`DROP INDEX "public"."uq_video_meetings_active_interview"`);
    await queryRunner.query(`DROP INDEX "public"."uq_video_meetings_external"`);
    await queryRunner.query(`DROP TABLE "video_meetings"`);
  }
}
