import { Column, Entity, Index, PrimaryColumn, ForeignKey } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const RETENTION_TRIGGERS = ['manual', 'schedule'] as const;
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];
export const RETENTION_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type RetentionRunStatus = (typeof RETENTION_RUN_STATUSES)[number];

export interface RetentionReportEntry {
  category: string;
  action: string;
  days: number;
  cutoff: string;
  affected: number;
}

// The stored report of one retention run. A scheduled run is unique per UTC day, so however many
// instances enqueue the daily job, one run (and one report) happens per day.
@NotPersonalData('Retention run reports: counts per data category')
@Entity({ name: 'retention_runs' })
@Index('ix_retention_runs_started', ['startedAt', 'id'])
@Index('uq_retention_runs_scheduled_for', ['scheduledFor'], {
  unique: true,
  where: 'scheduled_for IS NOT NULL',
})
export class RetentionRun {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 10 })
  trigger: RetentionTrigger;

  @Column({ type: 'boolean' })
  dryRun: boolean;

  @Column({ type: 'varchar', length: 10 })
  status: RetentionRunStatus;

  // UTC day of a scheduled run (YYYY-MM-DD); NULL for manual runs.
  @Column({ type: 'date', nullable: true })
  scheduledFor: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_retention_runs_requested_by', onDelete: 'SET NULL' })
  requestedBy: string | null;

  @Column({ type: 'jsonb', default: '[]' })
  report: RetentionReportEntry[];

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
