import { MigrationInterface, QueryRunner } from 'typeorm';

// Machine scores carry a confidence and a needs-review mark (with reasons) so that answers the
// scorer cannot grade with confidence reach a human. `scored_by` and `questions.source` widen to
// hold "openai_compatible" (a self-hosted model behind an OpenAI-compatible endpoint).
export class ScoreConfidence1796552749320 implements MigrationInterface {
  name = 'ScoreConfidence1796552749320';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "answer_scores" ADD "confidence" numeric(3,2)`);
    await queryRunner.query(
      `ALTER TABLE "answer_scores" ADD "needs_review" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_scores" ADD "review_reasons" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_scores" ALTER COLUMN "scored_by" TYPE character varying(20)`,
    );
    await queryRunner.query(
      `ALTER TABLE "questions" ALTER COLUMN "source" TYPE character varying(20)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "questions" ALTER COLUMN "source" TYPE character varying(10)`,
    );
    await queryRunner.query(
      `ALTER TABLE "answer_scores" ALTER COLUMN "scored_by" TYPE character varying(8)`,
    );
    await queryRunner.query(`ALTER TABLE "answer_scores" DROP COLUMN "review_reasons"`);
    await queryRunner.query(`ALTER TABLE "answer_scores" DROP COLUMN "needs_review"`);
    await queryRunner.query(`ALTER TABLE "answer_scores" DROP COLUMN "confidence"`);
  }
}
