import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, ForeignKey } from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const REQUEST_KINDS = ['erasure'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_SOURCES = ['api', 'retention'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];
export const REQUEST_STATUSES = ['pending', 'running', 'completed', 'blocked', 'failed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

// A data-subject request (Art. 17 erasure). The subject ids are fixed when it is accepted, so a
// retry after a crash erases the same person even though their contact data is already gone;
// `completed_handlers` is the progress that makes the retry resume instead of start over.
@Entity({ name: 'gdpr_requests' })
@Index('ix_gdpr_requests_requested_by', ['requestedBy', 'createdAt'])
@Index('ix_gdpr_requests_subject_user', ['subjectUserId'])
@Index('ix_gdpr_requests_subject_candidate', ['subjectCandidateId'])
export class GdprRequest {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A value from a fixed list')
  kind: RequestKind;

  @Column({ type: 'varchar', length: 20 })
  @NotPersonalData('A value from a fixed list')
  source: RequestSource;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  @NotPersonalData('A value from a fixed list')
  status: RequestStatus;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_gdpr_requests_requested_by', onDelete: 'SET NULL' })
  requestedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_gdpr_requests_subject_user', onDelete: 'SET NULL' })
  subjectUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('Candidate', { name: 'fk_gdpr_requests_subject_candidate', onDelete: 'SET NULL' })
  subjectCandidateId: string | null;

  // The requester's free text; removed when the erasure completes. Sealed and opened by
  // EncryptedColumnsSubscriber (AAD gdpr_requests.reason.<id>).
  @EncryptedColumn()
  reason: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  @NotPersonalData('Names of personal-data handlers')
  completedHandlers: string[];

  @Column({ type: 'jsonb', default: '{}' })
  @NotPersonalData('Row counts per record type')
  erasedCounts: Record<string, number>;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 60, nullable: true })
  @NotPersonalData('A fixed error code')
  errorCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
