import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuestionsInterviews1795434598555 implements MigrationInterface {
  name = 'QuestionsInterviews1795434598555';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "questions" ("id" uuid NOT NULL, "job_id" uuid, "question_text" text NOT NULL, "text_hash" character varying(64) NOT NULL, "question_type" character varying(20) NOT NULL, "difficulty_level" character varying(10) NOT NULL, "skills_tested" text array NOT NULL DEFAULT '{}', "gold_standard_answer" text NOT NULL, "key_points" text array NOT NULL DEFAULT '{}', "is_approved" boolean NOT NULL DEFAULT false, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "source" character varying(10) NOT NULL, "generation_fallback" character varying(40), "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_questions_text_hash" ON "questions"  ("text_hash") `);
    await queryRunner.query(
      `CREATE INDEX "ix_questions_created" ON "questions"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_questions_job_approved" ON "questions"  ("job_id", "is_approved", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_questions_job_created" ON "questions"  ("job_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "interviews" ("id" uuid NOT NULL, "kind" character varying(12) NOT NULL, "mode" character varying(8) NOT NULL, "status" character varying(20) NOT NULL, "application_id" uuid, "job_id" uuid, "candidate_id" uuid NOT NULL, "track" character varying(100), "track_key" character varying(100), "difficulty" character varying(10), "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL DEFAULT '30', "video" character varying(10) NOT NULL DEFAULT 'none', "question_count" integer NOT NULL DEFAULT '0', "sequence" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" character varying(500), "results_status" character varying(20) NOT NULL DEFAULT 'not_started', "overall_score" numeric(4,2), "recommendation" character varying(12), "fraud_score" integer NOT NULL DEFAULT '0', "fraud_level" character varying(10) NOT NULL DEFAULT 'low', "fraud_signals" jsonb NOT NULL DEFAULT '[]', "finalised_at" TIMESTAMP WITH TIME ZONE, "scheduled_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fd41af1f96d698fa33c2f070f47" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_interviews_active_practice" ON "interviews"  ("candidate_id", "track_key") WHERE kind = 'practice' AND status IN ('Scheduled', 'In Progress')`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interviews_application" ON "interviews"  ("application_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interviews_status_created" ON "interviews"  ("status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interviews_candidate_created" ON "interviews"  ("candidate_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interviews_job_created" ON "interviews"  ("job_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interviews_created" ON "interviews"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "interview_answers" ("id" uuid NOT NULL, "interview_id" uuid NOT NULL, "question_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "input" character varying(8) NOT NULL, "answer_text_encrypted" text, "audio_storage_key" character varying(100), "audio_format" character varying(10), "word_count" integer NOT NULL DEFAULT '0', "minhash" integer array, "lsh_bands" text array NOT NULL DEFAULT '{}', "similar_answer_ids" uuid array NOT NULL DEFAULT '{}', "scoring_status" character varying(20) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "seconds_since_previous" integer, CONSTRAINT "PK_b29d79de5cfb62e8ca9376d96a1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interview_answers_status" ON "interview_answers"  ("scoring_status", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interview_answers_question" ON "interview_answers"  ("question_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_interview_answers_question" ON "interview_answers"  ("interview_id", "question_id") `,
    );
    // Near-duplicate candidates by LSH band overlap (`lsh_bands && $1`); not expressible as an entity index.
    await queryRunner.query(
      `CREATE INDEX "ix_interview_answers_lsh" ON "interview_answers" USING gin ("lsh_bands")`,
    );
    await queryRunner.query(
      `CREATE TABLE "answer_scores" ("id" uuid NOT NULL, "answer_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "scored_by" character varying(8) NOT NULL, "relevance" numeric(4,2) NOT NULL, "completeness" numeric(4,2) NOT NULL, "accuracy" numeric(4,2) NOT NULL, "clarity" numeric(4,2) NOT NULL, "overall" numeric(4,2) NOT NULL, "rationale" text, "matched_key_points" text array NOT NULL DEFAULT '{}', "missed_key_points" text array NOT NULL DEFAULT '{}', "flags" text array NOT NULL DEFAULT '{}', "coaching" text array NOT NULL DEFAULT '{}', "fallback_reason" character varying(40), "reviewer_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_95b4621609e4fc3421b827749c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_answer_scores_answer_kind" ON "answer_scores"  ("answer_id", "kind") `,
    );
    await queryRunner.query(
      `CREATE TABLE "interview_events" ("id" uuid NOT NULL, "interview_id" uuid NOT NULL, "type" character varying(20) NOT NULL, "question_id" uuid, "detail" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_930641cff722c84acc42e443589" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interview_events_interview" ON "interview_events"  ("interview_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "interview_questions" ("id" uuid NOT NULL, "interview_id" uuid NOT NULL, "question_id" uuid NOT NULL, "position" integer NOT NULL, "question_text" text NOT NULL, "question_type" character varying(20) NOT NULL, "difficulty_level" character varying(10) NOT NULL, "skills_tested" text array NOT NULL DEFAULT '{}', "gold_standard_answer" text NOT NULL, "key_points" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_2ef2c099d8bc521e9b89e986b3c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_interview_questions_question" ON "interview_questions"  ("question_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_interview_questions_position" ON "interview_questions"  ("interview_id", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_interview_questions_question" ON "interview_questions"  ("interview_id", "question_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "question_versions" ("id" uuid NOT NULL, "question_id" uuid NOT NULL, "version" integer NOT NULL, "action" character varying(20) NOT NULL, "actor_id" uuid, "actor_role" character varying(20), "comment" character varying(1000), "snapshot" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_cf0e5fdf563f7d8286f7d8e68ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_question_versions_question_version" ON "question_versions"  ("question_id", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "fk_questions_job" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "fk_questions_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ADD CONSTRAINT "fk_questions_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interviews" ADD CONSTRAINT "fk_interviews_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interviews" ADD CONSTRAINT "fk_interviews_job" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interviews" ADD CONSTRAINT "fk_interviews_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interviews" ADD CONSTRAINT "fk_interviews_scheduled_by" FOREIGN KEY ("scheduled_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_answers" ADD CONSTRAINT "fk_interview_answers_interview" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_answers" ADD CONSTRAINT "fk_interview_answers_question" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_answers" ADD CONSTRAINT "fk_interview_answers_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_scores" ADD CONSTRAINT "fk_answer_scores_answer" FOREIGN KEY ("answer_id") REFERENCES "interview_answers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_scores" ADD CONSTRAINT "fk_answer_scores_reviewer" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_events" ADD CONSTRAINT "fk_interview_events_interview" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_questions" ADD CONSTRAINT "fk_interview_questions_interview" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_questions" ADD CONSTRAINT "fk_interview_questions_question" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "question_versions" ADD CONSTRAINT "fk_question_versions_question" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "question_versions" ADD CONSTRAINT "fk_question_versions_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "question_versions" DROP CONSTRAINT "fk_question_versions_actor"`,
    );
    await queryRunner.query(
      `ALTER TABLE "question_versions" DROP CONSTRAINT "fk_question_versions_question"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_questions" DROP CONSTRAINT "fk_interview_questions_question"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_questions" DROP CONSTRAINT "fk_interview_questions_interview"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_events" DROP CONSTRAINT "fk_interview_events_interview"`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_scores" DROP CONSTRAINT "fk_answer_scores_reviewer"`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_scores" DROP CONSTRAINT "fk_answer_scores_answer"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_answers" DROP CONSTRAINT "fk_interview_answers_candidate"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_answers" DROP CONSTRAINT "fk_interview_answers_question"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interview_answers" DROP CONSTRAINT "fk_interview_answers_interview"`,
    );
    await queryRunner.query(
      `ALTER TABLE "interviews" DROP CONSTRAINT "fk_interviews_scheduled_by"`,
    );
    await queryRunner.query(`ALTER TABLE "interviews" DROP CONSTRAINT "fk_interviews_candidate"`);
    await queryRunner.query(`ALTER TABLE "interviews" DROP CONSTRAINT "fk_interviews_job"`);
    await queryRunner.query(`ALTER TABLE "interviews" DROP CONSTRAINT "fk_interviews_application"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "fk_questions_created_by"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "fk_questions_approved_by"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "fk_questions_job"`);
    await queryRunner.query(`DROP INDEX "public"."uq_question_versions_question_version"`);
    await queryRunner.query(`DROP TABLE "question_versions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_interview_questions_question"`);
    await queryRunner.query(`DROP INDEX "public"."uq_interview_questions_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interview_questions_question"`);
    await queryRunner.query(`DROP TABLE "interview_questions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interview_events_interview"`);
    await queryRunner.query(`DROP TABLE "interview_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_answer_scores_answer_kind"`);
    await queryRunner.query(`DROP TABLE "answer_scores"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interview_answers_lsh"`);
    await queryRunner.query(`DROP INDEX "public"."uq_interview_answers_question"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interview_answers_question"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interview_answers_status"`);
    await queryRunner.query(`DROP TABLE "interview_answers"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interviews_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interviews_job_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interviews_candidate_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interviews_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_interviews_application"`);
    await queryRunner.query(`DROP INDEX "public"."uq_interviews_active_practice"`);
    await queryRunner.query(`DROP TABLE "interviews"`);
    await queryRunner.query(`DROP INDEX "public"."ix_questions_job_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_questions_job_approved"`);
    await queryRunner.query(`DROP INDEX "public"."ix_questions_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_questions_text_hash"`);
    await queryRunner.query(`DROP TABLE "questions"`);
  }
}
