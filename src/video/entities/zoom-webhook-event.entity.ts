import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { EncryptedColumn } from '../../crypto/encrypted-column';

export const WEBHOOK_EVENT_STATUSES = ['pending', 'processed', 'ignored', 'failed'] as const;
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number];

// A verified Zoom webhook, stored once per distinct delivery (`dedupe_key` = SHA-256 of the raw
// body, which Zoom repeats byte for byte on retries) and processed by the queue. The payload
// (host e-mail, topic, download token) is encrypted.
@Entity({ name: 'zoom_webhook_events' })
@Index('uq_zoom_webhook_events_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_zoom_webhook_events_received', ['receivedAt'])
@Index('ix_zoom_webhook_events_meeting', ['meetingExternalId'])
export class ZoomWebhookEvent {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 60 })
  event: string;

  // payload.object.id: lets an erasure find the events of a person's meetings without decrypting.
  @Column({ type: 'varchar', length: 64, nullable: true })
  meetingExternalId: string | null;

  // The raw body; sealed and opened by EncryptedColumnsSubscriber (AAD zoom_webhook_events.payload.<id>).
  @EncryptedColumn({ nullable: false })
  payload: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: WebhookEventStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
