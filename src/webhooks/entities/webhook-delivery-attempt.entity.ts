import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookDelivery } from './webhook-delivery.entity';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

// Every HTTP attempt of a delivery, successful or not, so failures stay visible.
@NotPersonalData('Delivery errors of admin-registered receivers')
@Entity({ name: 'webhook_delivery_attempts' })
@Index('ix_webhook_attempts_delivery', ['deliveryId', 'attemptedAt'])
export class WebhookDeliveryAttempt {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'fk_webhook_attempts_delivery' })
  delivery?: WebhookDelivery;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'timestamptz' })
  attemptedAt: Date;
}
