import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// Append-only, hash-chained, PII-free. A trigger (see the migration) refuses UPDATE and DELETE.
@NotPersonalData(
  'PII-free by construction: ids, action and role names, a keyed pseudonym of the client address, hashes, and metadata that AuditService restricts to ids, codes and numbers',
)
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_actor', ['actorId', 'seq'])
@Index('ix_audit_events_target', ['targetId', 'seq'])
@Index('ix_audit_events_action', ['action', 'seq'])
export class AuditEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Index('uq_audit_events_seq', { unique: true })
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ type: 'varchar', length: 80 })
  action: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  targetType: string | null;

  @Column({ type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  ipHash: string | null;

  @Column({ type: 'jsonb', default: '{}' })
  metadata: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
