import { MigrationInterface, QueryRunner } from 'typeorm';

// Pipeline analytics as additive counters (src/ats/analytics/pipeline-counters.ts): per job and
// day of application, plus an all-jobs level under the nil uuid; stage changes append deltas.
// History rows carry the application's applied_at and when the stage was left, so time in stage
// needs no join and no window function. Existing data is backfilled here.
export class PipelineCounters1795443598885 implements MigrationInterface {
  name = 'PipelineCounters1795443598885';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pipeline_counters" ("job_id" uuid NOT NULL, "applied_on" date NOT NULL, "metric" character varying(20) NOT NULL, "k1" character varying(100) NOT NULL, "k2" character varying(100) NOT NULL, "applications" integer NOT NULL, CONSTRAINT "pk_pipeline_counters" PRIMARY KEY ("job_id", "applied_on", "metric", "k1", "k2"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pipeline_counter_deltas" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "job_id" uuid NOT NULL, "applied_on" date NOT NULL, "metric" character varying(20) NOT NULL, "k1" character varying(100) NOT NULL, "k2" character varying(100) NOT NULL, "delta" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_pipeline_counter_deltas" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pipeline_counters_job_metric" ON "pipeline_counters" ("job_id", "metric", "k1") INCLUDE ("applications")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_pipeline_counter_deltas_job_day" ON "pipeline_counter_deltas"  ("job_id", "applied_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "application_stage_history" ADD "applied_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_stage_history" ADD "left_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_stage_history" ADD "days_in_stage" double precision`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_applications_applied_at" ON "applications"  ("applied_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stage_history_job_applied" ON "application_stage_history"  ("job_id", "applied_at") `,
    );
    await queryRunner.query(
      `UPDATE "application_stage_history" h
          SET "applied_at" = a."applied_at", "left_at" = n."next_at",
              "days_in_stage" = extract(epoch FROM n."next_at" - h."changed_at") / 86400
         FROM "applications" a,
              (SELECT "id", lead("changed_at") OVER (PARTITION BY "application_id" ORDER BY "changed_at", "id") AS "next_at"
                 FROM "application_stage_history") n
        WHERE a."id" = h."application_id" AND n."id" = h."id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_stage_history" ALTER COLUMN "applied_at" SET NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stage_history_stays" ON "application_stage_history" ("to_stage", "days_in_stage") INCLUDE ("applied_at") WHERE "days_in_stage" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stage_history_job_stays" ON "application_stage_history" ("job_id", "to_stage", "days_in_stage") INCLUDE ("applied_at") WHERE "days_in_stage" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_applications_hired" ON "applications" ("job_id", "applied_at") INCLUDE ("hired_at") WHERE "hired_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "pipeline_counters" ("job_id", "applied_on", "metric", "k1", "k2", "applications")
       WITH c AS (
         SELECT "id", "job_id", ("applied_at" AT TIME ZONE 'UTC')::date AS applied_on,
                "stage", "source", "rejection_reason_id"
           FROM "applications"),
       r AS (
         SELECT h."application_id", c."job_id", c.applied_on, h."to_stage" AS stage,
                min(h."changed_at") AS first_at, max(h."changed_at") AS last_at
           FROM "application_stage_history" h JOIN c ON c."id" = h."application_id"
          GROUP BY h."application_id", c."job_id", c.applied_on, h."to_stage")
       SELECT "job_id", applied_on, 'current', "stage", "source", count(*)::int FROM c
        GROUP BY "job_id", applied_on, "stage", "source"
       UNION ALL
       SELECT "job_id", applied_on, 'rejected', coalesce("rejection_reason_id"::text, ''), '', count(*)::int
         FROM c WHERE "stage" = 'rejected' GROUP BY "job_id", applied_on, "rejection_reason_id"
       UNION ALL
       SELECT "job_id", applied_on, 'reached', stage, '', count(*)::int FROM r
        GROUP BY "job_id", applied_on, stage
       UNION ALL
       SELECT f."job_id", f.applied_on, 'converted', f.stage, t.stage, count(*)::int
         FROM r f JOIN r t ON t."application_id" = f."application_id"
                          AND t.stage <> f.stage AND t.last_at >= f.first_at
        GROUP BY f."job_id", f.applied_on, f.stage, t.stage`,
    );
    await queryRunner.query(
      `INSERT INTO "pipeline_counters" ("job_id", "applied_on", "metric", "k1", "k2", "applications")
       SELECT '00000000-0000-0000-0000-000000000000', "applied_on", "metric", "k1", "k2", sum("applications")::int
         FROM "pipeline_counters" GROUP BY "applied_on", "metric", "k1", "k2"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_applications_hired"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stage_history_job_stays"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stage_history_stays"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stage_history_job_applied"`);
    await queryRunner.query(`DROP INDEX "public"."ix_applications_applied_at"`);
    await queryRunner.query(`ALTER TABLE "application_stage_history" DROP COLUMN "days_in_stage"`);
    await queryRunner.query(`ALTER TABLE "application_stage_history" DROP COLUMN "left_at"`);
    await queryRunner.query(`ALTER TABLE "application_stage_history" DROP COLUMN "applied_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pipeline_counter_deltas_job_day"`);
    await queryRunner.query(`DROP INDEX "public"."ix_pipeline_counters_job_metric"`);
    await queryRunner.query(`DROP TABLE "pipeline_counter_deltas"`);
    await queryRunner.query(`DROP TABLE "pipeline_counters"`);
  }
}
