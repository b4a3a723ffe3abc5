import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobsCandidatesApplications1795433539849 implements MigrationInterface {
  name = 'JobsCandidatesApplications1795433539849';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "jobs" ("id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL, "company" character varying(200), "location" character varying(200), "salary_range" character varying(100), "salary_min" integer, "salary_max" integer, "job_type" character varying(40), "work_mode" character varying(40), "experience_level" character varying(40), "department" character varying(100), "skills_required" text array NOT NULL DEFAULT '{}', "skills_nice_to_have" text array NOT NULL DEFAULT '{}', "skill_keys" text array NOT NULL DEFAULT '{}', "status" character varying(10) NOT NULL DEFAULT 'Open', "application_count" integer NOT NULL DEFAULT '0', "archived_at" TIMESTAMP WITH TIME ZONE, "search_vector" tsvector, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_jobs_created_by" ON "jobs"  ("created_by") `);
    await queryRunner.query(`CREATE INDEX "ix_jobs_created" ON "jobs"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_jobs_status_created" ON "jobs"  ("status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "candidates" ("id" uuid NOT NULL, "user_id" uuid, "email_hash" character varying(64) NOT NULL, "email_encrypted" text, "full_name_encrypted" text, "phone_encrypted" text, "name_tokens" text array NOT NULL DEFAULT '{}', "location" character varying(200), "skills" text array NOT NULL DEFAULT '{}', "skill_keys" text array NOT NULL DEFAULT '{}', "experience_years" numeric(4,1), "experience_level" character varying(20), "expected_salary" integer, "current_company" character varying(200), "current_position" character varying(200), "latest_resume_id" uuid, "legal_hold" boolean NOT NULL DEFAULT false, "erased_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_94a5fe85e7f5bd0221fa7d6f19" UNIQUE ("user_id"), CONSTRAINT "PK_140681296bf033ab1eb95288abb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_candidates_user" ON "candidates"  ("user_id") WHERE user_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_candidates_email_hash" ON "candidates"  ("email_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_candidates_created" ON "candidates"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "applications" ("id" uuid NOT NULL, "job_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "applicant_name_encrypted" text, "applicant_email_encrypted" text, "applicant_phone_encrypted" text, "cover_letter_encrypted" text, "experience_years" numeric(4,1), "current_company" character varying(200), "current_position" character varying(200), "expected_salary" character varying(100), "availability" character varying(200), "source" character varying(60) NOT NULL DEFAULT 'careers_page', "status" character varying(40) NOT NULL, "stage" character varying(40) NOT NULL, "stage_entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rejected_from_stage" character varying(40), "rejection_reason_id" uuid, "hired_at" TIMESTAMP WITH TIME ZONE, "resume_id" uuid, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_applications_source" ON "applications"  ("source") `);
    await queryRunner.query(
      `CREATE INDEX "ix_applications_candidate" ON "applications"  ("candidate_id", "applied_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_applications_job_applied" ON "applications"  ("job_id", "applied_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_applications_job_stage" ON "applications"  ("job_id", "stage", "applied_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_applications_job_candidate" ON "applications"  ("job_id", "candidate_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "application_stage_history" ("id" uuid NOT NULL, "application_id" uuid NOT NULL, "job_id" uuid NOT NULL, "from_stage" character varying(40), "to_stage" character varying(40) NOT NULL, "from_status" character varying(40), "to_status" character varying(40) NOT NULL, "actor_id" uuid, "actor_role" character varying(20), "reason" character varying(500), "rejection_reason_id" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5fc6de3bfc19895d9502ef25b32" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stage_history_changed" ON "application_stage_history"  ("changed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stage_history_application" ON "application_stage_history"  ("application_id", "changed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "consents" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "purpose" character varying(30) NOT NULL, "granted" boolean NOT NULL, "policy_version" character varying(40) NOT NULL, "source" character varying(80) NOT NULL, "actor_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_consents_candidate_purpose" ON "consents"  ("candidate_id", "purpose", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pipeline_stages" ("id" uuid NOT NULL, "job_id" uuid NOT NULL, "key" character varying(40) NOT NULL, "name" character varying(80) NOT NULL, "status" character varying(40) NOT NULL, "position" integer NOT NULL, "sla_days" integer, CONSTRAINT "PK_92e43270eace072ad5182fc08e2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_pipeline_stages_job_key" ON "pipeline_stages"  ("job_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "resumes" ("id" uuid NOT NULL, "candidate_id" uuid, "uploaded_by" uuid, "storage_key" character varying(100) NOT NULL, "original_filename_encrypted" text, "file_kind" character varying(10) NOT NULL, "content_type" character varying(100) NOT NULL, "size_bytes" integer NOT NULL, "content_hash" character varying(64) NOT NULL, "parsing_status" character varying(10) NOT NULL DEFAULT 'pending', "parse_error" character varying(300), "text_encrypted" text, "parsed_encrypted" text, "skills" text array NOT NULL DEFAULT '{}', "experience_years" numeric(4,1), "experience_level" character varying(20), "parsed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9c8677802096d6baece48429d2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_resumes_unattached" ON "resumes"  ("created_at") WHERE candidate_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_resumes_candidate" ON "resumes"  ("candidate_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "jobs" ADD CONSTRAINT "fk_jobs_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidates" ADD CONSTRAINT "fk_candidates_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "fk_applications_job" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" ADD CONSTRAINT "fk_applications_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_stage_history" ADD CONSTRAINT "fk_stage_history_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "fk_consents_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pipeline_stages" ADD CONSTRAINT "fk_pipeline_stages_job" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resumes" ADD CONSTRAINT "fk_resumes_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Full-text search: weighted vector kept by a trigger (title A, skills B, description C).
    await queryRunner.query(
      `CREATE FUNCTION jobs_search_vector_refresh() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.search_vector := setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') || setweight(to_tsvector('english', array_to_string(NEW.skills_required || NEW.skills_nice_to_have, ' ')), 'B') || setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C'); RETURN NEW; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER jobs_search_vector BEFORE INSERT OR UPDATE OF title, description, skills_required, skills_nice_to_have ON "jobs" FOR EACH ROW EXECUTE FUNCTION jobs_search_vector_refresh()`,
    );
    await queryRunner.query(`CREATE INDEX "ix_jobs_search" ON "jobs" USING GIN ("search_vector")`);
    await queryRunner.query(`CREATE INDEX "ix_jobs_skill_keys" ON "jobs" USING GIN ("skill_keys")`);
    await queryRunner.query(
      `CREATE INDEX "ix_candidates_skill_keys" ON "candidates" USING GIN ("skill_keys")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_candidates_name_tokens" ON "candidates" USING GIN ("name_tokens")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_candidates_name_tokens"`);
    await queryRunner.query(`DROP INDEX "ix_candidates_skill_keys"`);
    await queryRunner.query(`DROP INDEX "ix_jobs_skill_keys"`);
    await queryRunner.query(`DROP INDEX "ix_jobs_search"`);
    await queryRunner.query(`DROP TRIGGER "jobs_search_vector" ON "jobs"`);
    await queryRunner.query(`DROP FUNCTION jobs_search_vector_refresh()`);
    await queryRunner.query(`ALTER TABLE "resumes" DROP CONSTRAINT "fk_resumes_candidate"`);
    await queryRunner.query(
      `ALTER TABLE "pipeline_stages" DROP CONSTRAINT "fk_pipeline_stages_job"`,
    );
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "fk_consents_candidate"`);
    await queryRunner.query(
      `ALTER TABLE "application_stage_history" DROP CONSTRAINT "fk_stage_history_application"`,
    );
    await queryRunner.query(
      `ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_candidate"`,
    );
    await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_job"`);
    await queryRunner.query(`ALTER TABLE "candidates" DROP CONSTRAINT "fk_candidates_user"`);
    await queryRunner.query(`ALTER TABLE "jobs" DROP CONSTRAINT "fk_jobs_created_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_resumes_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."ix_resumes_unattached"`);
    await queryRunner.query(`DROP TABLE "resumes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_pipeline_stages_job_key"`);
    await queryRunner.query(`DROP TABLE "pipeline_stages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consents_candidate_purpose"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stage_history_application"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stage_history_changed"`);
    await queryRunner.query(`DROP TABLE "application_stage_history"`);
    await queryRunner.query(`DROP INDEX "public"."uq_applications_job_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applications_job_stage"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applications_job_applied"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applications_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applications_source"`);
    await queryRunner.query(`DROP TABLE "applications"`);
    await queryRunner.query(`DROP INDEX "public"."ix_candidates_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_candidates_email_hash"`);
    await queryRunner.query(`DROP INDEX "public"."uq_candidates_user"`);
    await queryRunner.query(`DROP TABLE "candidates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_jobs_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_jobs_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_jobs_created_by"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
  }
}
