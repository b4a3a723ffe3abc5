import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const REJECTION_REASON_TYPES = ['we_rejected', 'they_rejected', 'none_specified'] as const;
export type RejectionReasonType = (typeof REJECTION_REASON_TYPES)[number];

// Seeded by the AtsPipeline migration; free-text rejections are filed under this one.
export const OTHER_REJECTION_REASON_ID = '3f871ac7-400b-4ef9-a90a-5c8ea8a824b1';

// Why an application ended: typed so analytics can split "we said no" from "they said no".
@NotPersonalData('The list of rejection reasons staff choose from')
@Entity({ name: 'rejection_reasons' })
@Index('ix_rejection_reasons_created', ['createdAt', 'id'])
export class RejectionReason {
  @PrimaryColumn('uuid')
  id: string;

  @Index('uq_rejection_reasons_name', { unique: true })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: RejectionReasonType;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
