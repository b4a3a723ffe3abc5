import { MigrationInterface, QueryRunner } from 'typeorm';

// Conversion rates now divide `passed` counters (applications that reached a stage or a later
// working stage; src/ats/analytics/pipeline-counters.ts). New stage changes append them as
// deltas; this fills them for the applications that exist, from their history, per job and day
// and for all jobs. A job's working order is its custom pipeline, else the default one.
export class PipelinePassedCounters1796553554234 implements MigrationInterface {
  name = 'PipelinePassedCounters1796553554234';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `WITH c AS (
         SELECT id, job_id, (applied_at AT TIME ZONE 'UTC')::date AS applied_on FROM applications),
       o AS (
         SELECT j.job_id, s.key, s.pos FROM (SELECT DISTINCT job_id FROM c) j
          CROSS JOIN LATERAL (
            SELECT p.key, p.position AS pos FROM pipeline_stages p WHERE p.job_id = j.job_id
            UNION ALL
            SELECT d.key, d.pos::int
              FROM unnest(ARRAY['applied', 'screening', 'interview', 'offer', 'hired'])
                   WITH ORDINALITY AS d(key, pos)
             WHERE NOT EXISTS (SELECT 1 FROM pipeline_stages p WHERE p.job_id = j.job_id)) s),
       top AS (
         SELECT c.id, c.job_id, c.applied_on, max(o.pos) AS pos
           FROM application_stage_history h
           JOIN c ON c.id = h.application_id
           JOIN o ON o.job_id = c.job_id AND o.key = h.to_stage
          GROUP BY c.id, c.job_id, c.applied_on),
       per_job AS (
         SELECT top.job_id, top.applied_on, o.key AS stage, count(*)::int AS n
           FROM top JOIN o ON o.job_id = top.job_id AND o.pos <= top.pos
          GROUP BY top.job_id, top.applied_on, o.key)
       INSERT INTO pipeline_counters (job_id, applied_on, metric, k1, k2, applications)
       SELECT job_id, applied_on, 'passed', stage, '', n FROM per_job
       UNION ALL
       SELECT '00000000-0000-0000-0000-000000000000', applied_on, 'passed', stage, '', sum(n)::int
         FROM per_job GROUP BY applied_on, stage
       ON CONFLICT (job_id, applied_on, metric, k1, k2)
       DO UPDATE SET applications = EXCLUDED.applications`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM pipeline_counters WHERE metric = 'passed'`);
    await queryRunner.query(`DELETE FROM pipeline_counter_deltas WHERE metric = 'passed'`);
  }
}
