import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  ForeignKey,
} from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// An admin-registered receiver. The signing secret is stored encrypted and never returned.
@NotPersonalData('Receivers an admin registered, with their signing secrets')
@Entity({ name: 'webhook_endpoints' })
@Index('ix_webhook_endpoints_created', ['createdAt', 'id'])
export class WebhookEndpoint {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'text', array: true, default: '{}' })
  events: string[];

  // The signing secret, needed in plain to sign each delivery.
  @EncryptedColumn({ nullable: false })
  secret: string;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('User', { name: 'fk_webhook_endpoints_created_by', onDelete: 'SET NULL' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
