import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// Every stage change with who made it and why; the source of pipeline analytics. The reason is
// encrypted; everything else is PII-free.
@Entity({ name: 'application_stage_history' })
@Index('ix_stage_history_application', ['applicationId', 'changedAt'])
@Index('ix_stage_history_changed', ['changedAt'])
@Index('ix_stage_history_job_applied', ['jobId', 'appliedAt'])
// Partial, on completed stays, with applied_at included: medians of time in stage come from
// index-only scans, walked to the middle when no dates bound the cohort.
@Index('ix_stage_history_stays', { synchronize: false })
@Index('ix_stage_history_job_stays', { synchronize: false })
export class ApplicationStageHistory {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey('Application', { name: 'fk_stage_history_application', onDelete: 'CASCADE' })
  applicationId: string;

  @Column('uuid')
  jobId: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  @NotPersonalData('A pipeline stage key')
  fromStage: string | null;

  @Column({ type: 'varchar', length: 40 })
  @NotPersonalData('A pipeline stage key')
  toStage: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  @NotPersonalData('An application status from a fixed list')
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 40 })
  @NotPersonalData('An application status from a fixed list')
  toStatus: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  @NotPersonalData('A role name')
  actorRole: string | null;

  // Free text (a stage-change or rejection reason and notes): it may describe the person.
  @EncryptedColumn({ legacy: 'legacyReason' })
  reason: string | null;

  // The plaintext column `reason` replaces, until the backfill (src/gdpr) has emptied it.
  @Column({ name: 'reason', type: 'varchar', length: 500, nullable: true })
  legacyReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  rejectionReasonId: string | null;

  @Column({ type: 'timestamptz' })
  changedAt: Date;

  // The application's applied_at, copied so analytics filters a cohort without a join.
  @Column({ type: 'timestamptz' })
  appliedAt: Date;

  // When the application left to_stage (the next row's changed_at); null while it is still there.
  @Column({ type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  // left_at − changed_at in days, set with left_at.
  @Column({ type: 'double precision', nullable: true })
  daysInStage: number | null;
}
