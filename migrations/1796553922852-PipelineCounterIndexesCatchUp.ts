import { MigrationInterface, QueryRunner } from 'typeorm';

// PipelineCounters1795443598885 was edited twice after it landed (1527e1b added INCLUDE
// (applied_at) to the two stay indexes, 3be0a47 added ix_pipeline_counters_job_metric). A database
// that ran an earlier version of it recorded it as done and never got those changes. This brings
// any of its three versions to the current schema, and changes nothing where it is current already.
// Landed migrations are immutable from here on (.ci/check-migrations.mjs).
const STAY_INDEXES = [
  {
    name: 'ix_stage_history_stays',
    columns: '"to_stage", "days_in_stage"',
  },
  {
    name: 'ix_stage_history_job_stays',
    columns: '"job_id", "to_stage", "days_in_stage"',
  },
];

export class PipelineCounterIndexesCatchUp1796553922852 implements MigrationInterface {
  name = 'PipelineCounterIndexesCatchUp1796553922852';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "ix_pipeline_counters_job_metric" ON "pipeline_counters" ("job_id", "metric", "k1") INCLUDE ("applications")`,
    );
    for (const index of STAY_INDEXES) {
      // The first version built these without INCLUDE ("applied_at"): rebuild only those.
      const [current] = (await queryRunner.query(
        `SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1`,
        [index.name],
      )) as { definition: string }[];
      if (current?.definition.includes('INCLUDE (applied_at)')) {
        continue;
      }
      await queryRunner.query(`DROP INDEX IF EXISTS "${index.name}"`);
      await queryRunner.query(
        `CREATE INDEX "${index.name}" ON "application_stage_history" (${index.columns}) INCLUDE ("applied_at") WHERE "days_in_stage" IS NOT NULL`,
      );
    }
  }

  // Nothing to undo: the indexes belong to PipelineCounters1795443598885, whose down() drops them.
  public down(): Promise<void> {
    return Promise.resolve();
  }
}
