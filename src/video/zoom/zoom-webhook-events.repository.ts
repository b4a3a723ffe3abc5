import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { ZoomWebhookEvent } from '../entities/zoom-webhook-event.entity';

// zoom_webhook_events: one row per distinct delivery; the payload is an @EncryptedColumn value.
@Injectable()
export class ZoomWebhookEventsRepository {
  constructor(
    @InjectRepository(ZoomWebhookEvent) private readonly rows: Repository<ZoomWebhookEvent>,
  ) {}

  // false for a delivery already stored (same dedupe key).
  async insertOnce(manager: EntityManager, event: ZoomWebhookEvent): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ZoomWebhookEvent)
      .values(event)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  build(values: Partial<ZoomWebhookEvent>): ZoomWebhookEvent {
    return this.rows.create(values);
  }

  lock(manager: EntityManager, id: string): Promise<ZoomWebhookEvent | null> {
    return manager
      .getRepository(ZoomWebhookEvent)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id', { id })
      .getOne();
  }

  async markHandled(manager: EntityManager, id: string, applied: boolean): Promise<void> {
    await manager.update(
      ZoomWebhookEvent,
      { id },
      { status: applied ? 'processed' : 'ignored', processedAt: new Date(), lastError: null },
    );
  }

  async recordError(id: string, error: string): Promise<void> {
    await this.rows.update({ id }, { lastError: error });
  }

  // Personal data: the copies of these Zoom meetings' events.
  async deleteForMeetings(manager: EntityManager, externalIds: string[]): Promise<number> {
    return (
      (await manager.delete(ZoomWebhookEvent, { meetingExternalId: In(externalIds) })).affected ?? 0
    );
  }
}
