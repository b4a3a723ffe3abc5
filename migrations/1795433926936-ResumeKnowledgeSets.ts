import { MigrationInterface, QueryRunner } from 'typeorm';

export class ResumeKnowledgeSets1795433926936 implements MigrationInterface {
  name = 'ResumeKnowledgeSets1795433926936';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "resume_knowledge_sets" ("content_hash" character varying(64) NOT NULL, "version" smallint NOT NULL, "categories" jsonb NOT NULL DEFAULT '[]', "skill_count" integer NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d66702f21dd9a7e1032966a64a9" PRIMARY KEY ("content_hash"))`,
    );
    await queryRunner.query(`ALTER TABLE "resumes" ADD "parse_error_code" character varying(40)`);
    await queryRunner.query(
      `CREATE INDEX "ix_resumes_content_hash" ON "resumes"  ("content_hash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_resumes_content_hash"`);
    await queryRunner.query(`ALTER TABLE "resumes" DROP COLUMN "parse_error_code"`);
    await queryRunner.query(`DROP TABLE "resume_knowledge_sets"`);
  }
}
