import { Column, Entity, Index, PrimaryColumn, ForeignKey } from 'typeorm';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

export const RETENTION_ACTIONS = ['delete', 'anonymize'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

// How long one category of personal data is kept (Art. 5(1)(e)). Seeded by the migration; a
// NULL `days` means DATA_RETENTION_DEFAULT_DAYS.
@NotPersonalData('Retention settings per data category')
@Entity({ name: 'retention_policies' })
export class RetentionPolicy {
  @PrimaryColumn('uuid')
  id: string;

  @Index('uq_retention_policies_category', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  category: string;

  @Column({ type: 'integer', nullable: true })
  days: number | null;

  @Column({ type: 'varchar', length: 12 })
  action: RetentionAction;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_retention_policies_updated_by', onDelete: 'SET NULL' })
  updatedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
