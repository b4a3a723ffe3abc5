import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, ForeignKey } from 'typeorm';

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_STATUSES = ['pending', 'processing', 'ready', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

// One data-subject access / portability export (Art. 15/20). The file lives encrypted in storage
// under `storage_key` until it expires; the row stays as the record that it was produced.
@Entity({ name: 'gdpr_exports' })
@Index('ix_gdpr_exports_requested_by', ['requestedBy', 'createdAt'])
@Index('ix_gdpr_exports_subject_user', ['subjectUserId'])
@Index('ix_gdpr_exports_subject_candidate', ['subjectCandidateId'])
@Index('ix_gdpr_exports_expiry', ['expiresAt'], { where: "status = 'ready'" })
export class GdprExport {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_gdpr_exports_requested_by', onDelete: 'SET NULL' })
  requestedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_gdpr_exports_subject_user', onDelete: 'SET NULL' })
  subjectUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Candidate', { name: 'fk_gdpr_exports_subject_candidate', onDelete: 'SET NULL' })
  subjectCandidateId: string | null;

  @Column({ type: 'varchar', length: 4 })
  format: ExportFormat;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: ExportStatus;

  @Column({ type: 'varchar', length: 100, nullable: true })
  storageKey: string | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'integer', default: 0 })
  downloadCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastDownloadedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  // A stable code only (never an exception message, which could quote personal data).
  @Column({ type: 'varchar', length: 60, nullable: true })
  errorCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
