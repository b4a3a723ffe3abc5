import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export const CONSENT_PURPOSES = [
  'data_processing',
  'ai_evaluation',
  'recording',
  'talent_pool',
  'marketing',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

// Append-only history: each grant or withdrawal is a row; the current state is the latest row
// per purpose.
@Entity({ name: 'consents' })
@Index('ix_consents_candidate_purpose', ['candidateId', 'purpose', 'recordedAt'])
export class Consent {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey('Candidate', { name: 'fk_consents_candidate', onDelete: 'CASCADE' })
  candidateId: string;

  @Column({ type: 'varchar', length: 30 })
  purpose: ConsentPurpose;

  @Column({ type: 'boolean' })
  granted: boolean;

  @Column({ type: 'varchar', length: 40 })
  policyVersion: string;

  @Column({ type: 'varchar', length: 80 })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
