import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// Pipeline analytics kept as additive counters per job and per day of application (UTC), plus the
// same counters for all jobs under ALL_JOBS. Stage changes only append deltas (no hot rows);
// `PipelineCounters.compact` folds them in. See src/ats/analytics/pipeline-counters.ts.
@Entity({ name: 'pipeline_counters' })
// (job_id, metric, k1) INCLUDE (applications): a job's current counts per stage, index-only.
@Index('ix_pipeline_counters_job_metric', { synchronize: false })
export class PipelineCounter {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_pipeline_counters' })
  jobId: string;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'pk_pipeline_counters' })
  appliedOn: string;

  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'pk_pipeline_counters' })
  @NotPersonalData('A metric name')
  metric: string;

  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_pipeline_counters' })
  @NotPersonalData('A stage key or a rejection reason id')
  k1: string;

  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_pipeline_counters' })
  k2: string;

  @Column('int')
  applications: number;
}

@Entity({ name: 'pipeline_counter_deltas' })
@Index('ix_pipeline_counter_deltas_job_day', ['jobId', 'appliedOn'])
export class PipelineCounterDelta {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_pipeline_counter_deltas',
  })
  id: string;

  @Column('uuid')
  jobId: string;

  @Column('date')
  appliedOn: string;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A metric name')
  metric: string;

  @Column({ type: 'varchar', length: 100 })
  @NotPersonalData('A stage key or a rejection reason id')
  k1: string;

  @Column({ type: 'varchar', length: 100 })
  k2: string;

  @Column('int')
  delta: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

// How many applications each job holds in each stage right now: the `current` counters summed
// over every day, folded from the same deltas, so a board reads one row per stage instead of one
// per stage, source and day (7k rows on a job with 50k applications).
@NotPersonalData('Counts per job and stage key')
@Entity({ name: 'pipeline_stage_counts' })
export class PipelineStageCount {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_pipeline_stage_counts' })
  jobId: string;

  @PrimaryColumn({
    type: 'varchar',
    length: 100,
    primaryKeyConstraintName: 'pk_pipeline_stage_counts',
  })
  stage: string;

  @Column('int')
  applications: number;
}
